"""Bytes → TOML → model: read a plan file and build its records.

Reading stops with an exception only when there is no text to work with (no
file, a folder, bad UTF-8). Everything else — TOML syntax, missing or unknown
keys, wrong types — becomes a :class:`~ggov_plan.problems.Problem` located at
its line, and the records that are sound are still built, so that ``check``
can report every problem in one run.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import difflib
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    # The compiled tomli reads a plan 2.3 to 2.8 times faster than the standard
    # library's tomllib (docs/performance.md). tomllib is the same parser at an
    # older version, with the same messages, so it is a safe fall-back when no
    # compiled wheel is installed.
    import tomli as toml_reader
except ImportError:  # pragma: no cover - exercised by tests with tomli hidden
    import tomllib as toml_reader  # type: ignore[no-redef]

from ggov_plan.i18n.message import PerLanguage, Text, msg
from ggov_plan.plan.model import (
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
from ggov_plan.plan.sourcemap import Path as DataPath
from ggov_plan.plan.sourcemap import SourceMap, header_positions
from ggov_plan.problems import PlanNotFound, PlanUnreadable, Problem, Severity

#: Where a plan is looked for when no path is given, after $GGOV_PLAN_FILE.
DEFAULT_PLAN = Path("data") / "plan2017.toml"
PLAN_ENV = "GGOV_PLAN_FILE"

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)$")

_TOP_KEYS = ("format", "plan", "budget", *(key for key, _, _ in COLLECTIONS))
#: Kinds whose wrong-type hint shows how to write them (catalog ``load.example.<kind>``).
_KINDS_WITH_EXAMPLE = frozenset({"money", "quantity", "date", "datetime", "refs", "text"})

#: tomllib's syntax messages (first letter lowered) → catalog key; the groups
#: are passed on as they are: a quoted character, a key.
_TOML_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"invalid statement", "toml.invalid_statement"),
        (r"expected newline or end of document after a statement", "toml.expected_newline"),
        (r"expected '\]' at the end of a table declaration", "toml.table_end"),
        (r"expected '\]\]' at the end of an array declaration", "toml.array_end"),
        (r"expected '=' after a key in a key/value pair", "toml.expected_equals"),
        (r"expected (?P<what>.+)", "toml.expected"),
        (r"found invalid character (?P<char>.+)", "toml.invalid_character"),
        (r"cannot declare (?P<key>.+) twice", "toml.declared_twice"),
        (r"cannot overwrite a value", "toml.overwrite"),
        (r"cannot mutate immutable namespace (?P<key>.+)", "toml.immutable"),
        (r"cannot redefine namespace (?P<key>.+)", "toml.redefine"),
        (r"invalid initial character for a key part", "toml.key_start"),
        (r"unclosed array", "toml.unclosed_array"),
        (r"duplicate inline table key (?P<key>.+)", "toml.duplicate_inline_key"),
        (r"unclosed inline table", "toml.unclosed_inline_table"),
        (r"unescaped '\\' in a string", "toml.unescaped_backslash"),
        (r"invalid hex value", "toml.invalid_hex"),
        (r"escaped character is not a Unicode scalar value", "toml.not_scalar"),
        (r"unterminated string", "toml.unterminated_string"),
        (r"illegal character (?P<char>.+)", "toml.illegal_character"),
        (r"invalid date or datetime", "toml.invalid_date"),
        (r"invalid value", "toml.invalid_value"),
    )
)


class Loaded:
    """A plan file as read: its text, its data and model if it parsed, its problems.

    ``data`` (the raw TOML tables), ``sourcemap`` (where each key stands) and,
    for a load from the cache, ``text`` are worked out on first use: most
    commands need none of them, and on a large plan each costs as much as a
    good part of the parse. ``data`` and ``plan`` are None when the text is
    not valid TOML.
    """

    __slots__ = ("_data", "_parsed", "_raw", "_sourcemap", "_text", "file", "plan", "problems")

    def __init__(
        self,
        file: str,
        text: str | bytes,
        data: dict[str, Any] | None,
        plan: Plan | None,
        problems: tuple[Problem, ...],
        *,
        parsed: bool = True,
    ) -> None:
        self.file = file
        self.plan = plan
        self.problems = problems
        # bytes: valid UTF-8 without a byte-order mark, decoded when asked for.
        self._raw = text if isinstance(text, bytes) else None
        self._text = text if isinstance(text, str) else None
        self._data = data
        self._parsed = parsed  # False: data not read yet (a load from the cache)
        self._sourcemap: SourceMap | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            assert self._raw is not None
            self._text = self._raw.decode("utf-8")
            self._raw = None
        return self._text

    @property
    def data(self) -> dict[str, Any] | None:
        if not self._parsed:
            self._data = _normalised(toml_reader.loads(self.text), self.text, self.file)
            self._parsed = True
        return self._data

    @property
    def sourcemap(self) -> SourceMap | None:
        if self._sourcemap is None and self.plan is not None:
            self._sourcemap = SourceMap(self.text)
        return self._sourcemap


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
            msg("read.not_found_env", env=PLAN_ENV, value=from_env),
            hint=msg("read.not_found_env.hint", env=PLAN_ENV, default=DEFAULT_PLAN),
        )
    default = cwd / DEFAULT_PLAN
    if default.exists():
        return default
    looked.append(str(default))
    raise PlanNotFound(
        msg("read.not_found_default", places=", ".join(looked)),
        hint=msg("read.not_found_default.hint", env=PLAN_ENV, default=DEFAULT_PLAN),
    )


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is a clear error.

    Only a regular file is read: a named pipe would wait forever for a writer,
    and a device such as /dev/zero never ends.
    """
    try:
        mode = path.stat().st_mode  # before opening: opening a pipe already waits
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise PlanUnreadable(
                str(path), msg("read.not_regular"), hint=msg("read.not_regular.hint")
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise PlanNotFound(
            msg("read.not_found", path=path), hint=msg("read.not_found.hint")
        ) from None
    except IsADirectoryError:
        raise PlanUnreadable(str(path), msg("read.folder"), hint=msg("read.folder.hint")) from None
    except PermissionError:
        raise PlanUnreadable(
            str(path), msg("read.permission"), hint=msg("read.permission.hint")
        ) from None
    except OSError as error:
        reason = (
            msg("read.symlink_loop")
            if error.errno == errno.ELOOP
            else (error.strerror or str(error))
        )
        raise PlanUnreadable(str(path), msg("read.cannot_read", reason=reason)) from None


def decode(raw: bytes, path: Path | str) -> str:
    """Bytes as UTF-8 text; a leading byte-order mark is kept."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # In characters, as TOML syntax errors count them, not bytes.
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise PlanUnreadable(
            str(path),
            msg("read.not_utf8", byte=f"{raw[error.start]:02x}"),
            hint=msg("read.not_utf8.hint"),
            line=line,
            column=column,
        ) from None


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8; a leading byte-order mark is kept."""
    return decode(read_bytes(path), path)


def load(path: Path) -> Loaded:
    """Read and parse a plan file. Raises only if the file has no readable text."""
    return parse(read_text(path), str(path))


# --------------------------------------------------------------------------- parsing


def parse(text: str, file: str) -> Loaded:
    """Parse plan text; syntax and structure problems are returned, not raised."""
    return parse_with_headers(text, file)[0]


Headers = dict[DataPath, tuple[int, int]]


def parse_with_headers(text: str, file: str) -> tuple[Loaded, Headers | None]:
    """:func:`parse`, also giving the table headers' positions if they agree
    with the data (see :func:`_agreeing_headers`), for the cache."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        problems.append(
            Problem(
                Severity.WARNING,
                "byte-order-mark",
                msg("load.byte_order_mark"),
                file,
                1,
                1,
                how=msg("load.byte_order_mark.hint"),
            )
        )
        text = text[1:]
    try:
        data = toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as error:
        problems.append(_syntax_problem(error, text, file))
        return Loaded(file, text, None, None, tuple(problems)), None
    except RecursionError:
        problems.append(
            Problem(
                Severity.ERROR,
                "syntax",
                msg("load.too_deep"),
                file,
                how=msg("load.too_deep.hint"),
            )
        )
        return Loaded(file, text, None, None, tuple(problems)), None
    loaded = Loaded(file, text, None, None, ())
    builder = _Builder(file, loaded, problems)
    if _may_need_normalising(text):
        data = builder.normalise(data, ())
    plan = builder.build(data)
    loaded.plan = plan
    loaded._data = data
    loaded.problems = tuple(problems)
    return loaded, builder.headers


def appended_records(
    tail: str, line_offset: int, index_offsets: Mapping[str, int]
) -> tuple[dict[str, list[Record]], dict[str, Any]] | None:
    """The records of text appended to a plan, as the whole file would give them.

    ``tail`` must be journal blocks only: after blank lines and comments, every
    table header is a top-level ``[[key]]`` of a collection. Then the whole
    file's data is the earlier data with each key's list extended (the caller
    checks that the earlier lists came from such headers too), so only the
    tail needs parsing. Returns the records and the tail's data, or None
    when that is not sure, or when a record
    is anything but sound: the caller then parses the whole file, which
    reports problems at their right place.
    """
    if "\\u" in tail or "\\U" in tail or not unicodedata.is_normalized("NFC", tail):
        return None
    headers = header_positions(tail)
    if headers is None or not all(len(path) <= 2 for path in headers):
        return None
    first = next((line for line in tail.split("\n", 64) if line.strip()), "")
    if not first.lstrip().startswith("[["):  # keys before a header would extend the old table
        return None
    try:
        data = toml_reader.loads(tail)
    except (toml_reader.TOMLDecodeError, RecursionError):
        return None
    if not data.keys() <= _COLLECTION_CLASSES.keys():
        return None
    out: dict[str, list[Record]] = {}
    for key, items in data.items():
        cls = _COLLECTION_CLASSES[key]
        shape = _shape(cls)
        if type(items) is not list or not _count_agrees(headers, (key,), items):
            return None
        offset = index_offsets.get(key, 0)
        records: list[Record] = []
        for index, raw in enumerate(items):
            line, column = headers[(key, index)]
            record = shape.sound_record(raw, f"{key}[{offset + index}]", line + line_offset, column)
            if record is None:
                return None
            records.append(record)
        out[key] = records
    return out, data


_COLLECTION_CLASSES: dict[str, type[Record]] = {key: cls for key, cls, _ in COLLECTIONS}


def _may_need_normalising(text: str) -> bool:
    """False when every string TOML can make from ``text`` is already NFC.

    Checking the whole text at C speed spares a walk over every value. Only an
    escape (``\\u0301``) can put into a value what the text does not show.
    """
    return "\\u" in text or "\\U" in text or not unicodedata.is_normalized("NFC", text)


def _normalised(data: dict[str, Any], text: str, file: str) -> dict[str, Any]:
    """The data as :func:`parse` returns it (every string NFC), without problems."""
    if not _may_need_normalising(text):
        return data
    result: dict[str, Any] = _Builder(file, None, []).normalise(data, ())
    return result


def _syntax_problem(error: ValueError, text: str, file: str) -> Problem:
    message = str(error)
    line: int | None = None
    column: int | None = None
    position = _SYNTAX_POSITION.search(message)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        message = message[: position.start()]
    at_end = bool(_SYNTAX_END.search(message))
    if at_end:
        line = text.count("\n") + 1
        message = _SYNTAX_END.sub("", message)
    detail: Text = _toml_message(message[:1].lower() + message[1:])
    if at_end:
        detail = msg("load.syntax.at_end", detail=detail)
    return Problem(
        Severity.ERROR,
        "syntax",
        msg("load.syntax", detail=detail),
        file,
        line,
        column,
        how=msg("load.syntax.hint"),
    )


def _toml_message(message: str) -> Text:
    """tomllib's message as a catalog message; as tomllib words it if unknown."""
    for pattern, key in _TOML_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            values: dict[str, object] = dict(match.groupdict())
            if "key" in values:
                values["key"] = PerLanguage(en=values["key"], vi=_dotted_key(str(values["key"])))
            return msg(key, **values)
    return message


def _dotted_key(shown: str) -> str:
    """tomllib's key ``('a', 'b')`` as the file writes it, ``'a.b'``; else as shown."""
    try:
        parts = ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        return shown
    if isinstance(parts, tuple) and parts and all(isinstance(p, str) for p in parts):
        return repr(".".join(parts))
    return shown


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
    """Checks raw TOML data against the record specs and builds the model.

    Records are placed at the line of their table header. On a large plan a
    full :class:`SourceMap` costs as much as the TOML parse, so headers are
    found with one regular expression (:func:`header_positions`) and the
    full map is built only when a problem must point at a key's own line.
    """

    def __init__(self, file: str, loaded: Loaded | None, problems: list[Problem]) -> None:
        self.file = file
        self.loaded = loaded
        self.problems = problems
        self.declared: dict[str, set[str]] = {}
        self.headers: dict[DataPath, tuple[int, int]] | None = None

    def locate(self, path: DataPath) -> tuple[int | None, int | None]:
        """Where a key or table stands, from the full source map."""
        if self.loaded is None:
            return None, None
        if self.loaded._sourcemap is None:
            self.loaded._sourcemap = SourceMap(self.loaded.text)
        return self.loaded._sourcemap.locate(path)

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
        if self.loaded is not None:
            self.headers = _agreeing_headers(self.loaded.text, data)
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
        shape = _shape(cls)
        declared = self.declared.setdefault(cls.key, set())
        headers = self.headers or {}
        for index, raw in enumerate(items):
            # Fast path for a sound record (nearly all of them): one pass of
            # type checks, no messages. Anything odd goes the careful way.
            position = headers.get((key, index))
            record = shape.sound_record(raw, f"{key}[{index}]", *position) if position else None
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
        # repr(): quoted as before, and a line break or control character in
        # the id shows as \n or \x1b instead of breaking the message's line.
        label: Text = (
            msg("problem.then", first=where, then=f" {record_id!r}")
            if isinstance(record_id, str)
            else where
        )
        for key, name in keys.items():
            field_spec = specs[name]
            if key not in raw:
                if field_spec.required:
                    # The field's documentation exists only in English so far.
                    message = msg(
                        "problem.then",
                        first=msg("load.missing_key", label=label, key=key),
                        then=PerLanguage(en=f" ({field_spec.doc.rstrip('.')})", vi=""),
                    )
                    self.report("missing-key", message, path, msg("load.missing_key.hint", key=key))
                    sound = False
                continue
            ok, value = self._value(cls, key, field_spec, raw[key], (*path, key), label)
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
        name: str,
        field_spec: FieldSpec,
        value: Any,
        path: DataPath,
        label: Text,
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
                msg("load.bad_id", label=label, value=repr(value)),
                path,
                msg("load.bad_id.hint", example=repr(_suggest_id(value))),
            )
            return False, None
        if kind == "text" and field_spec.required and not value.strip():
            self.report(
                "empty-value",
                msg("load.empty_value", label=label, key=name),
                path,
                msg("load.empty_value.hint", key=name),
            )
            return False, None
        if field_spec.choices and value not in field_spec.choices:
            self.report(
                "bad-value",
                msg(
                    "load.bad_value",
                    label=label,
                    key=name,
                    value=repr(value),
                    choices=", ".join(repr(c) for c in field_spec.choices),
                ),
                path,
                _did_you_mean(value, field_spec.choices),
            )
            return False, None
        return True, value

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


