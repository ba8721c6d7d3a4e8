"""Figures derived from the records: activity states, progress, budget use.

Pure functions of a plan and an as-of date. Which records count on that day
is the ledger's business (:mod:`ggov_plan.books.ledger`); this module only adds
them up. It also owns the one measure of progress, :class:`ProgressTally`,
which the overall figure, the group figures and the report's chart all use.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ggov_plan.books.ledger import Ledger
from ggov_plan.plan.model import Activity, Completion, Plan, immutable
from ggov_plan.plan.model import Status as Status  # re-exported: derive works each one out
from ggov_plan.text import fold, vi_sort_key


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


R = TypeVar("R", bound=_Keyed)


@immutable
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
        return share(self.done, self.activity.target)


@dataclass(frozen=True, slots=True)
class SourceFigures:
    id: str
    name: str
    amount: int | None  # None: the plan states no amount ("trong dự toán")
    allocated: int
    spent: int

    @property
    def remaining(self) -> int | None:
        """What is left, or None when the amount is not stated: never a made-up remainder."""
        return None if self.amount is None else self.amount - self.spent


@dataclass(frozen=True, slots=True)
class BudgetFigures:
    total: int | None  # None: the plan states no total
    allocated: int
    spent: int
    sources: tuple[SourceFigures, ...]
    #: Allocated or spent with no funding source named.
    unassigned_allocated: int
    unassigned_spent: int

    @property
    def remaining(self) -> int | None:
        return None if self.total is None else self.total - self.spent


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything `status` shows, for one as-of date."""

    as_of: dt.date
    activities: tuple[ActivityFigures, ...]
    budget: BudgetFigures
    counts: dict[Status, int]
    progress: float


def share(done: int, target: int) -> float:
    """Share of a target reached, capped at 1; 0 for a target of 0."""
    return min(done / target, 1.0) if target > 0 else 0.0


#: Shares are summed exactly, as whole numbers of small units. Any finite
#: float is a whole number of 2**-1074 (the smallest float), but sums of such
#: long integers are slow; a float between 2**-64 and 2**64 (every share of a
#: target below 2**64) is a whole number of 2**-117, which a short integer
#: holds, so the tally keeps two sums and joins them only when read.
_FINE_BITS = 1074
_COARSE_BITS = 117
_COARSE = float(1 << _COARSE_BITS)
_SMALL, _LARGE = 2.0**-64, 2.0**64


def _fine_units(ratio: float) -> int:
    numerator, denominator = ratio.as_integer_ratio()  # denominator: a power of 2
    return numerator << (_FINE_BITS + 1 - denominator.bit_length())


class ProgressTally:
    """Overall progress: the mean of the shares of the live activities.

    The one measure of progress. The overall figure adds each live activity's
    share once; the report's chart adds and takes away shares event by event.
    The sum is exact, so it does not depend on the order shares came and went
    in, and both read the very same float for the same day: the chart's last
    point is the overall progress, not an approximation of it. (A running
    float sum drifts with each take-away: on a plan of 10,000 activities the
    chart once read 0.6033 on a day the overview read 0.6032.)
    """

    __slots__ = ("_coarse", "_count", "_fine")

    def __init__(self) -> None:
        self._coarse = 0  # in units of 2**-117
        self._fine = 0  # in units of 2**-1074: shares outside [2**-64, 2**64]
        self._count = 0

    def _put(self, ratio: float, sign: int) -> None:
        if not ratio:
            return
        if _SMALL <= abs(ratio) <= _LARGE:
            self._coarse += sign * int(ratio * _COARSE)  # exact: a power-of-2 scale
        else:
            self._fine += sign * _fine_units(ratio)

    def add(self, ratio: float, times: int = 1) -> None:
        """Count ``times`` more live activities, each with this share."""
        self._put(ratio, times)
        self._count += times

    def remove(self, ratio: float) -> None:
        self._put(ratio, -1)
        self._count -= 1

    def replace(self, old: float, new: float) -> None:
        """One live activity's share moved from ``old`` to ``new``."""
        if old == new:
            return
        if _SMALL <= old <= _LARGE and _SMALL <= new <= _LARGE:  # the chart's usual step
            self._coarse += int(new * _COARSE) - int(old * _COARSE)
        else:
            self._put(old, -1)
            self._put(new, 1)

    @property
    def value(self) -> float:
        """The mean share, rounded once from the exact sum; 0 when no activity is live."""
        if not self._count:
            return 0.0
        total = (self._coarse << (_FINE_BITS - _COARSE_BITS)) + self._fine
        # int / int is correctly rounded in Python, however long the integers.
        return total / (self._count << _FINE_BITS)


def activity_figures(
    plan: Plan, as_of: dt.date, ledger: Ledger | None = None
) -> tuple[ActivityFigures, ...]:
    """Each activity with what was done and spent on it by ``as_of``.

    ``ledger``, if given, must be ``Ledger.of(plan, as_of)``: a caller that
    has one already saves building it again.
    """
    books = ledger if ledger is not None else Ledger.of(plan, as_of)
    tasks = plan.by_id("tasks")
    out = []
    for activity in books.activities:
        done_list = books.completions_of(activity.id)
        done = spent = 0
        for completion in done_list:  # a loop: most activities have one or two
            done += completion.quantity
            spent += completion.spent
        task = tasks.get(activity.task)
        agency = activity.agency or (task.agency if task else "")
        if books.is_cancelled(activity.id):
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
        total=plan.budget.total if plan.budget else None,
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
    tally = ProgressTally()
    for figures in activities:
        if figures.status is not Status.CANCELLED:
            tally.add(figures.ratio)
    return tally.value


