"""Terminal output of the tracking commands: activity lists, progress, budget."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.text import Text

from ggov_plan.derive import ActivityFigures, BudgetRow, Overview, ProgressRow, Status
from ggov_plan.model import Plan
from ggov_plan.money import format_number
from ggov_plan.render.terminal import make_table, safe
from ggov_plan.text import fold

_STATE_STYLE = {
    Status.PLANNED: "",
    Status.IN_PROGRESS: "cyan",
    Status.DONE: "green",
    Status.OVERDUE: "bold red",
    Status.CANCELLED: "dim",
}
BAR_WIDTH = 20


def bar(console: Console, ratio: float, width: int = BAR_WIDTH) -> Text:
    """A progress bar: block characters at a terminal, ``#`` and ``.`` in a pipe."""
    ratio = min(max(ratio, 0.0), 1.0)
    filled = round(ratio * width)
    if console.is_terminal:
        return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))
    return Text("#" * filled + "." * (width - filled))


def _percent(ratio: float) -> str:
    return f"{100 * ratio:.0f}%"


def filter_activities(
    rows: tuple[ActivityFigures, ...],
    *,
    agency: str | None,
    channel: str | None,
    task: str | None,
    status: Status | None,
    search: str | None,
) -> list[ActivityFigures]:
    wanted = fold(search) if search else ""
    return [
        r
        for r in rows
        if (agency is None or r.agency == agency)
        and (channel is None or r.activity.channel == channel)
        and (task is None or r.activity.task == task)
        and (status is None or r.status is status)
        and (not wanted or wanted in fold(r.activity.title) or wanted in fold(r.activity.id))
    ]


def _names(plan: Plan, attribute: str) -> dict[str, str]:
    out = {}
    for record in getattr(plan, attribute):
        label = getattr(record, "short", None) or getattr(record, "name", None) or record.id
        out[record.id] = label
    return out


def activity_table(
    console: Console, plan: Plan, rows: list[ActivityFigures], as_of: dt.date
) -> None:
    agencies = _names(plan, "agencies")
    # Agency and cost stay out of the table so that titles get room at 80
    # columns; `activity show` and `--json` have them.
    table = make_table(
        console,
        f"Activities as of {as_of:%d/%m/%Y}, money in VND",
        "Id",
        "Title",
        "Due",
        "Done",
        "State",
        "Spent",
    )
    for row in rows:
        activity = row.activity
        title = Text.assemble(
            safe(activity.title), (" — ", "dim"), safe(agencies.get(row.agency, row.agency))
        )
        table.add_row(
            activity.id,
            title,
            f"{activity.due:%d/%m/%Y}" if activity.due else "",
            f"{row.done}/{activity.target}",
            Text(row.status.value.replace("_", " "), style=_STATE_STYLE[row.status]),
            format_number(row.spent),
        )
    console.print(table)
    if not rows:
        console.print(Text("No activities match.", style="dim"))


