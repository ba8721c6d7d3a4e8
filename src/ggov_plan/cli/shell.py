"""What every command shares: the typer app, common options, and the error edge.

Core exceptions become a one-line message on stderr and a documented exit
code here, in :func:`handle_errors`, and nowhere else:

====  =====================================================================
code  meaning
====  =====================================================================
0     success; for ``check``, the plan is valid (warnings allowed unless --strict)
1     the plan has problems (``check``), or a command refused an invalid plan
2     bad input: the file cannot be read, the command line is wrong, or a
      write would make the plan invalid; nothing was written
3     ``report --fail-on overdue``: the report was written, and activities are overdue
70    an internal error (a bug in ggov-plan); set GGOV_PLAN_DEBUG=1 for details
75    another ggov-plan held the plan's lock too long; try again
====  =====================================================================
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from ggov_plan import __version__
from ggov_plan.cli.inputs import parse_date
from ggov_plan.i18n import LANG_ENV, choose, set_language, t
from ggov_plan.plan import Checked, Reading, cache, open_valid, read
from ggov_plan.plan.files import find_plan
from ggov_plan.plan.rules import Context
from ggov_plan.problems import GgovPlanError, PlanInvalid, Problem, Severity, UsageError
from ggov_plan.render.check import text_line
from ggov_plan.text import undecodable, visible_controls
from ggov_plan.write.journal import PlanBusy, WriteRefused

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_OVERDUE = 3
EXIT_INTERNAL = 70
EXIT_BUSY = 75

TODAY_ENV = "GGOV_PLAN_TODAY"
DEBUG_ENV = "GGOV_PLAN_DEBUG"


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="ggov-plan",
        help="Track an e-government publicity plan (Kế hoạch) declared in TOML.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


#: The whole command line; the cli_* modules add their commands to it.
app = _new_app()


def app_with_only(name: str) -> typer.Typer | None:
    """The app with one command (or command group) only, or None if none has that name.

    typer turns every registered command into a click command before it parses
    anything: on a real plan that was a fifth of a command's time. A run that
    names its command needs only that one; its parsing, help and errors are
    the same, since click builds them from the command alone.
    """
    only = _new_app()
    only.registered_callback = app.registered_callback
    only.registered_commands = [
        info
        for info in app.registered_commands
        if (info.name or (info.callback.__name__ if info.callback else "").replace("_", "-"))
        == name
    ]
    only.registered_groups = [info for info in app.registered_groups if info.name == name]
    return only if only.registered_commands or only.registered_groups else None


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
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the whole plan file, without the parse cache in the user's cache "
        "folder (also: GGOV_PLAN_NO_CACHE=1).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print stable JSON (see docs/json.md) instead of tables.")
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the output: vi or en. Default: $GGOV_PLAN_LANG, else vi when "
        "LC_ALL or LANG starts with vi, else en.",
        metavar="vi|en",
        show_default=False,
    ),
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


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity is Severity.ERROR:
            stderr(text_line(problem))


def _print_error(error: GgovPlanError) -> None:
    # A message may quote a file name or a value typed on the command line:
    # control characters in it must not reach the terminal (docs/security.md).
    stderr(t("shell.error", message=visible_controls(error.message)))
    if error.hint:
        stderr("  " + t("shell.hint", hint=visible_controls(error.hint)))


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn core exceptions into a message on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            _refuse_undecodable(command, kwargs)
            choose_language(kwargs.get("lang"))
            _settings["use_cache"] = cache.enabled(bool(kwargs.get("no_cache")), os.environ)
            return command(*args, **kwargs)
        except PlanInvalid as error:
            _print_problems(error.problems)
            stderr(f"ggov-plan: {error.message}")
            raise typer.Exit(EXIT_PROBLEMS) from None
        except WriteRefused as error:
            _print_problems(error.problems)
            _print_error(error)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except GgovPlanError as error:
            _print_error(error)
            code = EXIT_BUSY if isinstance(error, PlanBusy) else error.exit_code
            raise typer.Exit(code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug: say so plainly, without a traceback
            if os.environ.get(DEBUG_ENV):
                raise
            stderr(
                t("shell.internal", error=f"{type(error).__name__}: {error}")
                + "\n  "
                + t("shell.hint", hint=t("shell.internal.hint", version=__version__, env=DEBUG_ENV))
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _refuse_undecodable(command: Callable[..., object], values: dict[str, object]) -> None:
    """A value typed in a non-UTF-8 terminal arrives with its undecodable bytes
    as lone surrogates; it cannot be written to a UTF-8 plan, so say so, naming
    the option, rather than fail later."""
    name = undecodable(values)
    if name is not None:
        raise UsageError(
            t("journal.not_utf8", what=_option_of(command, name)), hint=t("journal.not_utf8.hint")
        )


def _option_of(command: Callable[..., object], name: str) -> str:
    """How the command line spells parameter ``name``: ``--title``, or ``ID``."""
    import typing

    hint = typing.get_type_hints(command, include_extras=True).get(name)
    for info in getattr(hint, "__metadata__", ()):
        declared = getattr(info, "param_decls", None) or ()
        long = [d for d in declared if d.startswith("--")]
        if long:
            return str(long[0])
        if getattr(info, "metavar", None):
            return str(info.metavar)
    return "--" + name.replace("_", "-")


def choose_language(option: object) -> None:
    """Set the run's language from --lang, $GGOV_PLAN_LANG or the locale."""
    try:
        set_language(choose(option if isinstance(option, str) else None, os.environ))
    except ValueError as error:
        set_language("en")
        raise UsageError(
            t("shell.bad_lang", env=LANG_ENV, value=str(error)), hint=t("shell.bad_lang.hint")
        ) from None


