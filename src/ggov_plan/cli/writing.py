"""What every command that writes the plan shares: prompts, the write, what it prints.

Writing commands (``activity add``, ``record``, ``measure``…) prompt for
what is missing only when both stdin and stdout are a terminal; cron and CI
get a clear usage error naming the option instead. A question is asked
again while its answer is refused (:func:`ask_for`), and what was asked for
is shown and confirmed before it is written (:func:`review`). The write
itself is :func:`write`: the core's change, built under the lock by
:func:`ggov_plan.write.journal.append`, then the record's id printed last
(after the records, for a dry run), alone on its line; what the write did
and what it risks go to stderr (:mod:`ggov_plan.write.effects`).

This is not a command module: the commands of several modules use it, and a
command imports only its own module (tests/cli/test_imports.py).
"""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from ggov_plan.cli.shell import PlanSource, load_valid, notice, plan_path, today
from ggov_plan.i18n import t
from ggov_plan.problems import UsageError
from ggov_plan.text import visible_controls

if TYPE_CHECKING:
    from ggov_plan.plan import Checked
    from ggov_plan.problems import Problem
    from ggov_plan.write import changes, effects, journal

T = TypeVar("T")

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the records that would be appended; write nothing.")
]
#: Who a new record names as its recorder (``record``, ``measure``, ``note``).
ByOption = Annotated[str | None, typer.Option("--by", help="Who records it. Default: the OS user.")]


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def missing(option: str, example: str) -> UsageError:
    return UsageError(
        t("cli.required", option=option),
        hint=t("cli.required.hint", option=option, example=example),
    )


def ask(label: str) -> str:
    """The answer to a prompt, asked again while it is blank (spaces are no answer)."""
    while True:
        value: str = str(typer.prompt(label)).strip()
        if value:
            return value


def choose(label: str, options: Sequence[tuple[str, str]]) -> str:
    """A numbered list at the terminal; returns the chosen id."""
    _list(options)
    while True:
        answer = str(typer.prompt(t("cli.prompt.choice", label=label))).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        if answer in {ident for ident, _ in options}:
            return answer
        typer.echo("  " + t("cli.prompt.choose", count=len(options)))


def _list(options: Sequence[tuple[str, str]]) -> None:
    from ggov_plan.render.console import terminal

    columns = shutil.get_terminal_size().columns
    for number, (ident, text) in enumerate(options, start=1):
        room = max(20, columns - len(ident) - 8)  # one line per choice
        text = terminal.safe(text).plain  # control characters made visible
        shown = text if len(text) <= room else text[: room - 1] + "…"
        typer.echo(f"{number:>3}. {ident}  {shown}")


def choose_named(
    label: str, options: Sequence[tuple[str, str]], resolve: Callable[[str], str]
) -> str:
    """:func:`choose`, where an answer that is neither a number nor an id is
    read as the option would read it (``resolve``: a fragment of a name)."""
    _list(options)
    while True:
        answer = str(typer.prompt(t("cli.prompt.choice_named", label=label))).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        if answer:
            try:
                return resolve(answer)
            except UsageError as error:
                _retry(error)
        else:
            typer.echo("  " + t("cli.prompt.choose", count=len(options)))


def ask_for(label: str, read: Callable[[str], T], *, default: str = "") -> T | None:
    """The answer to a question, as ``read`` makes it; asked again while ``read`` refuses it.

    A blank answer is ``default`` (shown in brackets), else None. (A question
    that needs an answer and has no default is :func:`ask`'s or :func:`choose`'s.)
    """
    while True:
        answer = str(typer.prompt(label, default=default, show_default=bool(default))).strip()
        if not answer:
            return None
        try:
            return read(answer)
        except UsageError as error:
            _retry(error)


def _retry(error: UsageError) -> None:
    # The option's own message (--date: …), then ask again: a typo at a prompt is no failure.
    typer.echo("  " + visible_controls(error.message, one_line=True))


