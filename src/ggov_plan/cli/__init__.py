"""The ``ggov-plan`` command line: a thin typer shell over the core.

Each command finds the plan, loads and validates it, derives figures and hands
them to a renderer. The app, the shared options and the error edge (exit
codes) are in :mod:`ggov_plan.cli.shell`. The commands live in one module per
kind of work, listed here in the order ``--help`` lists them.
"""

from __future__ import annotations

import importlib
import signal
import sys
from typing import Any

import typer

from ggov_plan.cli.shell import app_with_only, utf8_streams

__all__ = ["app_for", "main", "whole_app"]

#: Command modules in the order --help lists their commands: reading,
#: tracking, reporting, then tools for new plans and editors.
COMMAND_MODULES = ("read", "track", "report", "tools")
#: Which module defines each top-level command or group.
MODULE_OF = {
    "check": "read",
    "show": "read",
    "status": "read",
    "activity": "track",
    "record": "track",
    "progress": "track",
    "budget": "track",
    "report": "report",
    "schema": "tools",
    "init": "tools",
}


def whole_app() -> typer.Typer:
    """The app with every command, for ``--help``, tests and the docs."""
    for module in COMMAND_MODULES:
        importlib.import_module(f"ggov_plan.cli.{module}")
    from ggov_plan.cli.shell import app

    return app


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
    if argv and argv[0] in MODULE_OF:
        importlib.import_module(f"ggov_plan.cli.{MODULE_OF[argv[0]]}")
        only = app_with_only(argv[0])
        if only is not None:
            return only
    return whole_app()


def main() -> None:
    """Console-script entry point."""
    # `ggov-plan show | head` should end quietly, as other Unix tools do, not
    # exit 1 ("problems in the plan") when head closes the pipe.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    utf8_streams()
    app_for(sys.argv[1:])(prog_name="ggov-plan")
