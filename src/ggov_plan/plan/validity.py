"""What a valid value and a sound record are: one judgement, compiled once per class.

The field specs of :mod:`ggov_plan.plan.model` say how each key is written.
From them this module compiles, once per record class, a :class:`RecordRule`:
for every field an ordered list of :class:`Condition` (right type, then an
id's pattern, a required text's content, a choice among a few). That list is
the only definition of a valid value:

- the fast path (:meth:`RecordRule.sound_values`), which every record of a
  plan and every appended journal block goes through, accepts a value when
  all the conditions hold, in as few steps as possible;
- the careful builder (:mod:`ggov_plan.plan.build`) runs the same accepting
  functions, and asks :meth:`FieldRule.fault` only when one refuses a value,
  to learn which condition failed and word a problem for it.

So the two paths cannot disagree about a value: one accepts it exactly when
the other finds no fault.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from ggov_plan.plan.model import (
    CHILDREN,
    COLLECTIONS,
    SINGLES,
    FieldSpec,
    Record,
    field_specs,
)

#: What an id looks like: in the file, and on the command line (``--id``).
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class Fault(enum.Enum):
    """Why a value is refused; the value is the problem code the builder reports."""

    WRONG_TYPE = "wrong-type"
    BAD_ID = "bad-id"
    EMPTY = "empty-value"
    NOT_A_CHOICE = "bad-value"


#: What an accepting function returns for a value it refuses. Never a value
#: TOML can produce, so a stored value is never mistaken for it.
REFUSED: Final = object()


@dataclass(frozen=True, slots=True)
class Condition:
    """One thing a valid value must be, and the fault if it is not."""

    fault: Fault
    holds: Callable[[Any], bool]


# TOML gives exactly these types (never a subclass), so ``type(v) is`` is the
# whole test: it keeps True out of the numbers and a datetime out of the dates.
_TYPE_TESTS: Mapping[str, Callable[[Any], bool]] = MappingProxyType(
    {
        "id": lambda v: type(v) is str,
        "text": lambda v: type(v) is str,
        "ref": lambda v: type(v) is str,
        "money": lambda v: type(v) is int,
        "quantity": lambda v: type(v) is int,
        "date": lambda v: type(v) is dt.date,
        "datetime": lambda v: type(v) is dt.datetime,
        "refs": lambda v: type(v) is list and all(type(i) is str for i in v),
        "texts": lambda v: type(v) is list and all(type(i) is str for i in v),
        "flag": lambda v: type(v) is bool,
        "measure": lambda v: _is_measure(v),
        "values": lambda v: type(v) is dict and all(_is_measure(i) for i in v.values()),
    }
)


def _is_measure(value: Any) -> bool:
    """A whole number, or a finite number with at most two decimals (80.5, 21.25)."""
    if type(value) is int:
        return True
    if type(value) is not float or value != value or value in (float("inf"), float("-inf")):
        return False
    return round(value, 2) == value


def conditions(field_spec: FieldSpec) -> tuple[Condition, ...]:
    """The conditions a value of this field must meet, in the order they are
    judged: a later one may assume the earlier ones hold (a string, say)."""
    kind = field_spec.kind
    found = [Condition(Fault.WRONG_TYPE, _TYPE_TESTS[kind])]
    if kind == "id":
        matches = ID_PATTERN.fullmatch
        found.append(Condition(Fault.BAD_ID, lambda v: matches(v) is not None))
    if kind == "text" and field_spec.required:
        found.append(Condition(Fault.EMPTY, lambda v: bool(v.strip())))
    if field_spec.choices:
        choices = frozenset(field_spec.choices)
        found.append(Condition(Fault.NOT_A_CHOICE, lambda v: v in choices))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class FieldRule:
    """The judgement of one field's values (not of sub-tables: see :class:`RecordRule`)."""

    spec: FieldSpec
    conditions: tuple[Condition, ...]
    #: The value to store if every condition holds (a list of refs becomes a
    #: tuple), else :data:`REFUSED`. Runs for every key of every record.
    accept: Callable[[Any], Any]

    def fault(self, value: Any) -> Fault | None:
        """The first condition ``value`` fails, or None if it is valid."""
        for condition in self.conditions:
            if not condition.holds(value):
                return condition.fault
        return None


