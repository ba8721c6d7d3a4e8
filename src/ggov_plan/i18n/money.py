"""Money: integer đồng, and how amounts are written for people.

Amounts are Python ints everywhere; nothing here rounds. Vietnamese writes
thousands with dots (213.000.000 đ), English with commas (213,000,000 VND).
Official documents also write an amount in words ("bằng chữ"), which
:func:`amount_in_words` gives: ``Hai trăm mười ba triệu đồng``.
docs/money.md describes both, and the convention the words follow.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "vi"]


def group_digits(amount: int, separator: str) -> str:
    """``213000000, "."`` → ``"213.000.000"``; the sign is kept."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", separator)


def format_vnd(amount: int, lang: Lang = "en") -> str:
    """An amount with its unit: ``213,000,000 VND`` or ``213.000.000 đ``."""
    if lang == "vi":
        return f"{group_digits(amount, '.')} đ"
    return f"{group_digits(amount, ',')} VND"


def format_number(amount: int, lang: Lang = "en") -> str:
    """An amount without its unit, for table columns headed with the unit."""
    return group_digits(amount, "." if lang == "vi" else ",")


# --------------------------------------------------------------------------- in words

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9


def _units_after_tens(tens: int, units: int) -> str:
    """The units digit once a tens word has been said: mốt, tư, lăm where the ear wants them."""
    if units == 5:
        return "lăm"  # mười lăm, hai mươi lăm
    if tens >= 2 and units == 1:
        return "mốt"  # hai mươi mốt, but mười một
    if tens >= 2 and units == 4:
        return "tư"  # hai mươi tư, but mười bốn
    return _DIGITS[units]


def _group_in_words(group: int, full: bool) -> list[str]:
    """One group of three digits (1…999). ``full`` says its zero hundreds too: không trăm."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if tens and units:
        words.append(_units_after_tens(tens, units))
    return words


def _in_words(amount: int, leading: bool) -> list[str]:
    """A positive amount; ``leading`` when nothing has been said before it."""
    if amount >= _BILLION:
        billions, rest = divmod(amount, _BILLION)
        words = [*_in_words(billions, leading), "tỷ"]
        return words + _in_words(rest, leading=False) if rest else words
    words = []
    for group, scale in (
        (amount // 1_000_000, "triệu"),
        (amount // 1_000 % 1_000, "nghìn"),
        (amount % 1_000, ""),
    ):
        if group == 0:
            continue  # a whole group of zeros is not said
        words += _group_in_words(group, full=not leading)
        if scale:
            words.append(scale)
        leading = False
    return words


def amount_in_words(amount: int) -> str:
    """The amount as official documents write it in words: ``Hai trăm mười ba triệu đồng``.

    Groups of three digits are read with nghìn, triệu and tỷ (then nghìn tỷ,
    triệu tỷ, tỷ tỷ); a group that is all zeros is not said; inside a number a
    group's zero hundreds are said (không trăm) and a zero tens before a unit
    is linh: 1.005.000 → Một triệu không trăm linh năm nghìn đồng. After a tens
    word 1 is mốt, 4 is tư and 5 is lăm (hai mươi mốt, hai mươi tư, hai mươi
    lăm; mười một, mười bốn, mười lăm). 0 is Không đồng; below zero, Âm ….
    """
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"an amount is a whole number of đồng, not {amount!r}")
    if amount == 0:
        words = ["không"]
    else:
        words = _in_words(abs(amount), leading=True)
        if amount < 0:
            words.insert(0, "âm")
    text = " ".join([*words, "đồng"])
    return text[0].upper() + text[1:]


def format_vnd_words(amount: int) -> str:
    """Figures then words, as a document states a sum.

    ``213.000.000 đồng (Hai trăm mười ba triệu đồng)``.
    """
    return f"{group_digits(amount, '.')} đồng ({amount_in_words(amount)})"
