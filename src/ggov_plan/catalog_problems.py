"""Problem and error messages, in English and Vietnamese (part of the i18n catalog)."""

from __future__ import annotations

#: key → (English, Vietnamese)
ENTRIES: dict[str, tuple[str, str]] = {}
