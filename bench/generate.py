"""Write a synthetic plan of a chosen size, in the real file format.

    python bench/generate.py N OUT.toml

N sets the size: N/10 agencies and tasks, N activities and N completions,
Vietnamese text throughout, on top of a copy of the shipped plan's header
and budget. The output passes `ggov-plan check` (tests/test_bench.py checks
that), so timings are of the work a real plan needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TOPICS = ("chinh-quyen-dien-tu", "dich-vu-cong")
_CHANNELS = ("phat-thanh", "truyen-hinh", "bao-dien-tu")


def plan_text(n: int) -> str:
    agencies = max(1, n // 10)
    per_activity = 1_000  # đồng; keeps allocation within the sources
    total = n * per_activity * 2
    out = [
        "# Synthetic plan for benchmarks (bench/generate.py); not a real plan.",
        "format = 1",
        "",
        "[plan]",
        'kind = "Kế hoạch"',
        f'number = "{n}/KH-BENCH"',
        'title = "Kế hoạch tuyên truyền tổng hợp để đo hiệu năng"',
        'issuer = "ubnd"',
        'place = "Tiền Giang"',
        "issued = 2017-01-02",
        "start = 2017-01-02",
        "end = 2017-12-31",
        'lead_agency = "a0"',
        'reports_to = "ubnd"',
        "",
        "[[agency]]",
        'id = "ubnd"',
        'name = "Ủy ban nhân dân tỉnh"',
    ]
    for topic in _TOPICS:
        out += ["", "[[content]]", f'id = "{topic}"', f'name = "Nội dung {topic}"']
    for channel in _CHANNELS:
        out += ["", "[[channel]]", f'id = "{channel}"', f'name = "Kênh {channel}"']
    for a in range(agencies):
        out += [
            "",
            "[[agency]]",
            f'id = "a{a}"',
            f'name = "Sở Thông tin và Truyền thông số {a}"',
            f'short = "Sở TT&TT {a}"',
            'parent = "ubnd"',
            "",
            "[[task]]",
            f'id = "t{a}"',
            f'agency = "a{a}"',
            'partners = ["ubnd"]',
            f'channels = ["{_CHANNELS[a % 3]}"]',
            f'contents = ["{_TOPICS[a % 2]}"]',
            f'text = "Phối hợp tuyên truyền về dịch vụ công trực tuyến, đợt {a}."',
        ]
    out += [
        "",
        "[budget]",
        f"total = {total}",
        "",
        "[[budget.source]]",
        'id = "ngan-sach"',
        'name = "Ngân sách tỉnh"',
        f"amount = {total // 2}",
        "",
        "[[budget.source]]",
        'id = "xa-hoi-hoa"',
        'name = "Nguồn xã hội hóa"',
        f"amount = {total - total // 2}",
    ]
    for i in range(n):
        a = i % agencies
        month = 1 + i % 12
        out += [
            "",
            "[[activity]]",
            f'id = "a{a}-{i:x}"',
            f'task = "t{a}"',
            f'title = "Chương trình truyền hình về chính quyền điện tử số {i}"',
            f'channel = "{_CHANNELS[i % 3]}"',
            f'contents = ["{_TOPICS[i % 2]}"]',
            f"due = 2017-{month:02d}-28",
            "target = 2",
            'unit = "chương trình"',
            f"cost = {per_activity}",
            f'source = "{"ngan-sach" if i % 2 else "xa-hoi-hoa"}"',
            "created = 2017-01-02",
            "",
            "[[completion]]",
            f'id = "a{a}-{i:x}-c1"',
            f'activity = "a{a}-{i:x}"',
            f"date = 2017-{month:02d}-15",
            "quantity = 1",
            f"spent = {per_activity // 2}",
            f'evidence = "https://example.org/bai-viet/{i}"',
            'note = "Đã phát sóng, có biên bản nghiệm thu."',
            'recorded_by = "can-bo"',
            f"recorded_at = 2017-{month:02d}-16T08:00:00+07:00",
        ]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    Path(argv[1]).write_text(plan_text(int(argv[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
