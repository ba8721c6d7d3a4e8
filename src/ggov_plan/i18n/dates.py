"""Dates as people read them in every output: ``31/12/2017``.

Both languages write day/month/year, as Vietnamese documents do. This module
imports no renderer's library, so that every output format can share it.
"""

from __future__ import annotations

import datetime as dt


def day(value: dt.date | None) -> str:
    """``31/12/2017``; an empty string for no date (an empty table cell)."""
    return f"{value:%d/%m/%Y}" if value else ""
