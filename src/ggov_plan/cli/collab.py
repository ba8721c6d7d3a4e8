"""Commands for several clones of one plan: ``git-setup`` and ``merge-driver``.

``git-setup`` tells git, in the repository that holds the plan, to merge
the plan with ``ggov-plan merge-driver``: a driver in the clone's own
``.git/config`` (each officer runs it once in each clone: git never copies
it), and a ``merge=ggov-plan`` line in ``.gitattributes``, to commit.
Where the driver is not set up, git merges the plan as text, which stops on
a conflict when both sides wrote and loses nothing.

``merge-driver`` is what git runs: it merges the three versions with
:func:`ggov_plan.write.merge.merge`, writes the result over ours, and
exits 0 for a clean merge, 1 when a person must look (conflict markers,
or a merged plan with errors neither side had, which ``check`` names and
the CLI can repair). docs/collaboration.md.
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import PLAN, PlanSource, plan_path, stderr, today
from ggov_plan.i18n import t
from ggov_plan.problems import GgovPlanError, Problem, UsageError

commands = Commands("collab")

#: The driver's name in .git/config and .gitattributes.
DRIVER = "ggov-plan"


# --------------------------------------------------------------------------- merge-driver


@commands.command("merge-driver")
def merge_driver(
    base: Annotated[
        Path, typer.Argument(help="The common ancestor's version (git's %O).", metavar="BASE")
    ],
    ours: Annotated[
        Path,
        typer.Argument(help="Our version (git's %A); the result is written here.", metavar="OURS"),
    ],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).", metavar="THEIRS")],
    name: Annotated[
        str | None,
        typer.Argument(help="The plan's path in the repository (git's %P).", metavar="NAME"),
    ] = None,
) -> None:
    """Merge two clones' versions of a plan: git runs this (see git-setup).

    Journal records both sides appended are all kept, each once; edits of the
    declaration merge as text, and two different edits of the same lines are
    left between conflict markers. Exit 0: merged cleanly. Exit 1: a person
    must look (conflict markers, or a merged plan with new errors).
    """
    from ggov_plan.write.merge import merge

    texts = [_text(path) for path in (base, ours, theirs)]
    label = name or str(ours)
    merged = merge(texts[0], texts[1], texts[2], functools.partial(_git_merge_file, ours.parent))
    before = {side: _errors(path, label) for side, path in (("ours", ours), ("theirs", theirs))}
    ours.write_bytes(merged.text.encode("utf-8"))
    if merged.conflicts:
        stderr(t("merge.conflicts", file=label, count=merged.conflicts))
        raise typer.Exit(1)
    new = _new_errors(_errors(ours, label), before["ours"], before["theirs"])
    if new:
        from ggov_plan.render.check import text_line

        stderr(t("merge.invalid", file=label, count=len(new)))
        for problem in new:
            stderr("  " + text_line(problem))
        stderr(t("merge.invalid.hint", file=label))
        raise typer.Exit(1)


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(t("merge.unreadable", path=path, reason=str(error))) from None


def _git_merge_file(beside: Path, ours: str, base: str, theirs: str) -> tuple[str, int]:
    """git's own three-way text merge, with conflict markers named ours and theirs.

    The three texts go to a temp folder ``beside`` git's own files of the merge
    (never the system's temp folder: docs/security.md).
    """
    with tempfile.TemporaryDirectory(prefix=".ggov-plan-merge-", dir=beside) as folder:
        paths = []
        for side, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / side
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *paths],
            capture_output=True,
            check=False,
        )
    if done.returncode < 0 or done.returncode > 127:  # pragma: no cover - git crashed
        raise UsageError(t("merge.git_failed", reason=done.stderr.decode(errors="replace")))
    return done.stdout.decode("utf-8"), done.returncode


def _errors(path: Path, label: str) -> list[Problem]:
    from ggov_plan.plan import read

    try:
        reading = read(path, today=today(), cache=False)
    except GgovPlanError:  # not a plan git could have given us: no errors to compare
        return []
    # Named by the plan's path in the repository, not git's temp file.
    return [replace(p, file=label) for p in reading.problems if p.is_error]


def _new_errors(merged: list[Problem], ours: list[Problem], theirs: list[Problem]) -> list[Problem]:
    """The merged plan's errors beyond what either side had already, by kind."""
    allowed = Counter(p.code for p in ours) | Counter(p.code for p in theirs)
    seen: Counter[str] = Counter()
    new = []
    for problem in merged:
        seen[problem.code] += 1
        if seen[problem.code] > allowed[problem.code]:
            new.append(problem)
    return new


# --------------------------------------------------------------------------- git-setup


@commands.command("git-setup", PLAN)
def git_setup(*, plan: PlanSource) -> None:
    """Make git merge the plan with ggov-plan's merge driver, in this clone.

    Sets the driver in the clone's .git/config, and adds a merge=ggov-plan
    line for the plan to .gitattributes (commit it). Run it once in every
    clone: git does not copy .git/config.
    """
    path = plan_path(plan.path).resolve()
    root = _git(path.parent, "rev-parse", "--show-toplevel")
    if root is None:
        raise UsageError(
            t("merge.not_a_repository", path=path), hint=t("merge.not_a_repository.hint")
        )
    top = Path(root).resolve()
    relative = path.relative_to(top).as_posix()
    command = f"{_ggov_plan_command()} merge-driver %O %A %B %P"
    _git(top, "config", f"merge.{DRIVER}.name", "ggov-plan: journal records merged as records")
    _git(top, "config", f"merge.{DRIVER}.driver", command)
    print(t("merge.driver_set", command=command))
    attributes = top / ".gitattributes"
    line = f"{_pattern(relative)} merge={DRIVER}"
    # -z: the path comes back as it is, not C-quoted (a Vietnamese folder name).
    said = (_git(top, "check-attr", "-z", "merge", "--", relative) or "").split("\0")
    if len(said) >= 3 and said[2] == DRIVER:
        print(t("merge.attributes_already", file=attributes, line=line))
        return
    existing = attributes.read_bytes() if attributes.exists() else b""
    separator = b"" if not existing or existing.endswith(b"\n") else b"\n"
    with open(attributes, "ab") as handle:  # appended: the file's own lines stay as they are
        handle.write(separator + line.encode("utf-8") + b"\n")
    print(t("merge.attributes_added", file=attributes, line=line))


def _git(folder: Path, *args: str) -> str | None:
    if shutil.which("git") is None:
        raise UsageError(t("merge.no_git"), hint=t("merge.no_git.hint"))
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


def _ggov_plan_command() -> str:
    """How git should run this very ggov-plan, wherever it was installed."""
    script = Path(sys.argv[0])
    if script.name == "ggov-plan" and script.is_file() and os.access(script, os.X_OK):
        return shlex.quote(str(script.resolve()))
    return f"{shlex.quote(sys.executable)} -m ggov_plan"


def _pattern(relative: str) -> str:
    """The path as a .gitattributes pattern that matches only itself.

    Rooted with "/", glob characters escaped; a path with a space or a quote
    is written C-quoted, as git reads it.
    """
    escaped = "".join("\\" + c if c in "*?[\\" else c for c in relative)
    if not any(c in ' \t"' for c in relative):
        return "/" + escaped
    return '"/' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
