"""Derived figures: activity states, progress and budget use, as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINIMAL_PLAN, PLAN_2017
from ggov_plan.books.derive import ActivityFigures, Overview, Status, overview
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import parse
from ggov_plan.plan.parse import parse_file as load


def plan_with(journal: str) -> Plan:
    """The minimal plan with ``journal`` appended; it must build without a problem."""
    loaded = parse(MINIMAL_PLAN + journal, "plan.toml")
    assert loaded.problems == ()
    assert loaded.plan is not None
    return loaded.plan


def activity(
    ident: str,
    *,
    target: int = 1,
    cost: int = 0,
    source: str | None = "ngan-sach",
    due: str | None = None,
    agency: str | None = None,
) -> str:
    lines = [
        "",
        "[[activity]]",
        f'id = "{ident}"',
        'task = "t1"',
        f'title = "Hoạt động {ident}"',
        f"target = {target}",
        f"cost = {cost}",
    ]
    if source is not None:
        lines.append(f'source = "{source}"')
    if due is not None:
        lines.append(f"due = {due}")
    if agency is not None:
        lines.append(f'agency = "{agency}"')
    return "\n".join(lines) + "\n"


def completion(
    ident: str,
    of: str,
    date: str,
    *,
    quantity: int = 1,
    spent: int = 0,
    source: str | None = None,
) -> str:
    lines = [
        "",
        "[[completion]]",
        f'id = "{ident}"',
        f'activity = "{of}"',
        f"date = {date}",
        f"quantity = {quantity}",
        f"spent = {spent}",
    ]
    if source is not None:
        lines.append(f'source = "{source}"')
    return "\n".join(lines) + "\n"


def cancellation(of: str, date: str) -> str:
    return f'\n[[cancellation]]\nactivity = "{of}"\ndate = {date}\nreason = "Không thực hiện"\n'


def void(of: str) -> str:
    return f'\n[[void]]\ncompletion = "{of}"\nreason = "Ghi nhầm"\n'


def figures(result: Overview, ident: str) -> ActivityFigures:
    (found,) = [a for a in result.activities if a.activity.id == ident]
    return found


def source_row(result: Overview, ident: str) -> tuple[int | None, int, int, int | None]:
    """(amount, allocated, spent, remaining) of one funding source."""
    (row,) = [s for s in result.budget.sources if s.id == ident]
    return row.amount, row.allocated, row.spent, row.remaining


AS_OF = dt.date(2017, 10, 1)


# --------------------------------------------------------------------------- statuses


def test_planned_when_nothing_is_done() -> None:
    result = overview(plan_with(activity("a1", target=2, due="2017-12-01")), AS_OF)
    a1 = figures(result, "a1")
    assert (a1.status, a1.done, a1.spent, a1.completions) == (Status.PLANNED, 0, 0, ())
    assert a1.ratio == 0.0


def test_in_progress_when_part_is_done() -> None:
    plan = plan_with(
        activity("a1", target=2, due="2017-12-01")
        + completion("c1", "a1", "2017-09-20", spent=3_000_000)
    )
    a1 = figures(overview(plan, AS_OF), "a1")
    assert (a1.status, a1.done, a1.spent) == (Status.IN_PROGRESS, 1, 3_000_000)
    assert [c.id for c in a1.completions] == ["c1"]
    assert a1.ratio == 0.5


def test_done_when_the_target_is_reached_even_after_the_due_date() -> None:
    plan = plan_with(
        activity("a1", target=2, due="2017-09-01")
        + completion("c1", "a1", "2017-09-20")
        + completion("c2", "a1", "2017-09-25")
    )
    a1 = figures(overview(plan, AS_OF), "a1")
    assert (a1.status, a1.done) == (Status.DONE, 2)
    assert a1.ratio == 1.0


def test_overdue_after_the_due_date_when_not_done() -> None:
    plan = plan_with(
        activity("a1", target=2, due="2017-09-30") + completion("c1", "a1", "2017-09-20")
    )
    assert figures(overview(plan, dt.date(2017, 9, 30)), "a1").status is Status.IN_PROGRESS
    assert figures(overview(plan, dt.date(2017, 10, 1)), "a1").status is Status.OVERDUE


def test_overdue_with_nothing_done() -> None:
    plan = plan_with(activity("a1", due="2017-09-30"))
    assert figures(overview(plan, dt.date(2017, 9, 30)), "a1").status is Status.PLANNED
    assert figures(overview(plan, dt.date(2017, 10, 1)), "a1").status is Status.OVERDUE


def test_no_due_date_is_never_overdue() -> None:
    plan = plan_with(activity("a1", target=3))
    assert figures(overview(plan, dt.date(2030, 1, 1)), "a1").status is Status.PLANNED


def test_cancelled_from_the_cancellation_date_on() -> None:
    plan = plan_with(
        activity("a1", target=2)
        + completion("c1", "a1", "2017-09-20")
        + cancellation("a1", "2017-10-01")
    )
    assert figures(overview(plan, dt.date(2017, 9, 30)), "a1").status is Status.IN_PROGRESS
    assert figures(overview(plan, dt.date(2017, 10, 1)), "a1").status is Status.CANCELLED


def test_cancelled_beats_done() -> None:
    plan = plan_with(
        activity("a1") + completion("c1", "a1", "2017-09-20") + cancellation("a1", "2017-09-25")
    )
    a1 = figures(overview(plan, AS_OF), "a1")
    assert (a1.status, a1.done) == (Status.CANCELLED, 1)


def test_counts_hold_every_status() -> None:
    plan = plan_with(
        activity("planned", due="2017-12-01")
        + activity("progress", target=2)
        + completion("c1", "progress", "2017-09-01")
        + activity("done")
        + completion("c2", "done", "2017-09-01")
        + activity("late", due="2017-09-01")
        + activity("gone")
        + cancellation("gone", "2017-09-01")
    )
    result = overview(plan, AS_OF)
    assert result.as_of == AS_OF
    assert [(a.activity.id, a.status) for a in result.activities] == [
        ("planned", Status.PLANNED),
        ("progress", Status.IN_PROGRESS),
        ("done", Status.DONE),
        ("late", Status.OVERDUE),
        ("gone", Status.CANCELLED),
    ]
    assert result.counts == {
        Status.PLANNED: 1,
        Status.IN_PROGRESS: 1,
        Status.DONE: 1,
        Status.OVERDUE: 1,
        Status.CANCELLED: 1,
    }


def test_no_activities() -> None:
    result = overview(plan_with(""), AS_OF)
    assert result.activities == ()
    assert result.progress == 0.0
    assert result.counts == dict.fromkeys(Status, 0)
    assert (result.budget.total, result.budget.allocated, result.budget.spent) == (
        200_000_000,
        0,
        0,
    )
    assert result.budget.remaining == 200_000_000


# --------------------------------------------------------------------------- what counts


def test_completions_after_as_of_do_not_count() -> None:
    plan = plan_with(
        activity("a1", target=2)
        + completion("c1", "a1", "2017-09-20", spent=1_000_000)
        + completion("c2", "a1", "2017-10-02", spent=2_000_000)
    )
    a1 = figures(overview(plan, AS_OF), "a1")
    assert (a1.status, a1.done, a1.spent) == (Status.IN_PROGRESS, 1, 1_000_000)
    assert [c.id for c in a1.completions] == ["c1"]
    result = overview(plan, dt.date(2017, 10, 2))
    assert (figures(result, "a1").status, result.budget.spent) == (Status.DONE, 3_000_000)


def test_voided_completions_do_not_count() -> None:
    plan = plan_with(
        activity("a1", target=2)
        + completion("c1", "a1", "2017-09-20", spent=1_000_000)
        + completion("c2", "a1", "2017-09-21", spent=2_000_000)
        + void("c2")
    )
    result = overview(plan, AS_OF)
    a1 = figures(result, "a1")
    assert (a1.status, a1.done, a1.spent) == (Status.IN_PROGRESS, 1, 1_000_000)
    assert result.budget.spent == 1_000_000
    assert source_row(result, "ngan-sach") == (150_000_000, 0, 1_000_000, 149_000_000)


def test_cancelled_activities_are_not_allocated_but_their_spending_counts() -> None:
    plan = plan_with(
        activity("a1", target=2, cost=30_000_000)
        + activity("a2", target=2, cost=20_000_000)
        + completion("c1", "a2", "2017-09-20", spent=4_000_000)
        + cancellation("a2", "2017-09-25")
    )
    result = overview(plan, AS_OF)
    assert figures(result, "a2").status is Status.CANCELLED
    assert result.budget.allocated == 30_000_000
    assert result.budget.spent == 4_000_000
    assert source_row(result, "ngan-sach") == (150_000_000, 30_000_000, 4_000_000, 146_000_000)
    # Only a1 (nothing done) counts towards progress.
    assert result.progress == 0.0


def test_per_source_allocated_spent_and_remaining() -> None:
    plan = plan_with(
        activity("a1", target=4, cost=40_000_000, source="ngan-sach")
        + activity("a2", target=1, cost=10_000_000, source="xa-hoi-hoa")
        + activity("a3", target=1, cost=7_000_000, source=None)
        + completion("c1", "a1", "2017-09-01", spent=5_000_000)
        # A completion may name a source other than its activity's.
        + completion("c2", "a1", "2017-09-02", spent=6_000_000, source="xa-hoi-hoa")
        + completion("c3", "a2", "2017-09-03", spent=9_000_000)
        + completion("c4", "a3", "2017-09-04", spent=1_000_000)
    )
    result = overview(plan, AS_OF)
    assert source_row(result, "ngan-sach") == (150_000_000, 40_000_000, 5_000_000, 145_000_000)
    assert source_row(result, "xa-hoi-hoa") == (50_000_000, 10_000_000, 15_000_000, 35_000_000)
    assert [s.name for s in result.budget.sources] == ["Ngân sách tỉnh", "Nguồn xã hội hóa"]
    budget = result.budget
    assert (budget.total, budget.allocated, budget.spent, budget.remaining) == (
        200_000_000,
        57_000_000,
        21_000_000,
        179_000_000,
    )
    assert (budget.unassigned_allocated, budget.unassigned_spent) == (7_000_000, 1_000_000)


def test_completion_without_source_falls_back_to_the_activitys() -> None:
    plan = plan_with(
        activity("a1", target=2, source="xa-hoi-hoa")
        + completion("c1", "a1", "2017-09-01", spent=5_000_000)
    )
    result = overview(plan, AS_OF)
    assert figures(result, "a1").source == "xa-hoi-hoa"
    assert source_row(result, "xa-hoi-hoa") == (50_000_000, 0, 5_000_000, 45_000_000)
    assert source_row(result, "ngan-sach") == (150_000_000, 0, 0, 150_000_000)
    assert result.budget.unassigned_spent == 0


def test_agency_is_the_activitys_or_else_the_tasks_lead() -> None:
    plan = plan_with(activity("own", agency="dai-ptth") + activity("lead"))
    result = overview(plan, AS_OF)
    assert figures(result, "own").agency == "dai-ptth"
    assert figures(result, "lead").agency == "so-tttt"


# --------------------------------------------------------------------------- progress


def test_progress_is_the_mean_of_capped_ratios() -> None:
    plan = plan_with(
        activity("a1", target=2)
        + completion("c1", "a1", "2017-09-01", quantity=3)  # 3/2, capped at 1
        + activity("a2", target=4)
        + completion("c2", "a2", "2017-09-01")  # 1/4
        + activity("a3", target=10)  # 0
        + activity("a4", target=1)
        + cancellation("a4", "2017-09-01")  # not counted at all
    )
    result = overview(plan, AS_OF)
    assert figures(result, "a1").ratio == 1.0
    assert figures(result, "a2").ratio == 0.25
    assert result.progress == pytest.approx((1.0 + 0.25 + 0.0) / 3)


def test_progress_is_not_a_ratio_of_quantities() -> None:
    plan = plan_with(
        activity("leaflets", target=100)
        + completion("c1", "leaflets", "2017-09-01", quantity=100)
        + activity("programme", target=1)
    )
    assert overview(plan, AS_OF).progress == 0.5


def test_two_of_four_reports_at_five_million_each() -> None:
    plan = plan_with(
        activity("a1", target=4, cost=20_000_000, due="2017-10-31")
        + completion("c1", "a1", "2017-09-20", spent=5_000_000)
        + completion("c2", "a1", "2017-09-27", spent=5_000_000)
    )
    result = overview(plan, AS_OF)
    a1 = figures(result, "a1")
    assert a1.status is Status.IN_PROGRESS
    assert (a1.done, a1.spent) == (2, 10_000_000)
    assert a1.ratio == 0.5
    assert result.progress == 0.5
    assert source_row(result, "ngan-sach") == (150_000_000, 20_000_000, 10_000_000, 140_000_000)


def test_plan_2017_has_no_journal_yet() -> None:
    loaded = load(PLAN_2017)
    assert loaded.plan is not None
    result = overview(loaded.plan, dt.date(2017, 12, 31))
    assert result.activities == ()
    assert result.progress == 0.0
    assert [source_row(result, s) for s in ("ngan-sach-tinh", "xa-hoi-hoa")] == [
        (163_000_000, 0, 0, 163_000_000),
        (50_000_000, 0, 0, 50_000_000),
    ]
    assert result.budget.total == 213_000_000
