"""The report as Markdown, for mail and git.

User text is escaped for table cells with CommonMark backslash escapes: ``|``
cannot split a cell, a newline cannot end a row, and ``<``, ``*``, ``[`` and
the like stay literal, so a title never turns into HTML, a link or emphasis in
a Markdown viewer, and still reads plainly in a text mail.
"""

from __future__ import annotations

import re

from ggov_plan.derive import ProgressRow, Status
from ggov_plan.i18n import t
from ggov_plan.render.terminal import num, percent
from ggov_plan.report import Report
from ggov_plan.text import visible_controls

#: Column keys of the report's tables (labels from the catalog's "col.<key>").
BREAKDOWN_COLUMNS = ("activities", "done", "quantity", "spent_vnd", "progress")
OVERDUE_COLUMNS = ("id", "title", "agency", "due", "done")
COMPLETED_COLUMNS = ("date", "activity", "quantity", "spent_vnd", "evidence")

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


def _date(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _progress_rows(report: Report, by: str, rows: list[ProgressRow]) -> list[list[str]]:
    return [
        [
            cell(report.label(by, row.key)),
            str(row.activities),
            str(row.done_activities),
            f"{row.done}/{row.target}",
            num(row.spent),
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
        "- "
        + t(
            "rep.progress_line",
            progress=f"**{_percent(figures.progress)}**",
            done=report.quantity_done,
            target=report.quantity_target,
        ),
        "- "
        + t(
            "rep.activities_line",
            total=len(figures.activities),
            counts=", ".join(f"{figures.counts[s]} {t('state.' + s.value)}" for s in Status),
        ),
        "- "
        + t(
            "rep.budget_line",
            total=num(budget.total),
            allocated=num(budget.allocated),
            spent=num(budget.spent),
            remaining=num(budget.remaining),
        ),
        "",
        "## " + t("rep.budget_by_source"),
        "",
    ]
    out += _table(
        [t(f"col.{c}") for c in ("source", "declared", "allocated", "spent", "remaining")],
        [
            [
                cell(report.label("source", row.key)),
                num(row.declared) if row.declared is not None else "–",
                num(row.allocated),
                num(row.spent),
                num(row.remaining),
            ]
            for row in report.sources
        ],
        {1, 2, 3, 4},
    )
    for by in ("agency", "channel", "content"):
        out += ["", "## " + t("rep.progress_by", by=t(f"by.{by}")), ""]
        rows = report.breakdowns[by]
        if rows:
            out += _table(
                [t(f"col.{c}") for c in (by, *BREAKDOWN_COLUMNS)],
                _progress_rows(report, by, rows),
                {1, 2, 3, 4, 5},
            )
        else:
            out.append(t("rep.no_activities"))
    out += ["", "## " + t("rep.overdue"), ""]
    if report.overdue:
        out += _table(
            [t(f"col.{c}") for c in OVERDUE_COLUMNS],
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
        out.append(t("rep.none"))
    out += ["", "## " + t("rep.completed_since", since=_date(report.since)), ""]
    if report.completed:
        out += _table(
            [t(f"col.{c}") for c in COMPLETED_COLUMNS],
            [
                [
                    _date(c.completion.date),
                    cell(c.activity.activity.title),
                    str(c.completion.quantity),
                    num(c.completion.spent),
                    cell(c.completion.evidence or ""),
                ]
                for c in report.completed
            ],
            {2, 3},
        )
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
