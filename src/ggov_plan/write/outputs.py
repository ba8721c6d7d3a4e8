"""Where an ``-o`` may write: the one judgement every command's output file passes.

An output never replaces a plan, and never replaces a file ggov-plan did not
write unless the user says ``--force``. :func:`check_output` refuses (a
:class:`~ggov_plan.problems.UsageError`, exit 2, nothing written) a path that is

- a plan in use: ``--plan``, ``$GGOV_PLAN_FILE`` or the default plan, compared
  after resolving links, and by device and inode (a hard link is the same file);
- an existing file that reads as a ggov-plan plan: valid TOML with a top-level
  ``format`` key and a ``[plan]`` table (the rules are not run: a broken plan is
  still a plan). ``--force`` does not lift these two;
- any other existing file that is not this command's own earlier output, unless
  ``--force``.

"Own earlier output" is recognised by the format's signature, so that a cron
job can rewrite last week's report without ``--force``:

- ``json``: a JSON object with ``schema_version`` (the ``--json``/report
  shapes), or whose ``$id`` starts with ``urn:ggov-plan:`` (``schema``);
- ``csv``: its first line is a header ggov-plan writes (given by the caller);
- ``docx``: a zip whose ``docProps/core.xml`` says ``lastModifiedBy`` ggov-plan;
- ``md`` and ``html``: text that begins as the format does (``<!DOCTYPE html>``;
  a ``#`` heading or a ``|`` table row) and names the plan's document number
  (``228/KH-UBND``) in its first 4 KB, as every report's title does.
"""

from __future__ import annotations

import json
import os
import tomllib
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ggov_plan.i18n import t
from ggov_plan.problems import UsageError

#: How much of an existing file is read to recognise it: outputs and plans are
#: recognised by their beginning, and a huge unrelated file is not read whole.
_PEEK = 4096
#: A plan is parsed whole to be recognised; a bigger file is not a plan we wrote.
_PLAN_LIMIT = 64 * 1024 * 1024


def plans_in_use(chosen: Path | None, environ: os._Environ[str] | dict[str, str]) -> list[Path]:
    """Every plan path a command may be using: ``--plan``, ``$GGOV_PLAN_FILE``, the default."""
    from ggov_plan.plan.files import DEFAULT_PLAN, PLAN_ENV

    paths = [DEFAULT_PLAN]
    if chosen is not None:
        paths.append(chosen)
    if environ.get(PLAN_ENV):
        paths.append(Path(environ[PLAN_ENV]))
    return paths


def _same(a: Path, b: Path) -> bool:
    """Whether two spellings name one file: resolved paths, or device and inode."""
    try:
        if a.resolve() == b.resolve():
            return True
        first, second = a.stat(), b.stat()
    except (OSError, RuntimeError):  # missing, a link loop: not the same existing file
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def looks_like_plan(path: Path) -> bool:
    """Valid TOML with a top-level ``format`` key and a ``[plan]`` table."""
    try:
        if not path.is_file() or path.stat().st_size > _PLAN_LIMIT:
            return False
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return "format" in data and isinstance(data.get("plan"), dict)


def _head(path: Path) -> str:
    with path.open("rb") as file:
        return file.read(_PEEK).decode("utf-8", errors="replace")


def is_own_output(path: Path, output_format: str, marks: Iterable[str] = ()) -> bool:
    """Whether ``path`` is what this command writes in ``output_format`` (module doc)."""
    try:
        if output_format == "docx":
            with zipfile.ZipFile(path) as document:
                core = document.read("docProps/core.xml").decode("utf-8", errors="replace")
            return "lastModifiedBy>ggov-plan<" in core
        if output_format == "json":
            if path.stat().st_size > _PLAN_LIMIT:
                return False
            data = json.loads(path.read_bytes())
            return isinstance(data, dict) and (
                "schema_version" in data or str(data.get("$id", "")).startswith("urn:ggov-plan:")
            )
        head = _head(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, RecursionError):
        return False
    if output_format == "csv":
        return head.splitlines()[:1] in ([mark] for mark in marks)
    starts = {"html": ("<!DOCTYPE html>",), "md": ("# ", "| ")}.get(output_format, ())
    return head.startswith(starts) and any(mark and mark in head for mark in marks)


def check_output(
    output: Path,
    *,
    plans: Iterable[Path],
    output_format: str,
    marks: Iterable[str] = (),
    force: bool = False,
) -> None:
    """Refuse an ``-o`` that would replace a plan, or a file that is not ours (module doc)."""
    if any(_same(output, plan) for plan in plans) or looks_like_plan(output):
        raise UsageError(t("output.is_plan", path=output), hint=t("output.is_plan.hint"))
    if force or not output.is_file():
        # Nothing there, or nothing that is replaced: a pipe or /dev/null is
        # written into (and never read here: a pipe would block), a folder is
        # refused by the write itself, with its own message.
        return
    if not is_own_output(output, output_format, marks):
        raise UsageError(t("output.exists", path=output), hint=t("output.exists.hint"))
