"""The ``report`` command: status reports for cron, mail, browsers and scripts.

A report is built only from a plan that passes ``check`` (exit 1 otherwise),
so a cron job never mails figures computed from broken data. The output is
deterministic: the same file and ``--as-of`` give the same bytes.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ggov_plan.atomic import write_replacing
from ggov_plan.inputs import parse_date
from ggov_plan.render import data as data_render
from ggov_plan.render import report_csv, report_html, report_md
from ggov_plan.report import Report, build
from ggov_plan.shell import (
    EXIT_OVERDUE,
    AsOfOption,
    PlanOption,
    app,
    as_of_day,
    handle_errors,
    load_valid,
)


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


class FailOn(StrEnum):
    overdue = "overdue"


def render(report: Report, output_format: ReportFormat) -> str:
    if output_format is ReportFormat.html:
        return report_html.render(report)
    if output_format is ReportFormat.json:
        return data_render.dumps(data_render.report(report)) + "\n"
    if output_format is ReportFormat.csv:
        return report_csv.render(report)
    return report_md.render(report)


@app.command("report")
@handle_errors
def report(
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md (mail, git), html (one file), json or csv."),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of standard output.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="List completions from this day on. Default: the first day of the "
            "month before --as-of.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 3 (after writing the report) when overdue activities exist.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Write a status report: progress, budget, breakdowns, overdue, recent work.

    Refuses (exit 1) a plan that fails `ggov-plan check`. With --fail-on overdue,
    exits 3 when activities are overdue, for alerting from cron.
    """
    day = as_of_day(as_of)
    start = parse_date(since, what="--since") if since else None
    loaded, warnings = load_valid(plan)
    assert loaded.plan is not None
    built = build(loaded.plan, day, start, warnings)
    text = render(built, output_format)
    if output is None:
        print(text, end="")
    else:
        write_replacing(output, text.encode("utf-8"))
    if fail_on is FailOn.overdue and built.overdue:
        raise typer.Exit(EXIT_OVERDUE)
