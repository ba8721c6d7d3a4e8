"""The report as CSV: one row per activity with its figures.

Amounts are plain integers (no separators). A cell that a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, so opening the file never runs
anything (CSV/formula injection). Control characters other than tab and line
breaks are written as ``\x1b``-style text.
"""

from __future__ import annotations

import csv
import io

from ggov_plan.report import Report
from ggov_plan.text import visible_controls

COLUMNS = (
    "id", "title", "task", "agency", "channel", "contents", "due", "target", "unit",
    "done", "status", "cost", "source", "spent",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Safe for a spreadsheet (no formula) and for a terminal (no raw control codes)."""
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return visible_controls(value, keep_newlines=True)


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for figures in report.overview.activities:
        activity = figures.activity
        row = [
            activity.id,
            activity.title,
            activity.task,
            figures.agency,
            activity.channel or "",
            ";".join(activity.contents),
            activity.due.isoformat() if activity.due else "",
            str(activity.target),
            activity.unit or "",
            str(figures.done),
            figures.status.value,
            str(activity.cost),
            figures.source or "",
            str(figures.spent),
        ]
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()
