"""The JSON Schemas (draft 2020-12) of every JSON output, for ``ggov-plan schema NAME``.

Written by hand beside the shapes they describe (:mod:`ggov_plan.render.data`,
:mod:`ggov_plan.render.shapes`, :func:`ggov_plan.render.check.as_json`), and
kept honest by tests that validate real outputs against them
(tests/render/test_json_contracts.py). They are strict where a shape is fixed
(``additionalProperties: false``); a plan's own records (``show``, a
completion in ``activity show``, the ``plan`` header) follow the plan file's
fields and stay open, as docs/json.md says. ``schema_version`` is a
``const``: a script that validates learns of a new version at once.
"""

from __future__ import annotations

import json
from typing import Any

from ggov_plan.render.shapes import ERROR_CODES, JSON_VERSION

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


def _null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Schema], *optional: str) -> Schema:
    """A fixed shape: every key but ``optional`` required, no other key."""
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


_STR: Schema = {"type": "string"}
_INT: Schema = {"type": "integer"}
_NUM: Schema = {"type": "number"}
_BOOL: Schema = {"type": "boolean"}
_DATE: Schema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_SHARE: Schema = {"type": "number", "minimum": 0, "maximum": 1}
_VERSION: Schema = {"const": JSON_VERSION}

_TASK_STATES = ("not_started", "in_progress", "done")
_STATUSES = ("planned", "in_progress", "done", "overdue", "cancelled")

_DEFS: dict[str, Schema] = {
    "money": _INT,
    "period": _null(_object({"start": _DATE, "end": _DATE, "name": _STR})),
    "quantity": _object({"unit": _null(_STR), "done": _NUM, "target": _NUM}),
    "results": _null(
        _object(
            {
                "completions": _INT,
                "activities": _INT,
                "quantities": _array(_object({"unit": _null(_STR), "done": _NUM})),
                "spent": _INT,
                "reach": _array(_object({"unit": _null(_STR), "reach": _NUM})),
            }
        )
    ),
    "tasks": _object({"total": _INT, **{s: _INT for s in _TASK_STATES}}),
    "activity": _object(
        {
            "id": _STR,
            "title": _STR,
            "task": _STR,
            "agency": _null(_STR),
            "channel": _null(_STR),
            "contents": _array(_STR),
            "due": _null(_DATE),
            "target": _NUM,
            "unit": _null(_STR),
            "done": _NUM,
            "status": {"enum": list(_STATUSES)},
            "cost": _null(_INT),
            "source": _null(_STR),
            "spent": _INT,
        }
    ),
    "indicator": _object(
        {
            "id": _STR,
            "label": _STR,
            "qualifier": {"enum": ["exactly", "more-than", "at-least", "at-most", "less-than"]},
            "target": _NUM,
            "unit": _null(_STR),
            "by": _null(_DATE),
            "achieved": _null(_NUM),
            "measured_on": _null(_DATE),
            "parts": _array(
                _object(
                    {
                        "id": _null(_STR),
                        "label": _STR,
                        "target": _null(_NUM),
                        "achieved": _null(_NUM),
                    }
                )
            ),
            "state": {"enum": ["not-measured", "met", "on-track", "behind", "missed"]},
            "milestone": _null(_object({"by": _DATE, "value": _NUM})),
        }
    ),
    "source": _object(
        {
            "id": _null(_STR),
            "name": _null(_STR),
            "amount": _null(_INT),
            "allocated": _INT,
            "spent": _INT,
            "spent_in_period": _INT,
            "remaining": _null(_INT),
        },
        "spent_in_period",
    ),
    "budget_total": _object(
        {
            "total": _null(_INT),
            "text": _null(_STR),
            "allocated": _INT,
            "spent": _INT,
            "spent_in_period": _INT,
            "remaining": _null(_INT),
        },
        "text",
        "spent_in_period",
    ),
    "problem": _object(
        {
            "code": _STR,
            "severity": {"enum": ["error", "warning", "info"]},
            "message": _STR,
            "hint": _STR,
            "line": _null({"type": "integer", "minimum": 1}),
            "column": _null({"type": "integer", "minimum": 1}),
            "path": _STR,
        }
    ),
    "plan": {
        "description": "The [plan] table with `file` added: keys as in plan-format.md.",
        "type": "object",
        "properties": {"file": _STR},
        "required": ["file"],
    },
    "progress_group": _object(
        {
            "key": _null(_STR),
            "activities": _INT,
            "done_activities": _INT,
            "quantities": _array(_ref("quantity")),
            "spent": _INT,
            "progress": _SHARE,
            "state": {"enum": list(_TASK_STATES)},
            "period": _ref("results"),
        },
        "state",
        "period",
    ),
}

