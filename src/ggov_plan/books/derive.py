"""Figures derived from the records: activity states, progress, budget use.

Pure functions of a plan and an as-of date. Which records count on that day
is the ledger's business (:mod:`ggov_plan.books.ledger`); this module only adds
them up. It also owns the one measure of progress (docs/progress.md): an
activity's share of its target, a task's mean share over its live activities,
the plan's mean over all its tasks (:class:`PlanProgress`), which the overall
figure, the task figures and the report's chart (:func:`progress_series`) all use.

Quantities are added up per unit only (:class:`UnitQuantity`): six sessions
and 795 services are never 801 of anything. Money is đồng throughout.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from ggov_plan.books.ledger import Ledger
from ggov_plan.books.periods import Period
from ggov_plan.plan.model import Activity, Cancellation, Completion, Plan, immutable
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
    #: Spent by completions dated in the period, when one is given.
    period_spent: int | None = None

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
    #: Spent in the period, when one is given (all sources, and unassigned).
    period_spent: int | None = None
    unassigned_period_spent: int | None = None

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
    #: The plan's progress: the mean over every task of the task's progress
    #: (:func:`plan_progress`; docs/progress.md).
    progress: float
    #: Every task of the plan, in file order, those with no activity included.
    tasks: tuple[TaskFigures, ...] = ()
    #: Done and target per unit, over the live activities (:func:`quantities`).
    quantities: tuple[UnitQuantity, ...] = ()
    #: The reporting period asked for, if any; ``as_of`` is then in it.
    period: Period | None = None
    #: What the live completions recorded: all of them, and those dated in the period.
    cumulative: Results | None = None
    in_period: Results | None = None

    @property
    def task_counts(self) -> dict[TaskState, int]:
        counts = Counter(task.state for task in self.tasks)
        return {state: counts.get(state, 0) for state in TaskState}


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


def budget_figures(
    plan: Plan, activities: tuple[ActivityFigures, ...], period: Period | None = None
) -> BudgetFigures:
    """Declared, allocated and spent money per funding source; with ``period``,
    also what was spent by completions dated in it."""
    allocated: Counter[str | None] = Counter()
    spent: Counter[str | None] = Counter()
    in_period: Counter[str | None] = Counter()
    for figures in activities:
        if figures.status is not Status.CANCELLED:
            allocated[figures.source] += figures.activity.cost
        for completion in figures.completions:
            spent[completion.source or figures.source] += completion.spent
            if period is not None and completion.date in period:
                in_period[completion.source or figures.source] += completion.spent
    sources = tuple(
        SourceFigures(
            s.id,
            s.name,
            s.amount,
            allocated[s.id],
            spent[s.id],
            in_period[s.id] if period is not None else None,
        )
        for s in plan.sources
    )
    known = {s.id for s in plan.sources}
    return BudgetFigures(
        total=plan.budget.total if plan.budget else None,
        allocated=sum(allocated.values()),
        spent=sum(spent.values()),
        sources=sources,
        unassigned_allocated=sum(v for k, v in allocated.items() if k not in known),
        unassigned_spent=sum(v for k, v in spent.items() if k not in known),
        period_spent=sum(in_period.values()) if period is not None else None,
        unassigned_period_spent=(
            sum(v for k, v in in_period.items() if k not in known) if period is not None else None
        ),
    )


def mean_share(activities: Iterable[ActivityFigures]) -> float:
    """Mean share of target reached over the activities not cancelled; 0 when none.

    A mean of shares, not a ratio of quantities, so that ten leaflets do not
    outweigh one television programme. A task's progress, and a group's.
    """
    tally = ProgressTally()
    for figures in activities:
        if figures.status is not Status.CANCELLED:
            tally.add(figures.ratio)
    return tally.value


class PlanProgress:
    """The plan's progress: the mean over its tasks of each task's mean share.

    A task with no live activity counts as 0, so a plan does not read 100%
    while tasks are untouched (docs/progress.md). Each task keeps its own
    exact :class:`ProgressTally`; the plan's tally holds the tasks' values,
    replaced as they change. Both sums are exact, so the overview (which adds
    each activity once) and the chart (which moves shares event by event)
    read the very same float on the same day.
    """

    __slots__ = ("_plan", "_tasks")

    def __init__(self, tasks: Iterable[str]) -> None:
        self._tasks = {task: ProgressTally() for task in tasks}
        self._plan = ProgressTally()
        self._plan.add(0.0, times=len(self._tasks))

    def _task(self, task: str) -> tuple[ProgressTally, float]:
        tally = self._tasks.get(task)
        if tally is None:  # an undeclared task (a broken file): a task of its own
            tally = self._tasks[task] = ProgressTally()
            self._plan.add(0.0)
        return tally, tally.value

    def add(self, task: str, ratio: float) -> None:
        """One more live activity of ``task``, with this share."""
        tally, before = self._task(task)
        tally.add(ratio)
        self._plan.replace(before, tally.value)

    def remove(self, task: str, ratio: float) -> None:
        """A live activity of ``task``, with this share, is cancelled."""
        tally, before = self._task(task)
        tally.remove(ratio)
        self._plan.replace(before, tally.value)

    def replace(self, task: str, old: float, new: float) -> None:
        """A live activity of ``task`` moved from share ``old`` to ``new``."""
        tally, before = self._task(task)
        tally.replace(old, new)
        self._plan.replace(before, tally.value)

    @property
    def value(self) -> float:
        return self._plan.value


def task_ids(plan: Plan, activities: Iterable[Activity] = ()) -> list[str]:
    """The plan's tasks in file order, then any task an activity names that the
    plan does not declare (only a broken file has one): the tasks progress is
    the mean over."""
    ids = dict.fromkeys(task.id for task in plan.tasks)
    for activity in activities:
        ids.setdefault(activity.task)
    return list(ids)


def plan_progress(plan: Plan, activities: tuple[ActivityFigures, ...]) -> float:
    """The plan's progress (0 to 1): the one formula (docs/progress.md).

    The mean over every task of the plan of the task's progress, a task's
    progress being the mean share of target reached over its live (not
    cancelled) activities, 0 for a task with none. 0 for a plan with no task.
    """
    return mean_over_tasks(task_figures(plan, activities))


def mean_over_tasks(tasks: Iterable[TaskFigures]) -> float:
    """The plan's progress from its tasks' (:func:`plan_progress`)."""
    tally = ProgressTally()
    for task in tasks:
        tally.add(task.progress)
    return tally.value


# --------------------------------------------------------------------------- quantities, results


@dataclass(frozen=True, slots=True)
class UnitQuantity:
    """Done and target in one unit ("buổi", "dịch vụ"); ``unit`` None when unnamed."""

    unit: str | None
    done: int
    target: int


@dataclass(frozen=True, slots=True)
class UnitAmount:
    """An amount in one unit: a quantity recorded, or people reached."""

    unit: str | None
    amount: int


def quantities(activities: Iterable[ActivityFigures]) -> tuple[UnitQuantity, ...]:
    """Done and target per unit over the live activities, units in order of first
    appearance. Each activity counts up to its target, as its share does."""
    done: Counter[str | None] = Counter()
    target: dict[str | None, int] = {}
    for figures in activities:
        if figures.status is Status.CANCELLED:
            continue
        unit = figures.activity.unit or None
        done[unit] += min(figures.done, figures.activity.target)
        target[unit] = target.get(unit, 0) + figures.activity.target
    return tuple(UnitQuantity(unit, done[unit], total) for unit, total in target.items())


@dataclass(frozen=True, slots=True)
class Results:
    """What was recorded in a span of days: the figures given "in the period"
    and "cumulative" side by side."""

    #: Live completions counted.
    completions: int
    #: Activities with at least one of them.
    activities: int
    #: Quantities recorded, per unit (not capped: what was done in the span).
    quantities: tuple[UnitAmount, ...]
    spent: int
    #: People reached, per unit of reach, over the completions that say.
    reach: tuple[UnitAmount, ...]


def results(activities: Iterable[ActivityFigures], period: Period | None = None) -> Results:
    """What the live completions dated in ``period`` record (all of them for
    None: cumulative). A record counts by its own date, never its ``created``
    or ``recorded_at``. Cancelled activities' work counts: it was done."""
    count = spent = 0
    worked = 0
    recorded: Counter[str | None] = Counter()
    reached: Counter[str | None] = Counter()
    for figures in activities:
        unit = figures.activity.unit or None
        any_ = False
        for completion in figures.completions:
            if period is not None and completion.date not in period:
                continue
            any_ = True
            count += 1
            spent += completion.spent
            recorded[unit] += completion.quantity
            if completion.reach is not None:
                reached[completion.reach_unit or None] += completion.reach
        worked += any_
    return Results(
        completions=count,
        activities=worked,
        quantities=tuple(UnitAmount(u, n) for u, n in recorded.items()),
        spent=spent,
        reach=tuple(UnitAmount(u, n) for u, n in reached.items()),
    )


