"""Terminal output of the tracking commands: activity lists, progress, budget."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.text import Text

from ggov_plan.books.derive import (
    ActivityFigures,
    BudgetRow,
    MonthRow,
    Overview,
    ProgressRow,
    Status,
    TaskState,
)
from ggov_plan.books.ledger import Ledger
from ggov_plan.i18n import current, t
from ggov_plan.i18n.dates import month as month_text
from ggov_plan.i18n.money import amount_in_words, format_vnd
from ggov_plan.i18n.numbers import figure, percent
from ggov_plan.plan.model import Plan
from ggov_plan.render.console.terminal import (
    has_room,
    make_table,
    period_text,
    print_table,
    safe,
)
from ggov_plan.render.report.tables import amounts_text, done_text

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
    return percent(ratio, 0)


def _names(plan: Plan, attribute: str) -> dict[str, str]:
    out = {}
    for record in getattr(plan, attribute):
        label = getattr(record, "short", None) or getattr(record, "name", None) or record.id
        out[record.id] = label
    return out


#: `activity list` gives the agency a column of its own when the titles keep
#: this many cells beside it; else the agency follows the title ("… — Sở TT&TT").
TITLE_ROOM = 30


def activity_table(
    console: Console, plan: Plan, rows: list[ActivityFigures], as_of: dt.date
) -> None:
    agencies = _names(plan, "agencies")
    title = t("track.activities_title", as_of=f"{as_of:%d/%m/%Y}")
    # Cost stays out of the table so that titles get room at 80 columns;
    # `activity show` and `--json` have it.
    wide = make_table(console, title, "id", "title", "agency", "due", "done", "state", "spent")
    narrow = make_table(console, title, "id", "title", "due", "done", "state", "spent")
    for row in rows:
        activity = row.activity
        agency = safe(agencies.get(row.agency, row.agency))
        cells = (
            f"{activity.due:%d/%m/%Y}" if activity.due else "",
            f"{row.done}/{activity.target}",
            Text(t(f"state.{row.status.value}"), style=_STATE_STYLE[row.status]),
            figure(row.spent),
        )
        wide.add_row(activity.id, safe(activity.title), agency, *cells)
        narrow.add_row(
            activity.id, Text.assemble(safe(activity.title), (" — ", "dim"), agency), *cells
        )
    print_table(console, wide if has_room(console, wide, 1, TITLE_ROOM) else narrow)
    if not rows:
        console.print(Text(t("track.no_match"), style="dim"))


def activity_detail(console: Console, plan: Plan, figures: ActivityFigures, as_of: dt.date) -> None:
    activity = figures.activity
    agencies = _names(plan, "agencies")
    channels = _names(plan, "channels")
    contents = _names(plan, "contents")
    lines = [
        Text.assemble((activity.id, "bold"), "  ", safe(activity.title)),
        Text.assemble(
            (t("track.task") + " ", "dim"),
            activity.task,
            ("   " + t("track.agency") + " ", "dim"),
            safe(agencies.get(figures.agency, figures.agency)),
        ),
    ]
    if activity.channel or activity.contents:
        lines.append(
            Text.assemble(
                (t("track.channel") + " ", "dim"),
                safe(channels.get(activity.channel or "", activity.channel or "–")),
                ("   " + t("track.contents") + " ", "dim"),
                safe(", ".join(contents.get(c, c) for c in activity.contents) or "–"),
            )
        )
    due = f"{activity.due:%d/%m/%Y}" if activity.due else "–"
    unit = f" {activity.unit}" if activity.unit else ""
    lines.append(
        Text.assemble(
            (t("track.due") + " ", "dim"),
            due,
            ("   " + t("track.done") + " ", "dim"),
            safe(f"{figures.done}/{activity.target}{unit}"),
            ("   " + t("track.state") + " ", "dim"),
            Text(t(f"state.{figures.status.value}"), style=_STATE_STYLE[figures.status]),
            ("   " + t("track.as_of") + " ", "dim"),
            f"{as_of:%d/%m/%Y}",
        )
    )
    lines.append(
        Text.assemble(
            (t("track.cost") + " ", "dim"),
            format_vnd(activity.cost, current()),
            ("   " + t("track.spent") + " ", "dim"),
            format_vnd(figures.spent, current()),
            ("   " + t("track.source") + " ", "dim"),
            safe(figures.source or "–"),
        )
    )
    for line in lines:
        console.print(line)
    ledger = Ledger.of(plan, as_of)
    entries = ledger.entries_of(activity.id)
    cancellation = entries.cancellation  # shown even if dated after as_of: it is pending
    if cancellation:
        console.print(
            Text.assemble(
                (t("track.cancelled") + " ", "bold"),
                f"{cancellation.date:%d/%m/%Y}: ",
                safe(cancellation.reason),
            )
        )
    table = make_table(
        console, t("track.completions"), "id", "date", "qty", "spent_vnd", "evidence", "note"
    )
    count = 0
    for completion in entries.completions:
        count += 1
        void = ledger.voids.get(completion.id)
        note = safe(completion.note or "")
        if void:
            note = Text.assemble((t("track.void") + " ", "bold"), safe(void.reason), " ", note)
        elif not ledger.counts(completion):  # not voided: dated after as_of
            note = Text.assemble((t("track.after_as_of") + " ", "dim"), note)
        table.add_row(
            completion.id,
            f"{completion.date:%d/%m/%Y}",
            str(completion.quantity),
            figure(completion.spent),
            safe(completion.evidence or ""),
            note,
            style="dim" if void else "",
        )
    if count:
        print_table(console, table)
    else:
        console.print(Text(t("track.no_completions"), style="dim"))


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
        return t("row.none")
    if by == "task":
        return key
    return _names(plan, attribute).get(key, key)


def _overall(console: Console, figures: Overview) -> None:
    not_started = figures.task_counts[TaskState.NOT_STARTED]
    console.print(
        Text.assemble(
            (t("track.overall") + " ", "bold"),
            bar(console, figures.progress),
            " ",
            _percent(figures.progress),
            (
                " ("
                + t("status.progress_of_tasks", tasks=len(figures.tasks), not_started=not_started)
                + ")",
                "dim",
            ),
        )
    )


def _in_period(row: ProgressRow) -> Text:
    return safe(amounts_text(row.period.quantities, "\n")) if row.period else Text("")


def progress_table(
    console: Console, plan: Plan, figures: Overview, by: str, rows: list[ProgressRow]
) -> None:
    """Progress per group; by task, every task with its state. Quantities one
    unit a line; with a period, what was done in it."""
    title = t("track.progress_title", by=t(f"by.{by}"), as_of=f"{figures.as_of:%d/%m/%Y}")
    if figures.period is not None:
        title += " — " + period_text(figures.period)
    period = figures.period is not None
    # At 80 columns: tasks (long ids) show their state instead of counts and
    # a bar; with a period, its column takes the bar's place.
    by_task = by == "task"
    columns = [
        by,
        *(["state"] if by_task else ["activities", "done"]),
        "quantities",  # per unit, one a line: wraps, unlike a figure
        *(["in_period_done"] if period else []),
        *([] if by_task or period else ["progress"]),
        "percent",
    ]
    table = make_table(console, title, *columns)
    for row in rows:
        table.add_row(
            safe(_group_label(plan, by, row.key)),
            *(
                [t(f"task_state.{row.state.value}") if row.state else ""]
                if by_task
                else [str(row.activities), str(row.done_activities)]
            ),
            safe(done_text(row.quantities, "\n")),
            *([_in_period(row)] if period else []),
            *([] if by_task or period else [bar(console, row.progress)]),
            _percent(row.progress),
        )
    print_table(console, table)
    if not rows:
        console.print(Text(t("track.nothing_yet"), style="dim"))
    _overall(console, figures)


def month_table(console: Console, figures: Overview, rows: list[MonthRow]) -> None:
    """Work recorded per month, per unit, and the plan's progress at each month's end."""
    title = t("track.progress_title", by=t("by.month"), as_of=f"{figures.as_of:%d/%m/%Y}")
    if figures.period is not None:
        title += " — " + period_text(figures.period)
    # "Cumulative": the plan's progress at the month's end, as a figure (a bar
    # beside four figures would not fit 80 columns).
    table = make_table(console, title, "month", "completions", "done_qty", "spent_vnd", "percent")
    table.columns[-1].header = t("col.cumulative")
    for row in rows:
        table.add_row(
            month_text(row.key, current()),
            str(row.recorded.completions),
            safe(amounts_text(row.recorded.quantities, "\n")),
            figure(row.recorded.spent),
            _percent(row.progress),
        )
    print_table(console, table)
    if not rows:
        console.print(Text(t("track.nothing_yet"), style="dim"))
    _overall(console, figures)


def budget_table(
    console: Console, plan: Plan, figures: Overview, by: str, rows: list[BudgetRow]
) -> None:
    period = figures.period is not None
    title = t("track.budget_title", by=t(f"by.{by}"), as_of=f"{figures.as_of:%d/%m/%Y}")
    if figures.period is not None:
        title += " — " + period_text(figures.period)
    table = make_table(
        console,
        title,
        by,
        "declared",
        # With a period, what was spent in it takes the place of what was
        # allocated (the --json has both), so that the table fits 80 columns.
        *(["spent", "spent_in_period"] if period else ["allocated", "spent"]),
        "remaining",
        "percent_spent",
    )

    def money(allocated: int, spent: int, in_period: int | None) -> list[str]:
        return [figure(spent), figure(in_period)] if period else [figure(allocated), figure(spent)]

    for row in rows:
        base = row.declared if row.declared is not None else row.allocated
        table.add_row(
            safe(_group_label(plan, by, row.key)),
            # A source with no stated amount: "not stated", and no remainder.
            figure(row.declared) if row.declared is not None or row.unstated else "–",
            *money(row.allocated, row.spent, row.period_spent),
            figure(row.remaining),
            _percent(row.spent / base) if base and not row.unstated else "–",
        )
    total = figures.budget
    table.add_row(
        Text(t("row.total"), style="bold"),
        figure(total.total),
        *money(total.allocated, total.spent, total.period_spent),
        figure(total.remaining),
        _percent(total.spent / total.total) if total.total else "–",
    )
    print_table(console, table)
    # Vietnamese documents give the total in words too ("Hai trăm mười ba triệu đồng").
    if current() == "vi" and total.total is not None:
        console.print(
            Text.assemble((t("show.in_words") + " ", "dim"), amount_in_words(total.total))
        )
    if total.total is None and plan.budget is not None and plan.budget.text:
        console.print(Text.assemble((t("title.budget") + ": ", "dim"), safe(plan.budget.text)))
    if by != "source":
        console.print(Text(t("track.budget_note"), style="dim"))
