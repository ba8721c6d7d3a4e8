"""Shell completion: the ``completion`` command, and ids completed from the plan.

``ggov-plan completion bash`` (or ``zsh``, ``fish``) prints a script for the
shell to load (README, "Shell completion"). The shell then runs
``ggov-plan`` with ``_GGOV_PLAN_COMPLETE`` set each time Tab is pressed;
:func:`ggov_plan.cli.main` sees it, builds every command, and
:func:`attach` gives the parameters that name a record of the plan
(an activity, a task, an agency, a source, a channel, a content topic, an
indicator, a completion or a measurement to void) a completer that reads
the plan (``-p``, ``$GGOV_PLAN_FILE`` or the default), through the parse
cache, and offers its ids, each with its title where the shell shows one
(zsh and fish).

A completer never fails: a missing or broken plan completes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ggov_plan.cli.registry import Commands
from ggov_plan.i18n import t
from ggov_plan.problems import UsageError

if TYPE_CHECKING:
    from ggov_plan.plan.model import Plan

commands = Commands("completion")

#: The environment variable the shell scripts set (click's convention).
COMPLETE_VAR = "_GGOV_PLAN_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


@commands.command("completion")
def completion(
    shell: Annotated[str, typer.Argument(help="bash, zsh or fish.", metavar="SHELL")],
) -> None:
    """Print the shell script that completes ggov-plan's commands, options and ids.

    Load it from your shell's start-up file, e.g. in ~/.bashrc:
    eval "$(ggov-plan completion bash)"; see the README.
    """
    from typer._click.shell_completion import get_completion_class
    from typer._completion_classes import completion_init

    if shell not in SHELLS:
        raise UsageError(
            t("completion.bad_shell", name=repr(shell)), hint=t("completion.bad_shell.hint")
        )
    completion_init()  # registers typer's scripts for each shell
    script_of = get_completion_class(shell)
    assert script_of is not None  # one of SHELLS, which completion_init registers
    # The script needs no command: only its name and the variable it sets.
    print(script_of(None, {}, "ggov-plan", COMPLETE_VAR).source())  # type: ignore[arg-type]


def complete(app: typer.Typer) -> None:
    """Answer the shell's request for completions (``_GGOV_PLAN_COMPLETE`` is set)."""
    from typer._completion_classes import completion_init
    from typer.main import get_command

    completion_init()  # the shells typer knows: bash, zsh, fish, PowerShell
    command = get_command(app)
    attach(command)
    command.main(prog_name="ggov-plan", complete_var=COMPLETE_VAR)


# --------------------------------------------------------------------------- ids

#: The plan's records a parameter completes from: (id, what a shell shows beside it).
Records = Callable[["Plan"], Iterator[tuple[str, str]]]


def _records(collection: str, text: Callable[[Any], str]) -> Records:
    """The ids of the plan's ``collection`` (a Plan attribute), each with ``text(record)``."""

    def ids(plan: Plan) -> Iterator[tuple[str, str]]:
        for record in getattr(plan, collection):
            yield record.id, _short(text(record))

    return ids


def _short(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters: what a shell shows beside an id."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


_SOURCES = _records("sources", lambda source: source.name)

#: (command path, parameter name) → what it completes; command "" for any.
COMPLETERS: dict[tuple[str, str], Records] = {
    ("", "activity"): _records("activities", lambda activity: activity.title),
    ("", "task"): _records("tasks", lambda task: task.text),
    ("", "agency"): _records("agencies", lambda agency: agency.name),
    ("", "channel"): _records("channels", lambda channel: channel.name),
    ("", "content"): _records("contents", lambda content: content.name),
    ("", "indicator"): _records("indicators", lambda indicator: indicator.label),
    ("record", "source"): _SOURCES,
    ("activity add", "source"): _SOURCES,
    ("activity edit", "source"): _SOURCES,
    ("record", "void"): _records(
        "completions", lambda record: f"{record.activity} {record.date:%d/%m/%Y}"
    ),
    ("measure", "void"): _records(
        "measurements", lambda record: f"{record.indicator} {record.date:%d/%m/%Y}"
    ),
}


def attach(root: Any) -> None:
    """Give every parameter of ``root``'s commands that names a record its completer."""

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, (*path, name))
        for param in getattr(command, "params", ()):
            records = COMPLETERS.get((" ".join(path), param.name)) or COMPLETERS.get(
                ("", param.name or "")
            )
            if records is not None:
                # click keeps a parameter's completer here (its shell_complete=
                # argument); typer consults it in its own completion too.
                param._custom_shell_complete = _completer(records)

    walk(root, ())


def _completer(records: Records) -> Callable[[Any, Any, str], list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        plan = _plan_of(ctx)
        if plan is None:
            return []
        return [
            CompletionItem(ident, help=title)
            for ident, title in records(plan)
            if ident.startswith(incomplete)
        ]

    return complete


def _plan_of(ctx: Any) -> Plan | None:
    """The plan the command line names so far, if it reads; never an error."""
    from ggov_plan.cli.shell import plan_path, today
    from ggov_plan.plan import read
    from ggov_plan.problems import GgovPlanError

    given = ctx.params.get("plan")
    with contextlib.suppress(GgovPlanError, OSError, ValueError):
        path = plan_path(Path(given) if given else None)
        return read(path, today=today(), cache=True).loaded.plan
    return None
