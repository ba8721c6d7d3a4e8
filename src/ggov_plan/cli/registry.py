"""The one list of commands: each command's name, its module, and its subcommands.

Everything that needs to know which commands exist reads :data:`ENTRIES`:
the lazy start-up (:func:`ggov_plan.cli.app_for` imports only the named
command's module and builds only that command), the whole app (for
``--help``, tests and the docs), and the docs generator
(:mod:`ggov_plan.cli.reference`). Adding a command means adding it here and
defining it in its module with :meth:`Commands.command`; a test checks that
the two agree.

A command module does not touch a typer app when it is imported. It records
its functions in a :class:`Commands`, and :meth:`Commands.add_to` puts one
command or group on a given app through typer's public API, so that a run
builds only the command it names.

This module imports nothing of the plan's machinery: ``main()`` reads it on
every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import typer

from ggov_plan.cli.shell import CommonOption, command

__all__ = ["ENTRIES", "Commands", "Entry", "command_paths", "entry_named", "modules"]


@dataclass(frozen=True)
class Entry:
    """One top-level command, or a group of subcommands, and where it is defined."""

    name: str
    #: The module under ``ggov_plan.cli`` that defines it.
    module: str
    #: A group's subcommands, in the order ``--help`` and the docs list them.
    subcommands: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.subcommands)


#: Every top-level command and group, module by module in the order ``--help``
#: lists them: reading, tracking, reporting, then tools for new plans and
#: editors. (typer lists groups after plain commands, so ``activity`` comes last
#: in ``ggov-plan --help`` but here, with the tracking commands, in the docs.)
ENTRIES: tuple[Entry, ...] = (
    Entry("check", "read"),
    Entry("show", "read"),
    Entry("status", "read"),
    Entry("activity", "track", ("add", "list", "show", "edit", "cancel", "reopen")),
    Entry("record", "track"),
    Entry("measure", "results"),
    Entry("note", "notes"),
    Entry("undo", "track"),
    Entry("progress", "track"),
    Entry("budget", "track"),
    Entry("report", "report"),
    Entry("schema", "tools"),
    Entry("init", "tools"),
    Entry("git-setup", "collab"),
    Entry("merge-driver", "collab"),
    Entry("completion", "completion"),
)

_BY_NAME = {e.name: e for e in ENTRIES}


def entry_named(name: str) -> Entry | None:
    """The entry of a top-level command or group, or None if none has that name."""
    return _BY_NAME.get(name)


def modules() -> tuple[str, ...]:
    """The command modules, each once, in the order of :data:`ENTRIES`."""
    return tuple(dict.fromkeys(e.module for e in ENTRIES))


def command_paths() -> tuple[str, ...]:
    """Every command as typed, in the docs' order: ``check``, …, ``activity add``, …"""
    return tuple(
        path
        for e in ENTRIES
        for path in ([f"{e.name} {sub}" for sub in e.subcommands] if e.is_group else [e.name])
    )


Command = Callable[..., None]


@dataclass(frozen=True)
class _Group:
    help: str
    commands: dict[str, Command]


class Commands:
    """The commands one module defines, kept until an app asks for them.

    ``@commands.command("status", PLAN, JSON, AS_OF)`` makes a function a
    command with the error edge and those common options
    (:func:`ggov_plan.cli.shell.command`), and records it under its name;
    ``commands.group("activity", help=…)`` and then ``@commands.command("add",
    …, group="activity")`` record a group's subcommands.
    """

    def __init__(self, module: str) -> None:
        self.module = module
        self._commands: dict[str, Command] = {}
        self._groups: dict[str, _Group] = {}

    def group(self, name: str, *, help: str) -> None:
        self._groups[name] = _Group(help, {})

    def command(
        self, name: str, *common: CommonOption, group: str | None = None
    ) -> Callable[[Command], Command]:
        def record(function: Command) -> Command:
            table = self._groups[group].commands if group is not None else self._commands
            if name in table:
                raise ValueError(f"{self.module}: command {name!r} is defined twice")
            wrapped = command(*common)(function)
            table[name] = wrapped
            return wrapped

        return record

    def names(self) -> dict[str, tuple[str, ...]]:
        """What this module defines: each top-level name, with a group's subcommands."""
        return {
            **{name: () for name in self._commands},
            **{name: tuple(g.commands) for name, g in self._groups.items()},
        }

    def add_to(self, app: typer.Typer, entry: Entry) -> None:
        """Put the command or group ``entry`` names on ``app``."""
        if entry.module != self.module or entry.name not in self.names():
            raise LookupError(f"ggov_plan.cli.{self.module} defines no command {entry.name!r}")
        if not entry.is_group:
            app.command(entry.name)(self._commands[entry.name])
            return
        group = self._groups[entry.name]
        if set(group.commands) != set(entry.subcommands):
            raise LookupError(
                f"ggov_plan.cli.{self.module} defines {sorted(group.commands)} in "
                f"{entry.name!r}, the registry lists {sorted(entry.subcommands)}"
            )
        sub = typer.Typer(help=group.help, no_args_is_help=True, rich_markup_mode=None)
        for name in entry.subcommands:
            sub.command(name)(group.commands[name])
        app.add_typer(sub, name=entry.name)
