"""``ggov-plan note``: results, difficulties and proposals appended for the report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ggov_plan.plan import front
from track_helpers import cli, copy_plan, last_line, ok


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(tmp_path)


def notes(plan: Path) -> list[tuple[str, str, str, str]]:
    checked = front.open_valid(plan, today=dt.date(2017, 12, 31), cache=False)
    return [(n.id, n.kind, n.date.isoformat(), n.text) for n in checked.plan.notes]


@pytest.mark.parametrize(
    ("typed", "kind"), [("kho-khan", "kho-khan"), ("kết-quả", "ket-qua"), ("proposal", "de-xuat")]
)
def test_note_appends_one_note_of_the_kind(plan: Path, typed: str, kind: str) -> None:
    result = ok("note", "--kind", typed, "Thiếu kinh phí", "--date", "2017-11-30", "-p", plan)
    ident = last_line(result)
    assert re.fullmatch(r"so-tttt-n-[23456789a-z]{4}", ident)
    assert notes(plan) == [(ident, kind, "2017-11-30", "Thiếu kinh phí")]


def test_note_defaults_to_today_and_takes_an_id(plan: Path) -> None:
    ok("note", "-k", "ket-qua", "Đã xong", "--id", "kq-1", "--by", "Lan", "-p", plan)
    assert notes(plan) == [("kq-1", "ket-qua", "2017-12-31", "Đã xong")]
    assert 'recorded_by = "Lan"' in plan.read_text(encoding="utf-8")


def test_note_dry_run_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    result = ok("note", "-k", "de-xuat", "Đề nghị", "--dry-run", "-p", plan)
    assert "[[note]]" in result.stdout and 'kind = "de-xuat"' in result.stdout
    assert plan.read_bytes() == before


@pytest.mark.parametrize("args", [["-k", "van-de", "x"], ["-k", "ket-qua", "  "]])
def test_note_refuses_bad_input_and_leaves_the_file(plan: Path, args: list[str]) -> None:
    before = plan.read_bytes()
    result = cli("note", *args, "-p", plan)
    assert result.exit_code == 2
    assert plan.read_bytes() == before
    if args[1] == "van-de":
        assert "'van-de'" in result.stderr
        assert "ket-qua" in result.stderr and "kho-khan" in result.stderr
        assert "de-xuat" in result.stderr
