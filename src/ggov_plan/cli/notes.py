"""The ``note`` command: a result, a difficulty or a proposal, for the official report.

``ggov-plan note --kind kho-khan "Một số trường chưa bố trí được thời gian"``
appends a ``[[note]]`` (docs/plan-format.md) through the same locked, verified,
atomic write as ``record``; :func:`ggov_plan.write.changes.add_note` says what
the record holds. The official report puts each note dated in its period
under its section: ket-qua in I, kho-khan in III, de-xuat in IV
(docs/official-report.md).

The kind may be typed in Vietnamese, with or without diacritics, or in
English; an unknown kind is refused (exit 2) before the plan is read.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import PLAN, PlanSource
from ggov_plan.cli.writing import ByOption, DryRunOption
from ggov_plan.i18n import t
from ggov_plan.problems import UsageError

commands = Commands("notes")


@commands.command("note", PLAN)
def note(
    text: Annotated[
        str, typer.Argument(help="The note, as the report should say it.", metavar="TEXT")
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="ket-qua (a result), kho-khan (a difficulty) or de-xuat (a proposal); "
            "also result, difficulty, proposal, or with diacritics (kết-quả).",
            show_default=False,
        ),
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="The day it concerns. Default: today.")
    ] = None,
    by: ByOption = None,
    ident: Annotated[
        str | None,
        typer.Option(
            "--id", help="Id to use. Default: the lead agency's id, -n-, 4 random characters."
        ),
    ] = None,
    dry_run: DryRunOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Note a result, a difficulty or a proposal for the official report.

    Prints the note's id as its last line.
    """
    from ggov_plan.cli.inputs import parse_date
    from ggov_plan.cli.writing import current, write  # the same locked write as record
    from ggov_plan.write import changes, journal

    stored = changes.note_kind(kind)
    if stored is None:
        raise UsageError(t("note.bad_kind", kind=repr(kind)), hint=t("note.bad_kind.hint"))
    if not text.strip():
        raise UsageError(t("note.text_empty"), hint=t("note.text_empty.hint"))
    day = parse_date(date, what="--date") if date is not None else None
    if ident is not None:
        journal.check_new_id(ident, "--id")
    checked = current(plan)
    request = changes.NewNote(kind=stored, text=text, date=day, by=by, id=ident)
    write(plan, request, dry_run, checked)
