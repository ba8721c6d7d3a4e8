"""Corrections: activity edit (amendments), activity reopen, and no work on a cancelled activity."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ggov_plan.books.derive import overview
from ggov_plan.books.ledger import Ledger
from ggov_plan.plan.parse import parse_file as load
from track_helpers import cli, copy_plan

TASK = "v1-san-xuat-chuong-trinh"


def _activity(plan: Path, *extra: str) -> str:
    added = cli("activity", "add", "--task", TASK, "--title", "Phóng sự", "--target", "4",
                "--cost", "20000000", "--source", "ngan-sach-tinh", "--due", "2017-10-31",
                *extra, "-p", plan)  # fmt: skip
    assert added.exit_code == 0, added.stderr
    return added.stdout.split()[-1]


def test_an_amendment_changes_the_figures_from_its_date_and_keeps_the_first_values(
    tmp_path: Path,
) -> None:
    plan = copy_plan(tmp_path)
    ident = _activity(plan)
    before = plan.read_text(encoding="utf-8")
    edited = cli(
        "activity", "edit", ident, "--due", "2017-12-15", "--target", "6", "--cost", "25 triệu",
        "--date", "2017-11-01", "--reason", "Gia hạn", "-p", plan,
    )  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    text = plan.read_text(encoding="utf-8")
    assert text.startswith(before)  # appended, the activity's own lines untouched
    assert "[[amendment]]" in text and 'reason = "Gia hạn"' in text
    loaded = load(plan).plan
    assert loaded is not None
    (first,) = [a for a in Ledger.of(loaded, dt.date(2017, 10, 31)).activities if a.id == ident]
    (later,) = [a for a in Ledger.of(loaded, dt.date(2017, 12, 1)).activities if a.id == ident]
    assert (first.target, first.cost, first.due) == (4, 20_000_000, dt.date(2017, 10, 31))
    assert (later.target, later.cost, later.due) == (6, 25_000_000, dt.date(2017, 12, 15))
    # Overdue on 1/12 by the first due date, not by the corrected one.
    figures = {f.activity.id: f for f in overview(loaded, dt.date(2017, 12, 1)).activities}
    assert figures[ident].status.value == "planned"
    status = json.loads(cli("activity", "show", ident, "--json", "-p", plan).stdout)
    assert status["activity"]["target"] == 6


def test_an_edit_with_nothing_to_change_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = _activity(plan)
    before = plan.read_bytes()
    result = cli("activity", "edit", ident, "--reason", "x", "-p", plan)
    assert result.exit_code == 2
    assert "nothing to change" in result.stderr
    assert plan.read_bytes() == before


def test_work_cannot_be_recorded_on_a_cancelled_activity_until_it_is_reopened(
    tmp_path: Path,
) -> None:
    plan = copy_plan(tmp_path)
    ident = _activity(plan)
    assert cli("activity", "cancel", ident, "--reason", "Gộp", "-p", plan).exit_code == 0
    before = plan.read_bytes()
    refused = cli("record", ident, "--date", "2017-11-02", "-p", plan)
    assert refused.exit_code == 2
    assert "is cancelled" in refused.stderr and "activity reopen" in refused.stderr
    assert plan.read_bytes() == before
    reopened = cli("activity", "reopen", ident, "--reason", "Hủy nhầm", "-p", plan)
    assert reopened.exit_code == 0, reopened.stderr
    assert "cancellation = " in plan.read_text(encoding="utf-8")
    assert cli("record", ident, "--date", "2017-11-02", "-p", plan).exit_code == 0
    shown = json.loads(cli("activity", "show", ident, "--json", "-p", plan).stdout)
    assert shown["activity"]["status"] != "cancelled"
    assert cli("check", "-p", plan).exit_code == 0


def test_reopening_an_activity_that_is_not_cancelled_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = _activity(plan)
    before = plan.read_bytes()
    result = cli("activity", "reopen", ident, "--reason", "x", "-p", plan)
    assert result.exit_code == 2 and "not cancelled" in result.stderr
    assert plan.read_bytes() == before
