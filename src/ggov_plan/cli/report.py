"""The ``report`` command: status reports for cron, mail, browsers and scripts.

A report is built only from a plan that passes ``check`` (exit 1 otherwise),
so a cron job never mails figures computed from broken data. The output is
deterministic: the same file and ``--as-of`` give the same bytes.

``--period`` (or ``--from/--to``) reports on a period: it sets ``--as-of`` to
the period's last day (today while it runs) and ``--since`` to its first day,
and the figures are given for the period and cumulatively. An explicit
``--since`` still moves the start of the "completed since" list.

``--official`` writes instead the results report ready to sign, a Vietnamese
administrative document (render/official.py; docs/official-report.md), as
md, html or docx; docx is written only to a file (``-o``).
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ggov_plan.cli.inputs import parse_date
from ggov_plan.i18n import t
from ggov_plan.problems import UsageError

if TYPE_CHECKING:
    from ggov_plan.books.report import Report
    from ggov_plan.plan.front import Checked

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import (
    EXIT_OVERDUE,
    PERIOD,
    PLAN,
    AsOfOption,
    ChosenPeriod,
    PlanSource,
    as_of_day,
    load_valid,
)

commands = Commands("report")


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    docx = "docx"
    xlsx = "xlsx"


class CsvTable(StrEnum):
    activities = "activities"
    indicators = "indicators"


class FailOn(StrEnum):
    overdue = "overdue"


OFFICIAL_FORMATS = (ReportFormat.md, ReportFormat.html, ReportFormat.docx)


def check_formats(output_format: ReportFormat, official: bool, output: Path | None) -> None:
    """Refuse, before reading the plan, the combinations that make no sense."""
    if official and output_format not in OFFICIAL_FORMATS:
        raise UsageError(
            t("report.official_format", format=output_format.value),
            hint=t("report.official_format.hint"),
        )
    if output_format is ReportFormat.docx and not official:
        raise UsageError(t("report.docx_official"), hint=t("report.docx_official.hint"))
    if output_format is ReportFormat.docx and output is None:
        raise UsageError(t("report.docx_output"), hint=t("report.docx_output.hint"))
    # A binary workbook on a terminal or a pipe is noise: only to a file.
    if output_format is ReportFormat.xlsx and output is None:
        raise UsageError(t("report.xlsx_output"), hint=t("report.xlsx_output.hint"))


def check_bom(output_format: ReportFormat, bom: bool) -> None:
    """--bom marks a CSV for Excel: refused with any other format."""
    if bom and output_format is not ReportFormat.csv:
        raise UsageError(
            t("report.bom_csv", format=output_format.value), hint=t("report.bom_csv.hint")
        )


def check_table(output_format: ReportFormat, table: CsvTable | None) -> None:
    """--table chooses among CSV tables: refused with any other format."""
    if table is not None and output_format is not ReportFormat.csv:
        raise UsageError(
            t("report.table_csv", format=output_format.value), hint=t("report.table_csv.hint")
        )


def render_csv(report: Report, table: CsvTable) -> str:
    from ggov_plan.render.report import csv_table as report_csv

    if table is CsvTable.indicators:
        return report_csv.render_indicators(report)
    return report_csv.render(report)


def check_report_output(
    output: Path, output_format: ReportFormat, chosen: Path | None, loaded: Checked, *, force: bool
) -> None:
    """Refuse an -o onto a plan, or onto a file that is not an earlier report (write/outputs.py)."""
    from ggov_plan.render.report.csv_table import COLUMNS, INDICATOR_COLUMNS
    from ggov_plan.write.outputs import check_output, plans_in_use

    check_output(
        output,
        plans=[Path(loaded.file), *plans_in_use(chosen, os.environ)],
        output_format=output_format.value,
        # md and html reports name the plan's number; csv starts with one of its headers.
        marks=(loaded.header.number, ",".join(COLUMNS), ",".join(INDICATOR_COLUMNS)),
        force=force,
    )


def render_official(report: Report, output_format: ReportFormat) -> str | bytes:
    """The official report: text for md and html, the Word file's bytes for docx."""
    from ggov_plan.render.official import document as official_render

    document = official_render.build(report)
    if output_format is ReportFormat.docx:
        from ggov_plan.render.official import (
            word as official_docx,  # loads python-docx only when needed
        )

        return official_docx.render(document, report.as_of)
    if output_format is ReportFormat.html:
        return official_render.render_html(document)
    return official_render.render_md(document)


