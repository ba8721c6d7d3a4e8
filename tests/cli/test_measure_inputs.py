"""Measured values as people type them (cli.inputs.parse_measure)."""

from __future__ import annotations

import pytest

from ggov_plan.cli.inputs import MAX_QUANTITY, parse_measure
from ggov_plan.i18n import language, t
from ggov_plan.problems import UsageError


@pytest.mark.parametrize(
    ("typed", "percentage", "expected"),
    [
        ("795", False, 795),
        ("0", False, 0),
        (" 795 ", False, 795),
        ("1.500", False, 1500),  # Vietnamese groups digits
        ("1,500", False, 1500),
        ("80,5", True, 80.5),  # Vietnamese decimal comma
        ("80.5", True, 80.5),
        ("21,25", True, 21.25),
        ("80,50", True, 80.5),
        ("80,0", True, 80),  # no fraction: a whole number
        ("80", True, 80),
        ("50%", True, 50),
        ("8,75 %", True, 8.75),
    ],
)
def test_values_people_type(typed: str, percentage: bool, expected: float) -> None:
    value = parse_measure(typed, percentage=percentage)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("typed", "percentage", "key"),
    [
        ("abc", False, "input.measure.bad"),
        ("", True, "input.measure.bad"),
        ("1e5", True, "input.measure.bad"),
        ("80,5,1", True, "input.measure.bad"),
        ("50%", False, "input.measure.bad"),
        ("-5", False, "input.measure.negative"),
        ("−2,5", True, "input.measure.negative"),
        ("80.125", True, "input.measure.decimals"),
        ("1.500", True, "input.measure.decimals"),  # 1500 or 1,5? refused for a %
        ("80,5", False, "input.measure.decimal"),
        ("1.5", False, "input.measure.decimal"),
        (str(MAX_QUANTITY + 1), False, "input.measure.too_large"),
        ("9" * 5000, False, "input.measure.too_large"),
    ],
)
def test_values_refused(typed: str, percentage: bool, key: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_measure(typed, percentage=percentage, what="VALUE")
    assert error.value.message == t(key, what="VALUE", text=repr(typed))


def test_a_refusal_names_the_value_and_how_to_write_one() -> None:
    with language("vi"), pytest.raises(UsageError) as error:
        parse_measure("abc", percentage=False, what="VALUE")
    assert error.value.message == "VALUE: 'abc' không phải là số"
    assert "80,5" in error.value.hint
