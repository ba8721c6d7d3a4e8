"""Reading what people type on the command line: dates, amounts of money, quantities,
the day ``--as-of`` names, and the choices of options like ``--by`` in either language.

Each parser returns a value or raises :class:`~ggov_plan.problems.UsageError`
naming the bad value and showing how to write it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from enum import Enum
from typing import Any

from typer._click import Context, Parameter
from typer._types import TyperChoice

from ggov_plan.i18n import CATALOG, current, t
from ggov_plan.i18n.money import group_digits
from ggov_plan.problems import UsageError
from ggov_plan.text import fold

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _not_real(year: int, month: int, error: ValueError) -> str:
    """Why year-month-day is no date: Python's words in English, the catalog's in Vietnamese."""
    if current() != "vi":
        return str(error)
    if not 1 <= year <= 9999:
        return t("input.date.year_range")
    if not 1 <= month <= 12:
        return t("input.date.month_range")
    days = calendar.monthrange(year, month)[1]
    return t("input.date.day_range", month=month, year=year, days=days)


def parse_date(text: str, *, what: str | None = None) -> dt.date:
    """``2017-08-18`` or ``18/8/2017`` (day first, as Vietnamese documents write it)."""
    what = what or t("input.what.date")
    value = text.strip()
    iso = _ISO.fullmatch(value)
    dmy = _DMY.fullmatch(value)
    parts = (iso[1], iso[2], iso[3]) if iso else (dmy[3], dmy[2], dmy[1]) if dmy else None
    if parts is None:
        raise UsageError(
            t("input.date.bad", what=what, text=repr(text)), hint=t("input.date.bad.hint")
        )
    year, month, day = map(int, parts)
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise UsageError(
            t(
                "input.date.unreal",
                what=what,
                text=repr(text),
                detail=_not_real(year, month, error),
            ),
            hint=t("input.date.unreal.hint"),
        ) from None


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


def _refused(key: str, what: str, text: str, **values: object) -> UsageError:
    """UsageError ``key`` quoting ``text``, with the hint ``key.hint`` (else how to write one)."""
    hint = f"{key}.hint" if f"{key}.hint" in CATALOG else "input.amount.bad.hint"
    return UsageError(t(key, what=what, text=repr(text), **values), hint=t(hint, **values))


def _figure(amount: int) -> str:
    """A whole number of đồng in a message: plain in English, grouped in Vietnamese."""
    return group_digits(amount, ".") if current() == "vi" else str(amount)


def _read_amount(text: str, value: str, what: str) -> int:
    """The amount ``value`` (from :func:`_amount_text`) says, or UsageError quoting ``text``."""
    split = _SPLIT.fullmatch(value)
    assert split is not None  # the pattern matches any text
    number, scale_word = split["number"], split["scale"]
    if number.startswith(("-", "−")):  # a hyphen-minus or a minus sign
        rest = number[1:].strip()
        if _whole_number(rest) is not None or _DECIMAL.fullmatch(rest):
            raise _refused("input.amount.negative", what, text)
    if not number:
        raise _refused("input.amount.bad", what, text)
    decimal = _DECIMAL.fullmatch(number)
    if scale_word is None:
        whole = _whole_number(number)
        if whole is not None:
            return whole
        if decimal:
            raise _refused("input.amount.decimal", what, text)
        raise _refused("input.amount.bad", what, text)
    scale = _SCALES[scale_word]
    if decimal and len(decimal[2]) == 3:
        # 1.500 triệu: 1500 triệu as Vietnamese groups digits, or 1,5 triệu as a decimal?
        whole_part, fraction = decimal[1], decimal[2]
        raise _refused(
            "input.amount.group_or_decimal",
            what,
            text,
            grouped=f"{whole_part}{fraction} {scale_word}",
            decimal=f"{whole_part},{fraction.rstrip('0') or '0'} {scale_word}",
        )
    if decimal:
        digits = int(decimal[1] + decimal[2])
        denominator: int = 10 ** len(decimal[2])
        whole, remainder = divmod(digits * scale, denominator)
        if remainder:
            exact = f"{_figure(whole)},{remainder:0{len(decimal[2])}d}".rstrip("0")
            raise _refused(
                "input.amount.fraction",
                what,
                text,
                exact=exact,
                lower=_figure(whole),
                upper=_figure(whole + 1),
            )
        return whole
    whole = _whole_number(number)
    if whole is None:
        raise _refused("input.amount.bad", what, text)
    return whole * scale


def parse_amount(text: str, *, what: str | None = None) -> int:
    """Whole đồng as people type them; refused where the reading is in doubt.

    ``20000000``, ``20.000.000``, ``20,000,000``, ``20_000_000``, ``20 000 000``;
    with a unit word ``20 triệu``/``20 trieu``/``20tr``, ``2 tỷ``/``2 ty``,
    ``500 nghìn``/``500 ngàn``/``500k``, where a decimal mark is clear:
    ``1,5 triệu`` or ``1.5 triệu``; a currency word may follow (``đ``, ``đồng``,
    ``VND``). Refused: ``1.5`` or ``1,5`` alone, ``1.500 triệu`` (1500 triệu or
    1,5 triệu?), fractions of a đồng, negatives, more than :data:`MAX_AMOUNT`.
    """
    what = what or t("input.what.amount")
    if not text.strip():
        raise _refused("input.amount.empty", what, text)
    try:
        amount = _read_amount(text, _amount_text(text), what)
    except ValueError:  # more digits than int() and str() take (4300): far too large
        amount = MAX_AMOUNT + 1
    if amount > MAX_AMOUNT:
        raise _refused("input.amount.too_large", what, text, most=group_digits(MAX_AMOUNT, "."))
    return amount


MAX_QUANTITY = 10**15
"""The largest quantity accepted on the command line, as for amounts (:data:`MAX_AMOUNT`).