# --------------------------------------------------------------------------- tasks


class TaskState(StrEnum):
    """Where a task stands (docs/progress.md)."""

    NOT_STARTED = "not_started"  # "chưa triển khai": no live activity has started
    IN_PROGRESS = "in_progress"
    DONE = "done"  # it has live activities, and all of them are done


@dataclass(frozen=True, slots=True)
class TaskFigures:
    id: str
    #: Live (not cancelled) activities.
    activities: int
    done_activities: int
    progress: float
    state: TaskState
    quantities: tuple[UnitQuantity, ...]


def task_state(members: Iterable[ActivityFigures]) -> TaskState:
    """Done when it has live activities and all are done; in progress when any
    live one has something recorded; not started otherwise."""
    live = [m for m in members if m.status is not Status.CANCELLED]
    if live and all(m.status is Status.DONE for m in live):
        return TaskState.DONE
    if any(m.done > 0 or m.status is Status.DONE for m in live):
        return TaskState.IN_PROGRESS
    return TaskState.NOT_STARTED


def task_figures(plan: Plan, activities: tuple[ActivityFigures, ...]) -> tuple[TaskFigures, ...]:
    """Every task of the plan, those with no activity included."""
    members: dict[str, list[ActivityFigures]] = {
        task: [] for task in task_ids(plan, (f.activity for f in activities))
    }
    for figures in activities:
        members[figures.activity.task].append(figures)
    return tuple(
        TaskFigures(
            id=task,
            activities=sum(m.status is not Status.CANCELLED for m in group),
            done_activities=sum(m.status is Status.DONE for m in group),
            progress=mean_share(group),
            state=task_state(group),
            quantities=quantities(group),
        )
        for task, group in members.items()
    )


