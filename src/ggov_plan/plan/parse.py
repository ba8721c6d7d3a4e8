"""Plan text → TOML → the model: a :class:`Loaded` file, with its problems.

Syntax errors, keys a record does not know, missing keys and wrong values
become :class:`~ggov_plan.problems.Problem` values located at their line
(the careful builder, :mod:`ggov_plan.plan.build`); nothing here raises for
what a file says. :func:`appended_records` reads journal blocks appended to a
plan already read, by the same record rules (:mod:`ggov_plan.plan.validity`).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Mapping
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
from ggov_plan.plan.build import Builder, Headers, count_agrees
from ggov_plan.plan.files import read_text
from ggov_plan.plan.model import COLLECTIONS, Plan, Record
from ggov_plan.plan.sourcemap import SourceMap, header_positions
from ggov_plan.plan.validity import RULES
from ggov_plan.problems import Problem, Severity

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)$")

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


def parse_file(path: Path) -> Loaded:
    """Read and parse a plan file, without the cache. Raises only if the file
    has no readable text (:mod:`ggov_plan.plan.files`)."""
    return parse(read_text(path), str(path))


def parse(text: str, file: str) -> Loaded:
    """Parse plan text; syntax and structure problems are returned, not raised."""
    return parse_with_headers(text, file)[0]


def parse_with_headers(text: str, file: str) -> tuple[Loaded, Headers | None]:
    """:func:`parse`, also giving the table headers' positions if they agree
    with the data (:func:`ggov_plan.plan.build.agreeing_headers`), for the cache."""
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
    builder = Builder(file, text, problems)
    if _may_need_normalising(text):
        data = builder.normalise(data, ())
    plan = builder.build(data)
    loaded = Loaded(file, text, data, plan, tuple(problems))
    loaded._sourcemap = builder.sourcemap  # built if a problem needed a key's line
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
        rule = RULES[_COLLECTION_CLASSES[key]]
        if type(items) is not list or not count_agrees(headers, (key,), items):
            return None
        offset = index_offsets.get(key, 0)
        records: list[Record] = []
        for index, raw in enumerate(items):
            line, column = headers[(key, index)]
            record = rule.sound_record(raw, f"{key}[{offset + index}]", line + line_offset, column)
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
    result: dict[str, Any] = Builder(file, None, []).normalise(data, ())
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
