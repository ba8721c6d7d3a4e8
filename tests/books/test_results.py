"""Results (issue 12) on the core: progress over every task, task states,
quantities per unit, figures for a period, reach, unknown budgets.

The figures are worked out by hand from tests/fixtures/province2016_2020.toml
(its journal is listed in the comments below) and city2023.toml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from conftest import REPO_ROOT
from ggov_plan.books.derive import (
    Status,
    TaskState,
    UnitAmount,
    UnitQuantity,
    budget_rows,
    month_rows,
    overview,
    plan_progress,
    progress_rows,
    progress_series,
    task_ids,
)
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.periods import parse_period, span
from ggov_plan.books.report import build
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import parse_file as load

FIXTURES = REPO_ROOT / "tests" / "fixtures"
END_2017 = dt.date(2017, 12, 31)


def _plan(name: str) -> Plan:
    plan = load(FIXTURES / name).plan
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def province() -> Plan:
    return _plan("province2016_2020.toml")


@pytest.fixture(scope="module")
def city() -> Plan:
    return _plan("city2023.toml")


# --------------------------------------------------------------------------- progress


def test_progress_is_the_mean_over_every_task(province: Plan) -> None:
    # As of 31/12/2017, by task (cancelled so-tttt-a5tz left out):
    #   v1-huong-dan-theo-doi      no activity                        0
    #   v1-san-xuat-chuong-trinh   47gb 6/6, 4nrp 22/24, a8yd 0/4     (1 + 22/24 + 0) / 3
    #   v1-tuyen-truyen-truc-tiep  7ekx 3/4, 832a 20000/20000, as84   (3/4 + 1 + 0) / 3
    #   v2-kinh-phi                no activity                        0
    #   v3-so-ban-nganh            8wzr 35/60                         35/60
    #   v4-cap-huyen               9p7n 4/12                          4/12
    figures = overview(province, END_2017)
    expected = [0.0, (1 + 22 / 24) / 3, (3 / 4 + 1) / 3, 0.0, 35 / 60, 4 / 12]
    assert [t.id for t in figures.tasks] == [t.id for t in province.tasks]
    assert [t.progress for t in figures.tasks] == pytest.approx(expected)
    assert figures.progress == pytest.approx(sum(expected) / 6)
    assert plan_progress(province, figures.activities) == figures.progress


def test_untouched_tasks_keep_the_plan_below_100_percent(province: Plan) -> None:
    # Every activity done, but two tasks have none: the plan is not at 100%.
    figures = overview(province, END_2017)
    done = tuple(
        replace(f, done=f.activity.target, status=Status.DONE)
        for f in figures.activities
        if f.status is not Status.CANCELLED
    )
    assert plan_progress(province, done) == pytest.approx(4 / 6)


def test_a_plan_with_no_task_reads_0() -> None:
    empty = Plan(file="x.toml", format=1, header=None, budget=None)
    assert overview(empty, END_2017).progress == 0.0
    assert overview(empty, END_2017).tasks == ()


def test_task_states(province: Plan, city: Plan) -> None:
    states = {t.id: t.state for t in overview(province, END_2017).tasks}
    assert states == {
        "v1-huong-dan-theo-doi": TaskState.NOT_STARTED,
        "v1-san-xuat-chuong-trinh": TaskState.IN_PROGRESS,
        "v1-tuyen-truyen-truc-tiep": TaskState.IN_PROGRESS,
        "v2-kinh-phi": TaskState.NOT_STARTED,
        "v3-so-ban-nganh": TaskState.IN_PROGRESS,
        "v4-cap-huyen": TaskState.IN_PROGRESS,
    }
    # Before anything was recorded, every task is not started.
    early = overview(province, dt.date(2016, 3, 31))
    assert {t.state for t in early.tasks} == {TaskState.NOT_STARTED}
    assert early.task_counts == {
        TaskState.NOT_STARTED: 6,
        TaskState.IN_PROGRESS: 0,
        TaskState.DONE: 0,
    }
    # City 2023: v4-phuong-xa's one activity is done, v3-van-phong has nothing.
    city_states = {t.id: t.state for t in overview(city, dt.date(2023, 12, 31)).tasks}
    assert city_states["v4-phuong-xa"] is TaskState.DONE
    assert city_states["v3-van-phong"] is TaskState.NOT_STARTED


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2016, 6, 20),
        dt.date(2016, 12, 31),
        dt.date(2017, 10, 16),
        END_2017,
        dt.date(2018, 12, 31),
    ],
)
def test_the_chart_ends_at_the_plans_progress(province: Plan, day: dt.date) -> None:
    series = progress_series(province, day)
    assert series[-1].progress == overview(province, day).progress  # equal, not approximately
    for point in series:
        assert point.progress == overview(province, point.day).progress


def test_progress_by_task_lists_every_task(province: Plan) -> None:
    figures = overview(province, dt.date(2016, 3, 31))
    rows = progress_rows(figures.activities, "task", tasks=task_ids(province))
    assert [r.key for r in rows] == [t.id for t in province.tasks]
    assert {r.state for r in rows} == {TaskState.NOT_STARTED}
    # Without the task list, only the tasks with live activities (other groupings).
    assert len(progress_rows(figures.activities, "task")) == 4


# --------------------------------------------------------------------------- units


def test_quantities_are_per_unit_never_summed(province: Plan) -> None:
    figures = overview(province, END_2017)
    assert figures.quantities == (
        UnitQuantity("phóng sự", 6, 10),  # 47gb 6/6, a8yd 0/4
        UnitQuantity("buổi", 7, 19),  # 7ekx 3/4, 9p7n 4/12, as84 0/3 (a5tz cancelled)
        UnitQuantity("tin, bài", 57, 84),  # 4nrp 22/24, 8wzr 35/60
        UnitQuantity("tờ rơi", 20000, 20000),
    )


# --------------------------------------------------------------------------- periods


def test_figures_for_a_period_count_records_by_their_own_date(province: Plan) -> None:
    period = parse_period("2017")
    figures = overview(province, END_2017, period=period)
    assert figures.period == period
    # 2017: fynv 20000 tờ rơi 28.5M; jqk6 4 buổi 8M reach 520 lượt người;
    # cbum 10 tin, bài 15M; jhp4 35 tin, bài; cns4 12 tin, bài 18M. Their
    # recorded_at (2026) and the activities' created dates do not matter.
    assert figures.in_period is not None
    assert figures.in_period.completions == 5
    assert figures.in_period.activities == 4
    assert figures.in_period.spent == 69_500_000
    assert set(figures.in_period.quantities) == {
        UnitAmount("tờ rơi", 20000),
        UnitAmount("buổi", 4),
        UnitAmount("tin, bài", 57),
    }
    assert figures.in_period.reach == (UnitAmount("lượt người", 520),)
    # Cumulative: 2016's four completions too (75M, reach in two other units).
    assert figures.cumulative is not None
    assert figures.cumulative.completions == 9
    assert figures.cumulative.spent == 144_500_000
    assert set(figures.cumulative.reach) == {
        UnitAmount("học sinh, sinh viên", 1200),
        UnitAmount("học sinh", 650),
        UnitAmount("lượt người", 520),
    }
    assert figures.budget.period_spent == 69_500_000
    assert figures.budget.spent == 144_500_000


def test_a_span_counts_its_first_and_last_day(province: Plan) -> None:
    figures = overview(province, END_2017, period=span(dt.date(2017, 4, 20), dt.date(2017, 5, 16)))
    assert figures.in_period is not None
    assert figures.in_period.completions == 2  # fynv on 20/4, jqk6 on 16/5


def test_group_rows_carry_the_period(province: Plan) -> None:
    period = parse_period("2017-H2")
    figures = overview(province, END_2017, period=period)
    rows = progress_rows(figures.activities, "task", tasks=task_ids(province), period=period)
    by_key = {r.key: r for r in rows}
    assert by_key["v3-so-ban-nganh"].period is not None
    assert by_key["v3-so-ban-nganh"].period.quantities == (UnitAmount("tin, bài", 35),)
    assert by_key["v2-kinh-phi"].period is not None
    assert by_key["v2-kinh-phi"].period.completions == 0


def test_month_rows_are_per_unit_with_the_plans_progress(province: Plan) -> None:
    ledger = Ledger.of(province, END_2017)
    figures = overview(province, END_2017, ledger)
    rows = month_rows(province, figures, ledger, parse_period("2017-Q2"))
    assert [r.key for r in rows] == ["2017-04", "2017-05", "2017-06"]
    assert rows[1].recorded.quantities == (UnitAmount("buổi", 4),)
    assert rows[-1].progress == overview(province, dt.date(2017, 6, 30)).progress


def test_a_report_for_a_period(province: Plan) -> None:
    period = parse_period("2017-H1")
    report = build(province, period.end, None, [], period)
    assert report.period == period
    assert report.since == dt.date(2017, 1, 1)
    assert [c.completion.id for c in report.completed] == [
        "so-tttt-832a-fynv",
        "ubnd-cap-huyen-9p7n-jqk6",
        "bao-hau-loc-4nrp-cbum",
    ]
    assert list(report.breakdowns) == ["task", "agency", "channel", "content"]
    assert len(report.breakdowns["task"]) == 6


# --------------------------------------------------------------------------- budgets


def test_unknown_amounts_have_no_remainder(province: Plan, city: Plan) -> None:
    figures = overview(province, END_2017, period=parse_period("2017"))
    assert figures.budget.total is None
    assert figures.budget.remaining is None
    (source,) = figures.budget.sources
    assert (source.amount, source.remaining, source.spent) == (None, None, 144_500_000)
    (row,) = budget_rows(province, figures, "source")
    assert (row.declared, row.remaining, row.unstated, row.period_spent) == (
        None,
        None,
        True,
        69_500_000,
    )
    city_figures = overview(city, dt.date(2023, 12, 31))
    assert city_figures.budget.total is None
    assert city_figures.budget.remaining is None
    assert city_figures.budget.sources == ()
