"""What every command shares: the app, the common options, and the error edge.

Every command is declared with :func:`command`, which gives it the error edge
and the common options it names. The common options (``--plan/-p`` with
``--no-cache``, ``--json``, ``--as-of``, ``--period`` with ``--from/--to``;
``--lang`` on every command) are
declared once here, each as a :class:`CommonOption`: the options the command
line shows, and the one value the command receives for them. Their values
travel as arguments: nothing per run is kept in this module.

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
74    the output could not be written (stdout full, or a broken pipe), and no
      write had landed; nothing was written
75    try again, nothing was written: another ggov-plan held the plan's lock
      too long, or another program changed the plan while it was read or
      written (:class:`~ggov_plan.plan.files.PlanChanged`)
130   interrupted: Ctrl-C, or Ctrl-D at a prompt; nothing was written
====  =====================================================================

A write that landed is a success (exit 0) even if its output then fails
(stdout full, closed or a broken pipe): a script that retries on failure
must not record twice. stderr then says the plan was written and the output
failed, if stderr still works. 75 is reused for a plan changed during the
write because the caller's remedy is the same as for a busy lock: nothing
was written, and running the command again is safe (``EX_TEMPFAIL``).

An interrupt (Ctrl-C anywhere, Ctrl-D at a prompt) is 130, as shells report
SIGINT, with one line in the user's language on a line of its own: it is not
"the plan has problems". If the write had already landed, it is a success.

Usage errors that click finds (an unknown option, a missing argument, a bad
choice) are worded again in Vietnamese under ``--lang vi`` by :class:`Edge`,
from a table of click's message patterns.

``--help`` and every command import this module, so it imports none of the
plan's machinery at module level: each function imports what it uses.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import errno
import functools
import inspect
import os
import re
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ggov_plan import __version__
from ggov_plan.cli.inputs import parse_as_of, parse_date
from ggov_plan.i18n import LANG_ENV, Lang, choose, current, set_language, t
from ggov_plan.i18n.message import Text, text_of
from ggov_plan.problems import (
    GgovPlanError,
    PlanInvalid,
    PlanNotFound,
    Problem,
    Severity,
    UsageError,
)
from ggov_plan.text import undecodable, visible_controls

if TYPE_CHECKING:
    from typing import TypeAlias

    from ggov_plan.books.periods import Period
    from ggov_plan.plan import Checked, Reading
    from ggov_plan.plan.rules import Context

    #: What a command receives for --period/--from/--to (:data:`PERIOD`).
    ChosenPeriod: TypeAlias = Period | None
else:
    # `command` reads the commands' annotations at import, when --help must
    # not have loaded the books: at run time the alias names no class.
    ChosenPeriod = object

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_OVERDUE = 3
EXIT_INTERNAL = 70
EXIT_OUTPUT = 74
EXIT_BUSY = 75
EXIT_INTERRUPTED = 130

TODAY_ENV = "GGOV_PLAN_TODAY"
DEBUG_ENV = "GGOV_PLAN_DEBUG"


#: The exit codes, as the root ``--help`` lists them (the table above says more).
EXIT_CODES_HELP = (
    "Exit codes: 0 success, 1 problems in the plan, 2 bad input (nothing written), "
    "3 overdue activities (report --fail-on overdue), 70 internal error, 74 output "
    "failed (nothing written), 75 try again: plan locked or changed by another "
    "program (nothing written), 130 interrupted by Ctrl-C or Ctrl-D (nothing written)."
)


def new_app() -> typer.Typer:
    """An app with the program's name, help and ``--version``, and no command yet.

    :mod:`ggov_plan.cli` adds the commands from :mod:`ggov_plan.cli.registry`:
    all of them, or only the one a run names.
    """
    app = typer.Typer(
        name="ggov-plan",
        help="Track an e-government publicity plan (Kế hoạch) declared in TOML.",
        epilog=EXIT_CODES_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=Edge,
    )
    app.callback()(_root)
    return app


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
JsonOption = Annotated[bool, typer.Option("--json", help="Print stable JSON instead of tables.")]
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
        help="Count only records dated on or before this day (YYYY-MM-DD or DD/MM/YYYY; "
        "a month, 2017-10, or a year, 2017, means its last day). Default: today.",
        metavar="DATE",
        show_default=False,
    ),
]

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Report for a period: a year (2017), a half (2017-H1), a quarter (2017-Q4) or "
        "a month (2017-10). Figures are given for the period and cumulatively; --as-of "
        "becomes the period's last day (today, if the period is not over).",
        metavar="PERIOD",
        show_default=False,
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="With --to: a period of any days, from this one (YYYY-MM-DD or DD/MM/YYYY).",
        metavar="DATE",
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", help="With --from: the period's last day.", metavar="DATE", show_default=False
    ),
]


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _print_problems(problems: list[Problem]) -> None:
    from ggov_plan.render.check import text_line

    for problem in problems:
        if problem.severity is Severity.ERROR:
            stderr(text_line(problem))


def _print_error(error: GgovPlanError) -> None:
    # A message may quote a file name or a value typed on the command line:
    # control characters in it must not reach the terminal (docs/security.md).
    stderr(t("shell.error", message=visible_controls(error.message)))
    if error.hint:
        stderr("  " + t("shell.hint", hint=visible_controls(error.hint)))


def _exit_code(error: GgovPlanError) -> int:
    """Say what went wrong on stderr; return the exit code that goes with it."""
    # The journal's errors are imported only when one has been raised: only a
    # write can raise them, and it has imported the journal already.
    from ggov_plan.write.journal import PlanBusy, PlanStillInvalid, WriteRefused

    if isinstance(error, PlanInvalid):
        _print_problems(error.problems)
        stderr(f"ggov-plan: {error.message}")
        return EXIT_PROBLEMS
    if isinstance(error, WriteRefused):
        _print_problems(error.problems)
        _print_error(error)
        return EXIT_PROBLEMS if isinstance(error, PlanStillInvalid) else EXIT_BAD_INPUT
    _print_error(error)
    return EXIT_BUSY if isinstance(error, PlanBusy) else error.exit_code


def notice(message: Text) -> None:
    """Tell the person at the terminal something on stderr, without failing."""
    with contextlib.suppress(OSError, ValueError):
        stderr(t("shell.notice", message=visible_controls(text_of(message))))


def handle_errors(run: Callable[[], None], *, as_json: bool = False) -> None:
    """Run a command; turn core exceptions into a message on stderr and an exit code.

    With ``as_json`` (the command was asked for JSON), a failure also prints
    one JSON object on stdout (:func:`_print_json_error`). The command runs
    in its own context, where a write records that it landed
    (:data:`ggov_plan.write.journal.LANDED`), and its output is
    flushed here, so that a failure to print is seen here and not at exit.
    """
    _standard_streams_open()
    sigpipe = _ignore_sigpipe()
    try:
        # Its own context: the language and what landed are this run's.
        contextvars.copy_context().run(_guarded, run, sigpipe, as_json)
    finally:
        if sigpipe:
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _guarded(run: Callable[[], None], sigpipe: bool, as_json: bool = False) -> None:
    try:
        _run_and_flush(run)
    except GgovPlanError as error:
        code = _exit_code(error)
        if as_json:
            _print_json_error(error, code)
        raise typer.Exit(code) from None
    except (typer.Abort, KeyboardInterrupt, EOFError):
        raise typer.Exit(_interrupted(_landed())) from None
    except typer.Exit:
        raise
    except _OutputFailed as failed:
        raise typer.Exit(_after_output_failure(failed.error, _landed(), sigpipe)) from None
    except OSError as error:
        if not _output_failed(error):
            _internal(error)
        raise typer.Exit(_after_output_failure(error, _landed(), sigpipe)) from None
    except Exception as error:  # a bug: say so plainly, without a traceback
        _internal(error, as_json)


def _interrupted(landed: Path | None) -> int:
    """Ctrl-C, or Ctrl-D at a prompt: say that nothing was written; the exit code.

    A write that had landed is a success, as when its output fails: a
    script must not record it twice.
    """
    if landed is not None:
        return EXIT_OK
    with contextlib.suppress(OSError, ValueError):
        # At a prompt the cursor is still on the prompt's line (after "^C").
        start = "\n" if sys.stdin is not None and sys.stdin.isatty() else ""
        stderr(start + t("shell.interrupted"))
    return EXIT_INTERRUPTED


def interrupted_outside(argv: list[str]) -> int:
    """An interrupt before or after any command ran (while starting up)."""
    return contextvars.copy_context().run(_interrupted_in, argv)


def _interrupted_in(argv: list[str]) -> int:
    _language_of(argv)
    return _interrupted(None)


def _error_code(error: GgovPlanError, exit_code: int) -> str:
    """The stable word for a failure in JSON (docs/json.md#failures)."""
    from ggov_plan.write.journal import PlanStillInvalid, WriteRefused

    if isinstance(error, PlanInvalid | PlanStillInvalid):
        return "plan-invalid"
    if isinstance(error, WriteRefused):
        return "write-refused"
    if isinstance(error, PlanNotFound):
        return "not-found"
    return "busy" if exit_code == EXIT_BUSY else "bad-input"


def _print_json_error(error: GgovPlanError | None, exit_code: int, message: str = "") -> None:
    """``{"schema_version", "error": {...}}`` on stdout, for a script that asked for JSON;
    a plan that is not valid adds its errors as ``problems``. ``error`` None: a bug."""
    from ggov_plan.render.shapes import error_object

    if error is None:
        data = error_object("internal", message, "", exit_code)
    else:
        problems = None
        if isinstance(error, PlanInvalid):
            problems = [p for p in error.problems if p.severity is Severity.ERROR]
        code = _error_code(error, exit_code)
        data = error_object(code, error.message, error.hint, exit_code, problems)
    from ggov_plan.render.data import dumps

    # stdout may be what failed: the message is on stderr already.
    with contextlib.suppress(OSError, ValueError):
        print(dumps(data))
        sys.stdout.flush()


def _internal(error: Exception, as_json: bool = False) -> None:
    if os.environ.get(DEBUG_ENV):
        raise error
    if as_json:
        _print_json_error(None, EXIT_INTERNAL, f"{type(error).__name__}: {error}")
    stderr(
        t("shell.internal", error=f"{type(error).__name__}: {error}")
        + "\n  "
        + t("shell.hint", hint=t("shell.internal.hint", version=__version__, env=DEBUG_ENV))
    )
    raise typer.Exit(EXIT_INTERNAL) from None


class _OutputFailed(Exception):
    """Flushing stdout failed once the command had run."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _run_and_flush(run: Callable[[], None]) -> None:
    try:
        run()
    finally:
        if sys.stdout is not None:
            try:
                sys.stdout.flush()
            except OSError as error:
                raise _OutputFailed(error) from error


def _standard_streams_open() -> None:
    """A closed stdin, stdout or stderr is opened on /dev/null first, so that
    no file ggov-plan opens (the lock, a temp file) can take its number and
    receive what is printed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def _ignore_sigpipe() -> bool:
    """In a real process (:func:`ggov_plan.cli.main` restores SIGPIPE's default,
    so that ``show | head`` ends quietly), catch SIGPIPE during the command:
    before a write lands it ends the process as before; after, it is
    ignored, and the write, which landed, is not killed while it prints.
    Whether the handler was changed."""
    if not hasattr(signal, "SIGPIPE") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGPIPE) != signal.SIG_DFL:
        return False
    signal.signal(signal.SIGPIPE, _on_sigpipe)
    return True


