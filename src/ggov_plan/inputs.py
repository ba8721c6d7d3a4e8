"""Reading what people type on the command line: dates, amounts of money, quantities.

Each parser returns a value or raises :class:`~ggov_plan.problems.UsageError`
naming the bad value and showing how to write it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ggov_plan.money import group_digits
from ggov_plan.problems import UsageError

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(text: str, *, what: str = "date") -> dt.date:
    """``2017-08-18`` or ``18/8/2017`` (day first, as Vietnamese documents write it)."""
    value = text.strip()
    iso = _ISO.fullmatch(value)
    dmy = _DMY.fullmatch(value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return dt.date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError as error:
        raise UsageError(
            f"{what}: {text!r} is not a real date ({error})",
            hint="check the day and month",
        ) from None
    raise UsageError(
        f"{what}: {text!r} is not a date",
        hint="write it as YYYY-MM-DD (2017-08-18) or DD/MM/YYYY (18/08/2017)",
    )


_PLAIN = re.compile(r"[0-9]+")
_GROUPED = {
    ".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+"),  # Vietnamese: 20.000.000
    ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+"),  # English: 20,000,000
    "_": re.compile(r"[0-9]{1,3}(?:_[0-9]{3})+"),  # TOML: 20_000_000
    " ": re.compile(r"[0-9]{1,3}(?: [0-9]{3})+"),  # 20 000 000
}
_DECIMAL = re.compile(r"([0-9]+)[.,]([0-9]+)")  # 1,5 or 1.5: only with a unit word
# Unit words, compared in lower case, with and without diacritics.
_SCALES = {
    "nghìn": 10**3, "nghin": 10**3, "ngàn": 10**3, "ngan": 10**3, "k": 10**3,
    "triệu": 10**6, "trieu": 10**6, "tr": 10**6,
    "tỷ": 10**9, "tỉ": 10**9, "ty": 10**9, "ti": 10**9,
}  # fmt: skip
_CURRENCY = ("đồng", "dong", "vnđ", "vnd", "đ", "₫")
_SPLIT = re.compile(
    r"(?P<number>.*?)\s*(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")?"
)
_SPACES = re.compile(r"\s+")  # Unicode \s: no-break and thin spaces group digits too
MAX_AMOUNT = 10**15
"""The largest amount accepted on the command line: 1.000.000.000.000.000 đồng (triệu tỷ)."""

_AMOUNT_HINT = (
    "write whole đồng, e.g. 20000000, 20.000.000, 20,000,000 or 20 triệu; "
    "a decimal needs a unit word: 1,5 triệu, 2.5 tỷ, 500 nghìn"
)


def _amount_text(text: str) -> str:
    """NFC, lower case, one plain space, no currency word before or after."""
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    for currency in ("vnđ", "vnd"):  # English writes the code first: VND 20,000,000
        if value.startswith(currency) and value[len(currency) : len(currency) + 1] in ("", " "):
            value = value[len(currency) :].strip()
            break
    for currency in _CURRENCY:
        if value.endswith(currency):
            value = value.removesuffix(currency).strip()
            break
    return value


def _whole_number(number: str) -> int | None:
    """``20000000`` or one separator every three digits: 20.000.000, 20,000,000, 20 000 000."""
    if _PLAIN.fullmatch(number):
        return int(number)
    for separator, pattern in _GROUPED.items():
        if pattern.fullmatch(number):
            return int(number.replace(separator, ""))
    return None


def _read_amount(text: str, value: str, what: str) -> int:
    """The amount ``value`` (from :func:`_amount_text`) says, or UsageError quoting ``text``."""
    split = _SPLIT.fullmatch(value)
    assert split is not None  # the pattern matches any text
    number, scale_word = split["number"], split["scale"]
    if number.startswith(("-", "−")):  # a hyphen-minus or a minus sign
        rest = number[1:].strip()
        if _whole_number(rest) is not None or _DECIMAL.fullmatch(rest):
            raise UsageError(f"{what}: {text!r} is negative", hint="an amount is 0 or more")
    if not number:
        raise UsageError(f"{what}: {text!r} is not an amount of money", hint=_AMOUNT_HINT)
    decimal = _DECIMAL.fullmatch(number)
    if scale_word is None:
        whole = _whole_number(number)
        if whole is not None:
            return whole
        if decimal:
            raise UsageError(
                f"{what}: {text!r} is ambiguous: a decimal mark needs a unit word after it",
                hint=_AMOUNT_HINT,
            )
        raise UsageError(f"{what}: {text!r} is not an amount of money", hint=_AMOUNT_HINT)
    scale = _SCALES[scale_word]
    if decimal and len(decimal[2]) == 3:
        # 1.500 triệu: 1500 triệu as Vietnamese groups digits, or 1,5 triệu as a decimal?
        whole_part, fraction = decimal[1], decimal[2]
        raise UsageError(
            f"{what}: {text!r} is ambiguous: {whole_part}{fraction} {scale_word} "
            f"or {whole_part},{fraction.rstrip('0') or '0'} {scale_word}?",
            hint=f"write {whole_part}{fraction} {scale_word}, "
            f"or {whole_part},{fraction.rstrip('0') or '0'} {scale_word} for the decimal",
        )
    if decimal:
        digits = int(decimal[1] + decimal[2])
        denominator: int = 10 ** len(decimal[2])
        whole, remainder = divmod(digits * scale, denominator)
        if remainder:
            exact = f"{whole},{remainder:0{len(decimal[2])}d}".rstrip("0")
            raise UsageError(
                f"{what}: {text!r} is not a whole number of đồng ({exact} đồng)",
                hint=f"a đồng has no fraction: round it, e.g. {whole} or {whole + 1}",
            )
        return whole
    whole = _whole_number(number)
    if whole is None:
        raise UsageError(f"{what}: {text!r} is not an amount of money", hint=_AMOUNT_HINT)
    return whole * scale


def parse_amount(text: str, *, what: str = "amount") -> int:
    """Whole đồng as people type them; refused where the reading is in doubt.

    ``20000000``, ``20.000.000``, ``20,000,000``, ``20_000_000``, ``20 000 000``;
    with a unit word ``20 triệu``/``20 trieu``/``20tr``, ``2 tỷ``/``2 ty``,
    ``500 nghìn``/``500 ngàn``/``500k``, where a decimal mark is clear:
    ``1,5 triệu`` or ``1.5 triệu``; a currency word may follow (``đ``, ``đồng``,
    ``VND``). Refused: ``1.5`` or ``1,5`` alone, ``1.500 triệu`` (1500 triệu or
    1,5 triệu?), fractions of a đồng, negatives, more than :data:`MAX_AMOUNT`.
    """
    if not text.strip():
        raise UsageError(f"{what}: {text!r} is empty", hint=_AMOUNT_HINT)
    amount = _read_amount(text, _amount_text(text), what)
    if amount > MAX_AMOUNT:
        raise UsageError(
            f"{what}: {text!r} is more than {group_digits(MAX_AMOUNT, '.')} đồng",
            hint="check the number of zeros: at most 1.000.000.000.000.000 đồng "
            "(một triệu tỷ) is accepted",
        )
    return amount


def parse_quantity(text: str, *, what: str = "quantity") -> int:
    """A whole number of 1 or more."""
    value = text.strip()
    if not _PLAIN.fullmatch(value) or int(value) < 1:
        raise UsageError(
            f"{what}: {text!r} is not a whole number of 1 or more", hint="e.g. 1, 2 or 10"
        )
    return int(value)
