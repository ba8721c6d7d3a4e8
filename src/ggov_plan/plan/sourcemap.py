"""Where each table and key of a TOML document stands: data path → (line, column).

tomllib gives values but no positions. This scanner walks the text once, line
by line, and records the line of every table header and of every key written
at the start of a line, with array-of-tables headers numbered as tomllib
numbers them. It assumes text that tomllib has already accepted, so it only
needs to tell strings, comments and brackets apart, not to validate.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"\s*(\[\[|\[)\s*(.+?)\s*(\]\]|\])\s*(?:#.*)?$")
_BARE = r"[A-Za-z0-9_-]+"
# Unrolled ("normal* (escape normal*)*"): the plain alternation needed memory
# in proportion to the string's length, 3.7 GB for a 30 MB string.
_BASIC = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_LITERAL = r"'[^']*'"
_KEY_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_KEY = re.compile(rf"\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_PART = re.compile(_KEY_PART)
# Inside a value: everything that can open or close a string or a bracket.
_TOKEN = re.compile(rf'"""|\'\'\'|{_BASIC}|{_LITERAL}|#|[\[\]{{}}]')


def _key_parts(text: str) -> list[str]:
    parts = []
    for match in _PART.finditer(text):
        part = match.group(0)
        if part[0] in "\"'":
            import tomllib  # only for a quoted key, and only when a line is asked for

            part = tomllib.loads(f"k = {part}")["k"]
        parts.append(part)
    return parts


# A line whose first non-blank character is "[" is a table header, unless it is
# inside a multi-line string or array; header_positions() does not follow those
# and leaves the caller to check that the headers it found agree with the data.
# Searching from the newline is three times faster than a MULTILINE "^".
_BRACKET_LINE = re.compile(r"\n([ \t]*\[[^\n]*)")
_BARE_HEADER = re.compile(
    r"[ \t]*(\[\[|\[)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(\]\]|\])"
    r"[ \t]*(?:#[^\n]*)?\r?"
)


def header_positions(text: str) -> dict[Path, tuple[int, int]] | None:
    """Positions of table headers only, found at C speed; None if unsure.

    Gives the same positions as :class:`SourceMap` for tables and elements of
    arrays of tables, but skips keys, strings and comments, which makes it
    some twenty times faster. It gives up (None) at any bracket line that is
    not a plain header of bare keys, such as a quoted key or a line of a
    multi-line array; a header-like line inside a multi-line string is not
    detected here, which is why the loader compares the counts with the data.
    """
    positions: dict[Path, tuple[int, int]] = {}
    counts: dict[Path, int] = {}
    nested: set[str] = set()  # top-level keys with sub-arrays counted under them
    known: dict[str, tuple[list[str], bool] | None] = {}  # header text → parts, is array
    line, last = 1, 0
    # With a newline put in front, a match's start is where its line starts in text.
    for match in _BRACKET_LINE.finditer("\n" + text):
        start = match.start()
        line += text.count("\n", last, start)
        last = start
        found = match.group(1)
        # Journal lines differ only by their "# id" tag; a bare key has no "#".
        head = found.split("#", 1)[0].rstrip()
        if head in known:
            parsed = known[head]
        else:
            parsed = known[head] = _parse_header(head)
        if parsed is None:
            return None
        parts, array = parsed
        where = (line, 1 if found[0] == "[" else len(found) - len(found.lstrip()) + 1)
        if array and len(parts) == 1 and parts[0] not in nested:
            # The common case, [[activity]], without the general bookkeeping.
            path = (parts[0],)
            index = counts.get(path, 0)
            counts[path] = index + 1
            if not index:
                positions.setdefault(path, where)
            positions.setdefault((parts[0], index), where)
            continue
        if len(parts) > 1:
            nested.add(parts[0])
        _enter(positions, counts, parts, array, where)
    return positions


def _parse_header(head: str) -> tuple[list[str], bool] | None:
    header = _BARE_HEADER.fullmatch(head)
    if header is None or len(header.group(1)) != len(header.group(3)):
        return None
    return [part.strip() for part in header.group(2).split(".")], header.group(1) == "[["


def _enter(
    positions: dict[Path, tuple[int, int]],
    counts: dict[Path, int],
    parts: list[str],
    array: bool,
    where: tuple[int, int],
) -> Path:
    """Record a header's position; return the data path it opens.

    Array-of-tables headers are numbered as TOML numbers them: a dotted header
    belongs to the last element of each parent array.
    """
    resolved: Path = ()
    for part in parts[:-1]:
        resolved += (part,)
        if resolved in counts:  # a parent that is an array of tables: its last element
            resolved += (counts[resolved] - 1,)
    resolved += (parts[-1],)
    if array:
        # The array itself stands where its first element does.
        positions.setdefault(resolved, where)
        index = counts.get(resolved, 0)
        counts[resolved] = index + 1
        if len(counts) > 1:
            # Sub-arrays of a new element start again from zero.
            depth = len(resolved)
            for stale in [p for p in counts if len(p) > depth and p[:depth] == resolved]:
                del counts[stale]
        resolved += (index,)
    positions.setdefault(resolved, where)
    return resolved


class SourceMap:
    """Positions of tables and keys; ask with :meth:`locate`."""

    def __init__(self, text: str) -> None:
        self._positions: dict[Path, tuple[int, int]] = {}
        # Tables only implied by a dotted header ([[indicator.part]] with no
        # [[indicator]] above it): located there, if nothing better is known.
        self._implied: dict[Path, tuple[int, int]] = {}
        self._scan(text)

    def locate(self, path: Path) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest located ancestor."""
        while path:
            found = self._positions.get(path) or self._implied.get(path)
            if found:
                return found
            path = path[:-1]
        return None, None

    def table_line(self, path: Path) -> int | None:
        return self.locate(path)[0]

    def _scan(self, text: str) -> None:
        counts: dict[Path, int] = {}  # array-of-tables path → elements seen
        table: Path = ()
        string_end: str | None = None  # closing delimiter of an open multi-line string
        depth = 0  # open brackets of a multi-line value
        # TOML ends lines only at LF (CRLF included); str.splitlines() would also
        # split at U+2028 and the like, which TOML allows inside strings.
        for number, line in enumerate(text.split("\n"), start=1):
            position = 0
            if string_end is not None:
                end = line.find(string_end)
                if end < 0:
                    continue
                string_end, position = None, end + 3
            elif depth == 0:
                header = _HEADER.match(line)
                if header and len(header.group(1)) == len(header.group(3)):
                    table = self._enter(header, counts, number, line)
                    continue
                key = _KEY.match(line)
                if key:
                    path = table + tuple(_key_parts(key.group(1)))
                    column = len(line) - len(line.lstrip()) + 1
                    self._positions.setdefault(path, (number, column))
                    position = key.end()
            while token := _TOKEN.search(line, position):
                text_ = token.group(0)
                position = token.end()
                if text_ == "#":
                    break
                if text_ in ('"""', "'''"):
                    end = line.find(text_, position)
                    if end < 0:
                        string_end = text_
                        break
                    position = end + 3  # a triple-quoted string closed on its own line
                    continue
                if text_ in "[{":
                    depth += 1
                elif text_ in "]}":
                    depth -= 1

    def _enter(
        self, header: re.Match[str], counts: dict[Path, int], number: int, line: str
    ) -> Path:
        parts = _key_parts(header.group(2))
        column = len(line) - len(line.lstrip()) + 1
        for end in range(1, len(parts)):
            self._implied.setdefault(tuple(parts[:end]), (number, column))
        return _enter(self._positions, counts, parts, header.group(1) == "[[", (number, column))
