"""The report as Markdown, for mail and git.

User text is escaped for table cells with CommonMark backslash escapes: ``|``
cannot split a cell, a newline cannot end a row, and ``<``, ``*``, ``[`` and
the like stay literal, so a title never turns into HTML, a link or emphasis in
a Markdown viewer, and still reads plainly in a text mail.
"""

from __future__ import annotations

import re

from ggov_plan.derive import ProgressRow, Status
from ggov_plan.money import format_number
from ggov_plan.report import Report
from ggov_plan.text import visible_controls

_SPECIAL = re.compile(r"([\\|<>&\[\]`*_])")


def cell(value: object) -> str:
    """Text made literal for a Markdown table cell (CommonMark backslash escapes)."""
    text = _SPECIAL.sub(r"\\\1", visible_controls(str(value)))
    return " ".join(text.split())  # newlines and tabs become spaces


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _percent(ratio: float) -> str:
    return f"{100 * ratio:.1f}%"


def _date(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _progress_rows(report: Report, by: str, rows: list[ProgressRow]) -> list[list[str]]:
    return [
        [
            cell(report.label(by, row.key)),
            str(row.activities),
            str(row.done_activities),
            f"{row.done}/{row.target}",
            format_number(row.spent),
            _percent(row.progress),
        ]
        for row in rows
    ]


def render(report: Report) -> str:
    plan = report.plan
    header = plan.header
    assert header is not None
    figures = report.overview
    budget = figures.budget
    out = [
        f"# {cell(header.kind)} {cell(header.number)}: status report",
        "",
        f"**{cell(header.title)}**",
        "",
        f"As of {_date(report.as_of)}. Plan period {_date(header.start)} – "
        f"{_date(header.end)}. Source: {cell(plan.file)}.",
        "",
        "## Overall",
        "",
        f"- Progress: **{_percent(figures.progress)}** "
        f"(quantities done {report.quantity_done}/{report.quantity_target})",
        f"- Activities: {len(figures.activities)} in all; "
        + ", ".join(f"{figures.counts[s]} {s.value.replace('_', ' ')}" for s in Status),
        f"- Budget: {format_number(budget.total)} VND declared, "
        f"{format_number(budget.allocated)} allocated, {format_number(budget.spent)} spent, "
        f"{format_number(budget.remaining)} remaining",
        "",
        "## Budget by funding source (VND)",
        "",
    ]
    out += _table(
        ["Source", "Declared", "Allocated", "Spent", "Remaining"],
        [
            [
                cell(report.label("source", row.key)),
                format_number(row.declared) if row.declared is not None else "–",
                format_number(row.allocated),
                format_number(row.spent),
                format_number(row.remaining),
            ]
            for row in report.sources
        ],
        {1, 2, 3, 4},
    )
    for by in ("agency", "channel", "content"):
        out += ["", f"## Progress by {by}", ""]
        rows = report.breakdowns[by]
        if rows:
            out += _table(
                [by.capitalize(), "Activities", "Done", "Quantity", "Spent (VND)", "Progress"],
                _progress_rows(report, by, rows),
                {1, 2, 3, 4, 5},
            )
        else:
            out.append("No activities yet.")
    out += ["", "## Overdue activities", ""]
    if report.overdue:
        out += _table(
            ["Id", "Title", "Agency", "Due", "Done"],
            [
                [
                    cell(a.activity.id),
                    cell(a.activity.title),
                    cell(report.label("agency", a.agency)),
                    _date(a.activity.due),
                    f"{a.done}/{a.activity.target}",
                ]
                for a in report.overdue
            ],
            {4},
        )
    else:
        out.append("None.")
    out += ["", f"## Completed since {_date(report.since)}", ""]
    if report.completed:
        out += _table(
            ["Date", "Activity", "Quantity", "Spent (VND)", "Evidence"],
            [
                [
                    _date(c.completion.date),
                    cell(c.activity.activity.title),
                    str(c.completion.quantity),
                    format_number(c.completion.spent),
                    cell(c.completion.evidence or ""),
                ]
                for c in report.completed
            ],
            {2, 3},
        )
    else:
        out.append("Nothing recorded in this period.")
    out += ["", "## Problems reported by `ggov-plan check`", ""]
    if report.problems:
        out += [
            f"- {cell(p.severity)} `{cell(p.code)}` at line {p.line or '?'}: {cell(p.message)}"
            for p in report.problems
        ]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"
