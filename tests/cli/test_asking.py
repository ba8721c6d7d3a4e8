"""The questions ``record`` and ``activity add`` ask at a terminal, run in-process.

tests/cli/test_pty_ask.py meets them at a real pseudo-terminal; here the
terminal is pretended (``interactive`` patched) and the answers typed through
CliRunner's stdin, so that every branch is exercised quickly and measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ggov_plan.cli import app, track, writing
from track_helpers import ENV, TODAY, add_activity, copy_plan


@pytest.fixture(autouse=True)
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(track, "_interactive", lambda: True)
    monkeypatch.setattr(writing, "interactive", lambda: True)


def typed(answers: list[str], *args: object, lang: str = "en", today: str = TODAY) -> Result:
    return CliRunner().invoke(
        app,
        [str(a) for a in args],
        input="".join(f"{answer}\n" for answer in answers),
        env={**ENV, "GGOV_PLAN_LANG": lang, "GGOV_PLAN_TODAY": today},
    )


@pytest.fixture
def plan(tmp_path: Path) -> tuple[Path, str]:
    path = copy_plan(tmp_path)
    ident = add_activity(
        path,
        *("--title", "Phóng sự truyền hình", "--target", "4", "--unit", "phóng sự"),
        *("--cost", "20 triệu", "--source", "ngan-sach-tinh", "--due", "2017-11-30"),
    )
    return path, ident


def _last_completion(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("[[completion]]")[-1]


def test_record_asks_every_missing_value(plan: tuple[Path, str]) -> None:
    path, ident = plan
    answers = ["truyen hinh", "01/10/2017", "3", "15 triệu", "THTG", "ghi chú", ""]
    result = typed(answers, "record", "--by", "t", "-p", path, lang="vi")
    assert result.exit_code == 0, result.output
    assert "Số lượng đã làm (còn 4/4 phóng sự) [1]:" in result.stdout
    assert "(kinh phí còn 20.000.000 đ; Ngân sách tỉnh còn 163.000.000 đ) [0]:" in result.stdout
    assert "Đã chi:     15.000.000 đ" in result.stdout
    assert "Nguồn kinh phí" not in result.stdout  # the activity's: not said again
    block = _last_completion(path)
    assert "quantity = 3" in block and "spent = 15000000" in block
    assert 'evidence = "THTG"' in block and 'note = "ghi chú"' in block
    assert result.stdout.splitlines()[-1].startswith(f"{ident}-")


def test_record_shows_a_source_given_and_an_activity_without_cost(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    ident = add_activity(path, "--title", "Tọa đàm", "--due", "2017-11-30", "--target", "1",
                         "--unit", "buổi", "--cost", "0", "--source", "ngan-sach-tinh")  # fmt: skip
    answers = ["2017-10-01", "", "", "", "", "y"]
    result = typed(answers, "record", ident, "--source", "xa-hoi-hoa", "-p", path)
    assert result.exit_code == 0, result.output
    assert "Money spent, đồng (no cost planned; Nguồn xã hội hóa: 50,000,000 VND left)" in (
        result.stdout
    )
    assert "Source:   Nguồn xã hội hóa" in result.stdout
    assert "Evidence: none" in result.stdout


def test_bad_answers_are_asked_again(plan: tuple[Path, str]) -> None:
    path, _ = plan
    answers = ["nothing like it", "   ", "1", "32/13/2017", "", "0", "", "lots", "", "", "", "n"]
    result = typed(answers, "record", "-p", path)
    assert result.exit_code == 0, result.output
    assert "nothing like it" in result.stdout
    assert "choose 1–1" in result.stdout
    assert "--date" in result.stdout and "--qty" in result.stdout and "--spent" in result.stdout
    assert "nothing written" in result.stderr
    assert "[[completion]]" not in path.read_text(encoding="utf-8")


def test_no_to_write_writes_nothing(plan: tuple[Path, str]) -> None:
    path, ident = plan
    before = path.read_bytes()
    result = typed(["", "", "", "", "", "maybe", "không"], "record", ident, "-p", path, lang="vi")
    assert result.exit_code == 0, result.output
    assert "trả lời y hoặc c (có), n hoặc k (không)" in result.stdout
    assert result.stderr == "ggov-plan: không ghi gì vào kế hoạch\n"
    assert path.read_bytes() == before


def test_a_dry_run_asks_but_does_not_confirm(plan: tuple[Path, str]) -> None:
    path, ident = plan
    result = typed(["", "", "", "", ""], "record", ident, "--dry-run", "-p", path)
    assert result.exit_code == 0, result.output
    assert "Write?" not in result.stdout
    assert "(dry run: nothing was written)" in result.stdout


def test_everything_given_asks_nothing(plan: tuple[Path, str]) -> None:
    path, ident = plan
    args = ("--qty", "1", "--spent", "0", "--date", "2017-10-01", "--evidence", "x", "--note", "y")
    result = typed([], "record", ident, *args, "-p", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [result.stdout.strip()]


def test_activity_add_asks_every_missing_value(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    answers = ["san xuat", "v1-san-xuat", "  ", "Tọa đàm", "30/11/2017", "2", "buổi"]
    answers += ["1,5 triệu", "xa hoi", "c"]
    result = typed(answers, "activity", "add", "-p", path, lang="vi")
    assert result.exit_code == 0, result.output
    assert "Nguồn kinh phí: ngan-sach-tinh, xa-hoi-hoa (để trống: không có):" in result.stdout
    assert "Nhiệm vụ:       v1-san-xuat-chuong-trinh" in result.stdout
    assert "Nguồn kinh phí: Nguồn xã hội hóa" in result.stdout
    text = path.read_text(encoding="utf-8").split("[[activity]]")[-1]
    assert 'title = "Tọa đàm"' in text and "due = 2017-11-30" in text
    assert "target = 2" in text and 'unit = "buổi"' in text
    assert "cost = 1500000" in text and 'source = "xa-hoi-hoa"' in text


def test_activity_add_defaults_and_no(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    before = path.read_bytes()
    answers = ["", "", "", "", "", "n"]
    result = typed(answers, "activity", "add", "--task", "v1-truong-hoc", "--title", "Tờ rơi",
                   "-p", path)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Due:    none" in result.stdout and "Source: none" in result.stdout
    assert "Target: 1" in result.stdout and "Cost:   0 VND" in result.stdout
    assert path.read_bytes() == before


def test_activity_add_with_every_option_asks_nothing(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    result = typed([], "activity", "add", "--task", "v1-truong-hoc", "--title", "Tờ rơi",
                   "--due", "2017-11-30", "--target", "1", "--unit", "đợt", "--cost", "0",
                   "--source", "xa-hoi-hoa", "-p", path)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Write?" not in result.stdout


def test_the_date_defaults_to_the_plans_end_once_it_is_past(plan: tuple[Path, str]) -> None:
    path, ident = plan
    result = typed(["", "", "", "", "", "y"], "record", ident, "-p", path, today="2018-02-01")
    assert result.exit_code == 0, result.output
    assert "Date done [2017-12-31]:" in result.stdout
    assert "date = 2017-12-31" in _last_completion(path)


def test_a_write_about_no_activity_says_nothing_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_plan(tmp_path)
    monkeypatch.setattr(writing, "telling", lambda: True)
    result = typed([], "note", "--kind", "ket-qua", "Đã tổ chức 3 hội nghị.", "-p", path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
