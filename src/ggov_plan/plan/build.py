"""The careful builder: raw TOML data → the model, with every problem located.

:class:`Builder` walks the data of a whole plan. A record whose table header
was found goes first through the fast judgement of
:mod:`ggov_plan.plan.validity` (nearly all of them pass). Any other record
is built here, key by key, with the same judgement; when it refuses a value,
this module asks it which condition failed and words a
:class:`~ggov_plan.problems.Problem` at the value's line. The records that
are sound are still built, so that ``check`` reports every problem in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ggov_plan.i18n.message import PerLanguage, Text, msg
from ggov_plan.plan.model import (
    CHILDREN,
    COLLECTIONS,
    FORMAT_VERSION,
    SINGLES,
    Plan,
    Record,
    child_of,
)
from ggov_plan.plan.sourcemap import Path as DataPath
from ggov_plan.plan.sourcemap import SourceMap, header_positions
from ggov_plan.plan.validity import REFUSED, RULES, Fault, FieldRule
from ggov_plan.problems import Problem, Severity

#: Where each table header stands: (line, column) by data path.
Headers = dict[DataPath, tuple[int, int]]

_TOP_KEYS = ("format", *(key for key, _, _, _ in SINGLES), *(key for key, _, _ in COLLECTIONS))
#: Kinds whose wrong-type hint shows how to write them (catalog ``load.example.<kind>``).
_KINDS_WITH_EXAMPLE = frozenset({"money", "quantity", "date", "datetime", "refs", "text"})


def format_path(path: DataPath) -> str:
    """``("task", 3, "channels")`` → ``task[3].channels``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class Builder:
    """Checks raw TOML data against the record rules and builds the model.

    Records are placed at the line of their table header. On a large plan a
    full :class:`SourceMap` costs as much as the TOML parse, so headers are
    found with one regular expression (:func:`header_positions`) and the
    full map is built only when a problem must point at a key's own line;
    it is then kept in :attr:`sourcemap` for whoever needs it next.
    """

    def __init__(self, file: str, text: str | None, problems: list[Problem]) -> None:
        self.file = file
        self.text = text  # None: problems are not located (normalising alone)
        self.problems = problems
        self.declared: dict[str, set[str]] = {}
        self.headers: Headers | None = None
        self.sourcemap: SourceMap | None = None

    def locate(self, path: DataPath) -> tuple[int | None, int | None]:
        """Where a key or table stands, from the full source map."""
        if self.text is None:
            return None, None
        if self.sourcemap is None:
            self.sourcemap = SourceMap(self.text)
        return self.sourcemap.locate(path)

    def record_position(self, path: DataPath) -> tuple[int, int]:
        found = self.headers.get(path) if self.headers is not None else None
        if found is None:
            line, column = self.locate(path)
            return line or 0, column or 0
        return found

    def report(
        self,
        code: str,
        message: Text,
        path: DataPath,
        hint: Text = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        line, column = self.locate(path)
        self.problems.append(
            Problem(severity, code, message, self.file, line, column, format_path(path), hint)
        )

    # Text is NFC throughout; a file written otherwise is read as NFC, and told.
    def normalise(self, value: Any, path: DataPath) -> Any:
        if isinstance(value, str):
            normal = unicodedata.normalize("NFC", value)
            if normal != value:
                self.report(
                    "not-nfc",
                    msg("load.not_nfc"),
                    path,
                    msg("load.not_nfc.hint"),
                    Severity.WARNING,
                )
            return normal
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                normal_key = unicodedata.normalize("NFC", key)
                out[normal_key] = self.normalise(item, (*path, normal_key))
            return out
        if isinstance(value, list):
            return [self.normalise(item, (*path, index)) for index, item in enumerate(value)]
        return value

    def build(self, data: dict[str, Any]) -> Plan:
        if self.text is not None:
            self.headers = agreeing_headers(self.text, data)
        self._unknown_keys(data, _TOP_KEYS, (), msg("load.top_level"))
        version = data.get("format")
        if version is None:
            self.report(
                "missing-key",
                msg("load.missing_format"),
                (),
                msg("load.missing_format.hint", version=FORMAT_VERSION),
            )
        elif type(version) is not int or version != FORMAT_VERSION:
            self.report(
                "format-version",
                msg("load.format_version", version=repr(version)),
                ("format",),
                msg("load.format_version.hint", version=FORMAT_VERSION),
            )
        singles = {
            attribute: self._single(data, key, cls, required)
            for key, cls, attribute, required in SINGLES
        }
        collections: dict[str, tuple[Record, ...]] = {}
        for key, cls, attribute in COLLECTIONS:
            collections[attribute] = tuple(self._many(data, key, cls))
        return Plan(
            file=self.file,
            format=version if isinstance(version, int) else FORMAT_VERSION,
            declared_ids={k: frozenset(v) for k, v in self.declared.items()},
            **singles,  # type: ignore[arg-type]
            **collections,  # type: ignore[arg-type]
        )

    def _single(
        self, data: dict[str, Any], key: str, cls: type[Record], required: bool
    ) -> Record | None:
        if key not in data and not required:
            return None
        if key not in data:
            self.report(
                "missing-key",
                msg("load.missing_table", key=key),
                (),
                msg("load.missing_table.hint", key=key),
            )
            return None
        return self._record(cls, data[key], (key,), f"[{key}]")

    def _many(self, data: dict[str, Any], key: str, cls: type[Record]) -> Iterable[Record]:
        items = data.get(key, [])
        if not isinstance(items, list):
            self.report(
                "wrong-type",
                msg("load.not_array", key=key),
                (key,),
                msg("load.not_array.hint", key=key),
            )
            return
        rule = RULES[cls]
        declared = self.declared.setdefault(cls.key, set())
        headers = self.headers or {}
        for index, raw in enumerate(items):
            # Fast path for a sound record (nearly all of them): one pass of
            # the record's rule, no messages. Anything odd goes the careful
            # way, which judges it by the same rule and says what is wrong.
            position = headers.get((key, index))
            record = rule.sound_record(raw, f"{key}[{index}]", *position) if position else None
            if record is None:
                record = self._record(cls, raw, (key, index), f"[[{key}]]")
                if record is not None:
                    yield record
                continue
            if "id" in raw:
                declared.add(raw["id"])
            yield record

    def _record(self, cls: type[Record], raw: Any, path: DataPath, where: Text) -> Record | None:
        if not isinstance(raw, dict):
            self.report(
                "wrong-type",
                msg("load.not_table", where=where, value=_type_word(raw)),
                path,
                msg("load.not_table.hint", where=where),
            )
            return None
        rule = RULES[cls]
        keys = rule.keys
        self._unknown_keys(raw, tuple(keys), path, where)
        values: dict[str, Any] = {}
        sound = True
        record_id = raw.get("id")
        if "id" in keys and isinstance(record_id, str):
            # Declared even if the record is refused: a reference to it is
            # then not reported a second time.
            self.declared.setdefault(cls.key, set()).add(record_id)
        # repr(): quoted as before, and a line break or control character in
        # the id shows as \n or \x1b instead of breaking the message's line.
        label: Text = (
            msg("problem.then", first=where, then=f" {record_id!r}")
            if isinstance(record_id, str)
            else where
        )
        for key, name in keys.items():
            if key not in raw:
                if key in rule.required:
                    # The field's documentation exists only in English so far.
                    doc = rule.specs[name].doc
                    message = msg(
                        "problem.then",
                        first=msg("load.missing_key", label=label, key=key),
                        then=PerLanguage(en=f" ({doc.rstrip('.')})", vi=""),
                    )
                    self.report("missing-key", message, path, msg("load.missing_key.hint", key=key))
                    sound = False
                continue
            ok, value = self._value(cls, key, name, raw[key], (*path, key), label)
            if ok:
                values[name] = value
            else:
                sound = False
        if not sound:
            return None
        line, column = self.record_position(path)
        return cls(line=line, column=column, path=format_path(path), **values)

    def _value(
        self,
        cls: type[Record],
        key: str,
        name: str,
        value: Any,
        path: DataPath,
        label: Text,
    ) -> tuple[bool, Any]:
        field = RULES[cls].fields.get(name)
        if field is None:  # a sub-table, or an array of them: records of their own
            return self._children(cls, name, value, path, label)
        accepted = field.accept(value)
        if accepted is not REFUSED:
            return True, accepted
        fault = field.fault(value)
        assert fault is not None, f"{cls.__name__}.{name}: accept and fault disagree"
        self._explain(fault, field, key, value, path, label)
        return False, None

    def _children(
        self, cls: type[Record], attribute: str, value: Any, path: DataPath, label: Text
    ) -> tuple[bool, Any]:
        child_key, child_cls, _ = child_of(cls, attribute)
        key = child_key
        if RULES[cls].specs[attribute].kind == "table":
            record = self._record(child_cls, value, path, f"[{cls.key}.{child_key}]")
            return record is not None, record
        if not isinstance(value, list):
            self._wrong(label, key, "tables", value, path)
            return False, None
        children = [
            self._record(child_cls, item, (*path, i), f"[[{cls.key}.{child_key}]]")
            for i, item in enumerate(value)
        ]
        return all(c is not None for c in children), tuple(children)

    def _explain(
        self, fault: Fault, field: FieldRule, key: str, value: Any, path: DataPath, label: Text
    ) -> None:
        """Word the problem of a value the field's rule refused, and why."""
        if fault is Fault.WRONG_TYPE:
            self._wrong(label, key, field.spec.kind, value, path)
        elif fault is Fault.BAD_ID:
            self.report(
                fault.value,
                msg("load.bad_id", label=label, value=repr(value)),
                path,
                msg("load.bad_id.hint", example=repr(_suggest_id(value))),
            )
        elif fault is Fault.EMPTY:
            self.report(
                fault.value,
                msg("load.empty_value", label=label, key=key),
                path,
                msg("load.empty_value.hint", key=key),
            )
        else:
            choices = field.spec.choices
            self.report(
                fault.value,
                msg(
                    "load.bad_value",
                    label=label,
                    key=key,
                    value=repr(value),
                    choices=", ".join(repr(c) for c in choices),
                ),
                path,
                _did_you_mean(value, choices),
            )

    def _wrong(self, label: Text, name: str, kind: str, value: Any, path: DataPath) -> None:
        hint = msg(f"load.example.{kind}") if kind in _KINDS_WITH_EXAMPLE else ""
        if kind == "date" and isinstance(value, str):
            hint = msg("load.example.date_string")
        self.report(
            "wrong-type",
            msg(
                "load.wrong_type",
                label=label,
                key=name,
                kind=msg(f"load.kind.{kind}"),
                value=_type_word(value),
            ),
            path,
            hint,
        )

    def _unknown_keys(
        self, raw: dict[str, Any], allowed: tuple[str, ...], path: DataPath, where: Text
    ) -> None:
        for key in raw:
            if key not in allowed:
                self.report(
                    "unknown-key",
                    msg("load.unknown_key", key=key, where=where),
                    (*path, key),
                    _did_you_mean(key, allowed)
                    or msg("load.unknown_key.hint", keys=", ".join(allowed)),
                )


def agreeing_headers(text: str, data: dict[str, Any]) -> Headers | None:
    """Header positions, if they surely match the data's tables; else None.

    :func:`header_positions` does not follow strings, so a line inside a
    multi-line string that looks like a header would shift the count. Every
    array of tables must therefore have exactly one header per element.
    """
    positions = header_positions(text)
    if positions is None:
        return None
    if not {path[0] for path in positions} <= data.keys():
        return None
    for key, value in data.items():
        if type(value) is list and not count_agrees(positions, (key,), value):
            return None
        if key in _PARENT_KEYS:
            elements = value if type(value) is list else [value]
            for index, element in enumerate(elements):
                if type(element) is not dict:
                    continue
                base = (key, index) if type(value) is list else (key,)
                for child, items in element.items():
                    if type(items) is list and not count_agrees(positions, (*base, child), items):
                        return None
    return positions


def count_agrees(positions: Headers, path: DataPath, items: list[Any]) -> bool:
    """Whether ``positions`` has exactly one header per table of ``items`` at ``path``."""
    if not items or not all(type(item) is dict for item in items):
        return (*path, 0) not in positions
    return (*path, len(items) - 1) in positions and (*path, len(items)) not in positions


#: Keys whose tables have arrays of sub-tables ([[budget.source]], [[indicator.part]]).
_PARENT_KEYS = frozenset(cls.key for cls in CHILDREN)


def _type_word(value: Any) -> Text:
    """A value as a wrong-type message shows it, as written in the file: ``the number 5``."""
    if isinstance(value, bool):
        return msg("load.value.boolean", value=str(value).lower())
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return msg("load.value.string", value=repr(shown))
    if isinstance(value, int):
        return msg("load.value.number", value=value)
    if isinstance(value, float):
        return msg("load.value.decimal", value=value)
    if isinstance(value, dt.datetime):
        return msg("load.value.datetime", value=value.isoformat())
    if isinstance(value, dt.date):
        return msg("load.value.date", value=value.isoformat())
    if isinstance(value, dt.time):
        return msg("load.value.time", value=value.isoformat())
    if isinstance(value, list):
        return msg("load.value.list")
    if isinstance(value, dict):
        return msg("load.value.table")
    return type(value).__name__


def _did_you_mean(word: str, choices: Iterable[str]) -> Text:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return msg("problem.did_you_mean", name=close[0]) if close else ""


def _suggest_id(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug or "my-id"
