"""Rich output for people: tables at a terminal, plain UTF-8 text in a pipe.

Every piece of text that comes from the plan file goes into a
:class:`rich.text.Text`, never into markup, so ``[bold]`` in a title stays
literal; control characters are shown as ``\\x1b``-style escapes so that a
plan file cannot move the cursor or colour the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ggov_plan.books.derive import Overview, Status, TaskState
from ggov_plan.books.periods import Period
from ggov_plan.i18n import current, t
from ggov_plan.i18n.money import format_number, format_vnd
from ggov_plan.i18n.numbers import figure, percent
from ggov_plan.plan.model import Agency, Indicator, Plan, Task
from ggov_plan.text import visible_controls

#: Column keys (labels come from the catalog as "col.<key>") by how they align and wrap.
NUMERIC_COLUMNS = frozenset(
    {
        *("value", "tasks", "count", "percent", "percent_spent", "activities", "done"),
        *("qty", "done_qty", "declared", "allocated", "spent", "remaining", "amount"),
        *("spent_vnd", "cost_vnd", "in_period", "since_start", "spent_in_period"),
        "completions",
    }
)
#: Ids, dates and figures are looked up and copied: never break them.
UNBROKEN_COLUMNS = frozenset(
    ("id", "date", "due", "number", "section", "month", "state", "progress")
)
_QUALIFIERS = {"exactly": "", "more-than": "> ", "at-least": "≥ ", "less-than": "< "}


def make_console(file: object = None, *, width: int | None = None) -> Console:
    """A console that draws boxes and colour only on a terminal."""
    stream = file if file is not None else sys.stdout
    return Console(file=stream, highlight=False, width=width)  # type: ignore[arg-type]


def safe(value: object, style: str = "") -> Text:
    """Plan text as a Text: literal, with control characters made visible.

    A tab becomes a space: rich measures a cell before it expands tabs, and
    then crops the text after the tab away.
    """
    return Text(visible_controls(str(value)).replace("\t", " "), style=style)


def make_table(console: Console, title: str, *columns: str, **kwargs: object) -> Table:
    """A table; ``columns`` are keys, shown as the catalog's "col.<key>" labels."""
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.ROUNDED if console.is_terminal else box.ASCII,
        show_edge=console.is_terminal,
        **kwargs,  # type: ignore[arg-type]
    )
    for column in columns:
        numeric = column in NUMERIC_COLUMNS
        unbroken = numeric or column in UNBROKEN_COLUMNS
        table.add_column(
            t(f"col.{column}"),
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=unbroken,
            # The first column names the row: keep it readable when figures crowd it.
            min_width=12 if not table.columns else None,
        )
    return table


def _agency_label(agencies: dict[str, Agency], ident: str | None) -> Text:
    if not ident:
        return Text("")
    agency = agencies.get(ident)
    return safe(agency.label if agency else ident)


def _labels(agencies: dict[str, Agency], idents: Iterable[str]) -> Text:
    return Text(", ").join(_agency_label(agencies, i) for i in idents)


def header_lines(plan: Plan) -> RenderableType:
    """Number, title, issuer, dates and who leads: the top of `show` and `status`."""
    header = plan.header
    if header is None:
        return Text("")
    agencies = plan.by_id("agencies")

    def label(ident: str) -> str:
        agency = agencies.get(ident)
        return agency.label if agency else ident

    lines = [
        Text.assemble(safe(f"{header.kind} {header.number}", "bold"), " — ", safe(header.title)),
        safe(
            t(
                "head.issued_line",
                place=header.place,
                date=f"{header.issued:%d/%m/%Y}",
                issuer=label(header.issuer),
                start=f"{header.start:%d/%m/%Y}",
                end=f"{header.end:%d/%m/%Y}",
            )
        ),
        safe(
            t(
                "head.lead_line",
                lead=label(header.lead_agency),
                reports_to=label(header.reports_to),
            )
        ),
    ]
    if header.signer:
        signer = header.signer
        authority = f"{signer.authority} / " if signer.authority else ""
        lines.append(
            safe(t("head.signed_line", signer=f"{authority}{signer.position}: {signer.name}"))
        )
    return Group(*lines)


def _indicator_value(indicator: Indicator) -> str:
    prefix = _QUALIFIERS.get(indicator.qualifier, "")
    return prefix + figure(indicator.value)


