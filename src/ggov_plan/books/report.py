"""What a status report says, worked out once for every output format.

:func:`build` gathers, for one plan and one as-of date, everything the
``report`` command prints: the header, overall progress and budget, the
breakdowns by agency, channel and content, overdue activities, what was
completed since a date, the problems ``check`` reports, and the series of the
progress chart. It is pure: the same plan and dates give the same report, so
the renderers can be byte-for-byte deterministic. For a reporting period the
figures are given both for the period and cumulatively since the plan's
start (``overview.in_period``, ``overview.cumulative``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ggov_plan.books.derive import (
    ActivityFigures,
    BudgetRow,
    ChartPoint,
    Overview,
    ProgressRow,
    Status,
    budget_rows,
    in_name_order,
    overview,
    progress_rows,
    progress_series,
    task_ids,
)
from ggov_plan.books.indicators import IndicatorFigures, indicator_figures
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.periods import Period
from ggov_plan.plan.model import Completion, Plan
from ggov_plan.problems import Problem

__all__ = ["BREAKDOWNS", "ChartPoint", "Completed", "Report", "build", "progress_series"]

#: The report's progress tables: every task of the plan first, then the groups.
BREAKDOWNS = ("task", "agency", "channel", "content")


@dataclass(frozen=True, slots=True)
class Completed:
    """A completion counted in the report's "since" window, with its activity."""

    completion: Completion
    activity: ActivityFigures


@dataclass(frozen=True, slots=True)
class Report:
    plan: Plan
    as_of: dt.date
    since: dt.date
    overview: Overview
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
    #: The reporting period (``--period``, ``--from/--to``), if one was asked
    #: for: ``since`` is then its first day and ``as_of`` its last (or today).
    period: Period | None = None

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


def build(
    plan: Plan,
    as_of: dt.date,
    since: dt.date | None,
    warnings: list[Problem],
    period: Period | None = None,
) -> Report:
    """The report on ``as_of``; the "completed since" list starts at ``since``,
    else the period's first day, else the first day of the month before."""
    ledger = Ledger.of(plan, as_of)
    figures = overview(plan, as_of, ledger, period)
    start = since or (period.start if period is not None else default_since(as_of))
    by_id = {a.activity.id: a for a in figures.activities}
    completed = [
        Completed(c, by_id[c.activity])
        for c in sorted(ledger.live_completions, key=lambda c: (c.date, c.id))
        if start <= c.date and c.activity in by_id
    ]
    tasks = task_ids(plan, ledger.activities)
    return Report(
        plan=plan,
        as_of=as_of,
        since=start,
        overview=figures,
        sources=budget_rows(plan, figures, "source"),
        breakdowns={
            by: in_name_order(
                plan, by, progress_rows(figures.activities, by, tasks=tasks, period=period)
            )
            for by in BREAKDOWNS
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
        period=period,
    )
