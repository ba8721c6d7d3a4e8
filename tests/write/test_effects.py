"""What a write does to the figures, and what it risks (ggov_plan.write.effects), on the core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ggov_plan.plan import open_valid
from ggov_plan.plan.model import Plan
from ggov_plan.problems import Problem, Severity
from ggov_plan.write import changes, effects
from track_helpers import add_activity, copy_plan, ok, record

TODAY = dt.date(2017, 12, 31)


def _plan(path: Path) -> Plan:
    return open_valid(path, today=TODAY, cache=False).plan


@pytest.fixture
def tracked(tmp_path: Path) -> tuple[Path, str]:
    path = copy_plan(tmp_path)
    ident = add_activity(
        path,
        *("--title", "Phóng sự truyền hình", "--target", "4", "--unit", "phóng sự"),
        *("--cost", "20 triệu", "--source", "ngan-sach-tinh", "--due", "2017-12-15"),
    )
    return path, ident


def _change(ident: str) -> changes.Change:
    return changes.Change(ident, [])


# --------------------------------------------------------------------------- summary


def test_the_summary_of_a_record_names_the_activity_and_its_figures(
    tracked: tuple[Path, str],
) -> None:
    path, ident = tracked
    record(path, ident, "--qty", "3", "--spent", "15000000", "--date", "2017-10-01")
    request = changes.NewCompletion(activity=ident, quantity=3, spent=15_000_000)
    line = effects.summary(_plan(path), request, _change(f"{ident}-x"), TODAY)
    assert line is not None
    assert line.text("vi") == (
        f"{ident} Phóng sự truyền hình: 3/4 phóng sự, đã chi 15.000.000 / 20.000.000 đ"
        "; Ngân sách tỉnh còn 148.000.000 đ — quá hạn"
    )
    assert line.text("en") == (
        f"{ident} Phóng sự truyền hình: 3/4 phóng sự, spent 15,000,000 / 20,000,000 VND"
        "; Ngân sách tỉnh: 148,000,000 VND left — overdue"
    )


def test_a_new_activity_is_summed_up_from_its_id(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    ident = add_activity(path, "--title", "Hội nghị báo chí")
    request = changes.NewActivity(task="v1-san-xuat-chuong-trinh", title="Hội nghị báo chí")
    line = effects.summary(_plan(path), request, _change(ident), TODAY)
    assert line is not None
    # No cost and nothing spent: no money to speak of.
    assert line.text("vi") == f"{ident} Hội nghị báo chí: 0/1"


def test_a_long_title_is_cut_to_one_line(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    title = "Phóng sự " + "rất dài " * 20
    ident = add_activity(path, "--title", title)
    request = changes.NewActivity(task="v1-san-xuat-chuong-trinh", title=title)
    line = effects.summary(_plan(path), request, _change(ident), TODAY)
    assert line is not None
    shown = line.text("en").split(": ")[0].removeprefix(f"{ident} ")
    assert len(shown) == effects.TITLE_ROOM
    assert shown.endswith("…")


def test_cancel_void_and_amend_are_summed_up_on_their_activity(
    tracked: tuple[Path, str],
) -> None:
    path, ident = tracked
    done = record(path, ident, "--qty", "4", "--date", "2017-10-01")
    plan = _plan(path)
    line = effects.summary(
        plan, changes.VoidCompletion(completion=done, reason="x"), _change(""), TODAY
    )
    assert line is not None and line.text("en").endswith(
        "4/4 phóng sự, spent 0 / 20,000,000 VND — done"
    )
    ok("activity", "cancel", ident, "--reason", "gộp", "--by", "t", "-p", path)
    plan = _plan(path)
    cancel = changes.CancelActivity(activity=ident, reason="gộp")
    line = effects.summary(plan, cancel, _change(""), TODAY)
    assert line is not None and line.text("vi").endswith(" — đã hủy")
    reopen = changes.ReopenActivity(activity=ident, reason="x")
    assert effects.summary(plan, reopen, _change(""), TODAY) is not None
    # An amendment dated after today is counted in its own summary.
    ok("activity", "reopen", ident, "--reason", "nhầm", "--by", "t", "-p", path)
    ok("activity", "edit", ident, "--target", "8", "--reason", "thêm", "--date", "2017-12-31",
       "--by", "t", "-p", path)  # fmt: skip
    amend = changes.AmendActivity(activity=ident, reason="thêm", target=8)
    line = effects.summary(_plan(path), amend, _change(""), TODAY)
    assert line is not None and "4/8 phóng sự" in line.text("en")


def test_writes_about_no_activity_have_no_summary(tracked: tuple[Path, str]) -> None:
    path, _ = tracked
    plan = _plan(path)
    note = changes.NewNote(kind="ket-qua", text="x")
    assert effects.summary(plan, note, _change("n"), TODAY) is None
    # A completion that is not in the plan (the change refused it): nothing to say.
    void = changes.VoidCompletion(completion="nowhere", reason="x")
    assert effects.summary(plan, void, _change(""), TODAY) is None
    gone = changes.NewCompletion(activity="nowhere")
    assert effects.summary(plan, gone, _change(""), TODAY) is None


# --------------------------------------------------------------------------- risks


def _codes(found: tuple[effects.Risk, ...]) -> list[str]:
    return [risk.code for risk in found]


def test_a_plain_record_risks_nothing(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    plan = _plan(path)
    assert effects.risks(plan, changes.NewCompletion(activity=ident), TODAY) == ()
    request = changes.NewCompletion(activity=ident, spent=20_000_000, date=TODAY)
    assert effects.risks(plan, request, TODAY) == ()
    note = changes.NewNote(kind="ket-qua", text="x")
    assert effects.risks(plan, note, TODAY) == ()


def test_a_date_outside_the_plan_period_is_a_risk(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    request = changes.NewCompletion(activity=ident, date=dt.date(2017, 8, 1))
    (risk,) = effects.risks(_plan(path), request, TODAY)
    assert risk.code == "outside-period"
    assert risk.message.text("vi") == (
        "ngày 01/08/2017 nằm ngoài thời gian thực hiện kế hoạch 18/08/2017 – 31/12/2017"
    )


def test_spending_beyond_the_activity_cost_is_a_risk(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    record(path, ident, "--spent", "15 triệu", "--date", "2017-10-01")
    request = changes.NewCompletion(activity=ident, spent=9_000_000)
    (risk,) = effects.risks(_plan(path), request, TODAY)
    assert risk.code == "over-cost"
    assert risk.message.text("en") == (
        f"activity '{ident}' would have spent 24,000,000 VND in all, "
        "4,000,000 VND over its cost of 20,000,000 VND"
    )


def test_the_amended_cost_is_the_one_judged(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    ok("activity", "edit", ident, "--cost", "30 triệu", "--reason", "x", "--date", "2017-10-01",
       "--by", "t", "-p", path)  # fmt: skip
    request = changes.NewCompletion(activity=ident, spent=25_000_000)
    assert effects.risks(_plan(path), request, TODAY) == ()


def test_spending_beyond_the_source_remainder_is_a_risk(tracked: tuple[Path, str]) -> None:
    path, ident = tracked
    request = changes.NewCompletion(activity=ident, spent=170_000_000)
    assert _codes(effects.risks(_plan(path), request, TODAY)) == ["over-cost", "over-spent"]
    # Another source, named on the record: its own remainder.
    other = changes.NewCompletion(activity=ident, spent=60_000_000, source="xa-hoi-hoa")
    found = effects.risks(_plan(path), other, TODAY)
    assert _codes(found) == ["over-cost", "over-spent"]
    assert found[1].message.text("vi") == (
        "nguồn kinh phí 'Nguồn xã hội hóa' chỉ còn 50.000.000 đ, khoản chi này là 60.000.000 đ"
    )


# --------------------------------------------------------------------------- new warnings


def _warning(code: str, path: str, line: int | None, accepted: str = "") -> Problem:
    return Problem(
        Severity.WARNING, code, "w", "plan.toml", line=line, path=path, accepted=accepted
    )


def test_new_warnings_are_matched_by_code_and_place() -> None:
    old = _warning("over-spent", "completion[0]", 400)
    same_place = _warning("over-spent", "completion[0]", 400)
    new = _warning("outside-period", "cancellation[0]", 500)
    accepted = _warning("outside-period", "completion[1]", 510, accepted="known")
    assert effects.new_warnings([old], [same_place, new, accepted]) == [new]


# --------------------------------------------------------------------------- indicators


def test_a_measurement_is_summed_up_on_its_indicator(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    ok("measure", "dvc-muc-do-3", "795", "--date", "2017-12-15", "--id", "so-m1", "-p", path)
    plan = _plan(path)
    measured = changes.NewMeasurement(indicator="dvc-muc-do-3", value=795)
    line = effects.summary(plan, measured, _change("so-m1"), TODAY)
    assert line is not None
    assert line.text("vi").endswith(": 795 / 795 dịch vụ — đạt")
    void = changes.VoidMeasurement(measurement="so-m1", reason="x")
    assert effects.summary(plan, void, _change(""), TODAY) is not None
    # Records that are not in the plan (a refused write): nothing to say.
    gone = changes.VoidMeasurement(measurement="nowhere", reason="x")
    assert effects.summary(plan, gone, _change(""), TODAY) is None
    unknown = changes.NewMeasurement(indicator="nowhere", value=1)
    assert effects.summary(plan, unknown, _change(""), TODAY) is None


def test_a_percentage_keeps_its_decimals_in_each_language() -> None:
    assert effects._measure(80.5).text("vi") == "80,5"
    assert effects._measure(80.5).text("en") == "80.5"
    assert effects._measure(1500).text("vi") == "1.500"
