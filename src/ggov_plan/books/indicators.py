"""Results: each indicator against its target and milestones on a day.

A plan is judged by its indicators ("795 dịch vụ công mức độ 3", "80% người
dân biết đến Cổng"). An indicator's achieved value is its latest measurement
dated on or before the day, less those voided (:class:`~ggov_plan.books.ledger.Ledger`).
Its state on that day is one of :class:`IndicatorState`:

- ``not-measured``: nothing measured yet;
- ``met``: the latest value meets the target (as its qualifier reads);
- ``missed``: the deadline (``by``, else the plan's end) has passed unmet;
- ``on-track``: not met yet, but the latest milestone due by the day is met,
  or none is due yet;
- ``behind``: the latest milestone due by the day is not met.

Values are whole numbers, or numbers with two decimals for a percentage;
nothing here rounds, and comparisons are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ggov_plan.books.ledger import Ledger
from ggov_plan.plan.model import Indicator, Measure, Measurement, Milestone, Plan


class IndicatorState(StrEnum):
    NOT_MEASURED = "not-measured"
    MET = "met"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    MISSED = "missed"


def satisfies(value: Measure, qualifier: str, target: Measure) -> bool:
    """Whether ``value`` meets ``target`` as the qualifier reads it ("trên 1.500": more than)."""
    if qualifier == "at-least":
        return value >= target
    if qualifier == "more-than":
        return value > target
    if qualifier == "at-most":
        return value <= target
    if qualifier == "less-than":
        return value < target
    return value == target


@dataclass(frozen=True, slots=True)
class PartFigures:
    """One part of an indicator's breakdown: its printed figure and what was measured."""

    key: str  # the part's id, else its label: how a measurement names it
    label: str
    target: int
    achieved: Measure | None
    id: str | None = None  # the part's own id, when it has one


@dataclass(frozen=True, slots=True)
class IndicatorFigures:
    """An indicator on a day: target, achieved value, parts and state."""

    indicator: Indicator
    #: The day the target is due: the indicator's ``by``, else the plan's end.
    deadline: dt.date | None
    #: The latest live measurement on or before the day, if any.
    latest: Measurement | None
    #: The latest milestone due on or before the day, if any.
    milestone: Milestone | None
    #: The next milestone due after the day, if any.
    next_milestone: Milestone | None
    parts: tuple[PartFigures, ...]
    state: IndicatorState
    #: Every live measurement up to the day, oldest first: the indicator's history.
    history: tuple[Measurement, ...]

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def target(self) -> Measure:
        return self.indicator.value

    @property
    def achieved(self) -> Measure | None:
        return self.latest.value if self.latest else None

    @property
    def measured_on(self) -> dt.date | None:
        return self.latest.date if self.latest else None


def indicator_figures(plan: Plan, ledger: Ledger) -> tuple[IndicatorFigures, ...]:
    """Every indicator of the plan, in file order, as of the ledger's day."""
    by_indicator: dict[str, list[Measurement]] = {}
    for measurement in ledger.live_measurements:
        by_indicator.setdefault(measurement.indicator, []).append(measurement)
    end = plan.header.end if plan.header else None
    return tuple(
        figures_of(indicator, by_indicator.get(indicator.id, []), ledger.as_of, end)
        for indicator in plan.indicators
    )


def figures_of(
    indicator: Indicator,
    measurements: list[Measurement],
    as_of: dt.date,
    plan_end: dt.date | None,
) -> IndicatorFigures:
    """One indicator's figures from its live measurements up to ``as_of``."""
    # The latest by date; of two on one day, the later recorded in the file.
    history = tuple(sorted(measurements, key=lambda m: m.date))
    latest = history[-1] if history else None
    due = [m for m in indicator.milestones if m.by <= as_of]
    ahead = [m for m in indicator.milestones if m.by > as_of]
    milestone = max(due, key=lambda m: m.by) if due else None
    next_milestone = min(ahead, key=lambda m: m.by) if ahead else None
    deadline = indicator.by or plan_end
    measured_parts = dict(latest.parts) if latest else {}
    parts = tuple(
        PartFigures(
            part.key_in_measurements,
            part.label,
            part.value,
            measured_parts.get(part.key_in_measurements),
            part.id,
        )
        for part in indicator.parts
    )
    return IndicatorFigures(
        indicator=indicator,
        deadline=deadline,
        latest=latest,
        milestone=milestone,
        next_milestone=next_milestone,
        parts=parts,
        state=_state(indicator, latest, milestone, deadline, as_of),
        history=history,
    )


def _state(
    indicator: Indicator,
    latest: Measurement | None,
    milestone: Milestone | None,
    deadline: dt.date | None,
    as_of: dt.date,
) -> IndicatorState:
    if latest is None:
        return IndicatorState.NOT_MEASURED
    if satisfies(latest.value, indicator.qualifier, indicator.value):
        return IndicatorState.MET
    if deadline is not None and deadline < as_of:
        return IndicatorState.MISSED
    if milestone is None or satisfies(latest.value, indicator.qualifier, milestone.value):
        return IndicatorState.ON_TRACK
    return IndicatorState.BEHIND