def _on_sigpipe(signum: int, frame: object) -> None:
    if _landed() is None:
        _die_of_sigpipe()
    # Else the write that raised EPIPE fails with BrokenPipeError: see _guarded.


def _die_of_sigpipe() -> None:
    _silence_stdout()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGPIPE)


_OUTPUT_ERRNOS = {
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF")
    if hasattr(errno, name)
}


def _output_failed(error: OSError) -> bool:
    """Whether ``error`` came from printing.

    Reading and writing files is wrapped in clear errors where it happens
    (:mod:`ggov_plan.plan.files`, :mod:`ggov_plan.write.atomic`), and their
    errors name the file; an error writing to a stream names none.
    """
    if isinstance(error, BrokenPipeError):
        return True
    return error.errno in _OUTPUT_ERRNOS and error.filename is None


def _landed() -> Path | None:
    journal = sys.modules.get("ggov_plan.write.journal")
    return None if journal is None else journal.LANDED.get()


def _after_output_failure(error: OSError, landed: Path | None, sigpipe: bool) -> int:
    """Say what happened, if stderr still can; the exit code."""
    _silence_stdout()  # the interpreter flushes stdout again at exit
    reason = error.strerror or str(error)
    with contextlib.suppress(OSError, ValueError):
        if landed is not None:
            stderr(
                t("shell.written_output_failed", path=visible_controls(str(landed)), reason=reason)
            )
            stderr("  " + t("shell.hint", hint=t("shell.written_output_failed.hint")))
            return EXIT_OK
        if not isinstance(error, BrokenPipeError):
            stderr(t("shell.output_failed", reason=reason))
    if isinstance(error, BrokenPipeError) and sigpipe:
        # Nothing was written: end as SIGPIPE ends other Unix tools (`| head`).
        _die_of_sigpipe()
    return EXIT_OK if landed is not None else EXIT_OUTPUT


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


