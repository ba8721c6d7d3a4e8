"""Text helpers: folding for accent-insensitive matching, harmless control characters."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: ``"Sở TT&TT"`` → ``"so tt&tt"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_WITH_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Control characters as ``\\x1b``-style text, so plan text cannot drive a terminal.

    Tab is kept; so are line feed and carriage return when ``keep_newlines``.
    """
    pattern = _CONTROL_WITH_NEWLINES if keep_newlines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
