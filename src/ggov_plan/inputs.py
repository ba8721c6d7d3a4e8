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
