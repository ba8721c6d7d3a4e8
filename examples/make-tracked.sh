#!/usr/bin/env bash
# Rebuild examples/plan2017-tracked.toml: the shipped plan plus made-up
# activities and completions, appended through ggov-plan itself.
set -euo pipefail
cd "$(dirname "$0")/.."
out=examples/plan2017-tracked.toml
{
  echo "# ILLUSTRATIVE ONLY: a copy of data/plan2017.toml with made-up activities and"
  echo "# completions appended by ggov-plan, to show tracking. The real plan declares"
  echo "# none; nothing below the declaration happened."
  echo "# Rebuilt by: bash examples/make-tracked.sh"
  echo
  cat data/plan2017.toml
} > "$out"
export GGOV_PLAN_TODAY=2017-12-31
g() { ggov-plan "$@" -p "$out"; }
g activity add --id so-tttt-tv01 --task v1-san-xuat-chuong-trinh \
  --title "Phóng sự truyền hình về dịch vụ công trực tuyến mức độ 3" \
  --channel truyen-hinh --content dich-vu-cong --due 2017-10-31 --target 4 \
  --unit "phóng sự" --cost 20.000.000 --source ngan-sach-tinh >/dev/null
g record so-tttt-tv01 --date 2017-09-20 --spent 5.000.000 --by example \
  --evidence "Phát sóng THTG 20/9/2017" >/dev/null
g record so-tttt-tv01 --date 2017-10-18 --spent 5.000.000 --by example \
  --evidence "Phát sóng THTG 18/10/2017" >/dev/null
g activity add --id bao-ap-bac-cm01 --task v2-chuyen-trang-bao --agency "bao ap bac" \
  --title "Chuyên trang Chính quyền điện tử trên báo in Ấp Bắc" --channel bao-in \
  --content chinh-quyen-dien-tu --due 2017-12-15 --target 2 --unit "chuyên trang" \
  --cost 30.000.000 --source xa-hoi-hoa >/dev/null
g record bao-ap-bac-cm01 --date 2017-11-10 --qty 2 --spent 28.000.000 --by example \
  --evidence "Báo Ấp Bắc số ra ngày 10/11/2017" >/dev/null
g activity add --id so-tttt-th01 --task v1-truong-hoc \
  --title "Buổi tuyên truyền dịch vụ công tại trường THPT" --channel truong-hoc \
  --content dich-vu-cong --due 2018-03-31 --target 3 --unit buổi --cost 9.000.000 \
  --source ngan-sach-tinh >/dev/null
g activity add --id so-tttt-gb01 --task v1-giao-ban-bao-chi \
  --title "Giao ban báo chí quý IV" --channel giao-ban-bao-chi --due 2017-12-20 >/dev/null
g activity cancel so-tttt-gb01 --date 2017-12-01 --reason "Gộp vào giao ban tháng 12" \
  --by example >/dev/null
ggov-plan check "$out"
