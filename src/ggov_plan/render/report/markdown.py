r"""The report as Markdown, for mail and git.

User text is escaped for table cells with CommonMark backslash escapes: ``|``
cannot split a cell, a newline cannot end a row, and ``<``, ``*``, ``[``, ``~``
and the like stay literal, so a title never turns into HTML, a link, emphasis
or strikethrough in a Markdown viewer. GitHub, GitLab and Gitea also turn bare
``https://…``, ``www.…`` and e-mail addresses into links (GFM autolinks):
``\://`` and ``www\.`` stop the first two, and an address is shown as code,
the one form that GFM does not link. Escaping stays minimal so that a report
mailed as plain text still reads cleanly: ``&`` is escaped only where it would
start an entity (``&amp;``), so ``Sở TT&TT`` stays as it is.
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

_SPECIAL = re.compile(r"([\\|<>\[\]`*_~])|&(?=#?\w+;)")
#: What GFM links by itself: a scheme's "://", and "www." at the start of a word.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(?=://)|(www)(?=\.)")
#: What would open a block at the start of a line: #, >, -, +, =, or "1." / "1)".
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
#: An e-mail address as GFM's autolink extension finds one: a domain of
#: letters, digits, ".", "-" and "_" with a period anywhere in it ("a@.a" is
#: linked too). Matching a little more than GFM links only quotes more text.
_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9._-]*\.[A-Za-z0-9._-]*")


def _literal(text: str) -> str:
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    return _AUTOLINK.sub(lambda m: m.group(1) + "\\" if m.group(1) else "\\", text)


def cell(value: object) -> str:
    """Text made literal inside a Markdown line (a table cell, a heading, after
    ``**``), in CommonMark and in GFM."""
    text = visible_controls(str(value))
    # Addresses that touch one another become one code span: two spans side
    # by side would read as a double-backtick fence.
    spans: list[list[int]] = []
    for email in _EMAIL.finditer(text):
        if spans and spans[-1][1] == email.start():
            spans[-1][1] = email.end()
        else:
            spans.append([email.start(), email.end()])
    out, at = [], 0
    for start, end in spans:
        out += [_literal(text[at:start]), f"`{text[start:end]}`"]
        at = end
    out.append(_literal(text[at:]))
    return " ".join("".join(out).split())  # newlines and tabs become spaces


def paragraph(value: object) -> str:
    """Text made literal as a line of its own: as :func:`cell`, and a heading,
    quote, list or rule marker at its start is made literal too."""
    text = cell(value)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    at = start.end() if start.group(0)[0].isdigit() else 0
    return text[:at] + "\\" + text[at:]


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


def indicators(report: Report) -> list[str]:
    """The indicators section, with its blank line after; nothing for a plan with none."""
    if not report.indicators:
        return []
    return ["## " + t("rep.indicators"), "", *_table_lines(report_tables.indicators(report)), ""]


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
    ]
    out += indicators(report)
    out += [
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
