"""The plan file as a JSON Schema, generated from the record specs.

Editors (Even Better TOML and other taplo-based tools) and validators such as
check-jsonschema read TOML through JSON Schema. This module builds that schema
from the same ``spec(...)`` metadata the loader checks against and
``docs/plan-format.md`` documents (:mod:`ggov_plan.plan.model`), so that the schema
cannot drift from the format: a new key, kind or choice shows up here too.

The schema says what can be said structurally: keys, types, required keys,
id syntax, choices, non-negative amounts. What needs the whole plan (a
reference naming a declared id, sums, date order) is left to ``ggov-plan
check``. TOML dates and date-times have no JSON counterpart; a validator that
converts TOML to JSON sees them as ISO 8601 strings, so they are described as
strings with ``format: date`` / ``format: date-time``.

It keeps to keywords that older validators read the same way (``type``,
``properties``, ``required``, ``additionalProperties``, ``items`` as one
schema, ``enum``, ``const``, ``pattern``, ``minimum``, ``minLength``, no
``$ref``), so that editors built on taplo, which does not implement every
draft-2020-12 keyword, validate with it as check-jsonschema does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from ggov_plan.plan.model import (
    CHILDREN,
    COLLECTIONS,
    FORMAT_VERSION,
    SINGLES,
    FieldSpec,
    Record,
    Signer,
    child_of,
    field_specs,
)
from ggov_plan.plan.validity import ID_PATTERN

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:ggov-plan:plan-format:{FORMAT_VERSION}"

#: ID_PATTERN is used with fullmatch; a JSON Schema pattern matches anywhere.
ID_SCHEMA_PATTERN = f"^(?:{ID_PATTERN.pattern})$"
#: A required text must hold more than white space, as the loader requires.
NOT_BLANK_PATTERN = r"\S"


def _json_value(value: Any) -> Any:
    """A spec example or default as JSON: dates become ISO 8601 strings, as in TOML → JSON."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    return value


def table_header(cls: type[Record]) -> str:
    """``[plan]``, ``[plan.signer]``, ``[budget]``, else ``[[key]]``."""
    single = any(cls is single for _, single, _, _ in SINGLES) or cls is Signer
    return f"[{cls.key}]" if single else f"[[{cls.key}]]"


def _value_schema(cls: type[Record], name: str, field_spec: FieldSpec) -> dict[str, Any]:
    kind = field_spec.kind
    if kind in ("table", "tables"):
        child_cls = child_of(cls, name).cls
        child = record_schema(child_cls)
        if kind == "table":
            return child
        return {
            "title": table_header(child_cls),
            "description": child_cls.doc,
            "type": "array",
            "items": child,
        }
    out: dict[str, Any] = {"description": field_spec.doc}
    if kind == "id":
        out.update(type="string", pattern=ID_SCHEMA_PATTERN)
    elif kind == "text":
        out["type"] = "string"
        if field_spec.required:
            out.update(minLength=1, pattern=NOT_BLANK_PATTERN)
    elif kind in ("money", "quantity"):
        out.update(type="integer", minimum=0)
    elif kind == "measure":
        out.update(type="number", minimum=0)
    elif kind == "values":
        out.update(type="object", additionalProperties={"type": "number", "minimum": 0})
    elif kind == "texts":
        out.update(type="array", items={"type": "string"})
    elif kind == "flag":
        out["type"] = "boolean"
    elif kind == "date":
        out.update(type="string", format="date")
    elif kind == "datetime":
        out.update(type="string", format="date-time")
    elif kind == "ref":
        out["type"] = "string"
    elif kind == "refs":
        out.update(type="array", items={"type": "string"})
    else:  # pragma: no cover - every Kind is handled above
        raise AssertionError(kind)
    if field_spec.ref:
        what = "An id" if kind == "ref" else "Ids"
        out["description"] += f" {what} declared in [[{field_spec.ref}]]."
    if field_spec.choices:
        out["enum"] = list(field_spec.choices)
    return out


def record_schema(cls: type[Record]) -> dict[str, Any]:
    """One table of the plan file as a JSON Schema object, keys in declaration order."""
    specs = field_specs(cls)
    defaults = {
        f.name: f.default
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING and f.default not in (None, ())
    }
    keys = {child.attribute: child.key for child in CHILDREN.get(cls, ())}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, field_spec in specs.items():
        # Children are held under a plural attribute but written under their
        # singular TOML key: Budget.sources is [[budget.source]].
        key = keys.get(name, name)
        value = _value_schema(cls, name, field_spec)
        if name in defaults:
            value["default"] = _json_value(defaults[name])
        if field_spec.example is not None:
            value["examples"] = [_json_value(field_spec.example)]
        properties[key] = value
        if field_spec.required:
            required.append(key)
    out: dict[str, Any] = {
        "title": table_header(cls),
        "description": cls.doc,
        "type": "object",
        "properties": properties,
    }
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a whole plan file (format ``FORMAT_VERSION``)."""
    properties: dict[str, Any] = {
        "format": {
            "description": "Version of the file format; this ggov-plan reads "
            f"format {FORMAT_VERSION}. Written first, before any table.",
            "type": "integer",
            "const": FORMAT_VERSION,
        },
        **{key: record_schema(cls) for key, cls, _, _ in SINGLES},
    }
    for key, cls, _ in COLLECTIONS:
        properties[key] = {
            "title": table_header(cls),
            "description": cls.doc,
            "type": "array",
            "items": record_schema(cls),
        }
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": f"ggov-plan plan file, format {FORMAT_VERSION}",
        "description": "A publicity plan (Kế hoạch) declared in TOML, with its journal of "
        "activities and completions. Generated by `ggov-plan schema`; every key has a "
        "description. `ggov-plan check` also checks what a schema cannot: "
        "references to declared ids, sums, date order.",
        "type": "object",
        "properties": properties,
        "required": ["format", *(key for key, _, _, required in SINGLES if required)],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as stable JSON text: declaration order, 2-space indent, UTF-8, final newline."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
