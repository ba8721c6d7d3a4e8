"""Plain data for JSON output: the declared plan, the status overview.

These dictionaries are the documented, stable JSON of every ``--json`` and
``--format json`` output but check's (see docs/json.md; their JSON Schemas are
in :mod:`ggov_plan.render.json_schemas`): keys keep their order, dates are
ISO 8601 strings and money is integer đồng. The same object has the same
shape in every output: a source is :func:`source_item`, a problem
:func:`~ggov_plan.render.check.problem_item`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ggov_plan.books.derive import (
    ActivityFigures,
    BudgetRow,
    MonthRow,
    Overview,
    ProgressRow,
    Results,
    SourceFigures,
    Status,
    TaskFigures,
    TaskState,
    UnitAmount,
    UnitQuantity,
)
from ggov_plan.books.indicators import IndicatorFigures, indicator_figures
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.periods import Period
from ggov_plan.books.report import Report
from ggov_plan.plan.model import COLLECTIONS, Plan, record_fields
from ggov_plan.render import shapes
from ggov_plan.render.shapes import problem_item
from ggov_plan.text import json_escape_c1, json_escape_c1_utf8

#: The one version of every JSON output, check's and failures' included
#: (:mod:`ggov_plan.render.shapes` says what each version changed).
JSON_VERSION = shapes.JSON_VERSION

_DECLARED = (
    "legal_bases",
    "objectives",
    "portals",
    "indicators",
    "contents",
    "channels",
    "agencies",
    "tasks",
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def dumps(data: Any) -> str:
    """JSON indented by two spaces, non-ASCII as is: the same text either way.

    orjson writes it some ten times faster than the standard library's
    pure-Python indenting encoder (docs/performance.md), and writes dates as
    ISO 8601 like ``isoformat()``. It refuses integers beyond 64 bits, which
    only a hostile plan holds: those go the standard way.

    Both escape only the control characters U+0000–U+001F; DEL and the C1
    controls (U+007F–U+009F, among them U+009B, the one-byte CSI) are escaped
    afterwards (``\\u009b``), so no control character reaches a terminal and
    ``json.loads`` still gives back the text exactly.
    """
    try:
        import orjson

        encoded: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (ImportError, TypeError):
        return json_escape_c1(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))
    return json_escape_c1_utf8(encoded).decode("utf-8")


def plan_header(plan: Plan) -> dict[str, Any]:
    header = record_fields(plan.header) if plan.header else {}
    return {"file": plan.file, **header}


def declared_plan(plan: Plan) -> dict[str, Any]:
    """The whole declared plan (``show --json``); the journal is left to its own commands."""
    attributes = {attribute for _, _, attribute in COLLECTIONS}
    out: dict[str, Any] = {"schema_version": JSON_VERSION, "plan": plan_header(plan)}
    for attribute in _DECLARED:
        assert attribute in attributes
        out[attribute] = [record_fields(r) for r in getattr(plan, attribute)]
    budget = record_fields(plan.budget) if plan.budget else {"total": 0, "sources": []}
    out["budget"] = budget
    return out


def _budget_text(total: int | None, plan: Plan) -> dict[str, str | None]:
    """``{"text": ...}`` where the plan states no total: how it says it is funded."""
    if total is not None:
        return {}
    return {"text": plan.budget.text if plan.budget else None}


def _in_period(spent: int | None) -> dict[str, int]:
    """``{"spent_in_period": n}`` when a period was asked for; nothing otherwise."""
    return {} if spent is None else {"spent_in_period": spent}


def period_item(period: Period | None) -> dict[str, Any] | None:
    """``{"start", "end", "name"}`` of a reporting period (its name in the run's language)."""
    if period is None:
        return None
    return {"start": period.start, "end": period.end, "name": period.name().text()}


def quantities_item(quantities: tuple[UnitQuantity, ...]) -> list[dict[str, Any]]:
    """Done (each activity up to its target) and target, one item per unit."""
    return [{"unit": q.unit, "done": q.done, "target": q.target} for q in quantities]


def _amounts(amounts: tuple[UnitAmount, ...], key: str) -> list[dict[str, Any]]:
    return [{"unit": a.unit, key: a.amount} for a in amounts]


def results_item(results: Results | None) -> dict[str, Any] | None:
    """What the completions of a span recorded: counts, quantities and reach per unit."""
    if results is None:
        return None
    return {
        "completions": results.completions,
        "activities": results.activities,
        "quantities": _amounts(results.quantities, "done"),
        "spent": results.spent,
        "reach": _amounts(results.reach, "reach"),
    }


def source_item(source: SourceFigures) -> dict[str, Any]:
    """A funding source with its money: the one shape of ``status`` and ``report``."""
    return {
        "id": source.id,
        "name": source.name,
        "amount": source.amount,
        "allocated": source.allocated,
        "spent": source.spent,
        **_in_period(source.period_spent),
        "remaining": source.remaining,
    }


def _source_row(plan: Plan, row: BudgetRow) -> dict[str, Any]:
    """A report's source row as :func:`source_item`; money with no source named
    is the row whose ``id`` and ``name`` are null."""
    names = {s.id: s.name for s in plan.sources}
    return {
        "id": row.key or None,
        "name": names.get(row.key, row.key) if row.key else None,
        "amount": row.declared,
        "allocated": row.allocated,
        "spent": row.spent,
        **_in_period(row.period_spent),
        "remaining": row.remaining,
    }


def task_item(task: TaskFigures) -> dict[str, Any]:
    return {
        "id": task.id,
        "state": task.state.value,
        "activities": task.activities,
        "done_activities": task.done_activities,
        "quantities": quantities_item(task.quantities),
        "progress": round(task.progress, 4),
    }


def tasks_counts(figures: Overview) -> dict[str, int]:
    counts = figures.task_counts
    return {"total": len(figures.tasks), **{s.value: counts[s] for s in TaskState}}


def overview(plan: Plan, figures: Overview) -> dict[str, Any]:
    """``status --json``."""
    budget = figures.budget
    counts = figures.counts
    return {
        "schema_version": JSON_VERSION,
        "plan": plan_header(plan),
        "as_of": figures.as_of,
        "period": period_item(figures.period),
        "budget": {
            "total": budget.total,
            **_budget_text(budget.total, plan),
            "allocated": budget.allocated,
            "spent": budget.spent,
            **_in_period(budget.period_spent),
            "remaining": budget.remaining,
            "sources": [source_item(s) for s in budget.sources],
        },
        "activities": {
            "total": len(figures.activities),
            **{status.value: counts[status] for status in Status},
            "quantities": quantities_item(figures.quantities),
        },
        "tasks": tasks_counts(figures),
        "results": {
            "period": results_item(figures.in_period),
            "cumulative": results_item(figures.cumulative),
        },
        "progress": round(figures.progress, 4),
        "task_progress": [task_item(task) for task in figures.tasks],
        "overdue": [activity_item(a) for a in figures.activities if a.status is Status.OVERDUE],
        "indicators": indicator_items(indicator_figures(plan, Ledger.of(plan, figures.as_of))),
    }


def activity_item(figures: ActivityFigures) -> dict[str, Any]:
    """One activity with its derived figures (``activity list --json``)."""
    activity = figures.activity
    return {
        "id": activity.id,
        "title": activity.title,
        "task": activity.task,
        "agency": figures.agency,
        "channel": activity.channel,
        "contents": list(activity.contents),
        "due": activity.due,
        "target": activity.target,
        "unit": activity.unit,
        "done": figures.done,
        "status": figures.status.value,
        "cost": activity.cost,
        "source": figures.source,
        "spent": figures.spent,
    }


def activity_list(rows: list[ActivityFigures], as_of: dt.date) -> dict[str, Any]:
    return {
        "schema_version": JSON_VERSION,
        "as_of": as_of,
        "activities": [activity_item(r) for r in rows],
    }


def activity_detail(plan: Plan, figures: ActivityFigures, as_of: dt.date) -> dict[str, Any]:
    ledger = Ledger.of(plan, as_of)
    entries = ledger.entries_of(figures.activity.id)
    completions = []
    for completion in entries.completions:
        item = record_fields(completion)
        void = ledger.voids.get(completion.id)
        item["void"] = record_fields(void) if void else None
        item["counted"] = ledger.counts(completion)
        completions.append(item)
    cancellation = entries.cancellation
    return {
        "schema_version": JSON_VERSION,
        "as_of": as_of,
        "activity": {**activity_item(figures), "created": figures.activity.created},
        "completions": completions,
        "cancellation": record_fields(cancellation) if cancellation else None,
    }


def progress_item(row: ProgressRow) -> dict[str, Any]:
    """One group of ``progress --json`` (and of the report's breakdowns)."""
    item: dict[str, Any] = {
        "key": row.key,
        "activities": row.activities,
        "done_activities": row.done_activities,
        "quantities": quantities_item(row.quantities),
        "spent": row.spent,
        "progress": round(row.progress, 4),
    }
    if row.state is not None:
        item["state"] = row.state.value
    if row.period is not None:
        item["period"] = results_item(row.period)
    return item


def progress(plan: Plan, figures: Overview, by: str, rows: list[ProgressRow]) -> dict[str, Any]:
    return {
        "schema_version": JSON_VERSION,
        "as_of": figures.as_of,
        "period": period_item(figures.period),
        "by": by,
        "progress": round(figures.progress, 4),
        "tasks": tasks_counts(figures),
        "groups": [progress_item(row) for row in rows],
    }


def indicator_item(figures: IndicatorFigures) -> dict[str, Any]:
    """One indicator on a day (``status --json``, ``progress --by indicator``, reports).

    ``by`` is the day the target is due (the indicator's, else the plan's
    end); ``achieved`` and ``measured_on`` are the latest live measurement's,
    null when nothing is measured; values are numbers as the file writes them
    (795, 80.5); ``milestone`` is the latest milestone due by the day, if any.
    """
    indicator = figures.indicator
    milestone = figures.milestone
    return {
        "id": indicator.id,
        "label": indicator.label,
        "qualifier": indicator.qualifier,
        "target": indicator.value,
        "unit": indicator.unit,
        "by": figures.deadline,
        "achieved": figures.achieved,
        "measured_on": figures.measured_on,
        "parts": [
            {"id": part.id, "label": part.label}
            | {"target": part.target, "achieved": part.achieved}
            for part in figures.parts
        ],
        "state": figures.state.value,
        "milestone": {"by": milestone.by, "value": milestone.value} if milestone else None,
    }


def indicator_items(figures: tuple[IndicatorFigures, ...]) -> list[dict[str, Any]]:
    return [indicator_item(f) for f in figures]


def progress_by_indicator(plan: Plan, as_of: dt.date) -> dict[str, Any]:
    """``progress --by indicator --json``: the indicators as ``status --json`` lists them."""
    return {
        "schema_version": JSON_VERSION,
        "as_of": as_of,
        "by": "indicator",
        "indicators": indicator_items(indicator_figures(plan, Ledger.of(plan, as_of))),
    }


def progress_by_month(figures: Overview, rows: list[MonthRow]) -> dict[str, Any]:
    """``progress --by month --json``: each month's work, and progress at its end."""
    return {
        "schema_version": JSON_VERSION,
        "as_of": figures.as_of,
        "period": period_item(figures.period),
        "by": "month",
        "progress": round(figures.progress, 4),
        "tasks": tasks_counts(figures),
        "groups": [
            {
                "key": row.key,
                **(results_item(row.recorded) or {}),
                "progress": round(row.progress, 4),
            }
            for row in rows
        ],
    }


def budget(plan: Plan, figures: Overview, by: str, rows: list[BudgetRow]) -> dict[str, Any]:
    total = figures.budget
    return {
        "schema_version": JSON_VERSION,
        "as_of": figures.as_of,
        "period": period_item(figures.period),
        "by": by,
        "total": {
            "declared": total.total,
            **_budget_text(total.total, plan),
            "allocated": total.allocated,
            "spent": total.spent,
            **_in_period(total.period_spent),
            "remaining": total.remaining,
        },
        "groups": [
            {
                "key": row.key or None,
                "declared": row.declared,
                "allocated": row.allocated,
                "spent": row.spent,
                **_in_period(row.period_spent),
                "remaining": row.remaining,
            }
            for row in rows
        ],
    }


def report(rep: Report) -> dict[str, Any]:
    """``report --format json``: everything the report says, keys in a fixed order."""
    figures = rep.overview
    return {
        "schema_version": JSON_VERSION,
        "plan": plan_header(rep.plan),
        "as_of": rep.as_of,
        "since": rep.since,
        "period": period_item(rep.period),
        "overall": {
            "progress": round(figures.progress, 4),
            "quantities": quantities_item(figures.quantities),
            "activities": {
                "total": len(figures.activities),
                **{status.value: figures.counts[status] for status in Status},
            },
            "tasks": tasks_counts(figures),
            "budget": {
                "total": figures.budget.total,
                **_budget_text(figures.budget.total, rep.plan),
                "allocated": figures.budget.allocated,
                "spent": figures.budget.spent,
                **_in_period(figures.budget.period_spent),
                "remaining": figures.budget.remaining,
            },
        },
        "results": {
            "period": results_item(figures.in_period),
            "cumulative": results_item(figures.cumulative),
        },
        "sources": [_source_row(rep.plan, row) for row in rep.sources],
        "breakdowns": {
            by: [
                {
                    "key": row.key or None,
                    "name": rep.label(by, row.key) if row.key else None,
                    **{k: v for k, v in progress_item(row).items() if k != "key"},
                }
                for row in rows
            ]
            for by, rows in rep.breakdowns.items()
        },
        "overdue": [activity_item(a) for a in rep.overdue],
        "completed": [
            {**record_fields(c.completion), "title": c.activity.activity.title}
            for c in rep.completed
        ],
        "problems": [problem_item(p) for p in rep.problems],
        "chart": [
            {"date": point.day, "progress": round(point.progress, 4), "spent": point.spent}
            for point in rep.chart
        ],
        "indicators": indicator_items(rep.indicators),
    }
