"""Indicators at the terminal: each one's target, achieved value, parts and state.

``status`` ends with this table and ``progress --by indicator`` is this table.
No number is ever cut: figures and dates do not wrap, and when the table
cannot fit the terminal with every figure whole (40 columns, say), each
indicator is written as a short block of lines instead, which wrap between
words only.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ggov_plan.books.indicators import IndicatorFigures, IndicatorState
from ggov_plan.i18n import t
from ggov_plan.i18n.dates import day
from ggov_plan.i18n.numbers import measure
from ggov_plan.render import results
from ggov_plan.render.console.terminal import make_table, safe

STATE_STYLE = {
    IndicatorState.NOT_MEASURED: "dim",
    IndicatorState.MET: "green",
    IndicatorState.ON_TRACK: "cyan",
    IndicatorState.BEHIND: "yellow",
    IndicatorState.MISSED: "bold red",
}
_COLUMNS = ("indicator", "target", "achieved", "measured_on", "parts", "state")
#: Columns whose every word is a figure or a date: never wrapped, never cut.
_WHOLE = frozenset(("target", "achieved", "measured_on", "state"))


def _state(figures: IndicatorFigures) -> Text:
    return Text(results.state(figures), style=STATE_STYLE[figures.state])


def _table(
    console: Console, title: str, rows: tuple[IndicatorFigures, ...], *, parts_as_rows: bool
) -> tuple[Table, list[list[Text]]]:
    """The table, and its cells by column (header first), to judge whether it fits.

    With ``parts_as_rows``, each part is a row of its own under its indicator
    ("  – Thủ tục cấp sở | 318 | 318"), instead of a column of its own.
    """
    keys = [k for k in _COLUMNS if not (parts_as_rows and k == "parts")]
    table = make_table(console, title, *keys)
    cells: list[list[Text]] = [[Text(t(f"col.{key}"))] for key in keys]
    for column, key in zip(table.columns, keys, strict=True):
        column.no_wrap = key in _WHOLE
        if key == "achieved":
            column.justify = "right"

    def add(row: dict[str, Text]) -> None:
        line = [row.get(key, Text("")) for key in keys]
        table.add_row(*line)
        for column_cells, cell in zip(cells, line, strict=True):
            column_cells.append(cell)

    for figures in rows:
        add(
            {
                "indicator": safe(figures.indicator.label),
                "target": safe(results.target(figures.indicator)),
                "achieved": Text(measure(figures.achieved) if figures.latest else "–"),
                "measured_on": Text(day(figures.measured_on)),
                "parts": safe(results.parts(figures)),
                "state": _state(figures),
            }
        )
        if parts_as_rows:
            for part in figures.parts:
                add(
                    {
                        "indicator": Text.assemble("  – ", safe(part.label)),
                        "target": Text(measure(part.target)),
                        "achieved": Text(measure(part.achieved)),
                    }
                )
    return table, cells


def _fits(console: Console, table: Table, keys_cells: list[list[Text]]) -> bool:
    """Whether every figure and date can stay whole at the console's width.

    rich measures a cell by its longest word even in a column that does not
    wrap, and squeezes columns below that when the table is too wide: figures
    would be cut. So the width needed is worked out here: the whole text of
    each cell of an unwrapped column, the longest word of the others (or
    the column's least width), plus one space each side of a cell and one
    rule between columns.
    """
    needed = 1
    for cells, column in zip(keys_cells, table.columns, strict=True):
        widths = [
            cell.cell_len
            if column.no_wrap
            else max((cell_len(w) for w in cell.plain.split()), default=0)
            for cell in cells
        ]
        needed += max(*widths, column.min_width or 0) + 3
    return needed <= console.width


def _blocks(console: Console, title: str, rows: tuple[IndicatorFigures, ...]) -> None:
    console.print(Text(title, style="bold"))
    for figures in rows:
        console.print(Text.assemble("• ", safe(figures.indicator.label, "bold")))
        lines = [
            Text.assemble(
                (t("results.target") + ": ", "dim"), safe(results.target(figures.indicator))
            ),
            Text.assemble(
                (t("results.achieved") + ": ", "dim"),
                measure(figures.achieved) if figures.latest else "–",
                *(
                    (" (", t("results.measured_on", date=day(figures.measured_on)), ")")
                    if figures.measured_on
                    else ()
                ),
            ),
        ]
        if figures.parts:
            lines.append(
                Text.assemble((t("results.parts") + ": ", "dim"), safe(results.parts(figures)))
            )
        lines.append(Text.assemble((t("results.state") + ": ", "dim"), _state(figures)))
        for line in lines:
            # Indented as a whole: a wrapped line stays under its label.
            console.print(Padding(line, (0, 0, 0, 2), expand=False))


def indicator_table(console: Console, rows: tuple[IndicatorFigures, ...], as_of: dt.date) -> None:
    """The indicators as of ``as_of``: a table, or blocks where a table would cut figures."""
    title = t("title.indicator_results", as_of=day(as_of))
    if not rows:
        console.print(Text(t("results.none"), style="dim"))
        return
    for parts_as_rows in (False, True):
        table, cells = _table(console, title, rows, parts_as_rows=parts_as_rows)
        if _fits(console, table, cells):
            console.print(table)
            return
    _blocks(console, title, rows)
