"""Figures derived from the records: activity states, progress, budget use.

Pure functions of a plan and an as-of date. Only records dated on or before
the as-of date count (completions and cancellations by their own date);
creation and recording timestamps never do, so a report for a past date can
be reproduced whenever it is run, and 2017 work can be back-filled today.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from ggov_plan.model import Activity, Completion, Plan


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ActivityFigures:
    activity: Activity
    agency: str  # the activity's own agency, else its task's lead agency
    source: str | None
    done: int
    spent: int
    status: Status
    completions: tuple[Completion, ...]

    @property
    def ratio(self) -> float:
        """Share of the target reached, capped at 1."""
        target = self.activity.target
        return min(self.done / target, 1.0) if target > 0 else 0.0


@dataclass(frozen=True, slots=True)
class SourceFigures:
    id: str
    name: str
    amount: int
    allocated: int
    spent: int

    @property
    def remaining(self) -> int:
        return self.amount - self.spent


@dataclass(frozen=True, slots=True)
class BudgetFigures:
    total: int
    allocated: int
    spent: int
    sources: tuple[SourceFigures, ...]
    #: Allocated or spent with no funding source named.
    unassigned_allocated: int
    unassigned_spent: int

    @property
    def remaining(self) -> int:
        return self.total - self.spent


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything `status` shows, for one as-of date."""

    as_of: dt.date
    activities: tuple[ActivityFigures, ...]
    budget: BudgetFigures
    counts: dict[Status, int]
    progress: float


def activity_figures(plan: Plan, as_of: dt.date) -> tuple[ActivityFigures, ...]:
    """Each activity with what was done and spent on it by ``as_of``."""
    tasks = plan.by_id("tasks")
    voided = {void.completion for void in plan.voids}
    by_activity: dict[str, list[Completion]] = {}
    for completion in plan.completions:
        if completion.id not in voided and completion.date <= as_of:
            by_activity.setdefault(completion.activity, []).append(completion)
    cancelled = {c.activity for c in plan.cancellations if c.date <= as_of}
    out = []
    for activity in plan.activities:
        done_list = tuple(by_activity.get(activity.id, ()))
        done = sum(c.quantity for c in done_list)
        spent = sum(c.spent for c in done_list)
        task = tasks.get(activity.task)
        agency = activity.agency or (task.agency if task else "")
        if activity.id in cancelled:
            status = Status.CANCELLED
        elif done >= activity.target:
            status = Status.DONE
        elif activity.due is not None and activity.due < as_of:
            status = Status.OVERDUE
        elif done > 0:
            status = Status.IN_PROGRESS
        else:
            status = Status.PLANNED
        out.append(
            ActivityFigures(activity, agency, activity.source, done, spent, status, done_list)
        )
    return tuple(out)


def budget_figures(plan: Plan, activities: tuple[ActivityFigures, ...]) -> BudgetFigures:
    """Declared, allocated and spent money per funding source."""
    allocated: Counter[str | None] = Counter()
    spent: Counter[str | None] = Counter()
    for figures in activities:
        if figures.status is not Status.CANCELLED:
            allocated[figures.source] += figures.activity.cost
        for completion in figures.completions:
            spent[completion.source or figures.source] += completion.spent
    sources = tuple(
        SourceFigures(s.id, s.name, s.amount, allocated[s.id], spent[s.id]) for s in plan.sources
    )
    known = {s.id for s in plan.sources}
    return BudgetFigures(
        total=plan.budget.total if plan.budget else 0,
        allocated=sum(allocated.values()),
        spent=sum(spent.values()),
        sources=sources,
        unassigned_allocated=sum(v for k, v in allocated.items() if k not in known),
        unassigned_spent=sum(v for k, v in spent.items() if k not in known),
    )


def overall_progress(activities: tuple[ActivityFigures, ...]) -> float:
    """Mean share of target reached over the activities not cancelled; 0 when none.

    A mean of shares, not a ratio of quantities, so that ten leaflets do not
    outweigh one television programme.
    """
    live = [a for a in activities if a.status is not Status.CANCELLED]
    return sum(a.ratio for a in live) / len(live) if live else 0.0


def overview(plan: Plan, as_of: dt.date) -> Overview:
    activities = activity_figures(plan, as_of)
    counts = Counter(a.status for a in activities)
    return Overview(
        as_of=as_of,
        activities=activities,
        budget=budget_figures(plan, activities),
        counts={s: counts.get(s, 0) for s in Status},
        progress=overall_progress(activities),
    )