def today() -> dt.date:
    """Today, or $GGOV_PLAN_TODAY (for reproducible runs and tests)."""
    forced = os.environ.get(TODAY_ENV)
    return parse_date(forced, what=f"${TODAY_ENV}") if forced else dt.date.today()


def as_of_day(as_of: str | None) -> dt.date:
    return parse_date(as_of, what="--as-of") if as_of is not None else today()


def context() -> Context:
    return Context(today=today())


def plan_path(plan: Path | None) -> Path:
    return find_plan(plan, os.environ, Path())


#: Per-run settings that handle_errors takes from the command line.
_settings: dict[str, bool] = {"use_cache": True}


def use_cache() -> bool:
    return _settings["use_cache"]


def load_checked(path: Path) -> tuple[Reading, list[Problem]]:
    """A plan file and all its problems (:func:`ggov_plan.plan.read`)."""
    reading = read(path, today=today(), cache=use_cache())
    return reading, list(reading.problems)


def load_valid(plan: Path | None) -> tuple[Checked, list[Problem]]:
    """The plan proved valid, and its warnings; PlanInvalid if it has errors."""
    checked = open_valid(plan_path(plan), today=today(), cache=use_cache())
    return checked, list(checked.warnings)


def mention_warnings(warnings: list[Problem], file: str) -> None:
    # Only for a person at a terminal: under cron, stderr is mailed, and a
    # warning the document itself causes would otherwise arrive every week.
    if warnings and sys.stderr.isatty():
        count = len(warnings)
        key = "shell.warnings.one" if count == 1 else "shell.warnings.many"
        stderr(t(key, count=count, file=file, command=f"ggov-plan check -p {shlex.quote(file)}"))


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

    Exit codes: 0 success, 1 problems in the plan, 2 bad input (nothing
    written), 3 overdue activities (report --fail-on overdue), 70 internal
    error, 75 plan locked by another writer.
    """


def utf8_streams() -> None:
    """Write UTF-8 whatever the locale says: under LANG=C or cron, Vietnamese must not crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            # surrogateescape: a file name the C locale could not decode goes
            # out as the bytes it was, not as "?".
            reconfigure(encoding="utf-8", errors="surrogateescape")
