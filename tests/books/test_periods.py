"""Reporting periods: what --period accepts, the days it covers, and its name."""

from __future__ import annotations

import datetime as dt

import pytest

from ggov_plan.books.periods import Period, parse_period, span
from ggov_plan.problems import UsageError

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "en", "vi"),
    [
        ("2017", D(2017, 1, 1), D(2017, 12, 31), "2017", "năm 2017"),
        ("2015-H1", D(2015, 1, 1), D(2015, 6, 30), "the first half of 2015",
         "6 tháng đầu năm 2015"),
        ("2015-h2", D(2015, 7, 1), D(2015, 12, 31), "the second half of 2015",
         "6 tháng cuối năm 2015"),
        ("2017-Q4", D(2017, 10, 1), D(2017, 12, 31), "quarter IV of 2017", "quý IV năm 2017"),
        ("2017-q1", D(2017, 1, 1), D(2017, 3, 31), "quarter I of 2017", "quý I năm 2017"),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29), "2/2016", "tháng 2/2016"),
        (" 2017-10 ", D(2017, 10, 1), D(2017, 10, 31), "10/2017", "tháng 10/2017"),
    ],
)  # fmt: skip
def test_written_periods(text: str, start: dt.date, end: dt.date, en: str, vi: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.name().text("en") == en
    assert period.name().text("vi") == vi
    assert start in period and end in period
    assert start - dt.timedelta(days=1) not in period
    assert end + dt.timedelta(days=1) not in period


@pytest.mark.parametrize(
    "text", ["", "17", "2017-13", "2017-00", "2017-H3", "2017-Q5", "2017/10", "năm 2017", "0000"]
)
def test_bad_periods_are_refused_with_how_to_write_one(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_period(text)
    assert raised.value.message.startswith("--period: ")
    assert "2017-H1" in raised.value.hint


def test_a_span_of_days() -> None:
    period = span(D(2017, 9, 1), D(2017, 9, 30))
    assert period == Period(D(2017, 9, 1), D(2017, 9, 30), "span")
    assert period.name().text("vi") == "từ ngày 01/09/2017 đến ngày 30/09/2017"
    assert period.name().text("en") == "2017-09-01 to 2017-09-30"


def test_a_span_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UsageError) as raised:
        span(D(2017, 9, 30), D(2017, 9, 1))
    assert "2017-09-01" in raised.value.message
