"""Amounts in words, as official documents write them ("bằng chữ").

Every expected text below was written by hand from the convention that
docs/money.md describes, not produced by the function under test:

- groups of three digits with nghìn, triệu, tỷ; a group of all zeros is not said;
- inside a number a group with zero hundreds says "không trăm", and a zero
  tens before a nonzero unit says "linh";
- mười (10–19) but hai mươi …; after a tens word 1 is mốt and 4 is tư from
  hai mươi on, 5 is lăm from mười on; 0 is "Không đồng", below zero "Âm …".
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from ggov_plan.i18n.money import amount_in_words, format_vnd_words

ROOT = Path(__file__).resolve().parents[2]

WORDS = [
    # units, tens and the words that change after a tens word
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (44, "Bốn mươi tư đồng"),
    (55, "Năm mươi lăm đồng"),
    (91, "Chín mươi mốt đồng"),
    # hundreds: linh for a zero tens
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    # thousands: không trăm inside a number, never in the leading group
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (500_000, "Năm trăm nghìn đồng"),
    # millions: the plan's own figures first
    (213_000_000, "Hai trăm mười ba triệu đồng"),  # printed in Plan 228/KH-UBND
    (163_000_000, "Một trăm sáu mươi ba triệu đồng"),
    (50_000_000, "Năm mươi triệu đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (1_500_000, "Một triệu năm trăm nghìn đồng"),
    (20_000_000, "Hai mươi triệu đồng"),
    (100_000_000, "Một trăm triệu đồng"),
    (
        999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
        "chín trăm chín mươi chín đồng",
    ),
    # tỷ, and whole zero groups skipped
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_000_005_000, "Một tỷ không trăm linh năm nghìn đồng"),
    (1_001_000_000, "Một tỷ không trăm linh một triệu đồng"),
    (1_200_000_000, "Một tỷ hai trăm triệu đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (
        1_234_567_890,
        "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng",
    ),
    (10_000_000_000, "Mười tỷ đồng"),
    # beyond tỷ: nghìn tỷ, triệu tỷ, tỷ tỷ
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_001_000_000_000, "Một nghìn không trăm linh một tỷ đồng"),
    (2_024_000_000_000, "Hai nghìn không trăm hai mươi tư tỷ đồng"),
    (1_000_000_000_500, "Một nghìn tỷ năm trăm đồng"),
    (1_000_000_000_000_000, "Một triệu tỷ đồng"),
    (10**18, "Một tỷ tỷ đồng"),
    # below zero
    (-50_000_000, "Âm năm mươi triệu đồng"),
    (-1_005, "Âm một nghìn không trăm linh năm đồng"),
    (-21, "Âm hai mươi mốt đồng"),
]


@pytest.mark.parametrize(("amount", "expected"), WORDS, ids=[f"{a:_}" for a, _ in WORDS])
def test_amount_in_words(amount: int, expected: str) -> None:
    assert amount_in_words(amount) == expected


def test_the_table_has_the_cases_asked_for() -> None:
    amounts = {amount for amount, _ in WORDS}
    asked = {
        213_000_000, 163_000_000, 50_000_000, 1_005_000, 1_000_000, 10_000, 15, 21, 25, 101,
        105, 110, 115, 1_001, 1_010, 1_100, 100_000_000, 1_000_000_000, 1_000_005_000,
        2_500_000_000, 999_999_999, 0,
    }  # fmt: skip
    assert asked <= amounts
    assert len(WORDS) >= 30


def test_the_plan_total_in_words_is_the_documents_text() -> None:
    """What data/plan2017.toml copies from the printed plan is what the function says."""
    text = (ROOT / "data" / "plan2017.toml").read_text(encoding="utf-8")
    assert 'total_in_words = "Hai trăm mười ba triệu đồng"' in text
    assert amount_in_words(213_000_000) == "Hai trăm mười ba triệu đồng"


def test_words_never_use_regional_or_colloquial_forms() -> None:
    """nghìn not ngàn, linh not lẻ, tỷ not tỉ, lăm not nhăm, across many amounts."""
    for amount in [*range(0, 2_000, 7), *range(10**9, 10**9 + 10**6, 4_999), 10**12 + 5]:
        words = amount_in_words(amount).split()
        assert not {"ngàn", "lẻ", "tỉ", "nhăm"} & set(words), amount
        assert words[-1] == "đồng"
        assert words[0][0].isupper() and " ".join(words[1:]).islower()


@pytest.mark.parametrize("amount", [0, 1, 21, 1_005_000, 213_000_000, 10**12 + 1])
def test_negative_is_am_then_the_positive_reading(amount: int) -> None:
    positive = amount_in_words(amount)
    if amount == 0:
        assert amount_in_words(-amount) == "Không đồng"
    else:
        assert amount_in_words(-amount) == "Âm " + positive[0].lower() + positive[1:]


@pytest.mark.parametrize("bad", [1.5, "213000000", True, None])
def test_only_whole_numbers_have_words(bad: object) -> None:
    with pytest.raises(TypeError, match="whole number of đồng"):
        amount_in_words(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (213_000_000, "213.000.000 đồng (Hai trăm mười ba triệu đồng)"),
        (1_005_000, "1.005.000 đồng (Một triệu không trăm linh năm nghìn đồng)"),
        (0, "0 đồng (Không đồng)"),
        (-5_000, "-5.000 đồng (Âm năm nghìn đồng)"),
    ],
)
def test_format_vnd_words(amount: int, expected: str) -> None:
    assert format_vnd_words(amount) == expected


def test_docs_money_examples_are_real() -> None:
    """Every ``>>>`` example of docs/money.md gives the output shown there."""
    failed, attempted = doctest.testfile(
        str(ROOT / "docs" / "money.md"), module_relative=False, verbose=False
    )
    assert attempted >= 10
    assert failed == 0