def overview(
    plan: Plan, as_of: dt.date, ledger: Ledger | None = None, period: Period | None = None
) -> Overview:
    """Everything on ``as_of``, cumulative since the plan's start, and, for a
    ``period``, what was recorded in it.

    ``ledger``, if given, must be ``Ledger.of(plan, as_of)``.
    """
    activities = activity_figures(plan, as_of, ledger)
    counts = Counter(a.status for a in activities)
    tasks = task_figures(plan, activities)
    return Overview(
        as_of=as_of,
        activities=activities,
        budget=budget_figures(plan, activities, period),
        counts={s: counts.get(s, 0) for s in Status},
        progress=mean_over_tasks(tasks),
        tasks=tasks,
        quantities=quantities(activities),
        period=period,
        cumulative=results(activities),
        in_period=results(activities, period) if period is not None else None,
    )


# --------------------------------------------------------------------------- groups

GROUPINGS = ("task", "agency", "channel", "content", "month")
BUDGET_GROUPINGS = ("source", "agency", "channel", "task")


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """Progress of one group of activities: a task, an agency, a channel, a topic."""

    key: str
    activities: int  # not cancelled
    done_activities: int
    #: Done (each activity up to its target) and target, per unit.
    quantities: tuple[UnitQuantity, ...]
    spent: int
    progress: float  # mean share of target reached
    #: What the group's live activities recorded in the period, when one is given.
    period: Results | None = None
    #: Rows by task: where the task stands.
    state: TaskState | None = None


@dataclass(frozen=True, slots=True)
class MonthRow:
    """The work recorded in one month, and the plan's progress at its end."""

    key: str  # YYYY-MM
    recorded: Results
    progress: float  # :func:`plan_progress` at the end of the month (or on as_of)


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


def progress_rows(
    activities: tuple[ActivityFigures, ...],
    by: str,
    *,
    tasks: Iterable[str] = (),
    period: Period | None = None,
) -> list[ProgressRow]:
    """Progress per task, agency, channel or content (an activity with two
    topics counts under both), over the live activities.

    By task, every task in ``tasks`` has a row, with or without activities
    (pass :func:`task_ids`); its state is worked out as :func:`task_figures` does.
    """
    groups: dict[str, list[ActivityFigures]] = {task: [] for task in tasks} if by == "task" else {}
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
            quantities=quantities(members),
            spent=sum(m.spent for m in members),
            progress=mean_share(members),
            period=results(members, period) if period is not None else None,
            state=task_state(members) if by == "task" else None,
        )
        for key, members in groups.items()
    ]


