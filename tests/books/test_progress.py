"""One measure of progress: the report's chart and the overall figure agree."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO_ROOT
from ggov_plan.books.derive import ProgressTally, overview
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.report import build, progress_series
from ggov_plan.plan.parse import parse_file as load

TRACKED = REPO_ROOT / "examples" / "plan2017-tracked.toml"
DAYS = [
    dt.date(2017, 9, 19),  # before anything happened
    dt.date(2017, 9, 20),
    dt.date(2017, 11, 10),
    dt.date(2017, 12, 1),  # the day of the cancellation
    dt.date(2017, 12, 31),
]


@pytest.mark.parametrize("as_of", DAYS)
def test_the_chart_ends_at_the_overall_progress_of_the_tracked_example(as_of: dt.date) -> None:
    plan = load(TRACKED).plan
    assert plan is not None
    series = progress_series(plan, as_of)
    figures = overview(plan, as_of)
    if series:
        assert series[-1].progress == figures.progress  # equal, not approximately
        assert series[-1].spent == figures.budget.spent
    else:
        assert figures.progress == 0.0
    # Every point is the overall progress of its own day.
    for point in series:
        assert point.progress == overview(plan, point.day).progress, point.day
    # The report's chart is that series, built from the report's own ledger.
    report = build(plan, as_of, None, [])
    assert report.chart == series
    assert report.ledger.as_of == as_of
    assert progress_series(plan, as_of, Ledger.of(plan, as_of)) == series


def test_the_tracked_example_has_a_chart() -> None:
    plan = load(TRACKED).plan
    assert plan is not None
    assert [p.day for p in progress_series(plan, dt.date(2017, 12, 31))][:1] == [
        dt.date(2017, 9, 20)
    ]


def test_the_tally_does_not_depend_on_the_order_shares_came_and_went() -> None:
    """A running float sum drifts as shares are taken away; the tally's does not."""
    shares = [0.1, 0.2, 0.7, 1 / 3, 2 / 3, 0.3, 1.0, 0.0]
    once = ProgressTally()
    for share in shares:
        once.add(share)
    churned = ProgressTally()
    for share in reversed(shares):
        churned.add(0.0)
        churned.replace(0.0, 0.9)
        churned.replace(0.9, share)
    for extra in (0.123, 0.456, 1 / 7):
        churned.add(extra)
        churned.remove(extra)
    assert churned.value == once.value
    assert ProgressTally().value == 0.0
