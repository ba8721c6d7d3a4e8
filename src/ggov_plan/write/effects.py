"""What a write does to the figures, and what it risks: judged in the core, worded at the edge.

Two pure functions of a plan and a request (:mod:`ggov_plan.write.changes`):

- :func:`risks`, on the plan as read under the write's lock, before the
  records land: work recorded outside the plan's period, money beyond the
  activity's (amended) cost, money beyond what its funding source has left.
  None of these makes the plan invalid (the officer may have spent it), so
  each is a warning; ``--strict`` refuses the write instead.
- :func:`summary`, on the plan with the records appended: the one line a
  write prints after the id, naming the activity and the figures the write
  changed (done of target, spent of cost; the source's remainder when money
  was spent).

And :func:`new_warnings`: the ``check`` warnings a write causes, the plan's
warnings after it less those before, matched by code and place.

Nothing here prints: each returns :class:`~ggov_plan.i18n.message.Message`
values that the command line words in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ggov_plan.books.derive import ActivityFigures, activity_figures, budget_figures
from ggov_plan.books.ledger import EVER
from ggov_plan.i18n.message import Day, Figure, Message, Money, Number, PerLanguage, msg
from ggov_plan.plan.model import Plan, Status
from ggov_plan.problems import Problem
from ggov_plan.write import changes

#: How much of a title the summary line shows: it stays one line at a terminal.
TITLE_ROOM = 48


@dataclass(frozen=True, slots=True)
class Risk:
    """A warning about a write before it lands; ``code`` is the ``check`` rule
    that would say the same after it (so that it is not said twice)."""

    code: str
    message: Message


# --------------------------------------------------------------------------- before


def risks(plan: Plan, request: changes.Request, today: dt.date) -> tuple[Risk, ...]:
    """What is doubtful about ``request`` on ``plan`` (read under the lock)."""
    if not isinstance(request, changes.NewCompletion):
        return ()
    found: list[Risk] = []
    day = request.date if request.date is not None else today
    header = plan.header
    if header is not None and not header.start <= day <= header.end:
        found.append(
            Risk(
                "outside-period",
                msg(
                    "journal.risk.outside_period",
                    date=Day(day),
                    start=Day(header.start),
                    end=Day(header.end),
                ),
            )
        )
    spent = request.spent or 0
    if spent <= 0:
        return tuple(found)
    # Every record whatever its date, as the budget rule counts: money spent is spent.
    figures = activity_figures(plan, EVER)
    (mine,) = [f for f in figures if f.activity.id == request.activity]
    cost = mine.activity.cost
    if mine.spent + spent > cost:
        found.append(
            Risk(
                "over-cost",
                msg(
                    "journal.risk.over_cost",
                    id=mine.activity.id,
                    total=Money(mine.spent + spent),
                    cost=Money(cost),
                    over=Money(mine.spent + spent - cost),
                ),
            )
        )
    source_id = request.source or mine.source
    for source in budget_figures(plan, figures).sources:
        if source.id == source_id and source.remaining is not None and spent > source.remaining:
            found.append(
                Risk(
                    "over-spent",
                    msg(
                        "journal.risk.over_source",
                        source=source.name or source.id,
                        left=Money(source.remaining),
                        spent=Money(spent),
                    ),
                )
            )
    return tuple(found)


# --------------------------------------------------------------------------- after


def _where(problem: Problem) -> tuple[str, str, int | None]:
    return (problem.code, problem.path, problem.line)


def new_warnings(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """The open warnings in ``after`` that ``before`` had not, by code and place.

    A warning whose figures change (a source over-spent by more) is the same
    warning: it is not new.
    """
    known = {_where(p) for p in before}
    return [p for p in after if p.is_open_warning and _where(p) not in known]


def summary(
    plan: Plan, request: changes.Request, change: changes.Change, today: dt.date
) -> Message | None:
    """The line that says what the write did, on ``plan`` with its records appended.

    About the activity a write is about, or the indicator a measurement is
    about; None for a write about neither (a note).
    """
    if isinstance(request, changes.NewMeasurement | changes.VoidMeasurement):
        return _indicator_line(plan, request, today)
    activity, day, spent, source = _about(plan, request, change)
    if activity is None:
        return None
    # The write's own record counts even when dated after today (an amendment from next month).
    as_of = max(today, day) if day is not None else today
    rows = [f for f in activity_figures(plan, as_of) if f.activity.id == activity]
    if not rows:
        return None
    (figures,) = rows
    return activity_line(plan, figures, spent, source)


def _indicator_line(
    plan: Plan, request: changes.NewMeasurement | changes.VoidMeasurement, today: dt.date
) -> Message | None:
    """``dvc-muc-do-3 Dịch vụ công mức độ 3: 795 / 795 dịch vụ — met``."""
    from ggov_plan.books.indicators import IndicatorState, indicator_figures
    from ggov_plan.books.ledger import Ledger

    if isinstance(request, changes.NewMeasurement):
        indicator, day = request.indicator, request.date or today
    else:
        measured = plan.by_id("measurements").get(request.measurement)
        if measured is None:
            return None
        indicator, day = measured.indicator, today
    as_of = max(today, day)
    rows = [f for f in indicator_figures(plan, Ledger.of(plan, as_of)) if f.id == indicator]
    if not rows:
        return None
    (figures,) = rows
    achieved = figures.achieved
    return msg(
        "journal.summary.indicator",
        id=figures.id,
        label=_cut(figures.indicator.label),
        value=_measure(achieved) if achieved is not None else "–",
        target=_measure(figures.target),
        unit=f" {figures.indicator.unit}" if figures.indicator.unit else "",
        state=msg(f"journal.summary.indicator.{IndicatorState(figures.state).name.lower()}"),
    )


def _cut(text: str) -> str:
    """A title on one line, cut to :data:`TITLE_ROOM` characters."""
    text = " ".join(text.split())
    return text if len(text) <= TITLE_ROOM else text[: TITLE_ROOM - 1].rstrip() + "…"


def _measure(value: float | int) -> Figure | PerLanguage:
    # As the rules print a measured value: a count grouped, a percentage with its decimals.
    if isinstance(value, int):
        return Figure(value)
    return PerLanguage(en=f"{value:g}", vi=f"{value:g}".replace(".", ","))


def _about(
    plan: Plan, request: changes.Request, change: changes.Change
) -> tuple[str | None, dt.date | None, int, str | None]:
    """The activity a write is about, its record's date, the money it spent and from where."""
    if isinstance(request, changes.NewActivity):
        return change.id, None, 0, None
    if isinstance(request, changes.NewCompletion):
        return request.activity, request.date, request.spent or 0, request.source
    if isinstance(request, changes.CancelActivity | changes.AmendActivity):
        return request.activity, request.date, 0, None
    if isinstance(request, changes.ReopenActivity):
        return request.activity, None, 0, None
    if isinstance(request, changes.VoidCompletion):
        completion = plan.by_id("completions").get(request.completion)
        return (completion.activity if completion else None), None, 0, None
    if isinstance(request, changes.VoidCancellation):
        cancellation = plan.by_id("cancellations").get(request.cancellation)
        return (cancellation.activity if cancellation else None), None, 0, None
    return None, None, 0, None