_RECORDS: Schema = _array({"type": "object", "properties": {"id": _STR}})


def _check_file() -> Schema:
    problems = _array(_ref("problem"))
    accepted = {**_DEFS["problem"], "properties": {**_DEFS["problem"]["properties"]}}
    accepted["properties"]["reason"] = _STR
    accepted["required"] = [*accepted["required"], "reason"]
    return _object(
        {
            "schema_version": _VERSION,
            "file": _STR,
            "valid": _BOOL,
            "errors": problems,
            "warnings": problems,
            "notes": problems,
            "accepted": _array(accepted),
        }
    )


def _schemas() -> dict[str, tuple[str, Schema]]:
    """Each output's schema, by the name ``ggov-plan schema NAME`` takes."""
    budget_group = _object(
        {
            "key": _null(_STR),
            "declared": _null(_INT),
            "allocated": _INT,
            "spent": _INT,
            "spent_in_period": _INT,
            "remaining": _null(_INT),
        },
        "spent_in_period",
    )
    budget_declared = _object(
        {
            "declared": _null(_INT),
            "text": _null(_STR),
            "allocated": _INT,
            "spent": _INT,
            "spent_in_period": _INT,
            "remaining": _null(_INT),
        },
        "text",
        "spent_in_period",
    )
    by_groups = _object(
        {
            "schema_version": _VERSION,
            "as_of": _DATE,
            "period": _ref("period"),
            "by": {"enum": ["task", "agency", "channel", "content"]},
            "progress": _SHARE,
            "tasks": _ref("tasks"),
            "groups": _array(_ref("progress_group")),
        }
    )
    month_group = _object(
        {
            "key": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
            **_DEFS["results"]["anyOf"][0]["properties"],
            "progress": _SHARE,
        }
    )
    by_month = {
        **by_groups,
        "properties": {
            **by_groups["properties"],
            "by": {"const": "month"},
            "groups": _array(month_group),
        },
    }
    by_indicator = _object(
        {
            "schema_version": _VERSION,
            "as_of": _DATE,
            "by": {"const": "indicator"},
            "indicators": _array(_ref("indicator")),
        }
    )
    status_budget = {
        **_DEFS["budget_total"],
        "properties": {**_DEFS["budget_total"]["properties"], "sources": _array(_ref("source"))},
        "required": [*_DEFS["budget_total"]["required"], "sources"],
    }
    results = _object({"period": _ref("results"), "cumulative": _ref("results")})
    breakdown_row = {
        **_DEFS["progress_group"],
        "properties": {**_DEFS["progress_group"]["properties"], "name": _null(_STR)},
        "required": [*_DEFS["progress_group"]["required"], "name"],
    }
    return {
        "check": (
            "check --format json: one file's object, or a list of them for several files",
            {"anyOf": [_check_file(), _array(_check_file())]},
        ),
        "show": (
            "show --json: the declared plan; records have the keys of plan-format.md",
            _object(
                {
                    "schema_version": _VERSION,
                    "plan": _ref("plan"),
                    **{
                        k: _RECORDS
                        for k in (
                            "legal_bases",
                            "objectives",
                            "portals",
                            "indicators",
                            "contents",
                            "channels",
                            "agencies",
                            "tasks",
                        )
                    },
                    "budget": {
                        "type": "object",
                        "properties": {
                            "total": _null(_INT),
                            "sources": _array(
                                {
                                    "type": "object",
                                    "properties": {
                                        "id": _STR,
                                        "name": _STR,
                                        "amount": _null(_INT),
                                    },
                                    "required": ["id", "name", "amount"],
                                }
                            ),
                        },
                        "required": ["total", "sources"],
                    },
                }
            ),
        ),
        "status": (
            "status --json: the dashboard as of a day",
            _object(
                {
                    "schema_version": _VERSION,
                    "plan": _ref("plan"),
                    "as_of": _DATE,
                    "period": _ref("period"),
                    "budget": status_budget,
                    "activities": _object(
                        {
                            "total": _INT,
                            **{s: _INT for s in _STATUSES},
                            "quantities": _array(_ref("quantity")),
                        }
                    ),
                    "tasks": _ref("tasks"),
                    "results": results,
                    "progress": _SHARE,
                    "task_progress": _array(
                        _object(
                            {
                                "id": _STR,
                                "state": {"enum": list(_TASK_STATES)},
                                "activities": _INT,
                                "done_activities": _INT,
                                "quantities": _array(_ref("quantity")),
                                "progress": _SHARE,
                            }
                        )
                    ),
                    "overdue": _array(_ref("activity")),
                    "indicators": _array(_ref("indicator")),
                }
            ),
        ),
        "progress": (
            "progress --json: groups by task, agency, channel or content; by month; by indicator",
            {"anyOf": [by_groups, by_month, by_indicator]},
        ),
        "budget": (
            "budget --json: money by source, agency, channel or task",
            _object(
                {
                    "schema_version": _VERSION,
                    "as_of": _DATE,
                    "period": _ref("period"),
                    "by": {"enum": ["source", "agency", "channel", "task"]},
                    "total": budget_declared,
                    "groups": _array(budget_group),
                }
            ),
        ),
        "activity-list": (
            "activity list --json",
            _object(
                {
                    "schema_version": _VERSION,
                    "as_of": _DATE,
                    "activities": _array(_ref("activity")),
                }
            ),
        ),
        "activity-show": (
            "activity show ID --json: an activity and its journal",
            _object(
                {
                    "schema_version": _VERSION,
                    "as_of": _DATE,
                    "activity": {
                        **_DEFS["activity"],
                        "properties": {**_DEFS["activity"]["properties"], "created": _DATE},
                        "required": [*_DEFS["activity"]["required"], "created"],
                    },
                    "completions": _array(
                        {
                            "type": "object",
                            "properties": {
                                "id": _STR,
                                "void": _null({"type": "object"}),
                                "counted": _BOOL,
                            },
                            "required": ["id", "void", "counted"],
                        }
                    ),
                    "cancellation": _null({"type": "object"}),
                }
            ),
        ),
        "report": (
            "report --format json: everything the status report says",
            _object(
                {
                    "schema_version": _VERSION,
                    "plan": _ref("plan"),
                    "as_of": _DATE,
                    "since": _null(_DATE),
                    "period": _ref("period"),
                    "overall": _object(
                        {
                            "progress": _SHARE,
                            "quantities": _array(_ref("quantity")),
                            "activities": _object({"total": _INT, **{s: _INT for s in _STATUSES}}),
                            "tasks": _ref("tasks"),
                            "budget": _ref("budget_total"),
                        }
                    ),
                    "results": results,
                    "sources": _array(_ref("source")),
                    "breakdowns": {
                        "type": "object",
                        "additionalProperties": _array(breakdown_row),
                    },
                    "overdue": _array(_ref("activity")),
                    "completed": _array(
                        {
                            "type": "object",
                            "properties": {"id": _STR, "title": _STR},
                            "required": ["id", "title"],
                        }
                    ),
                    "problems": _array(_ref("problem")),
                    "chart": _array(_object({"date": _DATE, "progress": _SHARE, "spent": _INT})),
                    "indicators": _array(_ref("indicator")),
                }
            ),
        ),
        "error": (
            "what a JSON command prints on stdout when it fails (problems: a plan not valid)",
            _object(
                {
                    "schema_version": _VERSION,
                    "error": _object(
                        {
                            "code": {"enum": list(ERROR_CODES)},
                            "message": _STR,
                            "hint": _STR,
                            "exit_code": {"type": "integer", "minimum": 1},
                        }
                    ),
                    "problems": _array(_ref("problem")),
                },
                "problems",
            ),
        ),
    }


#: The names ``ggov-plan schema NAME`` takes, in the order docs/json.md lists them.
NAMES = tuple(_schemas())


def schema(name: str) -> Schema:
    """The JSON Schema of output ``name`` (one of :data:`NAMES`); KeyError otherwise."""
    title, body = _schemas()[name]
    return {
        "$schema": _DIALECT,
        "title": f"ggov-plan {title}",
        **body,
        "$defs": _DEFS,
    }


def schema_text(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
