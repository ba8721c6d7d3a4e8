"""Every user-facing string, in English and Vietnamese, and the choice between them.

Strings are looked up by key with :func:`t`. The catalog is one mapping,
:data:`CATALOG`, of key → (English, Vietnamese); its entries are kept in
:mod:`ggov_plan.i18n.catalog_ui` (tables, headings, command messages) and
:mod:`ggov_plan.i18n.catalog_problems` (what ``check`` and the core report), and a
test fails if any key lacks either language or if the two files share a key.

The language of a run is chosen once at the command-line edge (``--lang``,
else ``$GGOV_PLAN_LANG``, else Vietnamese when ``LC_ALL``/``LANG`` start with
``vi``, else English) and held in a context variable, so renderers and rules
need no language parameter threaded through every call.

A date inside a message is written with :func:`date_text`: ``2017-12-31`` in
English (as messages have always shown it), ``31/12/2017`` in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from ggov_plan.i18n.catalog_problems import ENTRIES as _PROBLEMS
from ggov_plan.i18n.catalog_ui import ENTRIES as _UI

Lang = Literal["en", "vi"]
LANGS: tuple[Lang, ...] = ("en", "vi")
LANG_ENV = "GGOV_PLAN_LANG"

_current: ContextVar[Lang] = ContextVar("ggov_plan_lang", default="en")

#: key → (English, Vietnamese)
CATALOG: dict[str, tuple[str, str]] = {**_UI, **_PROBLEMS}
if len(CATALOG) != len(_UI) + len(_PROBLEMS):
    raise KeyError(f"keys defined twice: {sorted(set(_UI) & set(_PROBLEMS))}")


def choose(option: str | None, environ: Mapping[str, str]) -> Lang:
    """The language for a run: the option, the environment, the locale, English.

    Raises ValueError for a value that is neither ``en`` nor ``vi``.
    """
    for value in (option, environ.get(LANG_ENV)):
        if value:
            lowered = value.strip().lower()
            if lowered == "vi":
                return "vi"
            if lowered == "en":
                return "en"
            raise ValueError(value)
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "vi" if locale.lower().startswith("vi") else "en"


def current() -> Lang:
    return _current.get()


def set_language(lang: Lang) -> None:
    _current.set(lang)


@contextmanager
def language(lang: Lang) -> Iterator[None]:
    """Use ``lang`` inside a ``with`` block (tests, a report in a fixed language)."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def t(key: str, /, **values: object) -> str:
    """The string ``key`` in the current language, with its ``{name}`` fields filled."""
    text = CATALOG[key][1 if _current.get() == "vi" else 0]
    return text.format(**values) if values else text


def date_text(day: dt.date) -> str:
    """A date inside a message: ISO in English, day/month/year in Vietnamese."""
    return f"{day:%d/%m/%Y}" if _current.get() == "vi" else day.isoformat()