# --------------------------------------------------------------------------- common options


@dataclass(frozen=True)
class PlanSource:
    """The plan a run reads: the file --plan names, and whether to use the parse cache."""

    #: As given on the command line; :func:`plan_path` applies the defaults.
    path: Path | None
    #: False with --no-cache or $GGOV_PLAN_NO_CACHE.
    use_cache: bool


@dataclass(frozen=True)
class CommonOption:
    """Options several commands share: what the command line shows, and what the command gets.

    ``parameters`` are the options as typer reads them (name, type, help,
    metavar, default), in the order ``--help`` lists them. ``value`` turns
    their values into the one argument the command receives as ``receives``.
    """

    receives: str
    parameters: tuple[inspect.Parameter, ...]
    value: Callable[[Mapping[str, Any]], object]


def _option(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _plan_source(values: Mapping[str, Any]) -> PlanSource:
    from ggov_plan.plan import cache

    return PlanSource(values["plan"], cache.enabled(bool(values["no_cache"]), os.environ))


#: ``--plan/-p PATH`` and ``--no-cache``; the command receives ``plan: PlanSource``.
PLAN = CommonOption(
    "plan",
    (_option("plan", PlanOption, None), _option("no_cache", NoCacheOption, False)),
    _plan_source,
)
#: ``--json``; the command receives ``as_json: bool``.
JSON = CommonOption(
    "as_json", (_option("as_json", JsonOption, False),), lambda values: values["as_json"]
)
#: ``--as-of DATE``; the command receives ``as_of: str | None`` for :func:`as_of_day`,
#: which it calls where a bad date should be reported.
AS_OF = CommonOption("as_of", (_option("as_of", AsOfOption, None),), lambda v: v["as_of"])


def _period(values: Mapping[str, Any]) -> Period | None:
    """``--period``, or ``--from`` with ``--to``: both ways at once, or one end of
    a span alone, is a usage error (exit 2)."""
    from ggov_plan.books.periods import parse_period, span

    text, start, end = values["period"], values["period_from"], values["period_to"]
    if text is not None and (start is not None or end is not None):
        raise UsageError(t("cli.period_mixed"), hint=t("cli.period_mixed.hint"))
    if text is not None:
        return parse_period(text)
    if start is None and end is None:
        return None
    if start is None or end is None:
        given, missing = ("--from", "--to") if end is None else ("--to", "--from")
        raise UsageError(
            t("cli.period_half", given=given, missing=missing), hint=t("cli.period_half.hint")
        )
    return span(parse_date(start, what="--from"), parse_date(end, what="--to"))


#: ``--period PERIOD``, ``--from DATE``, ``--to DATE``; the command receives
#: ``period: Period | None``, and calls :func:`as_of_day` with it.
PERIOD = CommonOption(
    "period",
    (
        _option("period", PeriodOption, None),
        _option("period_from", FromOption, None),
        _option("period_to", ToOption, None),
    ),
    _period,
)
#: ``--lang``, last on every command: it sets the run's language before the
#: command starts, so the command receives nothing for it.
_LANG = _option("lang", LangOption, None)

Command = Callable[..., None]


def command(*common: CommonOption) -> Callable[[Command], Command]:
    """A command with the error edge and the common options it names, then ``--lang``.

    The command's own parameters are typer options and arguments; after them
    ``--help`` lists the options of ``common`` in the order given, then
    ``--lang``. The command receives, as keyword-only parameters, exactly the
    values those options give (``plan``, ``as_json``, ``as_of``): a command
    that names an option without taking its value, or takes a value without
    naming its option, is refused when its module is imported.
    """

    def declare(function: Command) -> Command:
        signature = inspect.signature(function, eval_str=True)
        given = {option.receives for option in common}
        taken = {
            name
            for name, parameter in signature.parameters.items()
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        }
        if given != taken:
            raise TypeError(
                f"{function.__name__}: the common options give {sorted(given)}, "
                f"but its keyword-only parameters are {sorted(taken)}"
            )
        own = [p for p in signature.parameters.values() if p.name not in given]
        shown = [*own, *(p for option in common for p in option.parameters), _LANG]
        names = [p.name for p in shown]
        if len(set(names)) != len(names):
            raise TypeError(f"{function.__name__}: a parameter repeats a common option: {names}")
        cli = signature.replace(parameters=shown)

        @functools.wraps(function)
        def run(**values: Any) -> None:
            def start() -> None:
                _refuse_undecodable(cli, values)
                choose_language(values["lang"] if values["lang"] is not None else _root_lang())
                function(
                    **{p.name: values[p.name] for p in own},
                    **{option.receives: option.value(values) for option in common},
                )

            handle_errors(start, as_json=_asks_for_json(values))

        # typer reads the command line's parameters from the signature: the
        # command's own, then the common options, then --lang.
        run.__signature__ = cli  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in shown}
        return run

    return declare