def activity_detail(console: Console, plan: Plan, figures: ActivityFigures, as_of: dt.date) -> None:
    activity = figures.activity
    agencies = _names(plan, "agencies")
    channels = _names(plan, "channels")
    contents = _names(plan, "contents")
    lines = [
        Text.assemble((activity.id, "bold"), "  ", safe(activity.title)),
        Text.assemble(
            ("Task ", "dim"),
            activity.task,
            ("   agency ", "dim"),
            safe(agencies.get(figures.agency, figures.agency)),
        ),
    ]
    if activity.channel or activity.contents:
        lines.append(
            Text.assemble(
                ("Channel ", "dim"),
                safe(channels.get(activity.channel or "", activity.channel or "–")),
                ("   contents ", "dim"),
                safe(", ".join(contents.get(c, c) for c in activity.contents) or "–"),
            )
        )
    due = f"{activity.due:%d/%m/%Y}" if activity.due else "–"
    unit = f" {activity.unit}" if activity.unit else ""
    lines.append(
        Text.assemble(
            ("Due ", "dim"),
            due,
            ("   done ", "dim"),
            f"{figures.done}/{activity.target}{unit}",
            ("   state ", "dim"),
            Text(figures.status.value.replace("_", " "), style=_STATE_STYLE[figures.status]),
            ("   as of ", "dim"),
            f"{as_of:%d/%m/%Y}",
        )
    )
    lines.append(
        Text.assemble(
            ("Cost ", "dim"),
            f"{format_number(activity.cost)} VND",
            ("   spent ", "dim"),
            f"{format_number(figures.spent)} VND",
            ("   source ", "dim"),
            safe(figures.source or "–"),
        )
    )
    for line in lines:
        console.print(line)
    cancellation = next((c for c in plan.cancellations if c.activity == activity.id), None)
    if cancellation:
        console.print(
            Text.assemble(
                ("Cancelled ", "bold"),
                f"{cancellation.date:%d/%m/%Y}: ",
                safe(cancellation.reason),
            )
        )
    voids = {v.completion: v for v in plan.voids}
    table = make_table(
        console, "Completions", "Id", "Date", "Qty", "Spent (VND)", "Evidence", "Note"
    )
    count = 0
    for completion in plan.completions:
        if completion.activity != activity.id:
            continue
        count += 1
        void = voids.get(completion.id)
        note = safe(completion.note or "")
        if void:
            note = Text.assemble(("VOID: ", "bold"), safe(void.reason), " ", note)
        elif completion.date > as_of:
            note = Text.assemble(("after the as-of date ", "dim"), note)
        table.add_row(
            completion.id,
            f"{completion.date:%d/%m/%Y}",
            str(completion.quantity),
            format_number(completion.spent),
            safe(completion.evidence or ""),
            note,
            style="dim" if void else "",
        )
    if count:
        console.print(table)
    else:
        console.print(Text("No completions recorded yet.", style="dim"))


def _group_label(plan: Plan, by: str, key: str) -> str:
    if by == "month":
        return key
    attribute = {
        "task": "tasks",
        "agency": "agencies",
        "channel": "channels",
        "content": "contents",
        "source": "sources",
    }[by]
    if not key:
        return "(none)"
    if by == "task":
        return key
    return _names(plan, attribute).get(key, key)


def progress_table(
    console: Console, plan: Plan, figures: Overview, by: str, rows: list[ProgressRow]
) -> None:
    title = f"Progress by {by} as of {figures.as_of:%d/%m/%Y}"
    if by == "month":
        table = make_table(console, title, "Month", "Done (qty)", "Spent (VND)", "Cumulative", "%")
        for row in rows:
            table.add_row(
                row.key,
                str(row.done),
                format_number(row.spent),
                bar(console, row.progress),
                _percent(row.progress),
            )
    else:
        table = make_table(
            console, title, by.capitalize(), "Activities", "Done", "Qty", "Progress", "%"
        )
        for row in rows:
            table.add_row(
                safe(_group_label(plan, by, row.key)),
                str(row.activities),
                str(row.done_activities),
                f"{row.done}/{row.target}",
                bar(console, row.progress),
                _percent(row.progress),
            )
    console.print(table)
    if not rows:
        console.print(Text("Nothing recorded yet.", style="dim"))
    console.print(
        Text.assemble(
            ("Overall ", "bold"), bar(console, figures.progress), " ", _percent(figures.progress)
        )
    )


def budget_table(
    console: Console, plan: Plan, figures: Overview, by: str, rows: list[BudgetRow]
) -> None:
    table = make_table(
        console,
        f"Budget by {by} as of {figures.as_of:%d/%m/%Y}, in VND",
        by.capitalize(),
        "Declared",
        "Allocated",
        "Spent",
        "Remaining",
        "% spent",
    )
    for row in rows:
        base = row.declared if row.declared is not None else row.allocated
        table.add_row(
            safe(_group_label(plan, by, row.key)),
            format_number(row.declared) if row.declared is not None else "–",
            format_number(row.allocated),
            format_number(row.spent),
            format_number(row.remaining),
            _percent(row.spent / base) if base else "–",
        )
    total = figures.budget
    table.add_row(
        Text("Total", style="bold"),
        format_number(total.total),
        format_number(total.allocated),
        format_number(total.spent),
        format_number(total.remaining),
        _percent(total.spent / total.total) if total.total else "–",
    )
    console.print(table)
    if by != "source":
        console.print(
            Text(
                "Only funding sources have declared amounts; for other groups, "
                "remaining is allocated minus spent.",
                style="dim",
            )
        )