def show(console: Console, plan: Plan) -> None:
    """The declared plan at a glance."""
    agencies = plan.by_id("agencies")
    channels = plan.by_id("channels")
    console.print(header_lines(plan))
    console.print()

    if plan.legal_bases:
        table = make_table(console, t("title.legal_bases"), "number", "date", "issuer", "subject")
        for basis in plan.legal_bases:
            table.add_row(
                safe(f"{basis.kind} {basis.number}"),
                f"{basis.date:%d/%m/%Y}",
                _agency_label(agencies, basis.issuer),
                safe(basis.subject),
            )
        console.print(table)

    if plan.objectives:
        console.print(Text(t("title.objectives"), style="bold"))
        for number, objective in enumerate(plan.objectives, start=1):
            console.print(Text.assemble(f"{number}. ", safe(objective.text)))
        console.print()

    if plan.indicators:
        portals = plan.by_id("portals")
        table = make_table(console, t("title.indicators"), "indicator", "value", "unit", "portal")
        for indicator in plan.indicators:
            portal = portals.get(indicator.portal) if indicator.portal else None
            table.add_row(
                safe(indicator.label),
                _indicator_value(indicator),
                safe(indicator.unit or ""),
                safe(portal.url if portal else ""),
            )
            for part in indicator.parts:
                table.add_row(
                    Text.assemble("  " + t("show.of_which") + " ", safe(part.label)),
                    figure(part.value),
                    "",
                    "",
                )
        console.print(table)

    if plan.contents:
        table = make_table(console, t("title.contents"), "id", "topic")
        for content in plan.contents:
            table.add_row(content.id, safe(content.name))
        console.print(table)

    if plan.channels:
        table = make_table(console, t("title.channels"), "id", "channel", "section")
        for channel in plan.channels:
            table.add_row(channel.id, safe(channel.name), safe(channel.section or ""))
        console.print(table)

    tasks_by_agency: dict[str, list[Task]] = {}
    for task in plan.tasks:
        tasks_by_agency.setdefault(task.agency, []).append(task)
    table = make_table(console, t("title.agencies"), "id", "short_name", "name", "tasks")
    for agency in plan.agencies:
        table.add_row(
            agency.id,
            safe(agency.short or ""),
            safe(agency.name),
            str(len(tasks_by_agency.get(agency.id, ()))),
        )
    console.print(table)

    # Tasks read as paragraphs under their lead agency: a table of long
    # Vietnamese sentences in narrow columns is unreadable at 80 columns.
    if plan.tasks:
        console.print(Text(t("title.tasks_by_lead"), style="bold"))
    for agency_id, tasks in tasks_by_agency.items():
        lead = agencies.get(agency_id)
        console.print(safe(lead.name if lead else agency_id, "bold underline"))
        for task in tasks:
            console.print(
                Text.assemble("• ", safe(task.text), " ", (f"[{task.id}]", "dim")),
                style="",
            )
            details = []
            if task.directs:
                details.append(
                    Text.assemble((t("show.directs") + " ", "dim"), _labels(agencies, task.directs))
                )
            if task.partners:
                details.append(
                    Text.assemble((t("show.with") + " ", "dim"), _labels(agencies, task.partners))
                )
            if task.channels:
                names = Text(", ").join(
                    safe(channels[c].name if c in channels else c) for c in task.channels
                )
                details.append(Text.assemble((t("show.via") + " ", "dim"), names))
            if details:
                console.print(Text("  ") + Text("; ").join(details))
        console.print()

    budget_table(console, plan)


def budget_table(console: Console, plan: Plan) -> None:
    budget = plan.budget
    if budget is None:
        return
    table = make_table(console, t("title.budget"), "source_long", "amount_vnd", "percent")
    for source in budget.sources:
        share = (
            f"{100 * source.amount / budget.total:.1f}"
            if budget.total and source.amount is not None
            else "–"
        )
        table.add_row(safe(source.name), figure(source.amount), share)
    table.add_row(Text(t("row.total"), style="bold"), figure(budget.total), "100.0")
    console.print(table)
    if budget.total_in_words:
        console.print(Text.assemble((t("show.in_words") + " ", "dim"), safe(budget.total_in_words)))


def period_text(period: Period) -> str:
    """ "6 tháng cuối năm 2017 (01/07/2017 – 31/12/2017)"."""
    return t(
        "head.period_line",
        name=period.name().text(),
        start=f"{period.start:%d/%m/%Y}",
        end=f"{period.end:%d/%m/%Y}",
    )


#: Overdue activities listed by `status` at most; `activity list --status
#: overdue` lists them all. Drawing 3,709 rows took rich 12 s (docs/performance.md).
STATUS_OVERDUE_ROWS = 20


