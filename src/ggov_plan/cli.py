"""The ``ggov-plan`` command line: a thin typer shell over the core.

Each command finds the plan, loads and validates it, derives figures and hands
them to a renderer. The app, the shared options and the error edge (exit
codes) are in :mod:`ggov_plan.shell`. The commands live in one module per
kind of work, imported here in the order ``--help`` lists them.
"""

from __future__ import annotations

import signal

# Imported for their commands, in the order --help lists them: reading,
# tracking, reporting, then tools for new plans and editors.
from ggov_plan import cli_read  # noqa: F401  # isort: skip
from ggov_plan import cli_track  # noqa: F401  # isort: skip
from ggov_plan import cli_report  # noqa: F401  # isort: skip
from ggov_plan import cli_tools  # noqa: F401  # isort: skip
from ggov_plan.shell import app, utf8_streams

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    # `ggov-plan show | head` should end quietly, as other Unix tools do, not
    # exit 1 ("problems in the plan") when head closes the pipe.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    utf8_streams()
    app(prog_name="ggov-plan")
