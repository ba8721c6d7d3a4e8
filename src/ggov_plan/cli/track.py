"""Commands that track the plan: activities, completions, progress and budget.

Writing commands (``activity add``, ``activity cancel``, ``record``) go
through :func:`ggov_plan.write.journal.append`, which locks, re-reads, verifies and
replaces the file atomically. They prompt for what is missing only when both
stdin and stdout are a terminal; cron and CI get a clear error instead. At a
terminal, ``record`` and ``activity add`` ask for every value not given
(with what remains of the target, the cost and the source), then show the
write and ask ``Write? [Y/n]``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ggov_plan.i18n import t
from ggov_plan.plan.model import Status
from ggov_plan.problems import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ggov_plan.books.derive import Overview
    from ggov_plan.plan import Checked
    from ggov_plan.plan.model import Plan
    from ggov_plan.write import changes

from ggov_plan.cli.inputs import AliasChoice
from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import (
    AS_OF,
    JSON,
    PERIOD,
    PLAN,
    ChosenPeriod,
    PlanSource,
    as_of_day,
    load_valid,
    mention_warnings,
    today,
)

# What every writing command shares is in cli.writing, so that another
# command module can use it without importing this one.
from ggov_plan.cli.writing import ByOption, DryRunOption, StrictOption
from ggov_plan.cli.writing import ask as _ask
from ggov_plan.cli.writing import ask_for as _ask_for
from ggov_plan.cli.writing import choose_named as _choose_named
from ggov_plan.cli.writing import current as _current
from ggov_plan.cli.writing import interactive as _interactive
from ggov_plan.cli.writing import missing as _missing
from ggov_plan.cli.writing import nothing_written as _nothing_written
from ggov_plan.cli.writing import reason as _reason
from ggov_plan.cli.writing import review as _review
from ggov_plan.cli.writing import write as _write

commands = Commands("track")
commands.group("activity", help="Add, list, show and cancel activities.")


def _named(current: Plan, kind: str, typed: str | None, option: str) -> str | None:
    from ggov_plan.cli.names import resolve

    return resolve(current, kind, typed, option) if typed else None


# --------------------------------------------------------------------------- activity add


@commands.command("add", PLAN, group="activity")
def activity_add(
    task: Annotated[
        str | None, typer.Option("--task", "-t", help="Task it carries out (id or name).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="What will be done.")] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="Agency doing it. Default: the task's lead agency."),
    ] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Channel it uses.")] = None,
    content: Annotated[
        list[str] | None,
        typer.Option("--content", help="Content topic it carries; repeat for several."),
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="Due date (YYYY-MM-DD or DD/MM/YYYY).")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Target quantity. Default: 1.")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Unit of the quantity, e.g. 'chương trình'.")
    ] = None,
    cost: Annotated[
        str | None,
        typer.Option(
            "--cost",
            help="Planned cost in đồng: 20000000, 20.000.000, 20,000,000, 20 triệu or 1,5 tỷ.",
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Funding source of the cost.")
    ] = None,
    ident: Annotated[
        str | None,
        typer.Option("--id", help="Id to use. Default: the agency's id plus 4 random characters."),
    ] = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Add an activity that carries out a task. Prints the new id as its last line."""
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes, journal

    checked = _current(plan)
    current = checked.plan
    asked = (task is None or title is None) and _interactive()
    request = changes.NewActivity(
        task=_task(current, task),
        title=_title(title),
        agency=_named(current, "agency", agency, "--agency"),
        channel=_named(current, "channel", channel, "--channel"),
        contents=tuple(resolve(current, "content", c, "--content") for c in content or []),
        due=parse_date(due, what="--due") if due is not None else None,
        target=parse_quantity(target, what="--target") if target is not None else None,
        unit=unit,
        cost=parse_amount(cost, what="--cost") if cost is not None else None,
        source=_named(current, "budget.source", source, "--source"),
        id=ident,
    )
    if ident is not None:
        journal.check_new_id(ident, "--id")
    if _interactive():
        request, more = _ask_activity(
            current,
            request,
            given={
                "--due": due,
                "--target": target,
                "--unit": unit,
                "--cost": cost,
                "--source": source,
            },
        )
        if (asked or more) and not dry_run and not _review(_activity_rows(current, request)):
            _nothing_written()
            return
    _write(plan, request, dry_run, checked, strict=strict)