def _accepting(checks: tuple[Condition, ...], as_tuple: bool) -> Callable[[Any], Any]:
    """All of ``checks`` as one function, in as few calls as possible.

    It is :meth:`FieldRule.fault` is None, made fast: a field has one to
    three conditions, and unrolling them spares a loop per value.
    """
    tests = tuple(c.holds for c in checks)
    if as_tuple:
        (test,) = tests  # lists and inline tables: the type test says it all
        return lambda v: (tuple(v.items()) if type(v) is dict else tuple(v)) if test(v) else REFUSED
    if len(tests) == 1:
        (first,) = tests
        return lambda v: v if first(v) else REFUSED
    if len(tests) == 2:
        first, second = tests
        return lambda v: v if first(v) and second(v) else REFUSED
    return lambda v: v if all(test(v) for test in tests) else REFUSED


def field_rule(field_spec: FieldSpec) -> FieldRule:
    checks = conditions(field_spec)
    # Lists and inline tables are held as tuples, so records stay immutable.
    as_tuple = field_spec.kind in ("refs", "texts", "values")
    return FieldRule(field_spec, checks, _accepting(checks, as_tuple))


@dataclass(frozen=True, slots=True)
class RecordRule:
    """What a sound record of one class is, compiled once from its field specs."""

    cls: type[Record]
    #: Key as written in the file → attribute of the record. They differ only
    #: for children, written singular (``[[budget.source]]``) and held plural
    #: (``Budget.sources``).
    keys: Mapping[str, str]
    required: frozenset[str]  # keys as written
    specs: Mapping[str, FieldSpec]  # by attribute, as declared in the model
    fields: Mapping[str, FieldRule]  # by attribute; not the sub-table fields
    #: No sub-tables: a sound record is judged in one pass (:meth:`sound_values`).
    simple: bool

    def sound_values(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        """The record's values if every key is known, present when required and
        valid; None if anything needs a closer look (the careful builder)."""
        keys = raw.keys()
        if not self.simple or not keys <= self.keys.keys() or not self.required <= keys:
            return None
        fields = self.fields
        values = {}
        for key, raw_value in raw.items():
            value = fields[key].accept(raw_value)
            if value is REFUSED:
                return None
            values[key] = value
        return values

    def sound_record(self, raw: Any, path: str, line: int, column: int) -> Record | None:
        """The record ``raw`` makes at ``path``, if it is sound; else None."""
        values = self.sound_values(raw) if type(raw) is dict else None
        if values is None:
            return None
        return self.cls(line=line, column=column, path=path, **values)


def _compile(cls: type[Record]) -> RecordRule:
    specs = field_specs(cls)
    keys = {name: name for name in specs}
    for child in CHILDREN.get(cls, ()):
        del keys[child.attribute]
        keys[child.key] = child.attribute
    return RecordRule(
        cls=cls,
        keys=MappingProxyType(keys),
        required=frozenset(key for key, name in keys.items() if specs[name].required),
        specs=MappingProxyType(specs),
        fields=MappingProxyType(
            {name: field_rule(s) for name, s in specs.items() if s.kind not in ("table", "tables")}
        ),
        simple=not any(s.kind in ("table", "tables") for s in specs.values()),
    )


def _every_record_class() -> tuple[type[Record], ...]:
    top = (*(cls for _, cls, _, _ in SINGLES), *(cls for _, cls, _ in COLLECTIONS))
    return (*top, *(child.cls for children in CHILDREN.values() for child in children))


#: Every record class's rule, compiled once at import (a dozen classes).
RULES: Mapping[type[Record], RecordRule] = MappingProxyType(
    {cls: _compile(cls) for cls in _every_record_class()}
)
