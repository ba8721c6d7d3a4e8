"""Plain data for JSON output: the declared plan, the status overview.

These dictionaries are the documented, stable JSON of ``show --json`` and
``status --json`` (see docs/json.md): keys keep their order, dates are ISO
8601 strings and money is integer đồng.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ggov_plan.derive import Overview, Status
from ggov_plan.load import record_fields
from ggov_plan.model import COLLECTIONS, Plan

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
    return json.dumps(_jsonable(data), ensure_ascii=False, indent=2)


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
        },
        "progress": round(figures.progress, 4),
    }
