"""Property: the report's progress chart is the overall progress, day by day.

Random journals (hypothesis), built as records without a file: a few
activities (ids may repeat, as in a broken file; targets may be 0),
completions (some of activities that do not exist), cancellations and voids.
For any as-of day, each point of ``progress_series`` equals, exactly, the
progress ``overview`` gives for the point's own day, and the last point the
progress on the as-of day; money equals the overview's spending when ids are
unique (a repeated id makes the overview count the money twice).
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ggov_plan.books.derive import overview
from ggov_plan.books.report import progress_series
from ggov_plan.plan.model import Activity, Cancellation, Completion, Plan, Void

START = dt.date(2017, 9, 1)
IDS = ("a", "b", "c", "d", "e")
days = st.integers(0, 40).map(lambda n: START + dt.timedelta(days=n))
#: As in test_properties.py: reproducible unless HYPOTHESIS_EXPLORE is set.
EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=not EXPLORE,
    print_blob=EXPLORE,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    activities = tuple(
        Activity(id=ident, task="t", title=ident, target=draw(st.integers(0, 7)))
        for ident in draw(st.lists(st.sampled_from(IDS), max_size=6))
    )
    completions = tuple(
        Completion(
            id=f"c{n}",
            activity=draw(st.sampled_from((*IDS, "stray"))),
            date=draw(days),
            quantity=draw(st.integers(0, 5)),
            spent=draw(st.integers(0, 10**6)),
        )
        for n in range(draw(st.integers(0, 20)))
    )
    cancellations = tuple(
        Cancellation(activity=draw(st.sampled_from(IDS)), date=draw(days), reason="r")
        for _ in range(draw(st.integers(0, 3)))
    )
    voids = tuple(
        Void(completion=c.id, reason="r") for c in completions if draw(st.integers(0, 4)) == 0
    )
    return Plan(
        file="plan.toml",
        format=1,
        header=None,
        budget=None,
        activities=activities,
        completions=completions,
        cancellations=cancellations,
        voids=voids,
    )


@given(plan=plans(), as_of=days)
@SETTINGS
def test_the_chart_is_the_overall_progress_day_by_day(plan: Plan, as_of: dt.date) -> None:
    series = progress_series(plan, as_of)
    unique = len({a.id for a in plan.activities}) == len(plan.activities)
    final = overview(plan, as_of)
    assert (series[-1].progress if series else 0.0) == final.progress
    for point in series:
        assert point.day <= as_of
        figures = overview(plan, point.day)
        assert point.progress == figures.progress, point.day
        if unique:
            assert point.spent == figures.budget.spent, point.day
    assert [p.day for p in series] == sorted({p.day for p in series})