def review(rows: Sequence[tuple[str, str]]) -> bool:
    """Show what will be written, one ``label: value`` a line, and ask ``Write? [Y/n]``."""
    import shutil
    import textwrap

    width = max(len(label) for label, _ in rows)
    indent = " " * (width + 4)
    # A long value (a task's whole bullet) wraps under itself, not under the labels.
    columns = max(shutil.get_terminal_size().columns, len(indent) + 20)
    for label, value in rows:
        lines = textwrap.wrap(
            visible_controls(value, one_line=True),
            width=columns - 1,
            initial_indent=f"  {label + ':':<{width + 1}} ",
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        typer.echo("\n".join(lines) or f"  {label}:")
    while True:
        answer = str(typer.prompt(t("cli.prompt.write"), default="", show_default=False))
        folded = answer.strip().casefold()
        if folded in YES:
            return True
        if folded in NO:
            return False
        typer.echo("  " + t("cli.prompt.yes_no"))


#: Answers to ``Write? [Y/n]``, in both languages (có / không), blank for the default.
YES = frozenset({"", "y", "yes", "c", "co", "có"})
NO = frozenset({"n", "no", "k", "khong", "không"})


def nothing_written() -> None:
    """The officer answered no: say so; the command exits 0."""
    notice(t("cli.nothing_written"))


def recorder() -> str:
    """The OS user, who records what --by leaves unnamed."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def current(plan: PlanSource) -> Checked:
    """The plan to resolve names and prompt against; the write reads it again under the lock."""
    checked, _ = load_valid(plan, for_write=True)  # a write may repair a merged plan
    return checked


StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse the write (exit 2, nothing written) if it draws a warning: a date "
        "outside the plan period, money beyond the activity's cost or its source's "
        "remainder, or a new `check` warning.",
    ),
]


def write(
    plan: PlanSource,
    request: changes.Request,
    dry_run: bool,
    before: Checked | None,
    *,
    strict: bool = False,
    guard: Callable[[Checked], None] | None = None,
) -> None:
    """Append what the core makes of ``request``, then print it and its id.

    ``guard``, if given, judges the plan read under the lock first (``undo``:
    is the record it showed still the last?); what it raises refuses the write.

    The core function runs in ``build``, on the plan as read under the lock,
    so conflicts and new ids are judged on the file as it is when written;
    so are the write's risks (:func:`ggov_plan.write.effects.risks`). The new
    plan's ``check`` warnings that the plan had not before are judged before
    the file is replaced. Under ``strict`` either refuses the write.

    stdout gets the records (for a dry run) and the id, alone on its line,
    so that ``id=$(ggov-plan record …)`` captures just the id. stderr gets
    the line saying what the write did, when it is a terminal (a script's
    stderr, mailed by cron, stays quiet), then the write's warnings, always.
    """
    from ggov_plan.plan.model import Plan
    from ggov_plan.plan.rules import Context
    from ggov_plan.write import changes, effects, journal

    # The plan's own date: a plan that declares another zone than Vietnam's
    # dates its records by that zone's calendar (docs/reliability.md).
    day = today(before.header.timezone if before is not None else None)
    writing = changes.WriteContext(today=day, now=now(), user=recorder)
    made: list[changes.Change] = []
    risks: list[effects.Risk] = []
    known: list[Problem] = []
    caused: list[Problem] = []

    def build(fresh: Checked) -> journal.NewRecords:
        if guard is not None:
            guard(fresh)
        made.append(changes.change(fresh.plan, request, writing))
        risks[:] = effects.risks(fresh.plan, request, writing.today)
        known[:] = fresh.warnings
        if strict and risks and made[-1].records:
            _refuse(risks, [])
        return made[-1].records

    def judge(new: Plan, warnings: Sequence[Problem]) -> None:
        said = {risk.code for risk in risks}  # a risk told already is not told again
        caused[:] = [p for p in effects.new_warnings(known, warnings) if p.code not in said]
        if strict and caused:
            _refuse(risks, caused)

    result = journal.append(
        plan_path(plan.path),
        build,
        Context(today=day),
        dry_run=dry_run,
        use_cache=plan.use_cache,
        before=before,
        notice=notice,
        judge=judge,
    )
    if not made[-1].records:  # the same --id and values again: already there
        from ggov_plan.i18n.message import msg

        notice(msg("journal.already_recorded", id=made[-1].id))
        print(made[-1].id)
        return
    print_write(result, made[-1].id)
    if result.plan is not None and telling():
        done = effects.summary(result.plan, request, made[-1], writing.today)
        if done is not None:
            _stderr(visible_controls(done.text(), one_line=True))
    _warn(risks, caused)


def telling() -> bool:
    """Whether to say what a write did: only to a person, at a terminal."""
    return sys.stderr.isatty()


def _warn(risks: Sequence[effects.Risk], caused: Sequence[Problem]) -> None:
    from ggov_plan.render.check import text_line

    for risk in risks:
        _stderr(t("cli.write_warning", message=visible_controls(risk.message.text())))
    for problem in caused:
        _stderr(text_line(problem))


def _refuse(risks: Sequence[effects.Risk], caused: Sequence[Problem]) -> NoReturn:
    from ggov_plan.i18n.message import msg
    from ggov_plan.write import journal

    _warn(risks, caused)
    raise journal.WriteRefused(
        msg("journal.strict_refused", count=len(risks) + len(caused)),
        hint=msg("journal.strict_refused.hint"),
    )


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def print_write(result: journal.WriteResult, new_id_: str) -> None:
    if not result.written:
        sys.stdout.write(result.appended)
        if not result.appended.endswith("\n"):
            print()
        print(t("cli.dry_run"))
    print(new_id_)


def reason(reason: str | None) -> str:
    """--reason, or at a terminal the answer to a prompt; never empty."""
    if reason is None or not reason.strip():
        if not interactive():
            raise missing("--reason", '"Gộp vào chuyên mục khác"')
        reason = ask(t("cli.prompt.reason"))
    if not reason.strip():
        raise UsageError(t("cli.reason_empty"), hint=t("cli.reason_empty.hint"))
    return reason.strip()
