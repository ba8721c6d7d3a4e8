"""The tables of the status report as plain data, shared by its md and html forms.

Each function returns a :class:`Table` of unescaped strings (and
:class:`Ratio` cells for progress), so the Markdown and HTML renderers only
escape and lay out; what a table says is decided once, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ggov_plan.books.derive import Status
from ggov_plan.books.report import Report
from ggov_plan.i18n import t
from ggov_plan.i18n.dates import day
from ggov_plan.i18n.numbers import figure, measure


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


def sources(report: Report) -> Table:
    return Table(
        _header("source", "declared", "allocated", "spent", "remaining"),
        [
            [
                report.label("source", row.key),
                figure(row.declared) if row.declared is not None else "–",
                figure(row.allocated),
                figure(row.spent),
                figure(row.remaining),
            ]
            for row in report.sources
        ],
        frozenset({1, 2, 3, 4}),
    )


def progress(report: Report, by: str) -> Table:
    return Table(
        _header(by, "activities", "done", "quantity", "spent_vnd", "progress"),
        [
            [
                report.label(by, row.key),
                str(row.activities),
                str(row.done_activities),
                f"{row.done}/{row.target}",
                figure(row.spent),
                Ratio(row.progress),
            ]
            for row in report.breakdowns[by]
        ],
        frozenset({1, 2, 3, 4, 5}),
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


def overall_lines(report: Report, progress: str) -> list[str]:
    """The three "Overall" lines; ``progress`` is the percentage already formatted
    (bold in Markdown, a bar in HTML). The rest holds no plan text, so it needs no
    escaping in either format."""
    figures = report.overview
    budget = figures.budget
    counts = ", ".join(f"{figures.counts[s]} {t('state.' + s.value)}" for s in Status)
    return [
        t(
            "rep.progress_line",
            progress=progress,
            done=report.quantity_done,
            target=report.quantity_target,
        ),
        t("rep.activities_line", total=len(figures.activities), counts=counts),
        t(
            "rep.budget_line",
            total=figure(budget.total),
            allocated=figure(budget.allocated),
            spent=figure(budget.spent),
            remaining=figure(budget.remaining),
        ),
    ]
