"""The ``ggov-plan`` command line: a thin typer shell over the core.

Each command finds the plan, loads and validates it, derives figures and hands
them to a renderer. Core exceptions become a one-line message and a
documented exit code here, in :func:`_handle_errors`, and nowhere else:

====  =====================================================================
code  meaning
====  =====================================================================
0     success; for ``check``, the plan is valid (warnings allowed unless --strict)
1     the plan has problems (``check``), or a command refused an invalid plan
2     the plan file cannot be read, or the command line is wrong
70    an internal error (a bug in ggov-plan); set GGOV_PLAN_DEBUG=1 for details
====  =====================================================================
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from ggov_plan import __version__
from ggov_plan.derive import overview
from ggov_plan.inputs import parse_date
from ggov_plan.load import Loaded, find_plan, load
from ggov_plan.problems import GgovPlanError, PlanInvalid, Severity
from ggov_plan.render import check as check_render
from ggov_plan.render import data as data_render
from ggov_plan.render import terminal
from ggov_plan.rules import Context, validate

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 70

TODAY_ENV = "GGOV_PLAN_TODAY"
DEBUG_ENV = "GGOV_PLAN_DEBUG"

app = typer.Typer(
    name="ggov-plan",
    help="Track an e-government publicity plan (Kế hoạch) declared in TOML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        "-p",
        help="Plan file. Default: $GGOV_PLAN_FILE, else data/plan2017.toml here.",
        metavar="PATH",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print stable JSON (see docs/json.md) instead of tables.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Count only records dated on or before this day (YYYY-MM-DD or DD/MM/YYYY). "
        "Default: today.",
        metavar="DATE",
        show_default=False,
    ),
]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn core exceptions into a message on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PlanInvalid as error:
            for problem in error.problems:
                if problem.severity is Severity.ERROR:
                    _stderr(check_render.text_line(problem))
            _stderr(f"ggov-plan: {error.message}")
            raise typer.Exit(error.exit_code) from None
        except GgovPlanError as error:
            _stderr(f"ggov-plan: error: {error.message}")
            if error.hint:
                _stderr(f"  hint: {error.hint}")
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug: say so plainly, without a traceback
            if os.environ.get(DEBUG_ENV):
                raise
            _stderr(
                f"ggov-plan: internal error: {type(error).__name__}: {error}\n"
                f"  hint: this is a bug in ggov-plan {__version__}; rerun with "
                f"{DEBUG_ENV}=1 for the traceback and report it"
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _today() -> dt.date:
    forced = os.environ.get(TODAY_ENV)
    return parse_date(forced, what=f"${TODAY_ENV}") if forced else dt.date.today()


def _plan_path(plan: Path | None) -> Path:
    return find_plan(plan, os.environ, Path())


def _load_valid(plan: Path | None) -> tuple[Loaded, list[Any]]:
    """Load the plan and refuse it if it has errors; return its warnings."""
    loaded = load(_plan_path(plan))
    problems = validate(loaded, Context(today=_today()))
    if any(p.is_error for p in problems) or loaded.plan is None:
        raise PlanInvalid(loaded.file, problems)
    warnings = [p for p in problems if not p.is_error]
    return loaded, warnings


def _mention_warnings(warnings: list[Any], file: str) -> None:
    # Only for a person at a terminal: under cron, stderr is mailed, and a
    # warning the document itself causes would otherwise arrive every week.
    if warnings and sys.stderr.isatty():
        count = len(warnings)
        _stderr(
            f"ggov-plan: {count} warning{'s' * (count != 1)} in {file}; "
            f"run `ggov-plan check -p {file}` to see {'them' if count != 1 else 'it'}"
        )


def _version(value: bool) -> None:
    if value:
        print(f"ggov-plan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track an e-government publicity plan (Kế hoạch) declared in TOML.

    Exit codes: 0 success, 1 problems in the plan, 2 unreadable file or wrong
    command line, 70 internal error.
    """


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
@_handle_errors
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
        typer.Option("--format", "-f", help="text, json, or github (workflow annotations)."),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    plan: PlanOption = None,
) -> None:
    """Validate plan files: every problem, with file:line:column.

    Exit 0 when valid, 1 when problems are found, 2 when a file cannot be read.
    """
    targets = list(paths or []) or [_plan_path(plan)]
    context = Context(today=_today())
    results: list[check_render.FileResult] = []
    exit_code = EXIT_OK
    for target in targets:
        try:
            loaded = load(target)
        except GgovPlanError as error:
            problem = _unreadable_problem(str(target), error)
            results.append(check_render.FileResult(str(target), (problem,), readable=False))
            exit_code = EXIT_UNREADABLE
            continue
        problems = tuple(validate(loaded, context))
        result = check_render.FileResult(loaded.file, problems)
        results.append(result)
        failed = bool(result.errors) or (strict and bool(result.warnings))
        if failed:
            exit_code = max(exit_code, EXIT_PROBLEMS)
    if output_format is CheckFormat.json:
        print(check_render.json_text(results))
    elif output_format is CheckFormat.github:
        annotations = check_render.github(results)
        print("\n".join(filter(None, [annotations, *map(check_render.summary, results)])))
    else:
        print(check_render.text(results))
    if exit_code:
        raise typer.Exit(exit_code)


def _unreadable_problem(file: str, error: GgovPlanError) -> Any:
    from ggov_plan.problems import Problem

    message = error.message
    if message.startswith(file + ": "):
        message = message[len(file) + 2 :]
    return Problem(Severity.ERROR, "unreadable", message, file, hint=error.hint)


@app.command()
@_handle_errors
def show(plan: PlanOption = None, as_json: JsonOption = False) -> None:
    """Show the declared plan.

    Header, legal bases, objectives and indicators, content topics, channels,
    agencies with their tasks, and the budget.
    """
    loaded, warnings = _load_valid(plan)
    assert loaded.plan is not None
    if as_json:
        print(data_render.dumps(data_render.declared_plan(loaded.plan)))
    else:
        terminal.show(terminal.make_console(), loaded.plan)
    _mention_warnings(warnings, loaded.file)


@app.command()
@_handle_errors
def status(plan: PlanOption = None, as_json: JsonOption = False, as_of: AsOfOption = None) -> None:
    """The dashboard: budget use, activities by state, progress.

    Budget by funding source (declared, allocated, spent, remaining), activity
    counts by state and overall progress, as of a day.
    """
    day = parse_date(as_of, what="--as-of") if as_of else _today()
    loaded, warnings = _load_valid(plan)
    assert loaded.plan is not None
    figures = overview(loaded.plan, day)
    if as_json:
        print(data_render.dumps(data_render.overview(loaded.plan, figures)))
    else:
        terminal.status(terminal.make_console(), loaded.plan, figures)
    _mention_warnings(warnings, loaded.file)


def _utf8_streams() -> None:
    """Write UTF-8 whatever the locale says: under LANG=C or cron, Vietnamese must not crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    """Console-script entry point."""
    _utf8_streams()
    app(prog_name="ggov-plan")
