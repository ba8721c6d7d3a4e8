"""A plan as plain data, positions included, for tests that compare two ways of building it."""

from __future__ import annotations

import dataclasses
from typing import Any

from ggov_plan.plan.model import COLLECTIONS, Plan, Record


def exact(value: Any) -> Any:
    """A record as plain data, with the fields equality ignores (line, column, path)."""
    if isinstance(value, Record):
        fields = dataclasses.fields(value)
        return (type(value).__name__, tuple(exact(getattr(value, f.name)) for f in fields))
    if isinstance(value, tuple):
        return tuple(exact(v) for v in value)
    return value


def plan_facts(plan: Plan) -> Any:
    return (
        plan.file,
        plan.format,
        exact(plan.header),
        exact(plan.budget),
        tuple(exact(getattr(plan, attribute)) for _, _, attribute in COLLECTIONS),
        {key: ids for key, ids in plan.declared_ids.items() if ids},
    )
