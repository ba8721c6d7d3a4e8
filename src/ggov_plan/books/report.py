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
    ProgressTally,
    Status,
    budget_rows,
    in_name_order,
    overview,
    progress_rows,
    share,
)
from ggov_plan.books.indicators import IndicatorFigures, indicator_figures
from ggov_plan.books.ledger import Ledger
from ggov_plan.plan.model import Cancellation, Completion, Plan
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
    #: The journal's live state on ``as_of``, for a renderer that lists records.
    ledger: Ledger
    #: Each indicator against its target and milestones on ``as_of``.
    indicators: tuple[IndicatorFigures, ...] = ()

    @property
    def budget_text(self) -> str | None:
        """How the plan says it is funded (``[budget] text``), for an unknown amount."""
        return self.plan.budget.text if self.plan.budget else None

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


def progress_series(plan: Plan, as_of: dt.date, ledger: Ledger | None = None) -> list[ChartPoint]:
    """Overall progress and cumulative spending after each day something happened.

    Progress is :class:`~ggov_plan.books.derive.ProgressTally`, the measure
    :func:`~ggov_plan.books.derive.overview` uses, kept up to date event by
    event: a point is the overview's progress on its day, and the last point
    is the overview's progress on ``as_of``. The whole series costs one pass
    over the live records instead of one overview per day. Money counts as
    in the overview's budget: what a cancelled activity spent still counts;
    a completion of an undeclared activity does not.

    ``ledger``, if given, must be ``Ledger.of(plan, as_of)``.
    """
    books = ledger if ledger is not None else Ledger.of(plan, as_of)
    # Per activity id, the targets of the activities with that id: one, unless
    # a broken file repeats an id, which the overview then counts twice too.
    targets: dict[str, list[int]] = {}
    for activity in books.activities:
        targets.setdefault(activity.id, []).append(activity.target)
    # The tally is exact, so the order of a day's events does not matter.
    completed: dict[dt.date, list[Completion]] = {}
    for completion in books.live_completions:
        if completion.activity in targets:
            completed.setdefault(completion.date, []).append(completion)
    cancelled: dict[dt.date, list[Cancellation]] = {}
    for cancellation in books.cancellations:
        if cancellation.activity in targets:
            cancelled.setdefault(cancellation.date, []).append(cancellation)
    done = dict.fromkeys(targets, 0)
    live = set(targets)
    tally = ProgressTally()
    tally.add(0.0, times=len(books.activities))  # nothing done yet
    spent = 0
    points = []
    for day in sorted(completed.keys() | cancelled.keys()):
        for completion in completed.get(day, ()):
            ident = completion.activity
            spent += completion.spent
            before = done[ident]
            after = done[ident] = before + completion.quantity
            if ident in live:
                for target in targets[ident]:
                    tally.replace(share(before, target), share(after, target))
        for cancellation in cancelled.get(day, ()):
            ident = cancellation.activity
            if ident in live:
                live.discard(ident)
                for target in targets[ident]:
                    tally.remove(share(done[ident], target))
        points.append(ChartPoint(day, tally.value, spent))
    return points


def build(plan: Plan, as_of: dt.date, since: dt.date | None, warnings: list[Problem]) -> Report:
    ledger = Ledger.of(plan, as_of)
    figures = overview(plan, as_of, ledger)
    start = since or default_since(as_of)
    live = [a for a in figures.activities if a.status is not Status.CANCELLED]
    by_id = {a.activity.id: a for a in figures.activities}
    completed = [
        Completed(c, by_id[c.activity])
        for c in sorted(ledger.live_completions, key=lambda c: (c.date, c.id))
        if start <= c.date and c.activity in by_id
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
        chart=progress_series(plan, as_of, ledger),
        ledger=ledger,
        indicators=indicator_figures(plan, ledger),
    )
