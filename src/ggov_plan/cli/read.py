"""Reading commands: ``check``, ``show`` and ``status``.

Each imports its renderer when it runs: ``--json`` and ``check`` never load rich.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import (
    AS_OF,
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    JSON,
    PERIOD,
    PLAN,
    ChosenPeriod,
    PlanSource,
    as_of_day,
    context,
    load_checked,
    load_valid,
    mention_warnings,
    plan_path,
)
from ggov_plan.problems import GgovPlanError, PlanUnreadable, Problem, Severity

if TYPE_CHECKING:
    from rich.console import Console

    from ggov_plan.plan.model import Plan

commands = Commands("read")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


@commands.command("check", PLAN)
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files to check. Default: the plan --plan or $GGOV_PLAN_FILE names, "
            "else data/plan2017.toml.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github (workflow annotations, and a summary in "
            "$GITHUB_STEP_SUMMARY), gitlab (Code Quality report) or junit (XML).",
        ),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    *,
    plan: PlanSource,
) -> None:
    """Validate plan files: every problem, with file:line:column.

    Exit 0 when valid, 1 when problems are found, 2 when a file cannot be read.
    """
    from ggov_plan.render import check as check_render

    targets = list(paths or []) or [plan_path(plan.path)]
    context()  # a bad $GGOV_PLAN_TODAY stops here, not as a file's problem
    results: list[check_render.FileResult] = []
    exit_code = EXIT_OK
    for target in targets:
        try:
            loaded, found = load_checked(target, use_cache=plan.use_cache)
        except GgovPlanError as error:
            problem = _unreadable_problem(str(target), error)
            results.append(check_render.FileResult(str(target), (problem,), readable=False))
            exit_code = EXIT_BAD_INPUT
            continue
        problems = tuple(found)
        result = check_render.FileResult(loaded.file, problems)
        results.append(result)
        failed = bool(result.errors) or (strict and bool(result.warnings))  # open ones only
        if failed:
            exit_code = max(exit_code, EXIT_PROBLEMS)
    if output_format is CheckFormat.json:
        print(check_render.json_text(results))
    elif output_format is CheckFormat.github:
        annotations = check_render.github(results)
        print("\n".join(filter(None, [annotations, *map(check_render.summary, results)])))
        _append_step_summary(check_render.step_summary(results))
    elif output_format is CheckFormat.gitlab:
        print(check_render.gitlab(results))
    elif output_format is CheckFormat.junit:
        print(check_render.junit(results, strict=strict))
    else:
        print(check_render.text(results))
    if exit_code:
        raise typer.Exit(exit_code)


def _append_step_summary(markdown: str) -> None:
    """Append to the file $GITHUB_STEP_SUMMARY names, if any: GitHub shows only
    ten annotations of each kind per step, the summary shows every problem."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(markdown)


def _unreadable_problem(file: str, error: GgovPlanError) -> Problem:
    if isinstance(error, PlanUnreadable):
        return Problem(
            Severity.ERROR,
            "unreadable",
            error.reason,
            file,
            error.line,
            error.column,
            how=error.how,
        )
    message = error.message.removeprefix(file + ": ")
    return Problem(Severity.ERROR, "unreadable", message, file, how=error.how)


@commands.command("show", PLAN, JSON)
def show(
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="At a terminal, print everything instead of paging a long plan "
            "(also: GGOV_PLAN_PAGER=cat).",
        ),
    ] = False,
    *,
    plan: PlanSource,
    as_json: bool,
) -> None:
    """Show the declared plan.

    Header, legal bases, objectives and indicators, content topics, channels,
    agencies with their tasks, and the budget. At a terminal, a plan taller
    than the screen goes through a pager ($GGOV_PLAN_PAGER, $PAGER or less).
    """
    loaded, warnings = load_valid(plan)
    # Only a terminal needs rich: JSON starts faster without it.
    if as_json:
        from ggov_plan.render import data as data_render

        print(data_render.dumps(data_render.declared_plan(loaded.plan)))
    else:
        from ggov_plan.cli.pager import page
        from ggov_plan.render.console import terminal

        page(lambda console: terminal.show(console, loaded.plan), enabled=not no_pager)
    mention_warnings(warnings, loaded.file)


@commands.command("status", PLAN, JSON, AS_OF, PERIOD)
def status(*, plan: PlanSource, as_json: bool, as_of: str | None, period: ChosenPeriod) -> None:
    """The dashboard: budget use, activities and tasks by state, results, progress.

    Budget by funding source (declared, allocated, spent, remaining), activity
    counts by state, every task with its state, the results recorded (for a
    --period and cumulatively) and overall progress, as of a day.
    """
    day = as_of_day(as_of, period)
    from ggov_plan.books.derive import overview

    loaded, warnings = load_valid(plan)
    figures = overview(loaded.plan, day, period=period)
    if as_json:
        from ggov_plan.render import data as data_render

        print(data_render.dumps(data_render.overview(loaded.plan, figures)))
    else:
        from ggov_plan.render.console import terminal

        console = terminal.make_console()
        terminal.status(console, loaded.plan, figures)
        _indicators(console, loaded.plan, day)
    mention_warnings(warnings, loaded.file)


def _indicators(console: Console, plan: Plan, day: dt.date) -> None:
    """Each indicator against its target, under the dashboard (when the plan states any)."""
    from ggov_plan.books.indicators import indicator_figures
    from ggov_plan.books.ledger import Ledger
    from ggov_plan.render.console import results as results_console

    if plan.indicators:
        console.print()
        rows = indicator_figures(plan, Ledger.of(plan, day))
        results_console.indicator_table(console, rows, day)
