"""What a status report says, worked out once for every output format.

:func:`build` gathers, for one plan and one as-of date, everything the
``report`` command prints: the header, overall progress and budget, the
breakdowns by agency, channel and content, overdue activities, what was
completed since a date, the problems ``check`` reports, and the series of the
progress chart. It is pure: the same plan and dates give the same report, so
the renderers can be byte-for-byte deterministic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ggov_plan.books.derive import (
    ActivityFigures,
    BudgetRow,
    Overview,
    ProgressRow,
    Status,
    budget_rows,
    in_name_order,
    overview,
    progress_rows,
)
from ggov_plan.plan.model import Completion, Plan
from ggov_plan.problems import Problem

BREAKDOWNS = ("agency", "channel", "content")


@dataclass(frozen=True, slots=True)
class Completed:
    """A completion counted in the report's "since" window, with its activity."""

    completion: Completion
    activity: ActivityFigures


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """Cumulative progress (0–1) and spending (đồng) at the end of a day."""

    day: dt.date
    progress: float
    spent: int


@dataclass(frozen=True, slots=True)
class Report:
    plan: Plan
    as_of: dt.date
    since: dt.date
    overview: Overview
    quantity_done: int
    quantity_target: int
    sources: list[BudgetRow]
    breakdowns: dict[str, list[ProgressRow]]
    budget_breakdowns: dict[str, list[BudgetRow]]
    overdue: list[ActivityFigures]
    completed: list[Completed]
    problems: list[Problem]
    chart: list[ChartPoint]

    def label(self, kind: str, key: str) -> str:
        """The display name of an agency, channel or content id ("" → "(none)")."""
        if not key:
            return "(none)"
        attribute = {
            "agency": "agencies",
            "channel": "channels",
            "content": "contents",
            "task": "tasks",
            "source": "sources",
        }[kind]
        for record in getattr(self.plan, attribute):
            if record.id == key:
                name = getattr(record, "short", None) or getattr(record, "name", None)
                return name or key
        return key


def default_since(as_of: dt.date) -> dt.date:
    """The first day of the month before ``as_of``.

    In January of year 1 there is no month before: the first day of that
    January, the first day the calendar has.
    """
    first = as_of.replace(day=1)
    if first == dt.date.min:
        return first
    return (first - dt.timedelta(days=1)).replace(day=1)


def progress_series(plan: Plan, as_of: dt.date) -> list[ChartPoint]:
    """Overall progress and cumulative spending after each day something happened.

    Progress is the same measure as everywhere else (the mean over live
    activities of min(done / target, 1)), kept up to date event by event, so
    the whole series costs one pass over the records instead of one overview
    per day.
    """
    voided = {void.completion for void in plan.voids}
    targets = {a.id: a.target for a in plan.activities}
    events: dict[dt.date, list[tuple[str, str, int, int]]] = {}
    for completion in plan.completions:
        if completion.id in voided or completion.date > as_of:
            continue
        if completion.activity in targets:
            events.setdefault(completion.date, []).append(
                ("done", completion.activity, completion.quantity, completion.spent)
            )
    for cancellation in plan.cancellations:
        if cancellation.date <= as_of and cancellation.activity in targets:
            events.setdefault(cancellation.date, []).append(("cancel", cancellation.activity, 0, 0))
    done = dict.fromkeys(targets, 0)
    live = set(targets)
    ratio_sum = 0.0
    spent = 0

    def ratio(activity: str) -> float:
        target = targets[activity]
        return min(done[activity] / target, 1.0) if target > 0 else 0.0

    points = []
    for day in sorted(events):
        for kind, activity, quantity, money in events[day]:
            spent += money
            if kind == "cancel":
                if activity in live:
                    live.discard(activity)
                    ratio_sum -= ratio(activity)
                continue
            if activity in live:
                ratio_sum -= ratio(activity)
                done[activity] += quantity
                ratio_sum += ratio(activity)
            else:
                done[activity] += quantity
        progress = ratio_sum / len(live) if live else 0.0
        points.append(ChartPoint(day, max(0.0, min(progress, 1.0)), spent))
    return points


def build(plan: Plan, as_of: dt.date, since: dt.date | None, warnings: list[Problem]) -> Report:
    figures = overview(plan, as_of)
    start = since or default_since(as_of)
    live = [a for a in figures.activities if a.status is not Status.CANCELLED]
    by_id = {a.activity.id: a for a in figures.activities}
    voided = {void.completion for void in plan.voids}
    completed = [
        Completed(c, by_id[c.activity])
        for c in sorted(plan.completions, key=lambda c: (c.date, c.id))
        if c.id not in voided and start <= c.date <= as_of and c.activity in by_id
    ]
    return Report(
        plan=plan,
        as_of=as_of,
        since=start,
        overview=figures,
        quantity_done=sum(min(a.done, a.activity.target) for a in live),
        quantity_target=sum(a.activity.target for a in live),
        sources=budget_rows(plan, figures, "source"),
        breakdowns={
            by: in_name_order(plan, by, progress_rows(figures.activities, by)) for by in BREAKDOWNS
        },
        budget_breakdowns={
            by: in_name_order(plan, by, budget_rows(plan, figures, by))
            for by in ("agency", "channel")
        },
        overdue=[a for a in figures.activities if a.status is Status.OVERDUE],
        completed=completed,
        problems=warnings,
        chart=progress_series(plan, as_of),
    )