def _asks_for_json(values: Mapping[str, object]) -> bool:
    """Whether the run asked for JSON: ``--json``, or ``--format json`` (check, report)."""
    output_format = values.get("output_format")
    return values.get("as_json") is True or getattr(output_format, "value", None) == "json"


def _refuse_undecodable(cli: inspect.Signature, values: dict[str, object]) -> None:
    """A value typed in a non-UTF-8 terminal arrives with its undecodable bytes
    as lone surrogates; it cannot be written to a UTF-8 plan, so say so, naming
    the option, rather than fail later."""
    name = undecodable(values)
    if name is not None:
        raise UsageError(
            t("journal.not_utf8", what=_option_of(cli, name)), hint=t("journal.not_utf8.hint")
        )


def _option_of(cli: inspect.Signature, name: str) -> str:
    """How the command line spells parameter ``name``: ``--title``, or ``ID``."""
    parameter = cli.parameters.get(name)
    for info in getattr(parameter and parameter.annotation, "__metadata__", ()):
        declared = getattr(info, "param_decls", None) or ()
        long = [d for d in declared if d.startswith("--")]
        if long:
            return str(long[0])
        if getattr(info, "metavar", None):
            return str(info.metavar)
    return "--" + name.replace("_", "-")


def _root_lang() -> str | None:
    """``--lang`` given before the command's name (``ggov-plan --lang vi status``)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    value = ctx.find_root().params.get("lang") if ctx is not None else None
    return value if isinstance(value, str) else None


def choose_language(option: object) -> None:
    """Set the run's language from --lang, $GGOV_PLAN_LANG or the locale."""
    try:
        set_language(choose(option if isinstance(option, str) else None, os.environ))
    except ValueError as error:
        set_language("en")
        raise UsageError(
            t("shell.bad_lang", env=LANG_ENV, value=str(error)), hint=t("shell.bad_lang.hint")
        ) from None