Far more than any plan counts (broadcasts, leaflets, people), and far within
TOML's 64-bit integers, so that the file stays readable by every TOML reader
and its sums stay exact.
"""


def parse_quantity(text: str, *, what: str | None = None) -> int:
    """A whole number from 1 to :data:`MAX_QUANTITY`."""
    what = what or t("input.what.quantity")
    value = text.strip()
    if not _PLAIN.fullmatch(value):
        raise _refused("input.quantity.bad", what, text)
    digits = value.lstrip("0")
    # Compared by length first: int() refuses more than 4300 digits.
    if len(digits) > len(str(MAX_QUANTITY)) or int(digits or "0") > MAX_QUANTITY:
        raise _refused("input.quantity.too_large", what, text, most=_figure(MAX_QUANTITY))
    quantity = int(digits or "0")
    if quantity < 1:
        raise _refused("input.quantity.bad", what, text)
    return quantity


_MEASURE_DECIMAL = re.compile(r"([0-9]+)[.,]([0-9]+)")
#: Decimals a percentage may have, as the plan file allows (80.25).
MEASURE_DECIMALS = 2


def parse_measure(text: str, *, percentage: bool, what: str | None = None) -> int | float:
    """An indicator's measured value: a whole number from 0, or for a percentage
    (``unit = "%"``) a number with at most two decimals.

    A count may group its digits (``1.500``, ``1,500``, as for amounts); a
    percentage takes a decimal comma or point (``80,5`` or ``80.5``). A value
    with no fraction is whole (``80,0`` is 80); one with a fraction is a float,
    exactly as the plan file writes it.
    """
    what = what or t("input.what.measure")
    value = _SPACES.sub("", unicodedata.normalize("NFC", text))
    if percentage:
        value = value.removesuffix("%")
    if not value:
        raise _refused("input.measure.bad", what, text)
    if value.startswith(("-", "−")):
        rest = value[1:]
        if _PLAIN.fullmatch(rest) or _MEASURE_DECIMAL.fullmatch(rest):
            raise _refused("input.measure.negative", what, text)
        raise _refused("input.measure.bad", what, text)
    try:
        whole = int(value) if _PLAIN.fullmatch(value) else None
        if whole is None and not percentage:
            whole = _whole_number(value)  # 1.500 dịch vụ: Vietnamese groups digits
        decimal = _MEASURE_DECIMAL.fullmatch(value)
        if decimal is not None:
            int(decimal[1])
    except ValueError:  # more digits than int() takes (4300): far too large
        raise _refused("input.measure.too_large", what, text, most=_figure(MAX_QUANTITY)) from None
    if whole is None and decimal is None:
        raise _refused("input.measure.bad", what, text)
    if whole is None and not percentage:
        raise _refused("input.measure.decimal", what, text)
    if whole is None and decimal is not None and len(decimal[2]) > MEASURE_DECIMALS:
        raise _refused("input.measure.decimals", what, text)
    units = whole if whole is not None else int(decimal[1]) if decimal else 0
    if units > MAX_QUANTITY:
        raise _refused("input.measure.too_large", what, text, most=_figure(MAX_QUANTITY))
    if whole is not None or decimal is None:
        return units
    fraction = decimal[2].rstrip("0")
    # Made from the digits as typed: float("80.5") is the float TOML reads back.
    return float(f"{units}.{fraction}") if fraction else units


# --------------------------------------------------------------------------- --as-of

_YEAR = re.compile(r"(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")


def parse_as_of(text: str, *, what: str = "--as-of") -> dt.date:
    """The day ``--as-of`` names: a day, or the LAST day of a month or a year.

    ``2017-10`` and ``10/2017`` mean 31/10/2017, ``2017`` means 31/12/2017:
    "as of October" counts what October did, so it is the month's end.
    """
    value = text.strip()
    year = _YEAR.fullmatch(value)
    if year:
        return parse_date(f"{year[1]}-12-31", what=what)
    month = _YEAR_MONTH.fullmatch(value) or _MONTH_YEAR.fullmatch(value)
    if month is None:
        return parse_date(text, what=what)
    y, m = (month[1], month[2]) if "-" in value else (month[2], month[1])
    if not 1 <= int(m) <= 12:
        return parse_date(f"{y}-{m}-1", what=what)  # the catalog's "month 1 to 12"
    last = calendar.monthrange(int(y), int(m))[1]
    return dt.date(int(y), int(m), last)


# --------------------------------------------------------------------------- choices


def choice_key(text: str) -> str:
    """How a typed choice is compared: without diacritics, case, and with
    spaces, ``_`` and ``-`` alike: ``"Quá hạn"``, ``quá-hạn`` and ``qua_han``
    are all ``qua-han``."""
    return "-".join(re.split(r"[\s_\-]+", fold(unicodedata.normalize("NFC", text)).strip()))


#: Vietnamese (and other) words accepted for an option's English choice,
#: keyed by the English value; compared through :func:`choice_key`.
CHOICE_ALIASES: dict[str, tuple[str, ...]] = {
    # activity states (activity list --status); the catalog's state.* words
    "planned": ("chưa thực hiện", "kế hoạch", "chưa làm"),
    "in_progress": ("đang thực hiện", "đang làm", "in progress"),
    "done": ("hoàn thành", "xong", "đã làm"),
    "overdue": ("quá hạn", "trễ hạn"),
    "cancelled": ("đã hủy", "đã huỷ", "hủy", "huỷ", "canceled"),
    # progress --by and budget --by; the catalog's by.* words
    "task": ("nhiệm vụ",),
    "agency": ("cơ quan", "đơn vị"),
    "channel": ("hình thức",),
    "content": ("nội dung",),
    "month": ("tháng",),
    "indicator": ("chỉ tiêu",),
    "source": ("nguồn", "nguồn kinh phí"),
}


class AliasChoice(TyperChoice[Enum]):
    """An enum's values as typer shows and checks them, with each value's
    Vietnamese words (:data:`CHOICE_ALIASES`, diacritics optional) accepted too.

    ``--help`` and the "is not one of" message still list the English values,
    so that scripts and transcripts keep one spelling.
    """

    def __init__(self, enum: type[Enum]) -> None:
        super().__init__(list(enum))
        self._by_key: dict[str, str] = {}
        for member in enum:
            value = str(member.value)
            for word in (value, *CHOICE_ALIASES.get(value, ())):
                self._by_key[choice_key(word)] = value

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Enum:
        if isinstance(value, str):
            value = self._by_key.get(choice_key(value), value)
        return super().convert(value, param, ctx)
