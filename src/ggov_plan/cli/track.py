"""Commands that track the plan: activities, completions, progress and budget.

Writing commands (``activity add``, ``activity cancel``, ``record``) go
through :func:`ggov_plan.write.journal.append`, which locks, re-reads, verifies and
replaces the file atomically. They prompt for what is missing only when both
stdin and stdout are a terminal; cron and CI get a clear error instead.
"""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ggov_plan.i18n import t
from ggov_plan.plan.model import Status
from ggov_plan.problems import UsageError

if TYPE_CHECKING:
    from ggov_plan.books.derive import Overview
    from ggov_plan.plan import Checked
    from ggov_plan.plan.model import Plan
    from ggov_plan.write import changes, journal

from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import (
    AS_OF,
    JSON,
    PLAN,
    PlanSource,
    as_of_day,
    context,
    load_valid,
    mention_warnings,
    notice,
    plan_path,
    today,
)

commands = Commands("track")
commands.group("activity", help="Add, list, show and cancel activities.")

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the records that would be appended; write nothing.")
]


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _missing(option: str, example: str) -> UsageError:
    return UsageError(
        t("cli.required", option=option),
        hint=t("cli.required.hint", option=option, example=example),
    )


def _ask(label: str) -> str:
    value: str = typer.prompt(label).strip()
    return value


def _choose(label: str, options: Sequence[tuple[str, str]]) -> str:
    """A numbered list at the terminal; returns the chosen id."""
    columns = shutil.get_terminal_size().columns
    for number, (ident, text) in enumerate(options, start=1):
        room = max(20, columns - len(ident) - 8)  # one line per choice
        from ggov_plan.render.console import terminal

        text = terminal.safe(text).plain  # control characters made visible
        shown = text if len(text) <= room else text[: room - 1] + "…"
        typer.echo(f"{number:>3}. {ident}  {shown}")
    while True:
        answer = str(typer.prompt(t("cli.prompt.choice", label=label))).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        if answer in {ident for ident, _ in options}:
            return answer
        typer.echo("  " + t("cli.prompt.choose", count=len(options)))


def _recorder() -> str:
    """The OS user, who records what --by leaves unnamed."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _current(plan: PlanSource) -> Checked:
    """The plan to resolve names and prompt against; the write reads it again under the lock."""
    checked, _ = load_valid(plan)
    return checked


def _named(current: Plan, kind: str, typed: str | None, option: str) -> str | None:
    from ggov_plan.cli.names import resolve

    return resolve(current, kind, typed, option) if typed else None


def _write(
    plan: PlanSource, request: changes.Request, dry_run: bool, before: Checked | None
) -> None:
    """Append what the core makes of ``request``, then print it and its id.

    The core function runs in ``build``, on the plan as read under the lock,
    so conflicts and new ids are judged on the file as it is when written.
    """
    from ggov_plan.write import changes, journal

    writing = changes.WriteContext(today=today(), now=_now(), user=_recorder)
    made: list[changes.Change] = []

    def build(fresh: Checked) -> journal.NewRecords:
        made.append(changes.change(fresh.plan, request, writing))
        return made[-1].records

    result = journal.append(
        plan_path(plan.path),
        build,
        context(),
        dry_run=dry_run,
        use_cache=plan.use_cache,
        before=before,
        notice=notice,
    )
    if not made[-1].records:  # the same --id and values again: already there
        from ggov_plan.i18n.message import msg

        notice(msg("journal.already_recorded", id=made[-1].id))
        print(made[-1].id)
        return
    _print_write(result, made[-1].id)


def _print_write(result: journal.WriteResult, new_id_: str) -> None:
    if not result.written:
        sys.stdout.write(result.appended)
        if not result.appended.endswith("\n"):
            print()
        print(t("cli.dry_run"))
    print(new_id_)


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
    *,
    plan: PlanSource,
) -> None:
    """Add an activity that carries out a task. Prints the new id as its last line."""
    from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes, journal

    checked = _current(plan)
    current = checked.plan
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
    _write(plan, request, dry_run, checked)


def _task(current: Plan, typed: str | None) -> str:
    """The task's id, from --task or, at a terminal, from a list."""
    from ggov_plan.cli.names import resolve

    if typed is None:
        if not _interactive():
            raise _missing("--task", current.tasks[0].id if current.tasks else "TASK")
        typed = _choose(t("cli.prompt.task"), [(x.id, x.text) for x in current.tasks])
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
        Status | None, typer.Option("--status", help="Only activities in this state.")
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