def activity_line(
    plan: Plan, figures: ActivityFigures, spent_now: int = 0, source: str | None = None
) -> Message:
    """``so-tttt-tv01 Phóng sự…: 3/4 phóng sự, đã chi 15.000.000 / 20.000.000 đ``.

    With ``spent_now`` (money the write spent from ``source``, default the
    activity's), what that source has left too.
    """
    activity = figures.activity
    state: Message | str = ""
    if figures.status in (Status.CANCELLED, Status.DONE, Status.OVERDUE):
        state = msg(f"journal.summary.{figures.status.value}")
    left: Message | str = ""
    source_id = source or figures.source
    if spent_now > 0 and source_id:
        for funds in budget_figures(plan, activity_figures(plan, EVER)).sources:
            if funds.id == source_id and funds.remaining is not None:
                left = msg(
                    "journal.summary.source_left",
                    source=funds.name or funds.id,
                    left=Money(funds.remaining),
                )
    money: Message | str = ""
    if activity.cost or figures.spent:  # "spent 0 / 0" says nothing
        money = msg("journal.summary.money", spent=Number(figures.spent), cost=Money(activity.cost))
    return msg(
        "journal.summary.activity",
        id=activity.id,
        title=_cut(activity.title),
        done=Figure(figures.done),
        target=Figure(activity.target),
        unit=f" {activity.unit}" if activity.unit else "",
        money=money,
        state=state,
        left=left,
    )
