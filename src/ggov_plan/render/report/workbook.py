"""The status report as an Excel workbook (``report --format xlsx -o FILE``).

One sheet per table of the report (overall, indicators, results, budget by
source, progress by task, agency, channel and content, overdue, completed,
activities as the CSV has them), in the user's language. Figures are real
number cells (amounts in đồng with the ``#,##0`` format, which Excel shows
with the grouping of the reader's locale), days are real date cells, and each
sheet has a frozen header row and an autofilter, so a reader can sort and sum
at once. An amount the plan does not state is the text "not stated", never 0.

openpyxl is imported inside :func:`render`, so that no other command pays for
loading it. Plan text goes in as text (openpyxl never reads ``=…`` given as a
``str`` value as a formula when the cell's type is set to string), with
control characters made visible. The bytes are reproducible: the workbook's
dates are the as-of day, not the clock, and the zip has fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from ggov_plan.books.derive import Status, TaskState
from ggov_plan.books.report import BREAKDOWNS, Report
from ggov_plan.i18n import t
from ggov_plan.render.report import tables as report_tables
from ggov_plan.render.report.csv_table import _reach
from ggov_plan.text import visible_controls

#: Đồng: whole numbers with the locale's grouping.
MONEY = "#,##0"
#: A count or quantity: like money.
COUNT = "#,##0"
#: A measured value or target that may have decimals.
DECIMAL = "#,##0.##"
PERCENT = "0.0%"
DATE = "DD/MM/YYYY"
#: Characters Excel refuses in a sheet name; its names are at most 31 long.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31

Value = str | int | float | dt.date | None


class _Column:
    __slots__ = ("format", "header", "width")

    def __init__(self, header: str, number_format: str | None = None, width: float = 14) -> None:
        self.header = header
        self.format = number_format
        self.width = width


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    name = _NOT_IN_SHEET_NAME.sub(" ", visible_controls(text)).strip().strip("'")[:SHEET_NAME_MAX]
    name = name.strip() or "Sheet"
    candidate, n = name, 2
    while candidate.casefold() in taken:
        suffix = f" {n}"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def _text(value: str) -> str:
    return visible_controls(value, keep_newlines=True)


def _col(key: str, number_format: str | None = None, width: float = 14) -> _Column:
    return _Column(t(f"col.{key}"), number_format, width)


def _money_or_unstated(value: int | None, unstated: bool = False) -> Value:
    # An amount the plan does not state is said so, never 0 (nor a negative remainder).
    if value is None:
        return t("value.not_stated") if unstated else None
    return value


def _pair(label: str, value: Value) -> list[Value]:
    return [label, value]


def _overall(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    figures = report.overview
    budget = figures.budget
    tasks = figures.task_counts
    rows: list[list[Value]] = []
    if report.period is not None:
        rows.append([t("xlsx.period"), report.period.name().text()])
    rows += [
        [t("xlsx.as_of"), report.as_of],
        [t("col.progress"), figures.progress],
        [t("col.tasks"), len(figures.tasks)],
        *(_pair(t(f"task_state.{s.value}"), tasks[s]) for s in TaskState),
        [t("col.activities"), len(figures.activities)],
        *(_pair(t(f"state.{s.value}"), figures.counts[s]) for s in Status),
        [
            t("xlsx.budget_total"),
            budget.total
            if budget.total is not None
            else _text(report.budget_text or t("value.not_stated")),
        ],
        [t("col.allocated"), budget.allocated],
        [t("col.spent"), budget.spent],
        [t("col.remaining"), _money_or_unstated(budget.remaining, unstated=True)],
    ]
    return [_col("figure", width=40), _col("value", MONEY, 22)], rows


def _indicators(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    from ggov_plan.render import results

    columns = [
        _col("indicator", width=44),
        _col("target", width=30),
        _col("achieved", DECIMAL),
        _col("unit"),
        _col("measured_on", DATE),
        _col("parts", width=30),
        _col("state", width=18),
    ]
    rows: list[list[Value]] = [
        [
            _text(f.indicator.label),
            _text(results.target(f.indicator, words=True)),
            f.achieved if f.latest else None,
            _text(f.indicator.unit or ""),
            f.measured_on,
            _text(results.parts(f)),
            results.state(f),
        ]
        for f in report.indicators
    ]
    return columns, rows


def _results(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    # The results table's figures are already worded per unit ("6/6"): text,
    # but a plain whole number becomes a number cell.
    def cell(value: str | None) -> Value:
        if value is None or value == "":
            return None
        plain = re.sub(r"[.,\s\u00a0]", "", value)
        return int(plain) if plain.isdigit() else value

    rows = report_tables.results_rows(report.overview)
    if report.period is None:
        columns = [_col("figure", width=44), _col("since_start", COUNT, 22)]
        return columns, [[label, cell(whole)] for label, _, whole in rows]
    columns = [
        _col("figure", width=44),
        _col("in_period", COUNT, 18),
        _col("since_start", COUNT, 22),
    ]
    return columns, [[label, cell(part), cell(whole)] for label, part, whole in rows]


def _sources(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    period = report.period is not None
    columns = [
        _col("source", width=36),
        _col("declared", MONEY, 16),
        _col("allocated", MONEY, 16),
        _col("spent", MONEY, 16),
        *([_col("spent_in_period", MONEY, 16)] if period else []),
        _col("remaining", MONEY, 16),
    ]
    rows: list[list[Value]] = [
        [
            _text(report.label("source", row.key)),
            _money_or_unstated(row.declared, row.unstated),
            row.allocated,
            row.spent,
            *([row.period_spent] if period else []),
            _money_or_unstated(row.remaining, row.unstated),
        ]
        for row in report.sources
    ]
    return columns, rows


def _progress(report: Report, by: str) -> tuple[list[_Column], list[list[Value]]]:
    period = report.period is not None
    columns = [
        _col(by, width=36),
        *([_col("state", width=16)] if by == "task" else []),
        _col("activities", COUNT, 12),
        _col("done", COUNT, 12),
        _col("quantity", width=26),
        *([_col("in_period", width=22)] if period else []),
        _col("spent_vnd", MONEY, 16),
        _col("progress", PERCENT, 12),
    ]
    rows: list[list[Value]] = [
        [
            _text(report.label(by, row.key)),
            *([report_tables.task_state(row.state)] if by == "task" else []),
            row.activities,
            row.done_activities,
            _text(report_tables.done_text(row.quantities)),
            *(
                [_text(report_tables.amounts_text(row.period.quantities)) if row.period else ""]
                if period
                else []
            ),
            row.spent,
            row.progress,
        ]
        for row in report.breakdowns[by]
    ]
    return columns, rows


def _overdue(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    columns = [
        _col("id", width=16),
        _col("title", width=48),
        _col("agency", width=24),
        _col("due", DATE, 12),
        _col("done", COUNT, 10),
        _col("target", COUNT, 10),
    ]
    rows: list[list[Value]] = [
        [
            _text(a.activity.id),
            _text(a.activity.title),
            _text(report.label("agency", a.agency)),
            a.activity.due,
            a.done,
            a.activity.target,
        ]
        for a in report.overdue
    ]
    return columns, rows


def _completed(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    columns = [
        _col("date", DATE, 12),
        _col("activity", width=48),
        _col("quantity", COUNT, 10),
        _col("spent_vnd", MONEY, 16),
        _col("evidence", width=36),
    ]
    rows: list[list[Value]] = [
        [
            c.completion.date,
            _text(c.activity.activity.title),
            c.completion.quantity,
            c.completion.spent,
            _text(c.completion.evidence or ""),
        ]
        for c in report.completed
    ]
    return columns, rows


#: The CSV's activity columns (docs/csv.md) and how each is shown.
_ACTIVITY_COLUMNS: dict[str, tuple[str | None, float]] = {
    "id": (None, 16), "title": (None, 48), "task": (None, 16), "agency": (None, 16),
    "channel": (None, 16), "contents": (None, 20), "due": (DATE, 12), "target": (COUNT, 10),
    "unit": (None, 12), "done": (COUNT, 10), "status": (None, 14), "cost": (MONEY, 16),
    "source": (None, 16), "spent": (MONEY, 16), "reach": (None, 24),
    "done_in_period": (COUNT, 12), "spent_in_period": (MONEY, 16),
}  # fmt: skip


def _activities(report: Report) -> tuple[list[_Column], list[list[Value]]]:
    from ggov_plan.render.report.csv_table import COLUMNS, PERIOD_COLUMNS

    period = report.period
    names = COLUMNS + (PERIOD_COLUMNS if period is not None else ())
    columns = [_Column(t(f"xlsx.col.{name}"), *_ACTIVITY_COLUMNS[name]) for name in names]
    rows: list[list[Value]] = []
    for figures in report.overview.activities:
        activity = figures.activity
        row: list[Value] = [
            _text(activity.id),
            _text(activity.title),
            _text(activity.task),
            _text(figures.agency),
            _text(activity.channel or ""),
            _text(";".join(activity.contents)),
            activity.due,
            activity.target,
            _text(activity.unit or ""),
            figures.done,
            figures.status.value,
            activity.cost,
            _text(figures.source or ""),
            figures.spent,
            _text(_reach(figures.completions)),
        ]
        if period is not None:
            within = [c for c in figures.completions if c.date in period]
            row += [sum(c.quantity for c in within), sum(c.spent for c in within)]
        rows.append(row)
    return columns, rows


def sheets(report: Report) -> list[tuple[str, list[_Column], list[list[Value]]]]:
    """Each sheet's title (before :func:`sheet_name`), columns and rows, in order."""
    result = [
        (t("xlsx.sheet.overall"), *_overall(report)),
        (t("xlsx.sheet.indicators"), *_indicators(report)),
        (t("xlsx.sheet.results"), *_results(report)),
        (t("xlsx.sheet.sources"), *_sources(report)),
    ]
    for by in BREAKDOWNS:
        result.append((t(f"xlsx.sheet.progress_{by}"), *_progress(report, by)))
    result += [
        (t("xlsx.sheet.overdue"), *_overdue(report)),
        (t("xlsx.sheet.completed"), *_completed(report)),
        (t("xlsx.sheet.activities"), *_activities(report)),
    ]
    return result


