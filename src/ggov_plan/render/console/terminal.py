"""Rich output for people: tables at a terminal, plain UTF-8 text in a pipe.

Every piece of text that comes from the plan file goes into a
:class:`rich.text.Text`, never into markup, so ``[bold]`` in a title stays
literal; control characters are shown as ``\\x1b``-style escapes so that a
plan file cannot move the cursor or colour the terminal.

Every table goes through :func:`print_table`, which never cuts a figure, a
date or an id: text columns wrap first, then the headings of figures, and
where even that does not fit the console, each row is written as a block of
"label: value" lines.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Column, Table
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
            # A figure is never folded: `print_table` keeps it whole or writes
            # the rows as lines. Text folds only a word longer than WORD_LEAST.
            overflow="ellipsis" if unbroken else "fold",
            no_wrap=unbroken,
            # The first column names the row: keep it readable when figures crowd it.
            min_width=12 if not table.columns else None,
        )
    return table


#: A text column is not narrowed below its longest word, counted up to this
#: many cells (a longer word, a web address say, folds); a word with a digit
#: in it counts whole, so that a figure inside text is never broken either.
WORD_LEAST = 15


def cell_text(console: Console, cell: RenderableType) -> Text:
    """A cell as Text, to measure it and to write it as a line."""
    if isinstance(cell, Text):
        return cell
    if isinstance(cell, str):
        return console.render_str(cell, highlight=False)
    return Text("")  # pragma: no cover - every cell the commands add is text


def _whole(cells: list[Text]) -> int:
    """The width of the widest line of cells that must not wrap."""
    return max((cell_len(line) for cell in cells for line in cell.plain.split("\n")), default=0)


def _least(cells: list[Text]) -> int:
    """The narrowest a wrapping column may be: its longest word, see WORD_LEAST."""
    return max(
        (
            cell_len(word) if any(c.isdigit() for c in word) else min(cell_len(word), WORD_LEAST)
            for cell in cells
            for word in cell.plain.split()
        ),
        default=1,
    )


def _shares(least: list[int], natural: list[int], room: int) -> list[int] | None:
    """Widths for the wrapping columns within ``room`` cells, or None if even
    their least widths do not fit: the widest are narrowed first, none below
    its least."""
    if sum(least) > room:
        return None
    if sum(natural) <= room:
        return natural
    low, high = 0, max(natural)
    while low < high:  # the widest cap at which everything fits
        cap = (low + high + 1) // 2
        if sum(max(n, min(w, cap)) for n, w in zip(least, natural, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(n, min(w, low)) for n, w in zip(least, natural, strict=True)]
    spare = room - sum(widths)
    for n, (width, want) in enumerate(zip(widths, natural, strict=True)):
        if spare and width < want:  # the cells a cap of low + 1 could not give to all
            widths[n] += 1
            spare -= 1
    return widths


def _header(console: Console, column: Column) -> Text:
    """The column's heading, free to wrap between words even where its cells may not."""
    header = cell_text(console, column.header).copy()
    header.no_wrap, header.overflow = False, "fold"
    return header


