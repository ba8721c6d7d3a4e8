"""Bytes → TOML → model: read a plan file and build its records.

Reading stops with an exception only when there is no text to work with (no
file, a folder, bad UTF-8). Everything else — TOML syntax, missing or unknown
keys, wrong types — becomes a :class:`~ggov_plan.problems.Problem` located at
its line, and the records that are sound are still built, so that ``check``
can report every problem in one run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import errno
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ggov_plan.model import (
    CHILDREN,
    COLLECTIONS,
    FORMAT_VERSION,
    Budget,
    FieldSpec,
    Header,
    Plan,
    Record,
    field_specs,
)
from ggov_plan.problems import PlanNotFound, PlanUnreadable, Problem, Severity
from ggov_plan.sourcemap import Path as DataPath
from ggov_plan.sourcemap import SourceMap

#: Where a plan is looked for when no path is given, after $GGOV_PLAN_FILE.
DEFAULT_PLAN = Path("data") / "plan2017.toml"
PLAN_ENV = "GGOV_PLAN_FILE"

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)$")

_TOP_KEYS = ("format", "plan", "budget", *(key for key, _, _ in COLLECTIONS))
_KIND_WORDS = {
    "id": "an id (letters, digits, '-', '_' or '.')",
    "text": "a string",
    "money": "a whole number of đồng",
    "quantity": "a whole number",
    "date": "a date",
    "datetime": "a date-time",
    "ref": "an id (a string)",
    "refs": "a list of ids",
    "table": "a table",
    "tables": "an array of tables",
}
_KIND_EXAMPLES = {
    "money": "write whole đồng with no separators or quotes, e.g. 213000000 or 213_000_000",
    "quantity": "write a whole number with no quotes, e.g. 4",
    "date": "write a TOML date with no quotes, e.g. 2017-08-18",
    "datetime": "write a TOML date-time with no quotes, e.g. 2017-08-18T09:30:00+07:00",
    "refs": 'write a list of ids, e.g. ["so-tttt", "bao-ap-bac"]',
    "text": 'write the text in double quotes, e.g. "Sở Tài chính"',
}


@dataclass(frozen=True, slots=True)
class Loaded:
    """A plan file as read: its text, its data and model if it parsed, its problems."""

    file: str
    text: str
    data: dict[str, Any] | None
    plan: Plan | None
    problems: tuple[Problem, ...]
    sourcemap: SourceMap | None


# --------------------------------------------------------------------------- finding


def find_plan(
    explicit: str | os.PathLike[str] | None,
    environ: Mapping[str, str],
    cwd: Path,
) -> Path:
    """The plan file to use: ``--plan``, else ``$GGOV_PLAN_FILE``, else the default.

    An explicit path is returned as given, even if missing, so that the reader
    can say precisely what is wrong with it.
    """
    if explicit is not None:
        return Path(explicit)
    looked: list[str] = []
    from_env = environ.get(PLAN_ENV, "")
    if from_env:
        candidate = Path(from_env)
        if candidate.exists():
            return candidate
        # No fall-back to the default: a cron job with a typo in its
        # environment must not quietly read, or write to, another plan.
        raise PlanNotFound(
            f"no plan file found; looked in: ${PLAN_ENV} = {from_env}",
            hint=f"correct or unset {PLAN_ENV} (while it is set, {DEFAULT_PLAN} is not "
            "used), or pass --plan PATH",
        )
    default = cwd / DEFAULT_PLAN
    if default.exists():
        return default
    looked.append(str(default))
    raise PlanNotFound(
        "no plan file found; looked in: " + ", ".join(looked),
        hint=f"pass --plan PATH, set {PLAN_ENV}, or run from the folder that holds {DEFAULT_PLAN}",
    )


# --------------------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8; a leading byte-order mark is kept."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanNotFound(
            f"{path}: no such file", hint="check the path, or pass --plan PATH"
        ) from None
    except IsADirectoryError:
        raise PlanUnreadable(
            str(path), "is a folder, not a plan file", hint="name the .toml file inside it"
        ) from None
    except PermissionError:
        raise PlanUnreadable(
            str(path), "permission denied", hint="check the file's permissions"
        ) from None
    except OSError as error:
        reason = (
            "too many levels of symbolic links"
            if error.errno == errno.ELOOP
            else (error.strerror or str(error))
        )
        raise PlanUnreadable(str(path), f"cannot read: {reason}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # In characters, as TOML syntax errors count them, not bytes.
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise PlanUnreadable(
            str(path),
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            hint="save the file as UTF-8",
            line=line,
            column=column,
        ) from None


def load(path: Path) -> Loaded:
    """Read and parse a plan file. Raises only if the file has no readable text."""
    return parse(read_text(path), str(path))


# --------------------------------------------------------------------------- parsing


def parse(text: str, file: str) -> Loaded:
    """Parse plan text; syntax and structure problems are returned, not raised."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        problems.append(
            Problem(
                Severity.WARNING,
                "byte-order-mark",
                "the file starts with a byte-order mark",
                file,
                1,
                1,
                hint="save it as UTF-8 without BOM",
            )
        )
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(_syntax_problem(error, text, file))
        return Loaded(file, text, None, None, tuple(problems), None)
    except RecursionError:
        problems.append(
            Problem(
                Severity.ERROR,
                "syntax",
                "the file nests arrays or tables too deeply to read",
                file,
                hint="a plan needs no more than a few levels of nesting",
            )
        )
        return Loaded(file, text, None, None, tuple(problems), None)
    sourcemap = SourceMap(text)
    builder = _Builder(file, sourcemap, problems)
    data = builder.normalise(data, ())
    plan = builder.build(data)
    return Loaded(file, text, data, plan, tuple(problems), sourcemap)


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, file: str) -> Problem:
    message = str(error)
    line: int | None = None
    column: int | None = None
    position = _SYNTAX_POSITION.search(message)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        message = message[: position.start()]
    elif _SYNTAX_END.search(message):
        line = text.count("\n") + 1
        message = _SYNTAX_END.sub("", message) + " at end of file"
    message = message[:1].lower() + message[1:]
    return Problem(
        Severity.ERROR,
        "syntax",
        f"TOML syntax: {message}",
        file,
        line,
        column,
        hint="fix the TOML at this position (see docs/plan-format.md)",
    )


