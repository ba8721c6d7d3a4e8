"""Money as people read it, and dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from ggov_plan.inputs import parse_date
from ggov_plan.money import format_number, format_vnd, group_digits
from ggov_plan.problems import UsageError

# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("amount", "separator", "expected"),
    [
        (0, ".", "0"),
        (999, ".", "999"),
        (1_000, ".", "1.000"),
        (213_000_000, ".", "213.000.000"),
        (213_000_000, ",", "213,000,000"),
        (1_234_567_890, " ", "1 234 567 890"),
        (-5_000, ".", "-5.000"),
        (-999, ",", "-999"),
        (-1_000_000, ",", "-1,000,000"),
    ],
)
def test_group_digits(amount: int, separator: str, expected: str) -> None:
    assert group_digits(amount, separator) == expected


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (213_000_000, "en", "213,000,000 VND"),
        (213_000_000, "vi", "213.000.000 đ"),
        (0, "en", "0 VND"),
        (0, "vi", "0 đ"),
        (-50_000_000, "en", "-50,000,000 VND"),
        (-50_000_000, "vi", "-50.000.000 đ"),
    ],
)
def test_format_vnd(amount: int, lang: str, expected: str) -> None:
    assert format_vnd(amount, lang) == expected  # type: ignore[arg-type]


def test_format_vnd_defaults_to_english() -> None:
    assert format_vnd(163_000_000) == "163,000,000 VND"


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (163_000_000, "en", "163,000,000"),
        (163_000_000, "vi", "163.000.000"),
        (-1_500, "en", "-1,500"),
        (-1_500, "vi", "-1.500"),
        (12, "vi", "12"),
    ],
)
def test_format_number(amount: int, lang: str, expected: str) -> None:
    assert format_number(amount, lang) == expected  # type: ignore[arg-type]


def test_format_number_defaults_to_english() -> None:
    assert format_number(50_000_000) == "50,000,000"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-08-18", dt.date(2017, 8, 18)),
        ("2017-8-5", dt.date(2017, 8, 5)),
        ("  2017-12-31 ", dt.date(2017, 12, 31)),
        ("18/08/2017", dt.date(2017, 8, 18)),
        ("18/8/2017", dt.date(2017, 8, 18)),
        ("5/9/2017", dt.date(2017, 9, 5)),  # day first, as Vietnamese documents write it
        ("29/02/2016", dt.date(2016, 2, 29)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2017-02-30", "31/04/2017", "29/02/2017", "2017-13-01"])
def test_parse_date_not_a_real_day(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_date(text, what="--date")
    assert raised.value.message.startswith(f"--date: {text!r} is not a real date (")
    assert raised.value.hint == "check the day and month"
    assert raised.value.exit_code == 2


def test_parse_date_invalid_day_names_the_reason() -> None:
    with pytest.raises(UsageError) as raised:
        parse_date("30/02/2017")
    assert raised.value.message == (
        "date: '30/02/2017' is not a real date (day is out of range for month)"
    )


@pytest.mark.parametrize(
    "text", ["", "hôm nay", "2017/08/18", "18-08-2017", "20170818", "18/08/17", "2017-08-18x"]
)
def test_parse_date_garbage(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_date(text, what="--as-of")
    assert raised.value.message == f"--as-of: {text!r} is not a date"
    assert raised.value.hint == ("write it as YYYY-MM-DD (2017-08-18) or DD/MM/YYYY (18/08/2017)")