def fit_table(console: Console, table: Table) -> bool:
    """Whether ``table`` can be drawn at the console's width with every figure,
    date and id whole; if so, its columns are set so that it is.

    Each unwrapped column gets its widest cell as its least width. Where
    rich's own layout then keeps every column whole (and every text column
    at least its longest word), it is left alone: the tables that always
    fitted come out byte for byte as before. Otherwise the text columns get
    fixed widths, the widest narrowed first, as far as their longest words
    (the first column's twelve cells kept if they can be), and then the
    headings of figures may wrap between words too; if even that is too
    wide, the table cannot be drawn without cutting.
    """
    columns = table.columns
    headers = [cell_text(console, column.header) for column in columns]
    bodies = [[cell_text(console, c) for c in column.cells] for column in columns]
    pads = [table._get_padding_width(n) for n in range(len(columns))]
    room = console.width - table._extra_width
    wrapping = [n for n, column in enumerate(columns) if not column.no_wrap]
    floors = [column.min_width or 0 for column in columns]
    least = [_least([headers[n], *bodies[n]]) for n in range(len(columns))]
    for column, header, body in zip(columns, headers, bodies, strict=True):
        if column.no_wrap:
            column.min_width = max(_whole([header, *body]), column.min_width or 0)
    # rich's own layout, worked out as rendering does
    widths = table._calculate_column_widths(console, console.options.update_width(room))
    if sum(widths) <= room and all(
        width - pad >= (column.min_width or 0 if column.no_wrap else least[n])
        for n, (column, width, pad) in enumerate(zip(columns, widths, pads, strict=True))
    ):
        return True
    for whole_headers in (True, False):
        unwrapped = [
            max(_whole(bodies[n]), _whole([headers[n]]) if whole_headers else least[n], floors[n])
            for n in range(len(columns))
        ]
        fixed = sum(unwrapped[n] + pads[n] for n in range(len(columns)) if columns[n].no_wrap)
        text_room = room - fixed - sum(pads[n] for n in wrapping)
        natural = [_whole([headers[n], *bodies[n]]) for n in wrapping]
        for keep_floor in (True, False):
            wanted = [max(least[n], floors[n]) if keep_floor else least[n] for n in wrapping]
            shares = _shares(
                wanted, [max(w, n) for w, n in zip(natural, wanted, strict=True)], text_room
            )
            if shares is None:
                continue
            for n, width in zip(wrapping, shares, strict=True):
                columns[n].width = width
            for n, column in enumerate(columns):
                if column.no_wrap:
                    column.width = unwrapped[n]
                    column.header = _header(console, column)
            return True
    return False


def has_room(console: Console, table: Table, squeezed: int, least: int) -> bool:
    """Whether ``table`` fits the console with every column at its widest cell
    but column ``squeezed``, which gets at least ``least`` cells (or its widest)."""
    widest = [
        _whole([cell_text(console, column.header), *(cell_text(console, c) for c in column.cells)])
        for column in table.columns
    ]
    widest[squeezed] = min(widest[squeezed], least)
    pads = sum(table._get_padding_width(n) for n in range(len(table.columns)))
    return table._extra_width + pads + sum(widest) <= console.width


def print_table(console: Console, table: Table) -> None:
    """The table if every figure fits whole at the console's width, else its
    rows as blocks of "label: value" lines: a cut amount is a wrong amount."""
    if fit_table(console, table):
        console.print(table)
        return
    if table.title is not None:
        console.print(cell_text(console, table.title))
    headers = [cell_text(console, column.header).plain for column in table.columns]
    for row in zip(*(column.cells for column in table.columns), strict=True):
        cells = [cell_text(console, cell) for cell in row]
        console.print(Text.assemble("• ", cells[0]))
        for header, cell in zip(headers[1:], cells[1:], strict=True):
            if cell.plain.strip():
                # Indented as a whole: a wrapped line stays under its label.
                line = Text.assemble((header + ": ", "dim"), cell)
                console.print(Padding(line, (0, 0, 0, 2), expand=False))


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
        print_table(console, table)

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
        print_table(console, table)

    if plan.contents:
        table = make_table(console, t("title.contents"), "id", "topic")
        for content in plan.contents:
            table.add_row(content.id, safe(content.name))
        print_table(console, table)

    if plan.channels:
        table = make_table(console, t("title.channels"), "id", "channel", "section")
        for channel in plan.channels:
            table.add_row(channel.id, safe(channel.name), safe(channel.section or ""))
        print_table(console, table)

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
    print_table(console, table)

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
    print_table(console, table)
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
    print_table(console, table)
    budget_text = plan.budget.text if plan.budget else None
    if budget.total is None and budget_text:
        console.print(Text.assemble((t("title.budget") + ": ", "dim"), safe(budget_text)))

    table = make_table(console, t("title.activities"), "state", "count")
    for state in Status:
        table.add_row(t(f"state.{state.value}"), str(figures.counts[state]))
    table.add_row(Text(t("row.total"), style="bold"), str(len(figures.activities)))
    print_table(console, table)
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
        print_table(console, table)

    table = make_table(
        console,
        t("title.results"),
        "figure",
        *(["in_period"] if period else []),
        "since_start",
    )
    for label, part, whole in results_rows(figures):
        table.add_row(safe(label), *([part or ""] if period else []), whole)
    print_table(console, table)

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
        print_table(console, table)
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