def status(console: Console, plan: Plan, figures: Overview) -> None:
    """The dashboard: header, budget use by source, activities and tasks by state,
    the results (in the period and cumulative), overdue work, progress."""
    # Imported here: tracking imports this module.
    from ggov_plan.render.report.tables import results_rows

    console.print(header_lines(plan))
    console.print(Text.assemble((t("head.as_of") + " ", "dim"), f"{figures.as_of:%d/%m/%Y}"))
    if figures.period is not None:
        console.print(Text.assemble((t("head.period") + " ", "dim"), period_text(figures.period)))
    console.print()

    budget = figures.budget
    period = figures.period is not None
    table = make_table(
        console,
        t("title.budget_by_source"),
        "source",
        "declared",
        # With a period, what was spent in it takes the place of what was
        # allocated (`budget` has both), so that the table fits 80 columns.
        *(["spent", "spent_in_period"] if period else ["allocated", "spent"]),
        "remaining",
    )

    def money(allocated: int, spent: int, in_period: int | None) -> list[str]:
        return [figure(spent), figure(in_period)] if period else [figure(allocated), figure(spent)]

    for source in budget.sources:
        table.add_row(
            safe(source.name),
            figure(source.amount),
            *money(source.allocated, source.spent, source.period_spent),
            figure(source.remaining),
        )
    if budget.unassigned_allocated or budget.unassigned_spent:
        table.add_row(
            Text(t("row.no_source"), style="italic"),
            "",
            *money(
                budget.unassigned_allocated,
                budget.unassigned_spent,
                budget.unassigned_period_spent,
            ),
            "",
        )
    table.add_row(
        Text(t("row.total"), style="bold"),
        figure(budget.total),
        *money(budget.allocated, budget.spent, budget.period_spent),
        figure(budget.remaining),
    )
    console.print(table)
    budget_text = plan.budget.text if plan.budget else None
    if budget.total is None and budget_text:
        console.print(Text.assemble((t("title.budget") + ": ", "dim"), safe(budget_text)))

    table = make_table(console, t("title.activities"), "state", "count")
    for state in Status:
        table.add_row(t(f"state.{state.value}"), str(figures.counts[state]))
    table.add_row(Text(t("row.total"), style="bold"), str(len(figures.activities)))
    console.print(table)
    if not figures.activities:
        console.print(Text(t("status.no_activities"), style="dim"))

    if figures.tasks:
        table = make_table(
            console, t("title.tasks"), "task", "state", "activities", "done", "percent"
        )
        for task in figures.tasks:
            table.add_row(
                task.id,
                t(f"task_state.{task.state.value}"),
                str(task.activities),
                str(task.done_activities),
                percent(task.progress, 0),
            )
        console.print(table)

    table = make_table(
        console,
        t("title.results"),
        "figure",
        *(["in_period"] if period else []),
        "since_start",
    )
    for label, part, whole in results_rows(figures):
        table.add_row(safe(label), *([part or ""] if period else []), whole)
    console.print(table)

    overdue = [a for a in figures.activities if a.status is Status.OVERDUE]
    if overdue:
        agencies = plan.by_id("agencies")
        table = make_table(console, t("title.overdue"), "id", "title", "agency", "due", "done")
        # A dashboard, not a listing: the first ones, and where to see all.
        for row in overdue[:STATUS_OVERDUE_ROWS]:
            activity = row.activity
            table.add_row(
                activity.id,
                safe(activity.title),
                _agency_label(agencies, row.agency),
                f"{activity.due:%d/%m/%Y}" if activity.due else "",
                f"{row.done}/{activity.target}",
            )
        console.print(table)
        if len(overdue) > STATUS_OVERDUE_ROWS:
            more = format_number(len(overdue) - STATUS_OVERDUE_ROWS, current())
            console.print(Text(t("status.overdue_more", count=more), style="dim"))
    not_started = figures.task_counts[TaskState.NOT_STARTED]
    if budget.total is not None:
        of_total: tuple[tuple[str, str] | str | Text, ...] = (
            (" " + t("status.of") + " ", "dim"),
            format_vnd(budget.total, current()),
        )
    else:  # no total stated: how the plan says it is funded, never "of 0 VND"
        text = t("status.budget_text", text=budget_text or t("value.not_stated"))
        of_total = ((" (", "dim"), safe(text), (")", "dim"))
    console.print(
        Text.assemble(
            (t("status.progress") + " ", "bold"),
            percent(figures.progress),
            (
                " ("
                + t("status.progress_of_tasks", tasks=len(figures.tasks), not_started=not_started)
                + ")",
                "dim",
            ),
            ("   " + t("status.spent") + " ", "dim"),
            format_vnd(budget.spent, current()),
            *of_total,
        )
    )