def today(zone: str | None = None) -> dt.date:
    """Today in the plan's time zone, or $GGOV_PLAN_TODAY (for reproducible runs and tests).

    ``zone`` is the plan's ``[plan] timezone``; None (no plan read yet, or none
    declared) means Asia/Ho_Chi_Minh. The machine's own zone never counts: a
    server on UTC judges a Vietnamese plan's dates as the office does.
    """
    from ggov_plan.plan.timezone import today_in

    forced = os.environ.get(TODAY_ENV)
    return parse_date(forced, what=f"${TODAY_ENV}") if forced else today_in(zone)


def as_of_day(as_of: str | None, period: Period | None = None) -> dt.date:
    """The day figures are counted to: ``--as-of``, else today.

    With a period, its last day, or today while the period is not over (an
    activity due next month is not overdue yet); ``--as-of`` with a period is
    a usage error, and so is a period that has not begun.
    """
    if period is None:
        return parse_as_of(as_of) if as_of is not None else today()
    if as_of is not None:
        raise UsageError(t("cli.period_as_of"), hint=t("cli.period_as_of.hint"))
    now = today()
    if period.start > now:
        from ggov_plan.i18n import date_text

        raise UsageError(
            t(
                "cli.period_not_started",
                name=period.name().text(),
                start=date_text(period.start),
                today=date_text(now),
            ),
            hint=t("cli.period_not_started.hint"),
        )
    return min(period.end, now)


