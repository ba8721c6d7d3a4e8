"""Text helpers: folding for accent-insensitive matching, harmless control characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: ``"Sở TT&TT"`` → ``"so tt&tt"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


#: C0 controls but tab and line feed, DEL and the C1 controls: what a terminal obeys.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The same, carriage return kept too.
_CONTROL_BUT_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The same, line feed shown too: only tab is kept.
_CONTROL_AND_NEWLINES = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible_controls(text: str, *, keep_newlines: bool = False, one_line: bool = False) -> str:
    """Control characters as ``\\x1b``-style text, so plan text cannot drive a terminal.

    Shown: U+0000–U+001F, DEL and U+0080–U+009F (C1, among them U+009B, the
    one-byte CSI), except tab, which is always kept, and line feed, which is
    kept because it lays text out. A carriage return (it moves back over the
    line) is shown as ``\\x0d``.

    ``keep_newlines`` keeps the carriage return too, for a format whose cells
    may hold a CR LF line break (CSV, where the writer quotes such cells).
    ``one_line`` shows the line feed as ``\\x0a`` as well, so that the text
    cannot start a line of its own (``check`` output, one line per problem).
    """
    if keep_newlines and one_line:
        raise ValueError("keep_newlines and one_line exclude each other")
    if one_line:
        pattern = _CONTROL_AND_NEWLINES
    else:
        pattern = _CONTROL_BUT_NEWLINES if keep_newlines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


#: DEL and the C1 controls, which JSON encoders leave raw: as text, and as UTF-8.
_C1 = re.compile(r"[\x7f-\x9f]")
_C1_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def undecodable(values: Mapping[str, object]) -> str | None:
    """The name of the first value (a text, or a list of texts) that is not
    valid Unicode: text typed in a non-UTF-8 terminal arrives with its
    undecodable bytes as lone surrogates, which no UTF-8 file can hold."""
    for name, value in values.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    return name
    return None


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _json_escape_utf8(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def json_escape_c1(text: str) -> str:
    """JSON text with DEL and C1 controls (U+007F–U+009F) written as ``\\u009b``.

    orjson and ``json.dumps(ensure_ascii=False)`` escape only U+0000–U+001F;
    every other output shows these characters harmlessly. Outside strings,
    JSON text holds only ASCII, so any such character is inside a string,
    where its escape reads back as the same character: ``json.loads`` gives
    the same data.
    """
    if _C1.search(text) is None:
        return text
    return _C1.sub(_json_escape, text)


def json_escape_c1_utf8(data: bytes) -> bytes:
    """:func:`json_escape_c1` on UTF-8 bytes (orjson's output), the same text.

    Searched as bytes, which is several times faster than as text: DEL is the
    byte 7F and U+0080–U+009F are C2 80 to C2 9F, and C2 only ever leads a
    character. Most JSON holds no C2 byte at all, and a byte search says so
    at memory speed.
    """
    if b"\x7f" not in data and b"\xc2" not in data:
        return data
    return _C1_UTF8.sub(_json_escape_utf8, data)


# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# with the other Latin letters (f j w z) in their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}
# Letter-forming marks (breve, circumflex, horn) make new letters; tone marks do not.
_FORMING = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_FORMED = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key for Vietnamese: by letters in the Vietnamese alphabet, then by tones.

    ``sorted(names, key=vi_sort_key)`` puts "Đài" after "Dự" and "Ấp" after
    "An", which code-point order does not.
    """
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char == "đ":
            letters.append(_ORDER["đ"])
            tones.append(0)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        forming = next((_FORMING[m] for m in marks if m in _FORMING), None)
        letter = _FORMED.get((base, forming), base) if forming else base
        letters.append(_ORDER.get(letter, 100 + ord(letter)))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
    return tuple(letters), tuple(tones), text