_BAD = object()


def _check_for(field_spec: FieldSpec) -> Callable[[Any], Any]:
    """A function giving the value to store for a sound value, or ``_BAD``.

    The same judgement as :meth:`_Builder._value`, in as few steps as possible:
    it runs for every key of every record.
    """
    kind, choices = field_spec.kind, field_spec.choices
    if kind == "id":
        matches = ID_PATTERN.fullmatch
        return lambda v: v if type(v) is str and matches(v) else _BAD
    if kind == "text" and choices:
        return lambda v: v if type(v) is str and v in choices else _BAD
    if kind == "text" and field_spec.required:
        return lambda v: v if type(v) is str and v.strip() else _BAD
    if kind in ("text", "ref"):
        return lambda v: v if type(v) is str else _BAD
    if kind in ("money", "quantity"):
        return lambda v: v if type(v) is int else _BAD
    if kind == "date":
        return lambda v: v if type(v) is dt.date else _BAD
    if kind == "datetime":
        return lambda v: v if type(v) is dt.datetime else _BAD
    if kind == "refs":
        return lambda v: tuple(v) if type(v) is list and all(type(i) is str for i in v) else _BAD
    return lambda v: _BAD  # sub-tables: the careful path builds them


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a sound record of one class looks like, prepared once per class."""

    cls: type[Record]
    allowed: frozenset[str]
    required: frozenset[str]
    checks: dict[str, Callable[[Any], Any]]
    simple: bool  # no sub-tables: the fast path applies

    def sound_record(self, raw: Any, path: str, line: int, column: int) -> Record | None:
        """The record ``raw`` makes, if it is sound (:meth:`sound_values`); else None."""
        values = self.sound_values(raw) if type(raw) is dict else None
        if values is None:
            return None
        return self.cls(line=line, column=column, path=path, **values)

    def sound_values(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        """The record's values if every key is known, present when required and
        of the right type; None if anything needs a closer look."""
        keys = raw.keys()
        if not self.simple or not keys <= self.allowed or not self.required <= keys:
            return None
        checks = self.checks
        values = {}
        for key, raw_value in raw.items():
            value = checks[key](raw_value)
            if value is _BAD:
                return None
            values[key] = value
        return values


_SHAPES: dict[type[Record], _Shape] = {}


def _shape(cls: type[Record]) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        specs = field_specs(cls)
        shape = _Shape(
            cls=cls,
            allowed=frozenset(specs),
            required=frozenset(name for name, s in specs.items() if s.required),
            checks={name: _check_for(s) for name, s in specs.items()},
            simple=not any(s.kind in ("table", "tables") for s in specs.values()),
        )
        _SHAPES[cls] = shape
    return shape


def _agreeing_headers(text: str, data: dict[str, Any]) -> dict[DataPath, tuple[int, int]] | None:
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
        if type(value) is list and not _count_agrees(positions, (key,), value):
            return None
        if key in _PARENT_KEYS:
            elements = value if type(value) is list else [value]
            for index, element in enumerate(elements):
                if type(element) is not dict:
                    continue
                base = (key, index) if type(value) is list else (key,)
                for child, items in element.items():
                    if type(items) is list and not _count_agrees(positions, (*base, child), items):
                        return None
    return positions


def _count_agrees(
    positions: dict[DataPath, tuple[int, int]], path: DataPath, items: list[Any]
) -> bool:
    if not items or not all(type(item) is dict for item in items):
        return (*path, 0) not in positions
    return (*path, len(items) - 1) in positions and (*path, len(items)) not in positions


#: Keys whose tables have arrays of sub-tables ([[budget.source]], [[indicator.part]]).
_PARENT_KEYS = frozenset(cls.key for cls in CHILDREN)


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
