"""Dates as people read them in every output: ``31/12/2017``, ``tháng 10/2017``.

Both languages write day/month/year, as Vietnamese documents do. This module
imports no renderer's library, so that every output format can share it.
"""

from __future__ import annotations

import datetime as dt


def day(value: dt.date | None) -> str:
    """``31/12/2017``; an empty string for no date (an empty table cell)."""
    return f"{value:%d/%m/%Y}" if value else ""


def month(key: str, lang: str) -> str:
    """A month keyed ``2017-10`` as a reader of ``lang`` reads it.

    Vietnamese: ``tháng 10/2017``, as documents write it; English keeps the
    sortable ``2017-10``. A key that is not a month is returned as it is.
    """
    year, _, number = key.partition("-")
    if lang != "vi" or not (year.isdigit() and number.isdigit()):
        return key
    return f"tháng {int(number)}/{year}"