def render(report: Report, output_format: ReportFormat) -> str | bytes:
    # Each format imports only its own renderer: start-up time is most of a
    # report's time on a real plan (docs/performance.md).
    if output_format is ReportFormat.xlsx:
        from ggov_plan.render.report import workbook  # loads openpyxl only when needed

        return workbook.render(report)
    if output_format is ReportFormat.html:
        from ggov_plan.render.report import html_page as report_html

        return report_html.render(report)
    if output_format is ReportFormat.json:
        from ggov_plan.render import data as data_render

        return data_render.dumps(data_render.report(report)) + "\n"
    if output_format is ReportFormat.csv:
        from ggov_plan.render.report import csv_table as report_csv

        return report_csv.render(report)
    from ggov_plan.render.report import markdown as report_md

    return report_md.render(report)


# --as-of is the shared option, but listed among report's own, before the
# --since it bounds; so report declares it itself, with the shared AsOfOption.
@commands.command("report", PLAN, PERIOD)
def report(
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="md (mail, git), html (one file), json, csv or xlsx (needs -o); with "
            "--official: md, html or docx (needs -o).",
        ),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of standard output. "
            "Never a plan; an existing file only if it is an earlier report, or with --force.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Let -o replace an existing file that is not a report."),
    ] = False,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="List completions from this day on. Default: the period's first day "
            "with --period, else the first day of the month before --as-of.",
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
    table: Annotated[
        CsvTable | None,
        typer.Option(
            "--table",
            help="With --format csv: which table, one row per activity (the default) or "
            "per indicator and part.",
            show_default=False,
        ),
    ] = None,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="With --format csv: start with a UTF-8 byte order mark, so that Excel "
            "on Windows reads Vietnamese right.",
        ),
    ] = False,
    official: Annotated[
        bool,
        typer.Option(
            "--official",
            help="The results report ready to sign, as a Vietnamese administrative "
            "document (Nghị định 30/2020/NĐ-CP). "
            "It covers --period, else --since (default: the plan's start) to --as-of.",
        ),
    ] = False,
    *,
    plan: PlanSource,
    period: ChosenPeriod,
) -> None:
    """Write a status report: progress, budget, breakdowns, overdue, recent work.

    Refuses (exit 1) a plan that fails `ggov-plan check`. With --fail-on overdue,
    exits 3 when activities are overdue, for alerting from cron. With --official,
    writes the results report to sign (Báo cáo kết quả thực hiện) instead.
    """
    from ggov_plan.books.report import build
    from ggov_plan.write.atomic import write_replacing

    check_formats(output_format, official, output)
    check_table(output_format, table)
    check_bom(output_format, bom)
    day = as_of_day(as_of, period)
    start = parse_date(since, what="--since") if since is not None else None
    loaded, warnings = load_valid(plan)
    if output is not None:
        check_report_output(output, output_format, plan.path, loaded, force=force)
    if official:
        first = period.start if period is not None else loaded.header.start
        built = build(loaded.plan, day, start or first, warnings, period)
        document = render_official(built, output_format)
    else:
        built = build(loaded.plan, day, start, warnings, period)
        document = render(built, output_format) if table is None else render_csv(built, table)
        if bom and isinstance(document, str):
            document = "\ufeff" + document
    if output is None:
        assert isinstance(document, str)  # docx and xlsx need -o (check_formats)
        print(document, end="")
    else:
        # surrogateescape: a file name the C locale could not decode is written
        # back as the bytes it was (the report names its plan file).
        data = (
            document
            if isinstance(document, bytes)
            else document.encode("utf-8", errors="surrogateescape")
        )
        write_replacing(output, data)
    if fail_on is FailOn.overdue and built.overdue:
        raise typer.Exit(EXIT_OVERDUE)
