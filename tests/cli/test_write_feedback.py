"""Every write says what it did, and warns before it lands (``--strict`` refuses).

The id stays alone on stdout, so that ``id=$(ggov-plan record …)`` captures it;
the line saying what the write did goes to stderr, at a terminal only (cron
mails stderr); the write's warnings go to stderr always.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ggov_plan.cli import writing
from track_helpers import SO_TTTT_ID, add_activity, cli, copy_plan, ok, run_process


@pytest.fixture
def tracked(tmp_path: Path) -> tuple[Path, str]:
    path = copy_plan(tmp_path)
    ident = add_activity(
        path,
        *("--title", "Phóng sự truyền hình", "--target", "4", "--unit", "phóng sự"),
        *("--cost", "20 triệu", "--source", "ngan-sach-tinh"),
    )
    return path, ident


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "telling", lambda: True)


def test_the_id_is_alone_on_stdout_and_a_script_hears_nothing_else(
    tracked: tuple[Path, str],
) -> None:
    path, ident = tracked
    done = run_process(
        "record", ident, "--qty", "3", "--spent", "15 triệu", "--by", "t", "-p", path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [done.stdout.strip()]
    assert done.stdout.startswith(f"{ident}-")
    assert done.stderr == ""


@pytest.mark.usefixtures("at_terminal")
def test_record_says_what_it_did_in_vietnamese(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    result = ok("record", ident, "--qty", "3", "--spent", "15 triệu", "--date", "2017-10-01",
                "--by", "t", "-p", path, "--lang", "vi")  # fmt: skip
    assert result.stdout.count("\n") == 1
    assert result.stderr == (
        f"{ident} Phóng sự truyền hình: 3/4 phóng sự, đã chi 15.000.000 / 20.000.000 đ"
        "; Ngân sách tỉnh còn 148.000.000 đ\n"
    )


@pytest.mark.usefixtures("at_terminal")
def test_every_activity_write_says_what_it_did(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    result = ok("activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "Tọa đàm",
                "--cost", "5 triệu", "-p", path)  # fmt: skip
    ident = result.stdout.strip()
    assert SO_TTTT_ID.fullmatch(ident)
    assert result.stderr == f"{ident} Tọa đàm: 0/1, spent 0 / 5,000,000 VND\n"
    result = ok("activity", "edit", ident, "--target", "2", "--reason", "x", "-p", path)
    assert result.stderr == f"{ident} Tọa đàm: 0/2, spent 0 / 5,000,000 VND\n"
    result = ok("activity", "cancel", ident, "--reason", "x", "-p", path, "--lang", "vi")
    assert result.stderr == f"{ident} Tọa đàm: 0/2, đã chi 0 / 5.000.000 đ — đã hủy\n"
    result = ok("activity", "reopen", ident, "--reason", "x", "-p", path)
    assert result.stderr == f"{ident} Tọa đàm: 0/2, spent 0 / 5,000,000 VND\n"
    done = ok("record", ident, "--qty", "2", "-p", path).stdout.strip()
    result = ok("record", "--void", done, "--reason", "nhầm", "-p", path)
    assert result.stderr == f"{ident} Tọa đàm: 0/2, spent 0 / 5,000,000 VND\n"


@pytest.mark.usefixtures("at_terminal")
def test_a_dry_run_says_what_the_write_would_do(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    before = path.read_bytes()
    result = ok("record", ident, "--qty", "4", "--dry-run", "-p", path)
    assert result.stdout.splitlines()[-1].startswith(f"{ident}-")
    assert result.stderr == (
        f"{ident} Phóng sự truyền hình: 4/4 phóng sự, spent 0 / 20,000,000 VND — done\n"
    )
    assert path.read_bytes() == before


@pytest.mark.usefixtures("at_terminal")
def test_a_write_already_there_says_so_and_nothing_more(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    args = ("activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "A", "--id", "so-a")
    ok(*args, "-p", path)
    result = ok(*args, "-p", path)
    assert result.stdout == "so-a\n"
    assert "so-a" in result.stderr and "0/1" not in result.stderr


# --------------------------------------------------------------------------- warnings


def test_a_record_outside_the_period_warns_and_is_written(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    result = ok("record", ident, "--date", "2017-08-01", "-p", path, "--lang", "vi")
    assert result.stdout.startswith(f"{ident}-")
    # Said once, by the write, not again by the check rule that agrees.
    assert result.stderr == (
        "ggov-plan: cảnh báo: ngày 01/08/2017 nằm ngoài thời gian thực hiện kế hoạch "
        "18/08/2017 – 31/12/2017\n"
    )
    assert result.stdout.strip() in path.read_text(encoding="utf-8")


def test_spending_beyond_cost_and_source_warns(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    result = ok("record", ident, "--spent", "170 triệu", "-p", path)
    assert result.stderr.splitlines() == [
        f"ggov-plan: warning: activity '{ident}' would have spent 170,000,000 VND in all, "
        "150,000,000 VND over its cost of 20,000,000 VND",
        "ggov-plan: warning: source 'Ngân sách tỉnh' has 163,000,000 VND left, "
        "and this spends 170,000,000 VND",
    ]


def test_strict_refuses_a_doubtful_record(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    before = path.read_bytes()
    result = cli("record", ident, "--spent", "25 triệu", "--strict", "-p", path, "--lang", "vi")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"ggov-plan: cảnh báo: hoạt động '{ident}' sẽ chi tổng cộng 25.000.000 đ, "
        "vượt 5.000.000 đ so với kinh phí 20.000.000 đ",
        "ggov-plan: lỗi: từ chối do có --strict: 1 cảnh báo ở trên; chưa ghi gì vào tệp",
        "  gợi ý: kiểm tra lại số liệu, hoặc chạy lại không có --strict để vẫn ghi nhận",
    ]
    assert path.read_bytes() == before


def test_strict_lets_a_sound_record_through(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    result = ok("record", ident, "--spent", "20 triệu", "--strict", "-p", path)
    assert result.stderr == ""


def test_a_new_check_warning_is_told_after_the_write(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    result = ok("activity", "cancel", ident, "--reason", "x", "--date", "2017-08-01", "-p", path)
    (line,) = result.stderr.splitlines()
    assert "warning[outside-period]" in line
    assert line.startswith(f"{path}:")
    # Told once: the next write does not tell it again.
    assert ok("activity", "reopen", ident, "--reason", "x", "-p", path).stderr == ""


def test_strict_refuses_a_write_that_causes_a_check_warning(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    before = path.read_bytes()
    result = cli("activity", "cancel", ident, "--reason", "x", "--date", "2017-08-01",
                 "--strict", "-p", path)  # fmt: skip
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "warning[outside-period]" in lines[0]
    assert (
        lines[1]
        == "ggov-plan: error: refused under --strict: 1 warning(s) above; nothing was written"
    )
    assert path.read_bytes() == before


def test_recording_on_a_cancelled_activity_is_still_refused(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    ok("activity", "cancel", ident, "--reason", "x", "-p", path)
    result = cli("record", ident, "--spent", "99 triệu", "-p", path)
    assert result.exit_code == 2
    assert "cancelled" in result.stderr
    assert "warning" not in result.stderr


@pytest.mark.usefixtures("at_terminal")
def test_measure_says_where_the_indicator_stands(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    result = ok("measure", "dvc-muc-do-3", "700", "--date", "2017-10-01", "-p", path)
    ident = result.stdout.strip()
    (line,) = result.stderr.splitlines()
    assert line.startswith("dvc-muc-do-3 ")
    assert line.endswith(": 700 / 795 dịch vụ — on track"), line
    result = ok("measure", "--void", ident, "--reason", "nhầm", "-p", path, "--lang", "vi")
    assert result.stderr.endswith(": – / 795 dịch vụ — chưa đo\n"), result.stderr
