"""The ``ggov-plan`` command line: a thin typer shell over the core.

Each command finds the plan, loads and validates it, derives figures and hands
them to a renderer. Which commands exist, and which module defines each, is
:mod:`ggov_plan.cli.registry`; the common options and the error edge (exit
codes) are :mod:`ggov_plan.cli.shell`. This module builds an app from them:
the whole app, or, for a run that names its command, an app with only that
command.

Start-up is most of a command's time on a real plan (docs/performance.md), so
this module imports nothing at module level but the version: ``--version``
is answered before typer is imported.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

from ggov_plan import __version__

if TYPE_CHECKING:
    import typer

    from ggov_plan.cli.registry import Commands, Entry

__all__ = ["app_for", "main", "whole_app"]


def _commands_of(module: str) -> Commands:
    """The commands that module ``module`` of :mod:`ggov_plan.cli` defines."""
    import importlib

    from ggov_plan.cli.registry import Commands

    # `module` comes only from the registry's fixed table, never from argv.
    defined = importlib.import_module(f"ggov_plan.cli.{module}").commands
    assert isinstance(defined, Commands)
    return defined


def _app_with(entries: tuple[Entry, ...]) -> typer.Typer:
    from ggov_plan.cli.shell import new_app

    app = new_app()
    for entry in entries:
        _commands_of(entry.module).add_to(app, entry)
    return app


@functools.cache
def whole_app() -> typer.Typer:
    """The app with every command, for ``--help``, tests and the docs."""
    from ggov_plan.cli.registry import ENTRIES

    return _app_with(ENTRIES)


def __getattr__(name: str) -> Any:
    # `from ggov_plan.cli import app` (tests, docs) gets every command.
    if name == "app":
        return whole_app()
    raise AttributeError(name)


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run ``argv``: just its command's when the first word names one.

    Start-up is most of a command's time on a real plan: importing one
    command module and building one command saves a third of it
    (docs/performance.md). Anything else (no command, an option first, a
    mistyped name) gets the whole app, so help and suggestions list all.
    """
    from ggov_plan.cli.registry import entry_named

    name = _command_name(argv)
    entry = entry_named(name) if name is not None else None
    return _app_with((entry,)) if entry is not None else whole_app()


def _command_name(argv: list[str]) -> str | None:
    """The first word of ``argv`` after a leading ``--lang X`` or ``--lang=X``
    (``ggov-plan --lang vi status`` starts only ``status``, like ``status --lang vi``)."""
    words = list(argv)
    while words and (words[0] == "--lang" or words[0].startswith("--lang=")):
        words = words[2:] if words[0] == "--lang" else words[1:]
    return words[0] if words else None


def main() -> None:
    """Console-script entry point."""
    # `ggov-plan show | head` should end quietly, as other Unix tools do, not
    # exit 1 ("problems in the plan") when head closes the pipe.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = sys.argv[1:]
    if argv == ["--version"]:
        # What the app's own --version prints, without importing typer or a
        # command: scripts that probe the version start nothing else.
        print(f"ggov-plan {__version__}")
        return
    from ggov_plan.cli.shell import utf8_streams

    utf8_streams()
    if os.environ.get("_GGOV_PLAN_COMPLETE"):
        # The shell asks for completions (ggov_plan.cli.completion): the words
        # typed so far are in the environment, not argv, so every command is built.
        from ggov_plan.cli.completion import complete

        complete(whole_app())
        return
    try:
        app_for(argv)(prog_name="ggov-plan")
    except KeyboardInterrupt:
        # Ctrl-C while the command was being imported, before the app's edge.
        from ggov_plan.cli.shell import interrupted_outside

        sys.exit(interrupted_outside(argv))