def overview(plan: Plan, as_of: dt.date, ledger: Ledger | None = None) -> Overview:
    """``ledger``, if given, must be ``Ledger.of(plan, as_of)``."""
    activities = activity_figures(plan, as_of, ledger)
    counts = Counter(a.status for a in activities)
    return Overview(
        as_of=as_of,
        activities=activities,
        budget=budget_figures(plan, activities),
        counts={s: counts.get(s, 0) for s in Status},
        progress=overall_progress(activities),
    )


# --------------------------------------------------------------------------- groups

GROUPINGS = ("task", "agency", "channel", "content", "month")
BUDGET_GROUPINGS = ("source", "agency", "channel", "task")


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """Progress of one group of activities (or, by month, of one month's work)."""

    key: str
    activities: int  # not cancelled
    done_activities: int
    target: int  # sum of targets
    done: int  # sum of quantities done, each capped at its target
    spent: int
    progress: float  # mean share of target reached


def _keys(figures: ActivityFigures, by: str) -> tuple[str, ...]:
    activity = figures.activity
    if by == "task":
        return (activity.task,)
    if by == "agency":
        return (figures.agency,)
    if by == "channel":
        return (activity.channel or "",)
    if by == "content":
        return activity.contents or ("",)
    if by == "source":
        return (figures.source or "",)
    raise ValueError(by)


def progress_rows(activities: tuple[ActivityFigures, ...], by: str) -> list[ProgressRow]:
    """Progress per task, agency, channel or content (an activity with two
    topics counts under both), or work done per month of completion."""
    if by == "month":
        return _progress_by_month(activities)
    groups: dict[str, list[ActivityFigures]] = {}
    for figures in activities:
        if figures.status is Status.CANCELLED:
            continue
        for key in _keys(figures, by):
            groups.setdefault(key, []).append(figures)
    return [
        ProgressRow(
            key=key,
            activities=len(members),
            done_activities=sum(m.status is Status.DONE for m in members),
            target=sum(m.activity.target for m in members),
            done=sum(min(m.done, m.activity.target) for m in members),
            spent=sum(m.spent for m in members),
            progress=overall_progress(tuple(members)),
        )
        for key, members in groups.items()
    ]


def _progress_by_month(activities: tuple[ActivityFigures, ...]) -> list[ProgressRow]:
    live = [a for a in activities if a.status is not Status.CANCELLED]
    total_target = sum(a.activity.target for a in live)
    months: dict[str, tuple[int, int]] = {}
    for figures in live:
        for completion in figures.completions:
            key = f"{completion.date:%Y-%m}"
            quantity, spent = months.get(key, (0, 0))
            months[key] = (quantity + completion.quantity, spent + completion.spent)
    rows = []
    cumulative = 0
    for key in sorted(months):
        quantity, spent = months[key]
        cumulative += quantity
        rows.append(
            ProgressRow(
                key=key,
                activities=0,
                done_activities=0,
                target=total_target,
                done=quantity,
                spent=spent,
                progress=min(cumulative / total_target, 1.0) if total_target else 0.0,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """Money of one group: declared only for funding sources."""

    key: str
    declared: int | None
    allocated: int
    spent: int
    #: A funding source whose amount the plan does not state: no remainder.
    unstated: bool = False

    @property
    def remaining(self) -> int | None:
        if self.unstated:
            return None
        return (self.declared if self.declared is not None else self.allocated) - self.spent


def budget_rows(plan: Plan, figures: Overview, by: str) -> list[BudgetRow]:
    if by == "source":
        rows = [
            BudgetRow(s.id, s.amount, s.allocated, s.spent, unstated=s.amount is None)
            for s in figures.budget.sources
        ]
        if figures.budget.unassigned_allocated or figures.budget.unassigned_spent:
            rows.append(
                BudgetRow(
                    "", None, figures.budget.unassigned_allocated, figures.budget.unassigned_spent
                )
            )
        return rows
    allocated: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    for activity in figures.activities:
        (key,) = _keys(activity, by)
        if activity.status is not Status.CANCELLED:
            allocated[key] += activity.activity.cost
        spent[key] += activity.spent
    keys = list(dict.fromkeys([*allocated, *spent]))
    return [BudgetRow(key, None, allocated[key], spent[key]) for key in keys]


def display_name(plan: Plan, by: str, key: str) -> str:
    """The name shown for a group key: an agency's short name, a channel's name…"""
    attribute = {"agency": "agencies", "channel": "channels", "content": "contents"}.get(by)
    if attribute is None or not key:
        return key
    for record in getattr(plan, attribute):
        if record.id == key:
            name: str = getattr(record, "short", None) or record.name
            return name
    return key


def in_name_order(plan: Plan, by: str, rows: list[R]) -> list[R]:
    """Rows of agencies, channels or content topics in Vietnamese alphabetical order
    of their names; tasks, sources and months keep the plan's own order."""
    if by not in ("agency", "channel", "content"):
        return rows
    return sorted(rows, key=lambda row: vi_sort_key(display_name(plan, by, row.key)))


def filter_activities(
    rows: tuple[ActivityFigures, ...],
    *,
    agency: str | None,
    channel: str | None,
    task: str | None,
    status: Status | None,
    search: str | None,
) -> list[ActivityFigures]:
    """The activities ``activity list`` shows: every filter given must match;
    ``search`` is a diacritic-free fragment of the title or id."""
    wanted = fold(search) if search else ""
    return [
        r
        for r in rows
        if (agency is None or r.agency == agency)
        and (channel is None or r.activity.channel == channel)
        and (task is None or r.activity.task == task)
        and (status is None or r.status is status)
        and (not wanted or wanted in fold(r.activity.title) or wanted in fold(r.activity.id))
    ]
