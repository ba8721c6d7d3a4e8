"""The report as Markdown, for mail and git.

User text is escaped for table cells with CommonMark backslash escapes: ``|``
cannot split a cell, a newline cannot end a row, and ``<``, ``*``, ``[`` and
the like stay literal, so a title never turns into HTML, a link or emphasis in
a Markdown viewer, and still reads plainly in a text mail.
"""

from __future__ import annotations

import re

from ggov_plan.books.report import BREAKDOWNS, Report
from ggov_plan.i18n import t
from ggov_plan.i18n.dates import day as _date
from ggov_plan.i18n.numbers import percent
from ggov_plan.render.report import tables as report_tables
from ggov_plan.render.report.tables import Ratio, Table
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
    return percent(ratio)


def _table_lines(table: Table) -> list[str]:
    rows = [
        [percent(c.value) if isinstance(c, Ratio) else cell(c) for c in row] for row in table.rows
    ]
    return _table(table.header, rows, set(table.numeric))


def render(report: Report) -> str:
    plan = report.plan
    header = plan.header
    assert header is not None
    figures = report.overview
    out = [
        "# " + t("rep.title", kind=cell(header.kind), number=cell(header.number)),
        "",
        f"**{cell(header.title)}**",
        "",
        t(
            "rep.meta",
            as_of=_date(report.as_of),
            start=_date(header.start),
            end=_date(header.end),
            file=cell(plan.file),
        ),
        "",
        "## " + t("rep.overall"),
        "",
        *(
            "- " + line
            for line in [
                *filter(None, [report_tables.period_line(report)]),
                *report_tables.overall_lines(
                    report, f"**{_percent(figures.progress)}**", escape=cell
                ),
            ]
        ),
        "",
        "## " + t("rep.results"),
        "",
        *_table_lines(report_tables.results(report)),
        "",
        "## " + t("rep.budget_by_source"),
        "",
    ]
    out += _table_lines(report_tables.sources(report))
    for by in BREAKDOWNS:
        out += ["", "## " + t("rep.progress_by", by=t(f"by.{by}")), ""]
        if report.breakdowns[by]:
            out += _table_lines(report_tables.progress(report, by))
        else:
            out.append(t("rep.no_activities"))
    out += ["", "## " + t("rep.overdue"), ""]
    if report.overdue:
        out += _table_lines(report_tables.overdue(report))
    else:
        out.append(t("rep.none"))
    out += ["", "## " + t("rep.completed_since", since=_date(report.since)), ""]
    if report.completed:
        out += _table_lines(report_tables.completed(report))
    else:
        out.append(t("rep.nothing_in_period"))
    out += ["", "## " + t("rep.problems"), ""]
    if report.problems:
        out += [
            "- "
            + t(
                "rep.problem_line",
                severity=t(f"check.{p.severity.value}"),
                code=f"`{cell(p.code)}`",
                line=p.line or "?",
                message=cell(p.message),
            )
            for p in report.problems
        ]
    else:
        out.append(t("rep.none"))
    return "\n".join(out) + "\n"
