"""The ledger: what the journal's records stand for on one day.

This module owns the journal's rules, and is the one place that applies them.
Everything that needs the live state (derive, report, the budget rule, the
renderers) reads a :class:`Ledger` instead of filtering ``plan.completions``,
``plan.cancellations`` and ``plan.voids`` itself, so the rules cannot drift
apart between a table and a chart.

The rules:

- A completion counts from its own date on, unless a void names it.
- A void has no date: it corrects a mistake, so it applies on every day, even
  one before it was recorded (``recorded_at`` is never read). A report for a
  past day therefore leaves out a completion voided since.
- An activity is cancelled from its cancellation's date on; before that day
  it is live, and the cancellation is only pending.
- Activities stand as declared. The journal has no record that changes an
  activity yet; when one comes (an amendment of its due date, target or
  cost), it is applied in :meth:`Ledger.of`, where ``activities`` is made, and
  every reader sees the amended activity. Indicator measurements, when they
  come, belong here too: one more dated collection, cut off at ``as_of``.

Creation and recording timestamps never count, so a report for a past date
can be reproduced whenever it is run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ggov_plan.plan.model import Activity, Cancellation, Completion, Measurement, Plan, Void

#: The ledger of a day after every record: all dated records count.
EVER = dt.date.max


@dataclass(frozen=True, slots=True)
class Entries:
    """Every record about one activity, whatever its date or void: what
    ``activity show`` lists, marking each for what it counts on the day."""

    completions: tuple[Completion, ...]
    #: The first cancellation recorded for it, even one dated after the day.
    cancellation: Cancellation | None


@dataclass(frozen=True, slots=True)
class Ledger:
    """The live state of a plan's journal as of one day. Build with :meth:`of`.

    Immutable, and made in one pass over each collection of records, so that
    it costs no more than the filters it replaces on a plan of 100,000
    activities and 100,000 completions.
    """

    as_of: dt.date
    #: The activities as they stand on ``as_of``, in file order, the
    #: cancelled ones included (see ``cancelled``).
    activities: tuple[Activity, ...]
    #: Completions that count: dated on or before ``as_of`` and not voided, in
    #: file order. Those of an activity that is not declared are kept (the
    #: budget rule charges their money to their own source).
    live_completions: tuple[Completion, ...]
    #: Cancellations dated on or before ``as_of``, in file order.
    cancellations: tuple[Cancellation, ...]
    #: Activity id -> the cancellation in force (the first in file order, if
    #: a hand-edited file cancels an activity twice).
    cancelled: Mapping[str, Cancellation]
    #: Ids of the completions a void names, whatever their date.
    voided: frozenset[str]
    #: Completion id -> the void that names it (the last in file order, as
    #: ``activity show`` has always shown it).
    voids: Mapping[str, Void]
    #: Measurements that count: dated on or before ``as_of`` and not voided,
    #: in file order.
    live_measurements: tuple[Measurement, ...]
    #: Ids of the measurements a void names.
    voided_measurements: frozenset[str]
    # Private: live completions by activity id. Lists, filled once in `of` and
    # never changed; `completions_of` hands out tuples.
    _by_activity: Mapping[str, list[Completion]]
    # Private: the raw journal, for `entries_of`.
    _recorded_completions: tuple[Completion, ...]
    _recorded_cancellations: tuple[Cancellation, ...]

    @classmethod
    def of(cls, plan: Plan, as_of: dt.date) -> Ledger:
        """The ledger of ``plan`` at the end of ``as_of``; :data:`EVER` counts every record."""
        voids = {void.completion: void for void in plan.voids if void.completion is not None}
        voided = frozenset(voids)
        voided_measurements = frozenset(
            void.measurement for void in plan.voids if void.measurement is not None
        )
        measurements = tuple(
            m for m in plan.measurements if m.date <= as_of and m.id not in voided_measurements
        )
        live: list[Completion] = []
        by_activity: dict[str, list[Completion]] = {}
        for completion in plan.completions:
            if completion.date <= as_of and completion.id not in voided:
                live.append(completion)
                by_activity.setdefault(completion.activity, []).append(completion)
        # A void may name a cancellation: the activity is open again (`activity reopen`).
        reopened = frozenset(v.cancellation for v in plan.voids if v.cancellation is not None)
        cancellations = tuple(
            c for c in plan.cancellations if c.date <= as_of and c.id not in reopened
        )
        cancelled: dict[str, Cancellation] = {}
        for cancellation in cancellations:
            cancelled.setdefault(cancellation.activity, cancellation)
        # Amendments dated by the day, in file order: the later one wins a field.
        amended: dict[str, dict[str, Any]] = {}
        for amendment in plan.amendments:
            if amendment.date <= as_of:
                amended.setdefault(amendment.activity, {}).update(amendment.changes())
        activities = (
            tuple(
                dataclasses.replace(a, **amended[a.id]) if a.id in amended else a
                for a in plan.activities
            )
            if amended
            else plan.activities
        )
        return cls(
            as_of=as_of,
            activities=activities,
            live_completions=tuple(live),
            cancellations=cancellations,
            cancelled=MappingProxyType(cancelled),
            voided=voided,
            voids=MappingProxyType(voids),
            live_measurements=measurements,
            voided_measurements=voided_measurements,
            _by_activity=MappingProxyType(by_activity),
            _recorded_completions=plan.completions,
            _recorded_cancellations=plan.cancellations,
        )

    def completions_of(self, activity_id: str) -> tuple[Completion, ...]:
        """The live completions of one activity, in file order."""
        return tuple(self._by_activity.get(activity_id, ()))

    def counts(self, completion: Completion) -> bool:
        """Whether a recorded completion counts on ``as_of``."""
        return completion.date <= self.as_of and completion.id not in self.voided

    def is_cancelled(self, activity_id: str) -> bool:
        return activity_id in self.cancelled

    def entries_of(self, activity_id: str) -> Entries:
        """Every record about one activity, whatever its date or void.

        One pass over the journal: for showing one activity, not for a loop.
        """
        return Entries(
            completions=tuple(c for c in self._recorded_completions if c.activity == activity_id),
            cancellation=next(
                (c for c in self._recorded_cancellations if c.activity == activity_id), None
            ),
        )
