"""The report as CSV: one row per activity with its figures, or (``--table
indicators``) one row per indicator and one per part of its breakdown.

Rows are activities only: the tasks with none are in the md, html and json
reports (their progress by task). ``reach`` is
the people reached, per unit ("1200 học sinh; 30 giáo viên"). With a period,
two more columns say what was done and spent in it.

Amounts are plain integers (no separators). A cell that a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, so opening the file never runs
anything (CSV/formula injection); so does each line of a cell, after a line
break, that starts with ``=``, ``+``, ``-``, ``@`` or a tab, for a reader that
splits lines first. Line breaks stay in the cell (CR, LF, CR LF), and a cell
holding one is quoted, so that no reader ends the row there; other control
characters are written as ``\x1b``-style text.
"""

from __future__ import annotations

import io
import re

from ggov_plan.books.report import Report
from ggov_plan.plan.model import Completion
from ggov_plan.text import visible_controls

COLUMNS = (
    "id", "title", "task", "agency", "channel", "contents", "due", "target", "unit",
    "done", "status", "cost", "source", "spent", "reach",
)  # fmt: skip
#: Added with a reporting period: what was done and spent in it.
PERIOD_COLUMNS = ("done_in_period", "spent_in_period")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A line break followed by what starts a formula: the apostrophe goes between.
_FORMULA_AFTER_BREAK = re.compile(r"(\r\n?|\n)(?=[=+\-@\t])")
#: What makes a cell need quotes: the separator, the quote, a line break.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def neutralise(value: str) -> str:
    """Safe for a spreadsheet (no formula) and for a terminal (no raw control codes)."""
    if value.startswith(_FORMULA_START):
        value = "'" + value
    value = _FORMULA_AFTER_BREAK.sub(r"\1'", value)
    return visible_controls(value, keep_newlines=True)


def _cell(value: str) -> str:
    # csv.writer quotes a cell holding its line terminator ("\n") but not one
    # holding a lone "\r", where every reader ends the row: quote both.
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _row(cells: list[str] | tuple[str, ...]) -> str:
    return ",".join(_cell(cell) for cell in cells) + "\n"


def _reach(completions: tuple[Completion, ...]) -> str:
    reached: dict[str | None, int] = {}
    for completion in completions:
        if completion.reach is not None:
            unit = completion.reach_unit or None
            reached[unit] = reached.get(unit, 0) + completion.reach
    return "; ".join(f"{n} {unit}" if unit else str(n) for unit, n in reached.items())


def render(report: Report) -> str:
    period = report.period
    buffer = io.StringIO()
    buffer.write(_row(COLUMNS + (PERIOD_COLUMNS if period is not None else ())))
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
            _reach(figures.completions),
        ]
        if period is not None:
            within = [c for c in figures.completions if c.date in period]
            row += [str(sum(c.quantity for c in within)), str(sum(c.spent for c in within))]
        buffer.write(_row([neutralise(value) for value in row]))
    return buffer.getvalue()


INDICATOR_COLUMNS = (
    "indicator", "part", "label", "qualifier", "target", "unit", "by", "achieved",
    "measured_on", "state", "milestone_by", "milestone_value",
)  # fmt: skip


def _number(value: float | None) -> str:
    """A value as a spreadsheet reads it: 795, 80.5 (a decimal point); empty when unknown."""
    return "" if value is None else str(value)


def render_indicators(report: Report) -> str:
    """The indicators on the report's day, one row each, then one row per part.

    A part's row names its indicator and the part (its id, else its label), with
    the part's target and achieved value; the indicator's own row leaves
    ``part`` empty, so that a filter on it gives the indicators alone.
    """
    buffer = io.StringIO()
    buffer.write(_row(INDICATOR_COLUMNS))
    for figures in report.indicators:
        indicator = figures.indicator
        milestone = figures.milestone
        row = [
            indicator.id,
            "",
            indicator.label,
            indicator.qualifier,
            _number(indicator.value),
            indicator.unit or "",
            figures.deadline.isoformat() if figures.deadline else "",
            _number(figures.achieved),
            figures.measured_on.isoformat() if figures.measured_on else "",
            figures.state.value,
            milestone.by.isoformat() if milestone else "",
            _number(milestone.value) if milestone else "",
        ]
        buffer.write(_row([neutralise(value) for value in row]))
        for part in figures.parts:
            cells = [indicator.id, part.key, part.label, "", _number(part.target), ""]
            cells += ["", _number(part.achieved), "", "", "", ""]
            buffer.write(_row([neutralise(value) for value in cells]))
    return buffer.getvalue()