def _ask_activity(
    current: Plan, request: changes.NewActivity, given: dict[str, str | None]
) -> tuple[changes.NewActivity, bool]:
    """At a terminal: what ``activity add`` was not told, asked; and whether anything was."""
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    asked = {option for option, typed in given.items() if typed is None}
    if "--due" in asked:
        due = _ask_for(t("cli.prompt.due"), lambda text: parse_date(text, what="--due"))
        request = dataclasses.replace(request, due=due)
    if "--target" in asked:
        target = _ask_for(
            t("cli.prompt.target"),
            lambda text: parse_quantity(text, what="--target"),
            default=str(changes.DEFAULT_TARGET),
        )
        request = dataclasses.replace(request, target=target)
    if "--unit" in asked:
        request = dataclasses.replace(request, unit=_ask_for(t("cli.prompt.unit"), str))
    if "--cost" in asked:
        cost = _ask_for(
            t("cli.prompt.cost"),
            lambda text: parse_amount(text, what="--cost"),
            default=str(changes.DEFAULT_COST),
        )
        request = dataclasses.replace(request, cost=cost)
    if "--source" in asked and current.sources:
        sources = ", ".join(s.id for s in current.sources)
        source = _ask_for(
            t("cli.prompt.source", sources=sources),
            lambda text: resolve(current, "budget.source", text, "--source"),
        )
        request = dataclasses.replace(request, source=source)
    return request, bool(asked)


def _activity_rows(current: Plan, request: changes.NewActivity) -> list[tuple[str, str]]:
    from ggov_plan.i18n import current as language
    from ggov_plan.i18n import date_text
    from ggov_plan.i18n.money import format_vnd
    from ggov_plan.write import changes

    none = t("cli.review.none")
    tasks = current.by_id("tasks")
    target = request.target if request.target is not None else changes.DEFAULT_TARGET
    cost = request.cost if request.cost is not None else changes.DEFAULT_COST
    return [
        (t("cli.review.task"), f"{request.task}  {tasks[request.task].text}"),
        (t("cli.review.title"), request.title),
        (t("cli.review.due"), date_text(request.due) if request.due else none),
        (t("cli.review.target"), f"{target} {request.unit or ''}".strip()),
        (t("cli.review.cost"), format_vnd(cost, language())),
        (t("cli.review.source"), _source_name(current, request.source) or none),
    ]


def _source_name(current: Plan, source: str | None) -> str | None:
    names = {s.id: s.name or s.id for s in current.sources}
    return names.get(source, source) if source else None


def _task(current: Plan, typed: str | None) -> str:
    """The task's id, from --task or, at a terminal, from a list."""
    from ggov_plan.cli.names import resolve

    if typed is None:
        if not _interactive():
            raise _missing("--task", current.tasks[0].id if current.tasks else "TASK")
        return _choose_named(
            t("cli.prompt.task"),
            [(x.id, x.text) for x in current.tasks],
            lambda answer: resolve(current, "task", answer, "--task"),
        )
    return resolve(current, "task", typed, "--task")


def _title(title: str | None) -> str:
    if title is None:
        if not _interactive():
            raise _missing("--title", '"Phóng sự về dịch vụ công"')
        title = _ask(t("cli.prompt.title"))
    if not title.strip():
        raise UsageError(t("cli.title_empty"), hint=t("cli.title_empty.hint"))
    return title


# --------------------------------------------------------------------------- activity list/show


