"""Reading what people type on the command line: dates (money comes later).

Each parser returns a value or raises :class:`~ggov_plan.problems.UsageError`
naming the bad value and showing how to write it.
"""

from __future__ import annotations

import datetime as dt
import re

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


_PLAIN = re.compile(r"\d+")
_GROUPED = {
    ".": re.compile(r"\d{1,3}(?:\.\d{3})+"),  # Vietnamese: 20.000.000
    ",": re.compile(r"\d{1,3}(?:,\d{3})+"),  # English: 20,000,000
    "_": re.compile(r"\d{1,3}(?:_\d{3})+"),  # TOML: 20_000_000
    " ": re.compile(r"\d{1,3}(?: \d{3})+"),  # 20 000 000
}
_AMOUNT_HINT = (
    "write whole đồng, e.g. 20000000, 20.000.000 or 20,000,000 "
    "(a decimal point such as 1.5 is ambiguous and not accepted)"
)


def parse_amount(text: str, *, what: str = "amount") -> int:
    """Whole đồng, typed plainly or grouped by thousands with one separator."""
    value = text.strip().removesuffix("đồng").removesuffix("đ").removesuffix("VND").strip()
    if _PLAIN.fullmatch(value):
        return int(value)
    for separator, pattern in _GROUPED.items():
        if pattern.fullmatch(value):
            return int(value.replace(separator, ""))
    if value.startswith("-"):
        raise UsageError(f"{what}: {text!r} is negative", hint="an amount is 0 or more")
    raise UsageError(f"{what}: {text!r} is not an amount of money", hint=_AMOUNT_HINT)


def parse_quantity(text: str, *, what: str = "quantity") -> int:
    """A whole number of 1 or more."""
    value = text.strip()
    if not _PLAIN.fullmatch(value) or int(value) < 1:
        raise UsageError(
            f"{what}: {text!r} is not a whole number of 1 or more", hint="e.g. 1, 2 or 10"
        )
    return int(value)
