"""The ledger: which records are live on a day, worked out in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ggov_plan.books.ledger import EVER, Entries, Ledger
from ggov_plan.plan.model import Activity, Cancellation, Completion, Plan, Void

D = dt.date


def act(ident: str, target: int = 1) -> Activity:
    return Activity(id=ident, task="t1", title=f"Hoạt động {ident}", target=target)


def done(ident: str, activity: str, day: dt.date, quantity: int = 1) -> Completion:
    return Completion(id=ident, activity=activity, date=day, quantity=quantity)


def cancel(activity: str, day: dt.date, reason: str = "gộp") -> Cancellation:
    return Cancellation(id=f"{activity}-cancel", activity=activity, date=day, reason=reason)


def void(completion: str, reason: str = "nhầm", recorded: dt.datetime | None = None) -> Void:
    return Void(id=f"{completion}-void", completion=completion, reason=reason, recorded_at=recorded)


def plan(**journal: tuple[object, ...]) -> Plan:
    return Plan(file="plan.toml", format=1, header=None, budget=None, **journal)  # type: ignore[arg-type]


A, B, C = act("a", 2), act("b"), act("c")
C1 = done("a-c1", "a", D(2017, 9, 1))
C2 = done("a-c2", "a", D(2017, 10, 1))
C3 = done("b-c1", "b", D(2017, 9, 15))
STRAY = done("x-c1", "x", D(2017, 9, 1))  # of an activity that is not declared
PLAN = plan(
    activities=(A, B, C),
    completions=(C1, C2, C3, STRAY),
    cancellations=(cancel("c", D(2017, 9, 20)),),
    voids=(void("b-c1"),),
)


def test_a_voided_completion_is_never_live() -> None:
    ledger = Ledger.of(PLAN, EVER)
    assert ledger.voided == frozenset({"b-c1"})
    assert C3 not in ledger.live_completions
    assert ledger.completions_of("b") == ()
    assert not ledger.counts(C3)
    assert ledger.voids["b-c1"].reason == "nhầm"


def test_live_completions_keep_file_order_and_strays() -> None:
    ledger = Ledger.of(PLAN, EVER)
    assert ledger.live_completions == (C1, C2, STRAY)
    assert ledger.completions_of("a") == (C1, C2)
    assert ledger.completions_of("x") == (STRAY,)
    assert ledger.completions_of("nobody") == ()


@pytest.mark.parametrize(
    ("as_of", "live"),
    [
        (D(2017, 8, 31), ()),
        (D(2017, 9, 1), (C1,)),  # a completion counts on its own day
        (D(2017, 9, 30), (C1,)),
        (D(2017, 10, 1), (C1, C2)),
    ],
)
def test_completions_count_from_their_own_date(
    as_of: dt.date, live: tuple[Completion, ...]
) -> None:
    ledger = Ledger.of(PLAN, as_of)
    assert ledger.as_of == as_of
    assert ledger.completions_of("a") == live
    assert all(ledger.counts(c) for c in live)
    assert not any(ledger.counts(c) for c in (C1, C2) if c not in live)


def test_a_cancellation_counts_from_its_own_date() -> None:
    before, on = Ledger.of(PLAN, D(2017, 9, 19)), Ledger.of(PLAN, D(2017, 9, 20))
    assert not before.is_cancelled("c")
    assert before.cancelled == {}
    assert before.cancellations == ()
    assert on.is_cancelled("c")
    assert on.cancelled["c"].date == D(2017, 9, 20)
    assert on.cancellations == PLAN.cancellations
    # A cancelled activity stays among the activities: it is shown, as cancelled.
    assert on.activities == (A, B, C)


def test_a_void_applies_on_every_day_whenever_it_was_recorded() -> None:
    """Voids carry no date: a void recorded after the day still takes the
    completion out of that day's books (recorded_at is never read)."""
    late = plan(
        activities=(A,),
        completions=(C1,),
        voids=(void("a-c1", recorded=dt.datetime(2018, 1, 5, tzinfo=dt.UTC)),),
    )
    for day in (D(2017, 9, 1), D(2017, 12, 31), EVER):
        ledger = Ledger.of(late, day)
        assert ledger.live_completions == ()
        assert not ledger.counts(C1)


def test_an_activity_cancelled_twice_keeps_the_first_cancellation() -> None:
    first, second = cancel("a", D(2017, 10, 5), "một"), cancel("a", D(2017, 9, 5), "hai")
    twice = plan(activities=(A,), cancellations=(first, second))
    assert Ledger.of(twice, D(2017, 9, 10)).cancelled == {"a": second}
    assert Ledger.of(twice, EVER).cancelled == {"a": first}
    assert Ledger.of(twice, EVER).cancellations == (first, second)


def test_entries_of_an_activity_are_every_record_whatever_the_day() -> None:
    ledger = Ledger.of(PLAN, D(2017, 9, 1))
    assert ledger.entries_of("a") == Entries((C1, C2), None)
    assert ledger.entries_of("b") == Entries((C3,), None)
    # shown as pending: dated after the day, and not in force on it
    assert ledger.entries_of("c") == Entries((), PLAN.cancellations[0])
    assert not ledger.is_cancelled("c")


def test_the_ledger_is_immutable() -> None:
    ledger = Ledger.of(PLAN, EVER)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ledger.as_of = D(2017, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        ledger.cancelled["a"] = PLAN.cancellations[0]  # type: ignore[index]
    with pytest.raises(TypeError):
        ledger.voids["x"] = PLAN.voids[0]  # type: ignore[index]