def context() -> Context:
    from ggov_plan.plan.rules import Context

    return Context(today=today())


def plan_path(plan: Path | None) -> Path:
    from ggov_plan.plan.files import find_plan

    return find_plan(plan, os.environ, Path())


def _declared_zone(reading: Reading) -> str | None:
    plan = reading.loaded.plan
    return plan.header.timezone if plan is not None and plan.header is not None else None


def load_checked(path: Path, *, use_cache: bool) -> tuple[Reading, list[Problem]]:
    """A plan file and all its problems (:func:`ggov_plan.plan.read`)."""
    from ggov_plan.plan import read

    reading = read(path, today=today(), cache=use_cache)
    # "today" is taken before the plan is read; a plan in another zone than the
    # default is judged again on its own date (the parse itself is cached).
    zone = _declared_zone(reading)
    if zone and today(zone) != reading.today:
        reading = read(path, today=today(zone), cache=use_cache)
    return reading, list(reading.problems)


def load_valid(plan: PlanSource, *, for_write: bool = False) -> tuple[Checked, list[Problem]]:
    """The plan proved valid, and its warnings; PlanInvalid if it has errors.

    ``for_write``: also a plan with errors a write may repair
    (:meth:`ggov_plan.plan.front.Reading.for_write`).
    """
    from ggov_plan.plan import read

    path = plan_path(plan.path)
    reading = read(path, today=today(), cache=plan.use_cache)
    zone = _declared_zone(reading)
    if zone and today(zone) != reading.today:  # as in load_checked
        reading = read(path, today=today(zone), cache=plan.use_cache)
    checked = reading.for_write() if for_write else reading.checked()
    return checked, list(checked.warnings)


def mention_warnings(warnings: list[Problem], file: str) -> None:
    # Only for a person at a terminal: under cron, stderr is mailed, and a
    # warning the document itself causes would otherwise arrive every week.
    # A warning the plan accepts ([[check.accept]]) is not repeated at all.
    warnings = [w for w in warnings if w.is_open_warning]
    if warnings and sys.stderr.isatty():
        count = len(warnings)
        key = "shell.warnings.one" if count == 1 else "shell.warnings.many"
        stderr(t(key, count=count, file=file, command=f"ggov-plan check -p {shlex.quote(file)}"))