def format_path(path: DataPath) -> str:
    """``("task", 3, "channels")`` → ``task[3].channels``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class _Builder:
    """Checks raw TOML data against the record specs and builds the model."""

    def __init__(self, file: str, sourcemap: SourceMap, problems: list[Problem]) -> None:
        self.file = file
        self.map = sourcemap
        self.problems = problems
        self.declared: dict[str, set[str]] = {}

    def report(
        self,
        code: str,
        message: str,
        path: DataPath,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        line, column = self.map.locate(path)
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
                    "text is not in Unicode NFC form; it is read as NFC",
                    path,
                    "save the file with composed (NFC) characters",
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
        self._unknown_keys(data, _TOP_KEYS, (), "the top level")
        version = data.get("format")
        if version is None:
            self.report(
                "missing-key",
                "missing key 'format' at the top of the file",
                (),
                f"add `format = {FORMAT_VERSION}` before the first table",
            )
        elif type(version) is not int or version != FORMAT_VERSION:
            self.report(
                "format-version",
                f"format {version!r} is not one this version of ggov-plan reads",
                ("format",),
                f"write `format = {FORMAT_VERSION}`, or upgrade ggov-plan",
            )
        header = self._single(data, "plan", Header)
        budget = self._single(data, "budget", Budget)
        collections: dict[str, tuple[Record, ...]] = {}
        for key, cls, attribute in COLLECTIONS:
            collections[attribute] = tuple(self._many(data, key, cls))
        assert header is None or isinstance(header, Header)
        assert budget is None or isinstance(budget, Budget)
        return Plan(
            file=self.file,
            format=version if isinstance(version, int) else FORMAT_VERSION,
            header=header,
            budget=budget,
            declared_ids={k: frozenset(v) for k, v in self.declared.items()},
            **collections,  # type: ignore[arg-type]
        )

    def _single(self, data: dict[str, Any], key: str, cls: type[Record]) -> Record | None:
        if key not in data:
            self.report(
                "missing-key",
                f"missing table [{key}]",
                (),
                f"add a [{key}] table; see docs/plan-format.md",
            )
            return None
        return self._record(cls, data[key], (key,), f"[{key}]")

    def _many(self, data: dict[str, Any], key: str, cls: type[Record]) -> Iterable[Record]:
        items = data.get(key, [])
        if not isinstance(items, list):
            self.report(
                "wrong-type",
                f"'{key}' must be an array of tables, written [[{key}]]",
                (key,),
                f"write each item under its own [[{key}]] header",
            )
            return
        for index, raw in enumerate(items):
            record = self._record(cls, raw, (key, index), f"[[{key}]]")
            if record is not None:
                yield record

    def _record(self, cls: type[Record], raw: Any, path: DataPath, where: str) -> Record | None:
        if not isinstance(raw, dict):
            self.report(
                "wrong-type",
                f"{where} must be a table, not {_type_word(raw)}",
                path,
                f"write it as a {where} header followed by key = value lines",
            )
            return None
        specs = field_specs(cls)
        # Children are written under a singular key ([[budget.source]]) but
        # held under a plural attribute (Budget.sources).
        keys = {name: name for name in specs}
        if cls in CHILDREN:
            child_key, _, attribute = CHILDREN[cls]
            del keys[attribute]
            keys[child_key] = attribute
        self._unknown_keys(raw, tuple(keys), path, where)
        values: dict[str, Any] = {}
        sound = True
        record_id = raw.get("id")
        if "id" in specs and isinstance(record_id, str):
            self.declared.setdefault(cls.key, set()).add(record_id)
        label = f"{where} '{record_id}'" if isinstance(record_id, str) else where
        for key, name in keys.items():
            field_spec = specs[name]
            if key not in raw:
                if field_spec.required:
                    self.report(
                        "missing-key",
                        f"{label} has no '{key}' ({field_spec.doc.rstrip('.')})",
                        path,
                        f"add `{key} = …` to this table",
                    )
                    sound = False
                continue
            ok, value = self._value(cls, key, field_spec, raw[key], (*path, key), label)
            if ok:
                values[name] = value
            else:
                sound = False
        if not sound:
            return None
        line, column = self.map.locate(path)
        return cls(line=line or 0, column=column or 0, path=format_path(path), **values)

    def _value(
        self,
        cls: type[Record],
        name: str,
        field_spec: FieldSpec,
        value: Any,
        path: DataPath,
        label: str,
    ) -> tuple[bool, Any]:
        kind = field_spec.kind
        if kind == "table":
            child_key, child_cls, _ = CHILDREN[cls]
            record = self._record(child_cls, value, path, f"[{cls.key}.{child_key}]")
            return record is not None, record
        if kind == "tables":
            child_key, child_cls, _ = CHILDREN[cls]
            if not isinstance(value, list):
                self._wrong(label, name, kind, value, path)
                return False, None
            children = [
                self._record(child_cls, item, (*path, i), f"[[{cls.key}.{child_key}]]")
                for i, item in enumerate(value)
            ]
            return all(c is not None for c in children), tuple(children)
        if not _fits(kind, value):
            self._wrong(label, name, kind, value, path)
            return False, None
        if kind == "refs":
            return True, tuple(value)
        if kind == "id" and not ID_PATTERN.fullmatch(value):
            self.report(
                "bad-id",
                f"{label}: id {value!r} may hold only ASCII letters, digits, '-', '_' and '.'",
                path,
                f"write it without spaces or diacritics, e.g. {_suggest_id(value)!r}",
            )
            return False, None
        if kind == "text" and field_spec.required and not value.strip():
            self.report("empty-value", f"{label}: '{name}' is empty", path, f"write the {name}")
            return False, None
        if field_spec.choices and value not in field_spec.choices:
            self.report(
                "bad-value",
                f"{label}: '{name}' is {value!r}, not one of "
                + ", ".join(repr(c) for c in field_spec.choices),
                path,
                _did_you_mean(value, field_spec.choices),
            )
            return False, None
        return True, value

    def _wrong(self, label: str, name: str, kind: str, value: Any, path: DataPath) -> None:
        hint = _KIND_EXAMPLES.get(kind, "")
        if kind == "date" and isinstance(value, str):
            hint = "write a TOML date with no quotes, in year-month-day order, e.g. 2017-08-18"
        self.report(
            "wrong-type",
            f"{label}: '{name}' must be {_KIND_WORDS[kind]}, not {_type_word(value)}",
            path,
            hint,
        )

    def _unknown_keys(
        self, raw: dict[str, Any], allowed: tuple[str, ...], path: DataPath, where: str
    ) -> None:
        for key in raw:
            if key not in allowed:
                self.report(
                    "unknown-key",
                    f"unknown key '{key}' in {where}",
                    (*path, key),
                    _did_you_mean(key, allowed) or "allowed keys: " + ", ".join(allowed),
                )


def _fits(kind: str, value: Any) -> bool:
    if kind in ("id", "text", "ref"):
        return isinstance(value, str)
    if kind in ("money", "quantity"):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "datetime":
        return isinstance(value, dt.datetime)
    if kind == "refs":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    raise AssertionError(kind)


def _type_word(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the string {shown!r}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the decimal number {value}"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _suggest_id(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug or "my-id"


def record_fields(record: Record) -> dict[str, Any]:
    """A record's documented fields as a plain dict (children included as dicts)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if "spec" not in f.metadata:
            continue
        value = getattr(record, f.name)
        if isinstance(value, Record):
            value = record_fields(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], Record):
            value = [record_fields(v) for v in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out
