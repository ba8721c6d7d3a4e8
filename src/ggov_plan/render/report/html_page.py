"""The report as one self-contained HTML file: inline CSS, an inline SVG chart.

Nothing is fetched from the network, and every piece of plan text goes
through :func:`html.escape`, so a title such as ``<script>`` is shown, never
run.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ggov_plan.books.indicators import IndicatorFigures
from ggov_plan.books.report import BREAKDOWNS, ChartPoint, Report
from ggov_plan.i18n import current, t
from ggov_plan.i18n.dates import day as _date
from ggov_plan.i18n.numbers import percent
from ggov_plan.render.report import tables as report_tables
from ggov_plan.render.report.tables import Ratio, Table
from ggov_plan.text import visible_controls

_CSS = """
body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #1d2733; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d5dbe3; }
.subtitle { font-weight: 600; }
.meta { color: #5a6877; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { border: 1px solid #d5dbe3; padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #eef2f6; }
td.num, th.num { text-align: right; white-space: nowrap; }
.pct { white-space: nowrap; }
.bar { display: inline-block; width: 8rem; height: .7rem; background: #e3e8ee;
       vertical-align: middle; margin-right: .4rem; }
.bar span { display: block; height: 100%; background: #2e8b57; }
table.overdue td:nth-child(2) { color: #b3261e; font-weight: 600; }
.none { color: #5a6877; font-style: italic; }
svg text { font-size: 11px; fill: #5a6877; }
h3.indicator-chart { font-size: 1rem; margin: 1.2rem 0 .2rem; }
figure.chart { margin: 1rem 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
div.legend { margin: .2rem 0 0; font-size: .9rem; color: #5a6877; }
div.legend .item { display: inline-block; margin-right: 1.2rem; }
div.legend .key { display: inline-block; width: 1.6rem; height: 0; vertical-align: middle;
                 margin-right: .35rem; border-top: 3px solid; }
div.legend .progress { border-color: #2e8b57; }
div.legend .spending { border-color: #c77700; }
div.legend .plan { border-top: 2px dashed #8a96a3; }
div.legend .as-of { border-top: 2px dotted #1d2733; width: .9rem; }
/* Printed: A4 with the margins of Nghị định 30/2020 (top and bottom 20-25 mm,
   left 30-35, right 15-20); a heading never ends a page, a row is never cut. */
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; color: #000; }
  h1, h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  tr, figure.chart, div.legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { margin-top: 1.2rem; }
  .bar, .bar span, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()

# Chart geometry, in SVG user units.
_W, _H = 640, 244
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 16, 24


def _e(value: object) -> str:
    return escape(visible_controls(str(value)), quote=True)


def _percent(ratio: float) -> str:
    return percent(ratio)


def _bar(ratio: float) -> str:
    width = f"{100 * min(max(ratio, 0.0), 1.0):.1f}%"
    return (
        f'<span class="pct"><span class="bar"><span style="width:{width}"></span></span>'
        f"{_percent(ratio)}</span>"
    )


def _table(
    header: list[str], rows: list[list[str]], numeric: set[int], table_class: str = ""
) -> str:
    head = "".join(
        f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
        for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    opening = f'<table class="{table_class}">' if table_class else "<table>"
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _table_html(table: Table, table_class: str = "") -> str:
    # A progress bar is not a figure: left-aligned, like the text it sits with.
    ratios = {i for row in table.rows for i, c in enumerate(row) if isinstance(c, Ratio)}
    rows = [[_bar(c.value) if isinstance(c, Ratio) else _e(c) for c in row] for row in table.rows]
    return _table([_e(h) for h in table.header], rows, set(table.numeric - ratios), table_class)


#: At most this many month marks on the chart's axis, whatever the plan's length.
_MAX_TICKS = 16
#: Months between two marks: every month, quarter, half year, year, then years.
_TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of months from ``start`` to ``end`` that the axis marks.

    Every month for a plan of up to :data:`_MAX_TICKS` months; for a longer one,
    every 2nd, 3rd, 6th … month (January, April, July, October for quarters),
    so that the chart stays small for a period as long as year 1 to 9999. The
    months are counted, not stepped through, so that no date beyond 9999 is made.
    """
    first = start.year * 12 + start.month - 1 + (start.day > 1)  # months since year 0
    last = end.year * 12 + end.month - 1
    count = last - first + 1
    if count <= 0:
        return []
    step = next((s for s in _TICK_STEPS if count <= _MAX_TICKS * s), _TICK_STEPS[-1])
    aligned = -(-first // step) * step
    return [dt.date(n // 12, n % 12 + 1, 1) for n in range(aligned, last + 1, step)]


def chart(report: Report) -> str:
    """Cumulative progress and spending across the plan period, against the plan.

    The plan is drawn as the straight line from 0% at the start to 100% at the
    end; progress (share of targets reached) and spending (share of the
    budget) are step lines up to the as-of date.
    """
    header = report.plan.header
    assert header is not None
    start, end = header.start, max(header.end, report.as_of)
    days = max((end - start).days, 1)
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    total = report.overview.budget.total

    def x(day: dt.date) -> float:
        return _LEFT + width * min(max((day - start).days / days, 0.0), 1.0)

    def y(ratio: float) -> float:
        return _TOP + height * (1 - min(max(ratio, 0.0), 1.0))

    def steps(points: list[tuple[dt.date, float]]) -> str:
        last = min(report.as_of, end)
        coords = [(x(start), y(0.0))]
        value = 0.0
        for day, ratio in points:
            if day < start:
                value = ratio
                continue
            coords += [(x(day), y(value)), (x(day), y(ratio))]
            value = ratio
        coords.append((x(last), y(value)))
        return " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)

    series: list[ChartPoint] = report.chart
    progress = steps([(p.day, p.progress) for p in series])
    spending = steps([(p.day, p.spent / total if total else 0.0) for p in series])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="100%" '
        f'role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{t("rep.chart_title")}</title>',
    ]
    for ratio in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{_LEFT}" y1="{y(ratio):.1f}" x2="{_W - _RIGHT}" y2="{y(ratio):.1f}" '
            f'stroke="#e3e8ee"/><text x="{_LEFT - 6}" y="{y(ratio) + 4:.1f}" '
            f'text-anchor="end">{int(ratio * 100)}%</text>'
        )
    for month in _month_ticks(start, end):
        parts.append(
            f'<line x1="{x(month):.1f}" y1="{_TOP + height}" x2="{x(month):.1f}" '
            f'y2="{_TOP + height + 4}" stroke="#5a6877"/>'
            f'<text x="{x(month):.1f}" y="{_TOP + height + 16}" text-anchor="middle">'
            f"{month:%m/%Y}</text>"
        )
    parts += [
        f'<line class="plan" x1="{x(start):.1f}" y1="{y(0):.1f}" x2="{x(header.end):.1f}" '
        f'y2="{y(1):.1f}" stroke="#8a96a3" stroke-dasharray="5 4"/>',
        # No budget stated, no share of it: no spending line rather than a flat 0%.
        *(
            [
                f'<polyline class="spending" points="{spending}" fill="none" '
                f'stroke="#c77700" stroke-width="2"/>'
            ]
            if total
            else []
        ),
        f'<polyline class="progress" points="{progress}" fill="none" stroke="#2e8b57" '
        f'stroke-width="2.5"/>',
        f'<line x1="{x(report.as_of):.1f}" y1="{_TOP}" x2="{x(report.as_of):.1f}" '
        f'y2="{_TOP + height}" stroke="#1d2733" stroke-dasharray="2 3"/>',
        "</svg>",
    ]
    # The title and legend are HTML, not SVG: an SVG <title> is only a tooltip,
    # and a printed page must say what the lines are.
    legend = [
        ("progress", t("rep.legend.progress")),
        *([("spending", t("rep.legend.spending"))] if total else []),
        ("plan", t("rep.legend.plan")),
        ("as-of", t("rep.legend.as_of", as_of=_date(report.as_of))),
    ]
    return "\n".join(
        [
            '<figure class="chart">',
            f'<figcaption id="chart-caption">{t("rep.chart_title")}</figcaption>',
            *parts,
            '<div class="legend">'
            + "".join(
                f'<span class="item"><span class="key {key}"></span>{_e(text)}</span>'
                for key, text in legend
            )
            + "</div>",
            "</figure>",
        ]
    )


# An indicator's chart, in SVG user units: smaller than the progress chart.
_IW, _IH = 640, 200
_ITOP, _IBOTTOM = 12, 40


def _axis_top(values: list[float]) -> float:
    """The top of an indicator's value axis: a round number over every value drawn."""
    highest = max([*values, 1.0])
    step = 10 ** max(len(str(int(highest))) - 1, 0)
    return float(-(-highest * 1.1 // step) * step)


def indicator_chart(report: Report, figures: IndicatorFigures, number: int) -> str:
    """One indicator: its measured values as a line, its milestones as dots, its
    target as a dashed line, across the plan's period (to the target's day if later)."""
    from ggov_plan.i18n.numbers import measure
    from ggov_plan.render import results

    header = report.plan.header
    assert header is not None
    indicator = figures.indicator
    start = header.start
    end = max(header.end, report.as_of, figures.deadline or header.end)
    days = max((end - start).days, 1)
    width, height = _IW - _LEFT - _RIGHT, _IH - _ITOP - _IBOTTOM
    top = _axis_top(
        [float(indicator.value)]
        + [float(m.value) for m in indicator.milestones]
        + [float(m.value) for m in figures.history]
    )

    def x(day: dt.date) -> float:
        return _LEFT + width * min(max((day - start).days / days, 0.0), 1.0)

    def y(value: float) -> float:
        return _ITOP + height * (1 - min(max(value / top, 0.0), 1.0))

    ident = f"indicator-chart-{number}"
    title = t("rep.indicator_chart_title", label=indicator.label)
    parts = [
        f'<h3 class="indicator-chart">{_e(indicator.label)} '
        f'<span class="meta">({_e(results.target(indicator, words=True))}; '
        f"{_e(results.state(figures))})</span></h3>",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_IW} {_IH}" width="100%" '
        f'role="img" aria-labelledby="{ident}">',
        f'<title id="{ident}">{_e(title)}</title>',
    ]
    for value in (0.0, top / 2, top):
        shown = measure(int(value) if value == int(value) else round(value, 2))
        shown += "%" if indicator.is_percentage else ""
        parts.append(
            f'<line x1="{_LEFT}" y1="{y(value):.1f}" x2="{_IW - _RIGHT}" y2="{y(value):.1f}" '
            f'stroke="#e3e8ee"/><text x="{_LEFT - 6}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end">{_e(shown)}</text>'
        )
    for month in _month_ticks(start, end):
        parts.append(
            f'<line x1="{x(month):.1f}" y1="{_ITOP + height}" x2="{x(month):.1f}" '
            f'y2="{_ITOP + height + 4}" stroke="#5a6877"/>'
            f'<text x="{x(month):.1f}" y="{_ITOP + height + 16}" text-anchor="middle">'
            f"{month:%m/%Y}</text>"
        )
    target_end = x(figures.deadline or end)
    parts.append(
        f'<line class="target" x1="{_LEFT}" y1="{y(indicator.value):.1f}" '
        f'x2="{target_end:.1f}" y2="{y(indicator.value):.1f}" stroke="#8a96a3" '
        f'stroke-dasharray="5 4"><title>{_e(results.target(indicator, words=True))}</title></line>'
    )
    for milestone in indicator.milestones:
        label = f"{_date(milestone.by)}: {measure(milestone.value)}"
        parts.append(
            f'<circle class="milestone" cx="{x(milestone.by):.1f}" cy="{y(milestone.value):.1f}" '
            f'r="4" fill="#ffffff" stroke="#c77700" stroke-width="2"><title>{_e(label)}</title>'
            "</circle>"
        )
    if figures.history:
        points = " ".join(f"{x(m.date):.1f},{y(m.value):.1f}" for m in figures.history)
        parts.append(
            f'<polyline class="measured" points="{points}" fill="none" stroke="#2e8b57" '
            f'stroke-width="2.5"/>'
        )
        for m in figures.history:
            label = f"{_date(m.date)}: {measure(m.value)}"
            parts.append(
                f'<circle cx="{x(m.date):.1f}" cy="{y(m.value):.1f}" r="3" fill="#2e8b57">'
                f"<title>{_e(label)}</title></circle>"
            )
    else:
        parts.append(f'<text x="{_LEFT + 8}" y="{_ITOP + 14}">{_e(t("rep.no_measurement"))}</text>')
    parts += [
        f'<line x1="{x(report.as_of):.1f}" y1="{_ITOP}" x2="{x(report.as_of):.1f}" '
        f'y2="{_ITOP + height}" stroke="#1d2733" stroke-dasharray="2 3"/>',
        f'<text x="{_LEFT + 8}" y="{_IH - 6}">'
        f'<tspan fill="#2e8b57">━ {t("rep.legend.measured")}</tspan>'
        f'  <tspan fill="#c77700">○ {t("rep.legend.milestone")}</tspan>'
        f'  <tspan fill="#8a96a3">╌ {t("rep.legend.target")}</tspan>'
        f"  ┆ {t('rep.legend.as_of', as_of=_date(report.as_of))}</text>",
        "</svg>",
    ]
    return "\n".join(parts)


def indicators(report: Report) -> list[str]:
    """The indicators section: the table, then a chart for each indicator measured
    or with milestones; nothing for a plan with no indicators."""
    if not report.indicators:
        return []
    body = [f"<h2>{t('rep.indicators')}</h2>", _table_html(report_tables.indicators(report))]
    body += [
        indicator_chart(report, figures, number)
        for number, figures in enumerate(report.indicators, start=1)
        if figures.history or figures.indicator.milestones
    ]
    return body


def render(report: Report) -> str:
    plan = report.plan
    header = plan.header
    assert header is not None
    figures = report.overview
    body = [
        f"<h1>{t('rep.title', kind=_e(header.kind), number=_e(header.number))}</h1>",
        f'<p class="subtitle">{_e(header.title)}</p>',
        '<p class="meta">'
        + t(
            "rep.meta",
            as_of=_date(report.as_of),
            start=_date(header.start),
            end=_date(header.end),
            file=f"<code>{_e(plan.file)}</code>",
        )
        + "</p>",
        f"<h2>{t('rep.overall')}</h2>",
        "<ul>",
        *(
            f"<li>{line}</li>"
            for line in [
                *(_e(p) for p in filter(None, [report_tables.period_line(report)])),
                *report_tables.overall_lines(report, _bar(figures.progress), escape=_e),
            ]
        ),
        "</ul>",
        chart(report),
        *indicators(report),
        f"<h2>{t('rep.results')}</h2>",
        _table_html(report_tables.results(report)),
        f"<h2>{t('rep.budget_by_source')}</h2>",
        _table_html(report_tables.sources(report)),
    ]
    for by in BREAKDOWNS:
        body.append(f"<h2>{t('rep.progress_by', by=t(f'by.{by}'))}</h2>")
        if report.breakdowns[by]:
            body.append(_table_html(report_tables.progress(report, by)))
        else:
            body.append(f'<p class="none">{t("rep.no_activities")}</p>')
    body.append(f"<h2>{t('rep.overdue')}</h2>")
    if report.overdue:
        body.append(_table_html(report_tables.overdue(report), table_class="overdue"))
    else:
        body.append(f'<p class="none">{t("rep.none")}</p>')
    body.append(f"<h2>{t('rep.completed_since', since=_date(report.since))}</h2>")
    if report.completed:
        body.append(_table_html(report_tables.completed(report)))
    else:
        body.append(f'<p class="none">{t("rep.nothing_in_period")}</p>')
    body.append(f"<h2>{t('rep.problems_html')}</h2>")
    if report.problems:
        body.append(
            "<ul>"
            + "".join(
                "<li>"
                + t(
                    "rep.problem_line",
                    severity=t(f"check.{p.severity.value}"),
                    code=f"<code>{_e(p.code)}</code>",
                    line=p.line or "?",
                    message=_e(p.message),
                )
                + "</li>"
                for p in report.problems
            )
            + "</ul>"
        )
    else:
        body.append(f'<p class="none">{t("rep.none")}</p>')
    title = t("rep.page_title", number=header.number, as_of=_date(report.as_of))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
