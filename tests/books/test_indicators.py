"""Indicator states: the latest measurement against the target and milestones.

The expected states are worked out by hand in the fixtures' header comments.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ggov_plan.books.indicators import IndicatorState, indicator_figures, satisfies
from ggov_plan.books.ledger import Ledger
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import parse_file as load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
D = dt.date
S = IndicatorState


def _plan(name: str) -> Plan:
    plan = load(FIXTURES / name).plan
    assert plan is not None
    return plan


def _states(plan: Plan, day: dt.date) -> dict[str, IndicatorState]:
    return {f.id: f.state for f in indicator_figures(plan, Ledger.of(plan, day))}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2016, 12, 30), {"ty-le-ho-so-truc-tuyen": S.NOT_MEASURED}),
        (D(2016, 12, 31), {
            "ty-le-ho-so-truc-tuyen": S.BEHIND,
            "ty-le-biet-cong-dvc": S.ON_TRACK,
            "so-dvc-muc-do-3-4": S.ON_TRACK,
        }),
        (D(2017, 12, 31), {
            "ty-le-ho-so-truc-tuyen": S.ON_TRACK,
            "ty-le-biet-cong-dvc": S.BEHIND,
            "so-dvc-muc-do-3-4": S.MET,
        }),
        (D(2018, 12, 31), {"ty-le-biet-cong-dvc": S.BEHIND}),
        (D(2019, 1, 1), {"ty-le-biet-cong-dvc": S.MISSED}),
        (D(2021, 1, 1), {"ty-le-ho-so-truc-tuyen": S.MISSED}),
    ],
)  # fmt: skip
def test_five_year_plan_states(day: dt.date, expected: dict[str, IndicatorState]) -> None:
    states = _states(_plan("province2016_2020.toml"), day)
    assert {key: states[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 6, 27), {"ty-le-ho-so-truc-tuyen": S.NOT_MEASURED,
                          "so-buoi-tuyen-truyen": S.NOT_MEASURED}),
        (D(2023, 6, 30), {"ty-le-ho-so-truc-tuyen": S.ON_TRACK,
                          "so-buoi-tuyen-truyen": S.NOT_MEASURED}),
        (D(2023, 12, 31), {"ty-le-ho-so-truc-tuyen": S.ON_TRACK,
                           "so-buoi-tuyen-truyen": S.MET}),
        (D(2024, 1, 1), {"ty-le-ho-so-truc-tuyen": S.MISSED}),
    ],
)  # fmt: skip
def test_city_plan_states(day: dt.date, expected: dict[str, IndicatorState]) -> None:
    states = _states(_plan("city2023.toml"), day)
    assert {key: states[key] for key in expected} == expected


def test_achieved_value_date_and_parts_come_from_the_latest_measurement() -> None:
    plan = _plan("province2016_2020.toml")
    (count,) = [
        f
        for f in indicator_figures(plan, Ledger.of(plan, D(2017, 12, 31)))
        if f.id == "so-dvc-muc-do-3-4"
    ]
    assert (count.target, count.achieved, count.measured_on) == (600, 605, D(2017, 12, 15))
    assert [(p.key, p.target, p.achieved) for p in count.parts] == [
        ("cap-tinh", 400, 405),
        ("cap-huyen-xa", 200, 200),
    ]
    assert [m.value for m in count.history] == [412, 605]


def test_a_voided_measurement_does_not_count() -> None:
    plan = _plan("province2016_2020.toml")
    latest = [m for m in plan.measurements if m.indicator == "so-dvc-muc-do-3-4"][-1]
    from ggov_plan.plan.model import Void

    voided = Plan(
        **{
            **{f: getattr(plan, f) for f in plan.__dataclass_fields__},
            "voids": (*plan.voids, Void(measurement=latest.id, reason="nhập nhầm")),
        }
    )
    (count,) = [
        f
        for f in indicator_figures(voided, Ledger.of(voided, D(2017, 12, 31)))
        if f.id == "so-dvc-muc-do-3-4"
    ]
    assert count.achieved == 412
    assert count.state is S.ON_TRACK


@pytest.mark.parametrize(
    ("value", "qualifier", "target", "met"),
    [
        (1500, "more-than", 1500, False), (1501, "more-than", 1500, True),
        (80, "at-least", 80, True), (79.99, "at-least", 80, False),
        (5, "at-most", 5, True), (5, "less-than", 5, False),
        (795, "exactly", 795, True), (796, "exactly", 795, False),
    ],
)  # fmt: skip
def test_qualifiers(value: float, qualifier: str, target: int, met: bool) -> None:
    assert satisfies(value, qualifier, target) is met
