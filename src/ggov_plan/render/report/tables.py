"""The tables of the status report as plain data, shared by its md and html forms.

Each function returns a :class:`Table` of unescaped strings (and
:class:`Ratio` cells for progress), so the Markdown and HTML renderers only
escape and lay out; what a table says is decided once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ggov_plan.books.derive import (
    Overview,
    Status,
    TaskState,
    UnitAmount,
    UnitQuantity,
)
from ggov_plan.books.report import Report
from ggov_plan.i18n import Lang, t
from ggov_plan.i18n.dates import day
from ggov_plan.i18n.numbers import figure, measure, per_unit


@dataclass(frozen=True, slots=True)
class Ratio:
    """A share from 0 to 1: a percentage in Markdown, a bar in HTML."""

    value: float


Cell = str | Ratio


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[list[Cell]]
    numeric: frozenset[int]  # right-aligned columns


def _header(*keys: str) -> list[str]:
    return [t(f"col.{key}") for key in keys]


def done_text(
    quantities: Iterable[UnitQuantity], separator: str = "; ", lang: Lang | None = None
) -> str:
    """Done against target per unit: ``6/6 buổi; 795/795 dịch vụ`` (never one sum)."""
    return per_unit(
        ((f"{figure(q.done, lang)}/{figure(q.target, lang)}", q.unit) for q in quantities),
        separator,
    )


def amounts_text(amounts: Iterable[UnitAmount], separator: str = "; ") -> str:
    """Amounts per unit: ``2 buổi; 100 dịch vụ``; "–" when there is none."""
    return per_unit(((figure(a.amount), a.unit) for a in amounts), separator)


def results_rows(figures: Overview) -> list[tuple[str, str | None, str]]:
    """The results table's rows: a label, the figure in the period (None without
    one) and the cumulative figure. Quantities and reach come one unit a row;
    the cumulative quantity is done against target, as progress counts it."""
    cumulative = figures.cumulative
    assert cumulative is not None
    period = figures.in_period

    def amount(amounts: tuple[UnitAmount, ...] | None, unit: str | None) -> str | None:
        if amounts is None:
            return None
        return figure(next((a.amount for a in amounts if a.unit == unit), 0))

    rows: list[tuple[str, str | None, str]] = [
        (
            t("res.completions"),
            figure(period.completions) if period else None,
            figure(cumulative.completions),
        ),
        (
            t("res.activities"),
            figure(period.activities) if period else None,
            figure(cumulative.activities),
        ),
    ]
    targets = {q.unit: q for q in figures.quantities}
    units = list(dict.fromkeys([*targets, *(a.unit for a in cumulative.quantities)]))
    for unit in units:
        label = t("res.done", unit=unit) if unit else t("res.done_no_unit")
        target = targets.get(unit)
        whole = (
            f"{figure(target.done)}/{figure(target.target)}"
            if target is not None
            else str(amount(cumulative.quantities, unit))
        )
        rows.append((label, amount(period.quantities if period else None, unit), whole))
    rows.append(
        (t("res.spent"), figure(period.spent) if period else None, figure(cumulative.spent))
    )
    for reach in cumulative.reach:
        label = t("res.reach", unit=reach.unit) if reach.unit else t("res.reach_no_unit")
        rows.append(
            (label, amount(period.reach if period else None, reach.unit), figure(reach.amount))
        )
    return rows


def results(report: Report) -> Table:
    """What was recorded: in the period (when one is given) and since the plan's start."""
    rows = results_rows(report.overview)
    if report.period is None:
        return Table(
            _header("figure", "since_start"),
            [[label, whole] for label, _, whole in rows],
            frozenset({1}),
        )
    return Table(
        _header("figure", "in_period", "since_start"),
        [[label, part or "", whole] for label, part, whole in rows],
        frozenset({1, 2}),
    )


def task_state(state: TaskState | None) -> str:
    return t(f"task_state.{state.value}") if state is not None else ""


