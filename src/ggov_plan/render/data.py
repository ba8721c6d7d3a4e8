"""Plain data for JSON output: the declared plan, the status overview.

These dictionaries are the documented, stable JSON of ``show --json`` and
``status --json`` (see docs/json.md): keys keep their order, dates are ISO
8601 strings and money is integer đồng.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ggov_plan.books.derive import (
    ActivityFigures,
    BudgetRow,
    Overview,
    ProgressRow,
    Status,
)
from ggov_plan.books.indicators import IndicatorFigures, indicator_figures
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.report import Report
from ggov_plan.plan.load import record_fields
from ggov_plan.plan.model import COLLECTIONS, Plan
from ggov_plan.text import json_escape_c1, json_escape_c1_utf8

#: Bumped when a key is removed or changes meaning; adding keys does not bump it.
JSON_VERSION = 1

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


def overview(plan: Plan, figures: Overview) -> dict[str, Any]:
    """``status --json``."""
    budget = figures.budget
    counts = figures.counts
    return {
        "schema_version": JSON_VERSION,
        "plan": plan_header(plan),
        "as_of": figures.as_of,
        "budget": {
            "total": budget.total,
            "allocated": budget.allocated,
            "spent": budget.spent,
            "remaining": budget.remaining,
            "sources": [
                {
                    "id": s.id,
                    "name": s.name,
                    "amount": s.amount,
                    "allocated": s.allocated,
                    "spent": s.spent,
                    "remaining": s.remaining,
                }
                for s in budget.sources
            ],
        },
        "activities": {
            "total": len(figures.activities),
            **{status.value: counts[status] for status in Status},
            "quantity_done": sum(
                min(a.done, a.activity.target)
                for a in figures.activities
                if a.status is not Status.CANCELLED
            ),
            "quantity_target": sum(
                a.activity.target for a in figures.activities if a.status is not Status.CANCELLED
            ),
        },
        "progress": round(figures.progress, 4),
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
    return {
        "key": row.key,
        "activities": row.activities,
        "done_activities": row.done_activities,
        "target": row.target,
        "done": row.done,
        "spent": row.spent,
        "progress": round(row.progress, 4),
    }


def progress(plan: Plan, figures: Overview, by: str, rows: list[ProgressRow]) -> dict[str, Any]:
    return {
        "schema_version": JSON_VERSION,
        "as_of": figures.as_of,
        "by": by,
        "progress": round(figures.progress, 4),
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


def budget(plan: Plan, figures: Overview, by: str, rows: list[BudgetRow]) -> dict[str, Any]:
    total = figures.budget
    return {
        "schema_version": JSON_VERSION,
        "as_of": figures.as_of,
        "by": by,
        "total": {
            "declared": total.total,
            "allocated": total.allocated,
            "spent": total.spent,
            "remaining": total.remaining,
        },
        "groups": [
            {
                "key": row.key or None,
                "declared": row.declared,
                "allocated": row.allocated,
                "spent": row.spent,
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
        "overall": {
            "progress": round(figures.progress, 4),
            "quantity_done": rep.quantity_done,
            "quantity_target": rep.quantity_target,
            "activities": {
                "total": len(figures.activities),
                **{status.value: figures.counts[status] for status in Status},
            },
            "budget": {
                "total": figures.budget.total,
                "allocated": figures.budget.allocated,
                "spent": figures.budget.spent,
                "remaining": figures.budget.remaining,
            },
        },
        "sources": [
            {
                "id": row.key or None,
                "declared": row.declared,
                "allocated": row.allocated,
                "spent": row.spent,
                "remaining": row.remaining,
            }
            for row in rep.sources
        ],
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
        "problems": [
            {
                "severity": p.severity.value,
                "code": p.code,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
            }
            for p in rep.problems
        ],
        "chart": [
            {"date": point.day, "progress": round(point.progress, 4), "spent": point.spent}
            for point in rep.chart
        ],
        "indicators": indicator_items(rep.indicators),
    }