@commands.command("list", JSON, AS_OF, PLAN, group="activity")
def activity_list(
    agency: Annotated[str | None, typer.Option("--agency", help="Only this agency's.")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Only this channel's.")] = None,
    task: Annotated[str | None, typer.Option("--task", help="Only this task's.")] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status", help="Only activities in this state.", click_type=AliasChoice(Status)
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only titles containing this text (ignoring diacritics)."),
    ] = None,
    *,
    as_json: bool,
    as_of: str | None,
    plan: PlanSource,
) -> None:
    """List activities with what is done and spent, and their state."""
    from ggov_plan.books.derive import activity_figures, filter_activities
    from ggov_plan.cli.names import resolve
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of)
    loaded, warnings = load_valid(plan)
    current = loaded.plan
    rows = filter_activities(
        activity_figures(current, day),
        agency=resolve(current, "agency", agency, "--agency") if agency else None,
        channel=resolve(current, "channel", channel, "--channel") if channel else None,
        task=resolve(current, "task", task, "--task") if task else None,
        status=status,
        search=search,
    )
    if as_json:
        print(data_render.dumps(data_render.activity_list(rows, day)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.activity_table(terminal.make_console(), current, rows, day)
    mention_warnings(warnings, loaded.file)


@commands.command("show", JSON, AS_OF, PLAN, group="activity")
def activity_show(
    activity: Annotated[str, typer.Argument(help="Activity id.", metavar="ID")],
    *,
    as_json: bool,
    as_of: str | None,
    plan: PlanSource,
) -> None:
    """Show one activity with its completions, voids and cancellation."""
    from ggov_plan.books.derive import activity_figures
    from ggov_plan.cli.names import resolve
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of)
    loaded, _ = load_valid(plan)
    current = loaded.plan
    activity_id = resolve(current, "activity", activity, "ID")
    (figures,) = [f for f in activity_figures(current, day) if f.activity.id == activity_id]
    if as_json:
        print(data_render.dumps(data_render.activity_detail(current, figures, day)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.activity_detail(terminal.make_console(), current, figures, day)


# --------------------------------------------------------------------------- cancel, record


@commands.command("cancel", PLAN, group="activity")
def activity_cancel(
    activity: Annotated[str, typer.Argument(help="Activity id.", metavar="ID")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is cancelled.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="From when. Default: today.", show_default=False)
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who. Default: the OS user.")] = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Cancel an activity. The activity stays in the file; a cancellation record is appended."""
    from ggov_plan.cli.inputs import parse_date
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    checked = _current(plan)
    current = checked.plan
    activity_id = resolve(current, "activity", activity, "ID")
    # Checked under the lock too; here first, so as not to ask for a reason in vain.
    changes.check_cancellable(current, activity_id)
    request = changes.CancelActivity(
        activity=activity_id,
        date=parse_date(date, what="--date") if date is not None else None,
        reason=_reason(reason),
        by=by,
    )
    _write(plan, request, dry_run, checked, strict=strict)


@commands.command("edit", PLAN, group="activity")
def activity_edit(
    activity: Annotated[str, typer.Argument(help="Activity id.", metavar="ID")],
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="New agency: id or part of its name.")
    ] = None,
    due: Annotated[str | None, typer.Option("--due", help="New due date.", metavar="DATE")] = None,
    target: Annotated[str | None, typer.Option("--target", help="New target quantity.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="New unit.")] = None,
    cost: Annotated[
        str | None, typer.Option("--cost", help="New planned cost, e.g. 20.000.000 or 20 triệu.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="New funding source: id or part of its name.")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is corrected.")] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="From when the new values hold. Default: today.", show_default=False
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who. Default: the OS user.")] = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Correct an activity: due date, target, unit, cost, source, title or agency.

    An amendment record is appended: the activity keeps its first values in the
    file, figures and reports use the corrected ones from --date on, and the
    amendment with its reason is the audit trail.
    """
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    checked = _current(plan)
    current = checked.plan
    request = changes.AmendActivity(
        activity=resolve(current, "activity", activity, "ID"),
        title=title,
        agency=_named(current, "agency", agency, "--agency"),
        due=parse_date(due, what="--due") if due is not None else None,
        target=parse_quantity(target, what="--target") if target is not None else None,
        unit=unit,
        cost=parse_amount(cost, what="--cost") if cost is not None else None,
        source=_named(current, "budget.source", source, "--source"),
        date=parse_date(date, what="--date") if date is not None else None,
        reason=_reason(reason),
        by=by,
    )
    _write(plan, request, dry_run, checked, strict=strict)


@commands.command("reopen", PLAN, group="activity")
def activity_reopen(
    activity: Annotated[str, typer.Argument(help="Activity id.", metavar="ID")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is reopened.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who. Default: the OS user.")] = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Undo a cancellation made by mistake: the cancellation is voided, and stays in the file."""
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    checked = _current(plan)
    request = changes.ReopenActivity(
        activity=resolve(checked.plan, "activity", activity, "ID"), reason=_reason(reason), by=by
    )
    _write(plan, request, dry_run, checked, strict=strict)


@commands.command("record", PLAN)
def record(
    activity: Annotated[
        str | None, typer.Argument(help="Activity the work was done for.", metavar="ID")
    ] = None,
    qty: Annotated[str | None, typer.Option("--qty", help="Quantity done. Default: 1.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="When it was done. Default: today.")
    ] = None,
    spent: Annotated[
        str | None,
        typer.Option(
            "--spent", help="Money spent in đồng (as --cost of activity add). Default: 0."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Funding source of the money. Default: the activity's."),
    ] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="A URL or a document reference.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free note.")] = None,
    reach: Annotated[
        str | None,
        typer.Option("--reach", help="How many people it reached (a whole number).", metavar="N"),
    ] = None,
    reach_unit: Annotated[
        str | None,
        typer.Option(
            "--reach-unit",
            help="Who they were, as counted: 'học sinh, sinh viên', 'lượt xem'.",
            metavar="TEXT",
        ),
    ] = None,
    by: ByOption = None,
    void: Annotated[
        str | None,
        typer.Option(
            "--void",
            help="Void this completion (recorded by mistake) instead.",
            metavar="COMPLETION_ID",
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, with --void.")] = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Record work done for an activity: date, quantity, money spent, evidence,
    and how many people it reached (--reach N --reach-unit TEXT).

    With --void COMPLETION_ID --reason …, void a completion recorded by mistake
    instead; the completion stays in the file. Prints the record's id last.
    """
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    checked = _current(plan)
    current = checked.plan
    if void is not None:
        _refuse_with_void(
            {"ID": activity, "--qty": qty, "--date": date, "--spent": spent}
            | {"--source": source, "--evidence": evidence, "--note": note}
            | {"--reach": reach, "--reach-unit": reach_unit}
        )
        _void(checked, void, reason, by, dry_run, plan, strict)
        return
    asked = activity is None and _interactive()
    if activity is None:
        activity = _choose_open_activity(current)
    request = changes.NewCompletion(
        activity=resolve(current, "activity", activity, "ID"),
        date=parse_date(date, what="--date") if date is not None else None,
        quantity=parse_quantity(qty, what="--qty") if qty is not None else None,
        spent=parse_amount(spent, what="--spent") if spent is not None else None,
        source=_named(current, "budget.source", source, "--source"),
        evidence=evidence,
        note=note,
        reach=parse_quantity(reach, what="--reach") if reach is not None else None,
        reach_unit=reach_unit,
        by=by,
    )
    if _interactive():
        request, more = _ask_record(
            current,
            request,
            given={
                "--date": date,
                "--qty": qty,
                "--spent": spent,
                "--evidence": evidence,
                "--note": note,
            },
        )
        if (asked or more) and not dry_run and not _review(_record_rows(current, request)):
            _nothing_written()
            return
    _write(plan, request, dry_run, checked, strict=strict)


def _ask_record(
    current: Plan, request: changes.NewCompletion, given: dict[str, str | None]
) -> tuple[changes.NewCompletion, bool]:
    """At a terminal: what ``record`` was not told, asked with what remains; and whether
    anything was."""
    from ggov_plan.books.derive import activity_figures, budget_figures
    from ggov_plan.books.ledger import EVER
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.i18n import current as language
    from ggov_plan.i18n import date_text
    from ggov_plan.i18n.message import Figure
    from ggov_plan.i18n.money import format_vnd
    from ggov_plan.write import changes

    asked = {option for option, typed in given.items() if typed is None}
    lang = language()
    # Every record whatever its date, as the write's warnings count (write/effects.py).
    everything = activity_figures(current, EVER)
    (figures,) = [f for f in everything if f.activity.id == request.activity]
    activity = figures.activity
    if "--date" in asked:
        day = today()
        if current.header is not None and day > current.header.end:
            day = current.header.end  # recording late, after the plan ended
        when = _ask_for(
            t("cli.prompt.date"),
            lambda text: parse_date(text, what="--date"),
            default=date_text(day),
        )
        request = dataclasses.replace(request, date=when)
    if "--qty" in asked:
        left = max(activity.target - figures.done, 0)
        label = t(
            "cli.prompt.qty",
            left=Figure(left).text(lang),
            target=Figure(activity.target).text(lang),
            unit=f" {activity.unit}" if activity.unit else "",
        )
        quantity = _ask_for(
            label,
            lambda text: parse_quantity(text, what="--qty"),
            default=str(changes.DEFAULT_QUANTITY),
        )
        request = dataclasses.replace(request, quantity=quantity)
    if "--spent" in asked:
        if activity.cost:
            room = t(
                "cli.prompt.spent.cost_left", amount=format_vnd(activity.cost - figures.spent, lang)
            )
        else:
            room = t("cli.prompt.spent.no_cost")
        source = ""
        source_id = request.source or figures.source
        for funds in budget_figures(current, everything).sources:
            if funds.id == source_id and funds.remaining is not None:
                source = t(
                    "cli.prompt.spent.source_left",
                    source=funds.name or funds.id,
                    amount=format_vnd(funds.remaining, lang),
                )
        spent = _ask_for(
            t("cli.prompt.spent", left=room, source=source),
            lambda text: parse_amount(text, what="--spent"),
            default=str(changes.DEFAULT_SPENT),
        )
        request = dataclasses.replace(request, spent=spent)
    if "--evidence" in asked:
        request = dataclasses.replace(request, evidence=_ask_for(t("cli.prompt.evidence"), str))
    if "--note" in asked:
        request = dataclasses.replace(request, note=_ask_for(t("cli.prompt.note"), str))
    return request, bool(asked)


def _record_rows(current: Plan, request: changes.NewCompletion) -> list[tuple[str, str]]:
    from ggov_plan.i18n import current as language
    from ggov_plan.i18n import date_text
    from ggov_plan.i18n.money import format_vnd
    from ggov_plan.write import changes

    none = t("cli.review.none")
    activity = current.by_id("activities")[request.activity]
    quantity = request.quantity if request.quantity is not None else changes.DEFAULT_QUANTITY
    spent = request.spent if request.spent is not None else changes.DEFAULT_SPENT
    rows = [
        (t("cli.review.activity"), f"{activity.id}  {activity.title}"),
        (t("cli.review.date"), date_text(request.date or today())),
        (t("cli.review.qty"), f"{quantity} {activity.unit or ''}".strip()),
        (t("cli.review.spent"), format_vnd(spent, language())),
    ]
    if request.source:
        rows.append((t("cli.review.source"), _source_name(current, request.source) or none))
    rows.append((t("cli.review.evidence"), request.evidence or none))
    rows.append((t("cli.review.note"), request.note or none))
    return rows


def _refuse_with_void(given: dict[str, str | None]) -> None:
    # Voiding takes no activity and no figures: refuse rather than drop them.
    conflicting = [name for name, value in given.items() if value is not None]
    if conflicting:
        raise UsageError(
            t("cli.void_conflict", options=", ".join(conflicting)),
            hint=t("cli.void_conflict.hint"),
        )


def _choose_open_activity(current: Plan) -> str:
    """At a terminal, the activity to record work for, among those still open
    (or any other, typed by a part of its name)."""
    from ggov_plan.books.derive import activity_figures
    from ggov_plan.cli.names import resolve

    open_ = [
        (f.activity.id, f.activity.title)
        for f in activity_figures(current, today())
        if f.status not in (Status.DONE, Status.CANCELLED)
    ]
    if not _interactive() or not open_:
        raise _missing("ID", current.activities[0].id if current.activities else "ACTIVITY")
    return _choose_named(
        t("cli.prompt.activity"),
        open_,
        lambda typed: resolve(current, "activity", typed, "ID"),
    )


def _void(
    checked: Checked,
    completion: str,
    reason: str | None,
    by: str | None,
    dry_run: bool,
    plan: PlanSource,
    strict: bool = False,
) -> None:
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    completion_id = resolve(checked.plan, "completion", completion, "--void")
    # Checked under the lock too; here first, so as not to ask for a reason in vain.
    changes.check_voidable(checked.plan, completion_id)
    request = changes.VoidCompletion(completion=completion_id, reason=_reason(reason), by=by)
    _write(plan, request, dry_run, checked, strict=strict)


# --------------------------------------------------------------------------- undo


@commands.command("undo", PLAN)
def undo(
    by: Annotated[
        str | None,
        typer.Option("--by", help="Whose last record. Default: the OS user, as writes record."),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is voided.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Void the last record in the plan, if you appended it: a completion, a
    measurement or a cancellation.

    A void record is appended; the record stays in the file. Refused (exit 2)
    when the last record is someone else's (see --by) or of a kind a void
    cannot name (an activity, an amendment, a note, a void). Asks for
    confirmation at a terminal; elsewhere --yes is needed. Prints the void's id.
    """
    from ggov_plan.cli.writing import recorder
    from ggov_plan.write import changes

    checked = _current(plan)
    last = changes.check_undoable(
        changes.last_record(checked.plan, _line_of(checked)), by or recorder()
    )
    if not yes and not dry_run:
        if not _interactive():
            raise _missing("--yes", '--reason "Ghi nhầm"')
        from ggov_plan.i18n.message import msg

        named = msg("record.named", noun=msg(f"record.{last.key}"), id=last.id)
        rows = [(t("cli.review.undo"), named.text())]
        if not _review(rows):
            _nothing_written()
            return
    request = changes.undo_request(last, _reason(reason), by)

    def still_last(fresh: Checked) -> None:
        changes.check_still_last(fresh.plan, _line_of(fresh), last)

    _write(plan, request, dry_run, checked, strict=strict, guard=still_last)


def _line_of(checked: Checked) -> Callable[[str, int], int | None]:
    """Where the ``index``-th ``[[key]]`` table stands: the journal's order."""
    sourcemap = checked.loaded.sourcemap
    assert sourcemap is not None  # a valid plan parsed

    def line(key: str, index: int) -> int | None:
        return sourcemap.table_line((key, index))

    return line


# --------------------------------------------------------------------------- progress, budget


class ProgressBy(StrEnum):
    task = "task"
    agency = "agency"
    channel = "channel"
    content = "content"
    month = "month"
    indicator = "indicator"


class BudgetBy(StrEnum):
    source = "source"
    agency = "agency"
    channel = "channel"
    task = "task"


@commands.command("progress", JSON, AS_OF, PERIOD, PLAN)
def progress(
    by: Annotated[
        ProgressBy,
        typer.Option("--by", help="Group activities by this.", click_type=AliasChoice(ProgressBy)),
    ] = (ProgressBy.task),
    *,
    as_json: bool,
    as_of: str | None,
    period: ChosenPeriod,
    plan: PlanSource,
) -> None:
    """Progress per task (every task, started or not), agency, channel, content topic
    or month, with bars; with --period, also what was done in the period.

    With --by indicator, each indicator against its target instead: achieved
    value, parts and state (met, on track, behind, missed).
    """
    from ggov_plan.books.derive import (
        in_name_order,
        month_rows,
        overview,
        progress_rows,
        task_ids,
    )
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of, period)
    loaded, warnings = load_valid(plan)
    current = loaded.plan
    if by is ProgressBy.indicator:
        _progress_by_indicator(current, day, as_json)
        mention_warnings(warnings, loaded.file)
        return
    figures: Overview = overview(current, day, period=period)
    if by is ProgressBy.month:
        months = month_rows(current, figures, period=period)
        if as_json:
            print(data_render.dumps(data_render.progress_by_month(figures, months)))
        else:
            from ggov_plan.render.console import terminal, tracking

            tracking.month_table(terminal.make_console(), figures, months)
        mention_warnings(warnings, loaded.file)
        return
    rows = in_name_order(
        current,
        by.value,
        progress_rows(
            figures.activities,
            by.value,
            tasks=task_ids(current, current.activities),
            period=period,
        ),
    )
    if as_json:
        print(data_render.dumps(data_render.progress(current, figures, by.value, rows)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.progress_table(terminal.make_console(), current, figures, by.value, rows)
    mention_warnings(warnings, loaded.file)


def _progress_by_indicator(current: Plan, day: dt.date, as_json: bool) -> None:
    from ggov_plan.render import data as data_render

    if as_json:
        print(data_render.dumps(data_render.progress_by_indicator(current, day)))
        return
    from ggov_plan.books.indicators import indicator_figures
    from ggov_plan.books.ledger import Ledger
    from ggov_plan.render.console import results as results_console
    from ggov_plan.render.console import terminal

    rows = indicator_figures(current, Ledger.of(current, day))
    results_console.indicator_table(terminal.make_console(), rows, day)


@commands.command("budget", JSON, AS_OF, PERIOD, PLAN)
def budget(
    by: Annotated[
        BudgetBy,
        typer.Option("--by", help="Group money by this.", click_type=AliasChoice(BudgetBy)),
    ] = BudgetBy.source,
    *,
    as_json: bool,
    as_of: str | None,
    period: ChosenPeriod,
    plan: PlanSource,
) -> None:
    """Money per group: declared, allocated to activities, spent (in the --period
    too, when given), remaining."""
    from ggov_plan.books.derive import budget_rows, in_name_order, overview
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of, period)
    loaded, warnings = load_valid(plan)
    current = loaded.plan
    figures = overview(current, day, period=period)
    rows = in_name_order(current, by.value, budget_rows(current, figures, by.value))
    if as_json:
        print(data_render.dumps(data_render.budget(current, figures, by.value, rows)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.budget_table(terminal.make_console(), current, figures, by.value, rows)
    mention_warnings(warnings, loaded.file)