def month_rows(
    plan: Plan, figures: Overview, ledger: Ledger | None = None, period: Period | None = None
) -> list[MonthRow]:
    """Work recorded per month of completion (the months of ``period`` only, when
    given), by the live activities, with the plan's progress at the month's end.

    ``ledger``, if given, must be ``Ledger.of(plan, figures.as_of)``.
    """
    live = [a for a in figures.activities if a.status is not Status.CANCELLED]
    months = sorted(
        {
            f"{c.date:%Y-%m}"
            for a in live
            for c in a.completions
            if period is None or c.date in period
        }
    )
    series = progress_series(plan, figures.as_of, ledger)
    rows = []
    for key in months:
        year, month = int(key[:4]), int(key[5:])
        span = Period(dt.date(year, month, 1), _month_end(year, month), "month", month)
        if period is not None:  # a month cut by the period counts its days in it only
            span = Period(max(span.start, period.start), min(span.end, period.end), "span")
        at_end = [p.progress for p in series if p.day <= span.end]
        rows.append(MonthRow(key, results(live, span), at_end[-1] if at_end else 0.0))
    return rows


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """Cumulative progress (0–1) and spending (đồng) at the end of a day."""

    day: dt.date
    progress: float
    spent: int


def progress_series(plan: Plan, as_of: dt.date, ledger: Ledger | None = None) -> list[ChartPoint]:
    """The plan's progress and cumulative spending after each day something happened.

    Progress is :class:`PlanProgress`, the measure :func:`overview` uses
    (:func:`plan_progress`), kept up to date event by event: a point is the
    overview's progress on its day, and the last point is the overview's
    progress on ``as_of``. The whole series costs one pass over the live
    records instead of one overview per day. Money counts as in the
    overview's budget: what a cancelled activity spent still counts; a
    completion of an undeclared activity does not.

    ``ledger``, if given, must be ``Ledger.of(plan, as_of)``.
    """
    books = ledger if ledger is not None else Ledger.of(plan, as_of)
    # Per activity id, the (task, target) of the activities with that id: one,
    # unless a broken file repeats an id, which the overview then counts twice too.
    targets: dict[str, list[tuple[str, int]]] = {}
    for activity in books.activities:
        targets.setdefault(activity.id, []).append((activity.task, activity.target))
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
    tally = PlanProgress(task_ids(plan, books.activities))
    for activity in books.activities:
        tally.add(activity.task, 0.0)  # nothing done yet
    spent = 0
    points = []
    for day in sorted(completed.keys() | cancelled.keys()):
        for completion in completed.get(day, ()):
            ident = completion.activity
            spent += completion.spent
            before = done[ident]
            after = done[ident] = before + completion.quantity
            if ident in live:
                for task, target in targets[ident]:
                    tally.replace(task, share(before, target), share(after, target))
        for cancellation in cancelled.get(day, ()):
            ident = cancellation.activity
            if ident in live:
                live.discard(ident)
                for task, target in targets[ident]:
                    tally.remove(task, share(done[ident], target))
        points.append(ChartPoint(day, tally.value, spent))
    return points


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """Money of one group: declared only for funding sources."""

    key: str
    declared: int | None
    allocated: int
    spent: int
    #: A funding source whose amount the plan does not state: no remainder.
    unstated: bool = False
    #: Spent in the period, when one is given.
    period_spent: int | None = None

    @property
    def remaining(self) -> int | None:
        if self.unstated:
            return None
        return (self.declared if self.declared is not None else self.allocated) - self.spent


def budget_rows(plan: Plan, figures: Overview, by: str) -> list[BudgetRow]:
    """Money per group; with the overview's period, also what was spent in it."""
    budget = figures.budget
    period = figures.period
    if by == "source":
        rows = [
            BudgetRow(
                s.id, s.amount, s.allocated, s.spent, s.amount is None, period_spent=s.period_spent
            )
            for s in budget.sources
        ]
        if budget.unassigned_allocated or budget.unassigned_spent:
            rows.append(
                BudgetRow(
                    "",
                    None,
                    budget.unassigned_allocated,
                    budget.unassigned_spent,
                    period_spent=budget.unassigned_period_spent,
                )
            )
        return rows
    allocated: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    in_period: Counter[str] = Counter()
    for activity in figures.activities:
        (key,) = _keys(activity, by)
        if activity.status is not Status.CANCELLED:
            allocated[key] += activity.activity.cost
        spent[key] += activity.spent
        if period is not None:
            in_period[key] += sum(c.spent for c in activity.completions if c.date in period)
    keys = list(dict.fromkeys([*allocated, *spent]))
    return [
        BudgetRow(
            key,
            None,
            allocated[key],
            spent[key],
            period_spent=in_period[key] if period is not None else None,
        )
        for key in keys
    ]


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
