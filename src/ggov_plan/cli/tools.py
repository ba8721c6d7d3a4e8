"""Commands for editors, CI and new plans: ``schema`` and ``init``.

``schema`` prints the plan file's JSON Schema (:mod:`ggov_plan.plan.schema`).
``init`` starts a new plan file, from another plan's declaration (a file, or a
sample shipped in :mod:`ggov_plan.samples`) or from a commented template, and
writes it only if it passes ``check``, only where no file is, and all at once:
the text goes to a temp file in the same folder, which is then hard-linked to
the new name (:func:`ggov_plan.write.atomic.write_new`).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
from pathlib import Path
from typing import Annotated, Any

import typer

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import context, today
from ggov_plan.i18n import t
from ggov_plan.problems import PlanNotFound, UsageError
from ggov_plan.text import visible_controls

commands = Commands("tools")

# The plan's machinery is imported by the function that uses it: ``--help``
# imports this module, and must not load the plan's reader and rules.


def journal_keys() -> tuple[str, ...]:
    """The journal's top-level keys: what ggov-plan appends below the declaration,
    in the order the file format lists them."""
    from ggov_plan.plan.model import COLLECTIONS, JOURNAL_KEYS

    return tuple(key for key, _, _ in COLLECTIONS if key in JOURNAL_KEYS)


@functools.cache
def _journal_header() -> re.Pattern[str]:
    """A journal table header on a line of its own, perhaps with a comment after it."""
    names = "|".join(map(re.escape, journal_keys()))
    return re.compile(rf"[ \t]*\[\[[ \t]*(?:{names})[ \t]*\]\][ \t]*(?:#.*)?\r?")


# --------------------------------------------------------------------------- schema


@commands.command("schema")
def schema(
    output_name: Annotated[
        str | None,
        typer.Argument(
            metavar="[OUTPUT]",
            help="A JSON output's schema instead: check, show, status, progress, budget, "
            "activity-list, activity-show, report or error.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to this file, atomically, instead of printing it. "
            "Never a plan; an existing file only if it is an earlier schema, or with --force.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Let -o replace an existing file that is not a schema."),
    ] = False,
) -> None:
    """Print the JSON Schema of the plan file, for editors and validators.

    Draft 2020-12, generated from the same specs as `check`: keys, types,
    required keys, ids and choices. References, sums and date order need `check`.
    With OUTPUT, the schema of that JSON output of ggov-plan (`schema status`).
    """
    from ggov_plan.write.atomic import write_replacing

    if output_name is None:
        from ggov_plan.plan.schema import schema_text

        text = schema_text()
    else:
        from ggov_plan.render import json_schemas

        if output_name not in json_schemas.NAMES:
            raise UsageError(
                t("schema.unknown_output", name=visible_controls(output_name)),
                hint=t("schema.unknown_output.hint", names=", ".join(json_schemas.NAMES)),
            )
        text = json_schemas.schema_text(output_name)
    if output is None:
        print(text, end="")
        return
    from ggov_plan.write.outputs import check_output, plans_in_use

    # schema reads no plan, but the plan in use ($GGOV_PLAN_FILE, the default) is still guarded.
    check_output(output, plans=plans_in_use(None, os.environ), output_format="json", force=force)
    write_replacing(output, text.encode("utf-8"))


# --------------------------------------------------------------------------- init


def declaration(text: str, file: str) -> tuple[str, dict[str, int]]:
    """The declaration part of plan text, and how many journal records it leaves out.

    The cut is made at the start of the first line that is a journal table
    header (``[[activity]]``, ``[[completion]]``, ``[[cancellation]]``,
    ``[[void]]``, ``[[measurement]]``, ``[[note]]`` or ``[[amendment]]``, with
    or without a comment), so the declaration is kept byte
    for byte, comments included; blank lines at its end are dropped. A cut is
    taken only if the text above it reads as exactly the file's data without
    its journal: a header-like line inside a multi-line string is passed over,
    and a file whose declaration goes on below its journal is refused.
    """
    from ggov_plan.plan.parse import parse
    from ggov_plan.write.journal import WriteRefused

    text = text.removeprefix("\ufeff")
    whole = parse(text, file)
    if whole.data is None:
        raise WriteRefused(
            t("init.not_toml", file=file),
            [p for p in whole.problems if p.code == "syntax"],
            hint=t("init.not_toml.hint", file=file),
        )
    keys = journal_keys()
    expected = {k: v for k, v in whole.data.items() if k not in keys}
    dropped = {key: _count(whole.data.get(key)) for key in keys}
    newline = "\r\n" if "\r\n" in text else "\n"
    cuts: list[int] = []
    offset = 0
    # TOML ends lines only at LF (CRLF included); splitlines() would also
    # split at characters that TOML allows inside strings.
    for line in text.split("\n"):
        if _journal_header().fullmatch(line):
            cuts.append(offset)
        offset += len(line) + 1
    cuts.append(len(text))
    for cut in cuts:
        kept = text[:cut].rstrip() + newline
        data = parse(kept, file).data
        if data is None:
            continue  # the line is inside a multi-line string: not a header
        if data == expected:
            return kept, dropped
        # A real header, and the text above it lacks some of the declaration;
        # any later cut would keep this journal table, so none can do better.
        break
    raise WriteRefused(t("init.journal_inside", file=file), hint=t("init.journal_inside.hint"))


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def blank_template(year: int) -> str:
    """A commented plan that passes ``check``, with placeholders to replace.

    Its comments and placeholders are in the run's language; keys, ids and
    TOML stay as the format writes them.
    """
    from ggov_plan.plan.model import FORMAT_VERSION

    return t("init.template", format=FORMAT_VERSION, year=year)


def _dropped_words(dropped: dict[str, int]) -> str:
    """``4 activities, 3 completions, 1 cancellation``; ``4 hoạt động, …`` in Vietnamese."""
    return ", ".join(
        t(f"init.count.{key}.{'one' if count == 1 else 'many'}", count=count)
        for key, count in dropped.items()
        if count
    )


@commands.command("init")
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The new plan file. It must not exist yet; its folder must.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Copy this plan's declaration, comments included, without its journal "
            "(activities, completions, cancellations, voids). FILE is a plan file, or "
            "sample:plan2017 for Plan 228/KH-UBND, shipped with ggov-plan.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    blank: Annotated[
        bool,
        typer.Option("--blank", help="Write a commented template with placeholders to fill in."),
    ] = False,
    list_samples: Annotated[
        bool,
        typer.Option(
            "--list-samples", help="List the sample plans that --from sample:NAME copies."
        ),
    ] = False,
) -> None:
    """Start a new plan file that passes `check`: from another plan, or blank.

    Give exactly one of --from FILE or --blank; --list-samples names the plans
    shipped with ggov-plan, for --from sample:NAME. An existing file is never
    overwritten (exit 2), and nothing is written unless the new plan passes
    `check`.
    """
    from ggov_plan.plan.parse import parse
    from ggov_plan.plan.rules import validate
    from ggov_plan.render import check as check_render
    from ggov_plan.write.atomic import check_can_create, write_new
    from ggov_plan.write.journal import WriteRefused

    if list_samples:
        if path is not None or source is not None or blank:
            raise UsageError(t("init.list_alone"), hint=t("init.list_alone.hint"))
        _list_samples()
        return
    if path is None:
        raise UsageError(t("init.path_missing"), hint=t("init.path_missing.hint"))
    if (source is None) == (not blank):
        raise UsageError(t("init.one_of"), hint=t("init.one_of.hint"))
    check_can_create(path)  # before any work: a clear message, nothing written
    dropped: dict[str, int] = {}
    if source is not None:
        text, dropped = declaration(_source_text(source), source)
    else:
        text = blank_template(today().year)
    loaded = parse(text, str(path))
    problems = validate(loaded, context())
    errors = [p for p in problems if p.is_error]
    if errors or loaded.plan is None:
        raise WriteRefused(
            t("init.would_fail", path=path),
            errors,
            hint=t("init.would_fail.hint", source=source) if source else "",
        )
    write_new(path, text.encode("utf-8"))
    if source is None:
        what = t("init.what.blank")
    elif any(dropped.values()):
        what = t("init.what.from_dropped", source=_shown(source), dropped=_dropped_words(dropped))
    else:
        what = t("init.what.from", source=_shown(source))
    print(t("init.written", path=_shown(path), what=what))
    print(check_render.summary(check_render.FileResult(str(path), tuple(problems))))
    print(t("init.next", path=_shown(path), quoted=_shown(shlex.quote(str(path)))))


def _source_text(source: str) -> str:
    """The text ``--from`` names: a shipped sample (``sample:NAME``) or a file.

    ``sample:`` always means a sample; a file of that name is reached with a
    path such as ``./sample:plan2017``.
    """
    from ggov_plan import samples
    from ggov_plan.plan.files import read_text

    if source.startswith(samples.PREFIX):
        text = samples.text(source.removeprefix(samples.PREFIX))
        if text is None:
            names = ", ".join(samples.PREFIX + name for name in samples.names())
            raise UsageError(
                t("init.sample_missing", source=_shown(source)),
                hint=t("init.sample_missing.hint", names=names),
            )
        return text
    try:
        return read_text(Path(source))
    except PlanNotFound:
        raise PlanNotFound(
            t("init.from_missing", source=source), hint=t("init.from_missing.hint")
        ) from None


def _list_samples() -> None:
    """One line per shipped sample: its name and the document it transcribes."""
    from ggov_plan import samples
    from ggov_plan.plan.parse import parse

    for name in samples.names():
        plan = parse(samples.text(name) or "", samples.PREFIX + name).plan
        header = plan.header if plan is not None else None
        if header is None:  # tests/test_wheel.py checks every sample passes check
            continue
        print(
            t(
                "init.sample",
                name=name,
                kind=header.kind,
                number=header.number,
                start=header.start.isoformat(),
                end=header.end.isoformat(),
                title=header.title,
            )
        )
    print(t("init.samples.use"))


def _shown(path: object) -> str:
    """A file name as printed: control characters visible, on one line."""
    return visible_controls(str(path), one_line=True)