def sources(report: Report) -> Table:
    period = report.period is not None
    keys = ("source", "declared", "allocated", "spent", *(("spent_in_period",) if period else ()))
    return Table(
        _header(*keys, "remaining"),
        [
            [
                report.label("source", row.key),
                # A source the plan states no amount for: "not stated", never 0.
                figure(row.declared) if row.declared is not None or row.unstated else "–",
                figure(row.allocated),
                figure(row.spent),
                *((figure(row.period_spent),) if period else ()),
                figure(row.remaining) if row.remaining is not None or row.unstated else "–",
            ]
            for row in report.sources
        ],
        frozenset(range(1, len(keys) + 1)),
    )


def progress(report: Report, by: str) -> Table:
    """Progress of each group; by task, every task of the plan with its state."""
    period = report.period is not None
    keys = (
        by,
        *(("state",) if by == "task" else ()),
        "activities",
        "done",
        "quantity",
        *(("in_period",) if period else ()),
        "spent_vnd",
        "progress",
    )
    numeric = {i for i, key in enumerate(keys) if key not in (by, "state", "progress")}
    return Table(
        _header(*keys),
        [
            [
                report.label(by, row.key),
                *((task_state(row.state),) if by == "task" else ()),
                str(row.activities),
                str(row.done_activities),
                done_text(row.quantities),
                *((amounts_text(row.period.quantities) if row.period else "",) if period else ()),
                figure(row.spent),
                Ratio(row.progress),
            ]
            for row in report.breakdowns[by]
        ],
        frozenset(numeric | {len(keys) - 1}),
    )


def overdue(report: Report) -> Table:
    return Table(
        _header("id", "title", "agency", "due", "done"),
        [
            [
                a.activity.id,
                a.activity.title,
                report.label("agency", a.agency),
                day(a.activity.due),
                f"{a.done}/{a.activity.target}",
            ]
            for a in report.overdue
        ],
        frozenset({4}),
    )


def completed(report: Report) -> Table:
    return Table(
        _header("date", "activity", "quantity", "spent_vnd", "evidence"),
        [
            [
                day(c.completion.date),
                c.activity.activity.title,
                str(c.completion.quantity),
                figure(c.completion.spent),
                c.completion.evidence or "",
            ]
            for c in report.completed
        ],
        frozenset({2, 3}),
    )


def indicators(report: Report) -> Table:
    """Each indicator on the report's day: target in words, achieved, parts, state."""
    from ggov_plan.render import results

    return Table(
        _header("indicator", "target", "achieved", "measured_on", "parts", "state"),
        [
            [
                f.indicator.label,
                results.target(f.indicator, words=True),
                measure(f.achieved) if f.latest else "–",
                day(f.measured_on),
                results.parts(f),
                results.state(f),
            ]
            for f in report.indicators
        ],
        frozenset({2}),
    )


def overall_lines(report: Report, progress: str, escape: Callable[[str], str] = str) -> list[str]:
    """The "Overall" lines; ``progress`` is the percentage already formatted
    (bold in Markdown, a bar in HTML). Plan text in them (units, the budget's
    text) goes through ``escape``, the renderer's; the rest needs none."""
    figures = report.overview
    budget = figures.budget
    tasks = figures.task_counts
    counts = ", ".join(f"{figures.counts[s]} {t('state.' + s.value)}" for s in Status)
    lines = [
        t(
            "rep.progress_tasks_line",
            progress=progress,
            tasks=len(figures.tasks),
            done=tasks[TaskState.DONE],
            in_progress=tasks[TaskState.IN_PROGRESS],
            not_started=tasks[TaskState.NOT_STARTED],
        ),
        t("rep.quantities_line", quantities=escape(done_text(figures.quantities))),
        t("rep.activities_line", total=len(figures.activities), counts=counts),
    ]
    if budget.total is None:
        lines.append(
            t(
                "rep.budget_text_line",
                text=escape(report.budget_text or t("value.not_stated")),
                allocated=figure(budget.allocated),
                spent=figure(budget.spent),
            )
        )
    else:
        lines.append(
            t(
                "rep.budget_line",
                total=figure(budget.total),
                allocated=figure(budget.allocated),
                spent=figure(budget.spent),
                remaining=figure(budget.remaining),
            )
        )
    return lines


def period_line(report: Report) -> str | None:
    """ "Period: first half of 2017 (01/01/2017 – 30/06/2017)", or None without one."""
    period = report.period
    if period is None:
        return None
    return t(
        "rep.period_line", name=period.name().text(), start=day(period.start), end=day(period.end)
    )