def _version(value: bool) -> None:
    if value:
        print(f"ggov-plan {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Track an e-government publicity plan (Kế hoạch) declared in TOML.

    Exit codes: 0 success, 1 problems in the plan, 2 bad input (nothing
    written), 3 overdue activities (report --fail-on overdue), 70 internal
    error, 74 output failed (nothing written), 75 try again: plan locked by
    another writer or changed by another program (nothing written), 130
    interrupted by Ctrl-C or Ctrl-D (nothing written).
    """
    # --lang here is read by the command (_root_lang): the callback only declares it.


# --------------------------------------------------------------------------- usage errors


class Edge(TyperGroup):
    """The app's group: click's usage errors in the user's language, interrupts as 130.

    typer prints a usage error, and "Aborted!" with exit 1 for an interrupt,
    inside its ``main``; run it with ``standalone_mode=False`` so that both
    come here instead.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        _help_in_language(self, argv)
        from typer._click import exceptions

        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except exceptions.UsageError as error:
            contextvars.copy_context().run(_show_usage_error, error, argv)
            sys.exit(error.exit_code)
        except exceptions.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.exit(interrupted_outside(argv))
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def _help_in_language(group: Edge, argv: list[str]) -> None:
    """When ``argv`` shows help, put its words in the user's language on the commands.

    ``--help`` is eager: click prints it while parsing, before any command has
    chosen the language, so it is chosen here from ``argv`` and the
    environment. Help shown for no command (``ggov-plan``, ``ggov-plan
    activity``) counts too. Nothing is imported for a run that shows no help.
    """
    if _shows_help(group, argv):
        from ggov_plan.cli.helptext import localize

        localize(group, _language_in(argv))


def _shows_help(group: Edge, argv: list[str]) -> bool:
    words: list[str] = []
    rest = iter(argv)
    for word in rest:
        if word == "--":
            break
        if word in ("-h", "--help"):
            return True
        if word == "--lang":
            next(rest, None)
        elif not word.startswith("--lang="):
            words.append(word)
    # click shows a group's help when no command follows it.
    return not words or (len(words) == 1 and hasattr(group.commands.get(words[0]), "commands"))


def _language_of(argv: list[str]) -> None:
    """Set the language from the last ``--lang`` in ``argv``, else the environment:
    a usage error is found before any command has chosen it."""
    set_language(_language_in(argv))


def _language_in(argv: list[str]) -> Lang:
    """The language the last ``--lang`` in ``argv`` names, else the environment's;
    English for a language ggov-plan does not speak (the command will say so)."""
    chosen: str | None = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif word.startswith("--lang="):
            chosen = word.partition("=")[2]
    try:
        return choose(chosen, os.environ)
    except ValueError:
        return "en"


#: click's messages, piece by piece, and the catalog key that words each piece.
#: English keeps click's own text: these apply only under --lang vi.
_CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^No such option: (?P<option>\S+)", "usage.no_such_option"),
    (r"\(Possible options: (?P<options>[^)]*)\)", "usage.possible_options"),
    (r"^No such command (?P<name>'.*?')\.", "usage.no_such_command"),
    (r"Did you mean (?P<names>.*)\?$", "usage.did_you_mean"),
    (r"^Missing argument (?P<name>'[^']*')\.", "usage.missing_argument"),
    (r"^Missing option (?P<name>'[^']*')\.", "usage.missing_option"),
    (r"^Missing command\.", "usage.missing_command"),
    (r"^Invalid value for (?P<param>'[^']*'): ", "usage.invalid_value"),
    (r"(?P<value>'.*') is not one of (?P<choices>.*)\.$", "usage.not_one_of"),
    (r"(?P<value>'.*') is not a valid (?P<kind>[\w ]+)\.$", "usage.not_valid"),
    (r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", "usage.extra_arguments"),
    (r"^Option (?P<option>'[^']*') requires an argument\.$", "usage.requires_argument"),
    (r"^Option (?P<option>'[^']*') does not take a value\.$", "usage.takes_no_value"),
)


def usage_message(message: str) -> str:
    """Click's message for a usage error, in the run's language."""
    if current() != "vi":
        return message
    for pattern, key in _CLICK_MESSAGES:
        message = re.sub(pattern, functools.partial(_worded, key), message)
    return message


def _worded(key: str, match: re.Match[str]) -> str:
    return t(key, **match.groupdict())


def _show_usage_error(error: Any, argv: list[str]) -> None:
    """What click's ``UsageError.show`` prints, in the user's language."""
    _language_of(argv)
    with contextlib.suppress(OSError, ValueError):
        ctx = error.ctx
        if ctx is not None and current() == "vi":
            # The usage line and the names in the message as --help shows them.
            from ggov_plan.cli.helptext import localize

            localize(ctx.find_root().command, "vi")
        if ctx is not None:
            usage = ctx.get_usage()
            if usage.startswith("Usage:"):
                usage = t("usage.usage") + usage[len("Usage:") :]
            lines = [usage]
            if ctx.command.get_help_option(ctx) is not None:
                command = f"{ctx.command_path} {ctx.help_option_names[0]}"
                lines.append(t("usage.try", command=command))
            stderr("\n".join(lines) + "\n")
        stderr(t("usage.error", message=visible_controls(usage_message(error.format_message()))))


def utf8_streams() -> None:
    """Write UTF-8 whatever the locale says: under LANG=C or cron, Vietnamese must not crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            # surrogateescape: a file name the C locale could not decode goes
            # out as the bytes it was, not as "?".
            reconfigure(encoding="utf-8", errors="surrogateescape")
