"""Money as people read it and type it, and dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from ggov_plan.cli.inputs import MAX_AMOUNT, parse_amount, parse_date, parse_quantity
from ggov_plan.i18n.money import format_number, format_vnd, group_digits
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


# --------------------------------------------------------------------------- amounts typed

ACCEPTED = [
    # whole đồng, plain or grouped by thousands (the forms accepted from the start)
    ("20000000", 20_000_000),
    ("20.000.000", 20_000_000),
    ("20,000,000", 20_000_000),
    ("20_000_000", 20_000_000),
    ("20 000 000", 20_000_000),
    ("0", 0),
    ("1.500", 1_500),  # one separator and three digits: grouping, never a decimal
    ("1,500", 1_500),
    ("  5000000 ", 5_000_000),
    ("020000000", 20_000_000),
    ("20\u00a0000\u00a0000", 20_000_000),  # no-break spaces, as word processors group
    ("20\u202f000\u202f000", 20_000_000),  # narrow no-break spaces
    # a currency word after, or the code before
    ("213.000.000 đ", 213_000_000),
    ("213.000.000đ", 213_000_000),
    ("213.000.000 đồng", 213_000_000),
    ("213.000.000 dong", 213_000_000),
    ("213,000,000 VND", 213_000_000),
    ("213,000,000 vnd", 213_000_000),
    ("213.000.000 VNĐ", 213_000_000),
    ("213.000.000 ₫", 213_000_000),
    ("VND 213,000,000", 213_000_000),
    # unit words, with or without diacritics, spaced or not, any case
    ("20 triệu", 20_000_000),
    ("20 trieu", 20_000_000),
    ("20 Triệu", 20_000_000),
    ("20triệu", 20_000_000),
    ("20tr", 20_000_000),
    ("20 tr", 20_000_000),
    ("20 triệu đồng", 20_000_000),
    ("20 trđ", 20_000_000),
    ("2 tỷ", 2_000_000_000),
    ("2 ty", 2_000_000_000),
    ("2 tỉ", 2_000_000_000),
    ("2 TỶ", 2_000_000_000),
    ("500 nghìn", 500_000),
    ("500 nghin", 500_000),
    ("500 ngàn", 500_000),
    ("500 ngan", 500_000),
    ("500k", 500_000),
    ("500 K", 500_000),
    ("500 ngàn đồng", 500_000),
    ("1500 triệu", 1_500_000_000),
    ("1.500.000 nghìn", 1_500_000_000),  # two separators: grouping
    ("20 000 triệu", 20_000_000_000),  # a space never marks a decimal
    # a decimal mark is clear before a unit word: comma or point
    ("1,5 triệu", 1_500_000),
    ("1.5 triệu", 1_500_000),
    ("1,5tr", 1_500_000),
    ("0,5 tr", 500_000),
    ("1,2 tỷ", 1_200_000_000),
    ("2.75 tỷ", 2_750_000_000),
    ("1,25 k", 1_250),
    ("1,50 triệu", 1_500_000),
    ("1,2345 triệu", 1_234_500),
    ("1,2 tỷ đồng", 1_200_000_000),
    # the limit itself
    ("1.000.000.000.000.000", MAX_AMOUNT),
    ("1000000 tỷ", MAX_AMOUNT),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED, ids=[t for t, _ in ACCEPTED])
def test_parse_amount_accepts(text: str, expected: int) -> None:
    amount = parse_amount(text)
    assert amount == expected
    assert type(amount) is int


def test_parse_amount_reads_decomposed_vietnamese() -> None:
    """A terminal may send NFD (ệ as e + two marks); it reads as the NFC word."""
    import unicodedata

    assert parse_amount(unicodedata.normalize("NFD", "20 triệu đồng")) == 20_000_000
    assert parse_amount(unicodedata.normalize("NFD", "2 tỷ")) == 2_000_000_000


HINT = (
    "write whole đồng, e.g. 20000000, 20.000.000, 20,000,000 or 20 triệu; "
    "a decimal needs a unit word: 1,5 triệu, 2.5 tỷ, 500 nghìn"
)

REFUSED = [
    # a decimal mark with no unit word: 1.5 what?
    ("1.5", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    ("1,5", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    ("20.00", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    ("1.5 đ", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    ("20000000.5", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    # three decimals before a unit word: a thousands group or a decimal?
    ("1.500 triệu", "is ambiguous: 1500 triệu or 1,5 triệu?",
     "write 1500 triệu, or 1,5 triệu for the decimal"),
    ("1,500 tỷ", "is ambiguous: 1500 tỷ or 1,5 tỷ?", "write 1500 tỷ, or 1,5 tỷ for the decimal"),
    ("2.250k", "is ambiguous: 2250 k or 2,25 k?", "write 2250 k, or 2,25 k for the decimal"),
    # not whole đồng
    ("1,0000001 triệu", "is not a whole number of đồng (1000000,1 đồng)",
     "a đồng has no fraction: round it, e.g. 1000000 or 1000001"),
    ("1,2345 k", "is not a whole number of đồng (1234,5 đồng)",
     "a đồng has no fraction: round it, e.g. 1234 or 1235"),
    # badly grouped, or not a number at all
    ("1.50.000", "is not an amount of money", HINT),
    ("20.000,000", "is not an amount of money", HINT),
    ("20000.000.000", "is not an amount of money", HINT),
    ("20,0000", "is ambiguous: a decimal mark needs a unit word after it", HINT),
    ("abc", "is not an amount of money", HINT),
    ("hai mươi triệu", "is not an amount of money", HINT),
    ("triệu", "is not an amount of money", HINT),
    ("đ", "is not an amount of money", HINT),
    ("VND", "is not an amount of money", HINT),
    ("20 triệu 500 nghìn", "is not an amount of money", HINT),
    ("20 nghìn tỷ", "is not an amount of money", HINT),
    ("1e6", "is not an amount of money", HINT),
    ("+5", "is not an amount of money", HINT),
    ("5-", "is not an amount of money", HINT),
    ("--5", "is not an amount of money", HINT),
    ("0x10", "is not an amount of money", HINT),
    ("２０", "is not an amount of money", HINT),  # full-width digits
    ("20 $", "is not an amount of money", HINT),
    ("20 triệu USD", "is not an amount of money", HINT),
    # negative
    ("-5", "is negative", "an amount is 0 or more"),
    ("-5.000.000", "is negative", "an amount is 0 or more"),
    ("- 5 triệu", "is negative", "an amount is 0 or more"),
    ("−1,5 tỷ", "is negative", "an amount is 0 or more"),  # U+2212 minus sign
    # empty
    ("", "is empty", HINT),
    ("   ", "is empty", HINT),
    # beyond 10^15 đồng
    ("1000000000000001", "is more than 1.000.000.000.000.000 đồng",
     "check the number of zeros: at most 1.000.000.000.000.000 đồng (một triệu tỷ) is accepted"),
    ("1,000,000,000,000,001 VND", "is more than 1.000.000.000.000.000 đồng",
     "check the number of zeros: at most 1.000.000.000.000.000 đồng (một triệu tỷ) is accepted"),
    ("1000001 tỷ", "is more than 1.000.000.000.000.000 đồng",
     "check the number of zeros: at most 1.000.000.000.000.000 đồng (một triệu tỷ) is accepted"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "says", "hint"), REFUSED, ids=[t for t, _, _ in REFUSED])
def test_parse_amount_refuses(text: str, says: str, hint: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_amount(text, what="--spent")
    assert raised.value.message == f"--spent: {text!r} {says}"
    assert raised.value.hint == hint
    assert raised.value.exit_code == 2


def test_parse_amount_names_the_option_by_default_amount() -> None:
    with pytest.raises(UsageError) as raised:
        parse_amount("abc")
    assert raised.value.message == "amount: 'abc' is not an amount of money"


def test_every_amount_hint_shows_forms_that_are_accepted() -> None:
    """The examples a hint gives are themselves accepted, so the advice can be followed."""
    examples = ("20000000", "20.000.000", "20,000,000", "20 triệu", "1,5 triệu", "2.5 tỷ",
                "500 nghìn")  # fmt: skip
    for example in examples:
        assert example in HINT
        assert parse_amount(example) > 0


@pytest.mark.parametrize("amount", [0, 1, 999, 1_000, 1_005_000, 213_000_000, MAX_AMOUNT])
def test_what_ggov_plan_prints_reads_back(amount: int) -> None:
    """format_vnd's and format_number's output, typed back, is the same amount."""
    for lang in ("en", "vi"):
        assert parse_amount(format_vnd(amount, lang)) == amount
        assert parse_amount(format_number(amount, lang)) == amount


# --------------------------------------------------------------------------- quantities


@pytest.mark.parametrize(("text", "expected"), [("1", 1), (" 12 ", 12), ("010", 10)])
def test_parse_quantity(text: str, expected: int) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["0", "-1", "2.5", "", "một", "1e3", "１"])
def test_parse_quantity_refuses(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_quantity(text, what="--qty")
    assert raised.value.message == f"--qty: {text!r} is not a whole number of 1 or more"


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
