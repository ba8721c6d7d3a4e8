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

#: What each parameter names: (its option, or its name for an argument) → the
#: plan's records it completes from, as a function of the plan and the
#: parameters typed so far.
Records = Callable[["Plan", dict[str, Any]], Iterator[tuple[str, str]]]


def _short(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters: what a shell shows beside an id."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _activities(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for activity in plan.activities:
        yield activity.id, _short(activity.title)


def _tasks(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for task in plan.tasks:
        yield task.id, _short(task.text)


def _agencies(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for agency in plan.agencies:
        yield agency.id, agency.name


def _sources(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for source in plan.sources:
        yield source.id, source.name


def _channels(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for channel in plan.channels:
        yield channel.id, channel.name


def _contents(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for content in plan.contents:
        yield content.id, content.name


def _indicators(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for indicator in plan.indicators:
        yield indicator.id, _short(indicator.label)


def _completions(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for record in plan.completions:
        yield record.id, f"{record.activity} {record.date:%d/%m/%Y}"


def _measurements(plan: Plan, _: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for record in plan.measurements:
        yield record.id, f"{record.indicator} {record.date:%d/%m/%Y}"


#: (command path, parameter name) → what it completes; command "" for any.
COMPLETERS: dict[tuple[str, str], Records] = {
    ("", "activity"): _activities,
    ("", "task"): _tasks,
    ("", "agency"): _agencies,
    ("", "channel"): _channels,
    ("", "content"): _contents,
    ("", "indicator"): _indicators,
    ("record", "source"): _sources,
    ("activity add", "source"): _sources,
    ("activity edit", "source"): _sources,
    ("record", "void"): _completions,
    ("measure", "void"): _measurements,
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
        params = dict(ctx.params)
        return [
            CompletionItem(ident, help=title)
            for ident, title in records(plan, params)
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