def _reason(reason: str | None) -> str:
    if reason is None or not reason.strip():
        if not _interactive():
            raise _missing("--reason", '"Gộp vào chuyên mục khác"')
        reason = _ask(t("cli.prompt.reason"))
    if not reason.strip():
        raise UsageError(t("cli.reason_empty"), hint=t("cli.reason_empty.hint"))
    return reason.strip()


@commands.command("cancel", PLAN, group="activity")
def activity_cancel(
    activity: Annotated[str, typer.Argument(help="Activity id.", metavar="ID")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is cancelled.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="From when. Default: today.", show_default=False)
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who. Default: the OS user.")] = None,
    dry_run: DryRunOption = False,
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
    _write(plan, request, dry_run, checked)


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
    by: Annotated[
        str | None, typer.Option("--by", help="Who records it. Default: the OS user.")
    ] = None,
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
    *,
    plan: PlanSource,
) -> None:
    """Record work done for an activity: date, quantity, money spent, evidence.

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
        )
        _void(checked, void, reason, by, dry_run, plan)
        return
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
        by=by,
    )
    _write(plan, request, dry_run, checked)


def _refuse_with_void(given: dict[str, str | None]) -> None:
    # Voiding takes no activity and no figures: refuse rather than drop them.
    conflicting = [name for name, value in given.items() if value is not None]
    if conflicting:
        raise UsageError(
            t("cli.void_conflict", options=", ".join(conflicting)),
            hint=t("cli.void_conflict.hint"),
        )


def _choose_open_activity(current: Plan) -> str:
    """At a terminal, the activity to record work for, among those still open."""
    from ggov_plan.books.derive import activity_figures

    open_ = [
        (f.activity.id, f.activity.title)
        for f in activity_figures(current, today())
        if f.status not in (Status.DONE, Status.CANCELLED)
    ]
    if not _interactive() or not open_:
        raise _missing("ID", current.activities[0].id if current.activities else "ACTIVITY")
    return _choose(t("cli.prompt.activity"), open_)


def _void(
    checked: Checked,
    completion: str,
    reason: str | None,
    by: str | None,
    dry_run: bool,
    plan: PlanSource,
) -> None:
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    completion_id = resolve(checked.plan, "completion", completion, "--void")
    # Checked under the lock too; here first, so as not to ask for a reason in vain.
    changes.check_voidable(checked.plan, completion_id)
    request = changes.VoidCompletion(completion=completion_id, reason=_reason(reason), by=by)
    _write(plan, request, dry_run, checked)


# --------------------------------------------------------------------------- progress, budget


class ProgressBy(StrEnum):
    task = "task"
    agency = "agency"
    channel = "channel"
    content = "content"
    month = "month"


class BudgetBy(StrEnum):
    source = "source"
    agency = "agency"
    channel = "channel"
    task = "task"


@commands.command("progress", JSON, AS_OF, PLAN)
def progress(
    by: Annotated[ProgressBy, typer.Option("--by", help="Group activities by this.")] = (
        ProgressBy.task
    ),
    *,
    as_json: bool,
    as_of: str | None,
    plan: PlanSource,
) -> None:
    """Progress per task, agency, channel, content topic or month, with bars."""
    from ggov_plan.books.derive import in_name_order, overview, progress_rows
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of)
    loaded, warnings = load_valid(plan)
    current = loaded.plan
    figures: Overview = overview(current, day)
    rows = in_name_order(current, by.value, progress_rows(figures.activities, by.value))
    if as_json:
        print(data_render.dumps(data_render.progress(current, figures, by.value, rows)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.progress_table(terminal.make_console(), current, figures, by.value, rows)
    mention_warnings(warnings, loaded.file)


@commands.command("budget", JSON, AS_OF, PLAN)
def budget(
    by: Annotated[BudgetBy, typer.Option("--by", help="Group money by this.")] = BudgetBy.source,
    *,
    as_json: bool,
    as_of: str | None,
    plan: PlanSource,
) -> None:
    """Money per group: declared, allocated to activities, spent, remaining."""
    from ggov_plan.books.derive import budget_rows, in_name_order, overview
    from ggov_plan.render import data as data_render

    day = as_of_day(as_of)
    loaded, warnings = load_valid(plan)
    current = loaded.plan
    figures = overview(current, day)
    rows = in_name_order(current, by.value, budget_rows(current, figures, by.value))
    if as_json:
        print(data_render.dumps(data_render.budget(current, figures, by.value, rows)))
    else:
        # rich is imported only for a terminal table: --json starts faster.
        from ggov_plan.render.console import terminal, tracking

        tracking.budget_table(terminal.make_console(), current, figures, by.value, rows)
    mention_warnings(warnings, loaded.file)