def _write_sheet(sheet: Any, columns: Sequence[_Column], rows: list[list[Value]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF2F6")
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=n, value=column.header)
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    for r, row in enumerate(rows, start=2):
        for n, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(row=r, column=n)
            if isinstance(value, str):
                # Text stays text: never read as a formula or a number.
                cell.value = value
                cell.data_type = "s"
            else:
                cell.value = value
                if isinstance(value, float) and column.format == MONEY:
                    # A share in a column of amounts (the overall sheet's progress).
                    cell.number_format = PERCENT
                elif value is not None and column.format is not None:
                    cell.number_format = column.format
                elif isinstance(value, dt.date):
                    cell.number_format = DATE
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows), 0) + 1}"


def render(report: Report) -> bytes:
    """The .xlsx bytes of the status report."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for title, columns, rows in sheets(report):
        sheet = book.create_sheet(sheet_name(title, taken))
        _write_sheet(sheet, columns, rows)
    moment = dt.datetime.combine(report.as_of, dt.time())
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = "ggov-plan"
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue(), report.as_of)


def _stable_zip(data: bytes, as_of: dt.date) -> bytes:
    """The same archive with every member dated ``as_of``: the same bytes each run."""
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets "modified" to the clock when it saves, whatever
                # was asked: put the as-of day back, so two runs match.
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + f"{as_of.isoformat()}T00:00:00Z".encode() + rb"\g<2>",
                    content,
                )
            target.writestr(member, content)
    return out.getvalue()
