"""A long output at a terminal goes through a pager, as git's does.

``show`` prints the whole declared plan: a few hundred lines, which scroll
past a terminal. At a terminal, when the output is taller than the screen,
it is handed to a pager: ``$GGOV_PLAN_PAGER``, else ``$PAGER``, else
``less``; an empty value or ``cat`` means no pager. ``less`` gets
``LESS=FRX`` unless ``LESS`` is set (quit if one screen, keep colours, leave
the text on the screen), as git sets it. In a pipe, under cron, or with
``--no-pager``, nothing changes: the text is printed.

The pager runs from an argument list (``shlex.split`` of the setting),
never through a shell (docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any

#: The environment variables read, first that is set wins.
PAGER_VARIABLES = ("GGOV_PLAN_PAGER", "PAGER")


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run, as an argument list; None for no pager."""
    for name in PAGER_VARIABLES:
        if name in environ:
            words = shlex.split(environ[name]) if environ[name].strip() else []
            return words if words and words != ["cat"] else None
    less = shutil.which("less")
    return [less] if less else None


def page(draw: Callable[[Any], None], *, enabled: bool = True) -> None:
    """Draw on a console; through the pager if at a terminal and taller than it."""
    from ggov_plan.render.console.terminal import make_console

    console = make_console()
    command = pager_command(os.environ) if enabled and console.is_terminal else None
    if command is None:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    text = captured.get()
    if text.count("\n") < console.height:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    if os.path.basename(command[0]) == "less":
        env.setdefault("LESS", "FRX")
    try:
        # The pager reads the text on its stdin and owns the terminal until it quits.
        subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:  # no such pager: the text is not lost
        sys.stdout.write(text)
    except KeyboardInterrupt:  # Ctrl-C in the pager ends the reading, not with an error
        with contextlib.suppress(OSError):
            sys.stdout.write("\n")
