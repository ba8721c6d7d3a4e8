"""Words chosen at the edge: a message is a catalog key and its values, worded late.

The core (reading, rules, the books, writing) never builds a sentence. It
returns a :class:`Message`, a key of the catalog with the values to fill in,
and whoever shows it (the terminal, a report, JSON) words it in the user's
language with :meth:`Message.text`, or ``str()`` for the run's language. So a
problem found once can be cached and shown in either language, and a rule is
a pure function of the plan and the day.

Values that are written differently per language are wrapped, so they are
formatted when the message is worded, not when it is made:

- :class:`Money`: ``213,000,000 VND`` / ``213.000.000 đ``;
- :class:`Figure`: a count as printed (``1500`` / ``1.500``);
- :class:`Number`: an amount without its unit (``163,000,000`` / ``163.000.000``);
- :class:`Joined`: such values joined (``318 + 370``);
- :class:`Day`: ``2017-12-31`` / ``31/12/2017``;
- :class:`PerLanguage`: a value each language writes its own way;
- a nested :class:`Message`, for a phrase inside a sentence (a record's name).

Everything here is a frozen value that pickles (the parse cache keeps
problems) and compares by value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ggov_plan.i18n import Lang


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of đồng inside a message, with its unit."""

    amount: int

    def text(self, lang: Lang) -> str:
        from ggov_plan.i18n.money import format_vnd

        return format_vnd(self.amount, lang)


@dataclass(frozen=True, slots=True)
class Figure:
    """A whole number inside a message: as is in English, grouped in Vietnamese."""

    value: int

    def text(self, lang: Lang) -> str:
        from ggov_plan.i18n.money import format_number

        return format_number(self.value, "vi") if lang == "vi" else str(self.value)


@dataclass(frozen=True, slots=True)
class Number:
    """An amount without its unit, grouped as the language groups thousands."""

    value: int

    def text(self, lang: Lang) -> str:
        from ggov_plan.i18n.money import format_number

        return format_number(self.value, lang)


@dataclass(frozen=True, slots=True)
class Joined:
    """Values worded one by one and joined, such as ``163,000,000 + 50,000,000``."""

    separator: str
    items: tuple[object, ...]

    def text(self, lang: Lang) -> str:
        return self.separator.join(str(worded(item, lang)) for item in self.items)


@dataclass(frozen=True, slots=True)
class Day:
    """A date inside a message: ISO in English, day/month/year in Vietnamese."""

    day: dt.date

    def text(self, lang: Lang) -> str:
        return f"{self.day:%d/%m/%Y}" if lang == "vi" else self.day.isoformat()


@dataclass(frozen=True, slots=True)
class PerLanguage:
    """A value that each language writes its own way (a decimal comma, a dotted key)."""

    en: object
    vi: object

    def text(self, lang: Lang) -> str:
        return str(worded(self.vi if lang == "vi" else self.en, lang))


@dataclass(frozen=True, slots=True)
class Message:
    """A catalog key and the values for its ``{name}`` fields, not yet worded."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the run's language)."""
        from ggov_plan.i18n import CATALOG, current

        chosen: Lang = lang or current()
        template = CATALOG[self.key][1 if chosen == "vi" else 0]
        if not self.params:
            return template
        return template.format(**{name: worded(value, chosen) for name, value in self.params})

    def __str__(self) -> str:
        return self.text()


def msg(key: str, /, **params: object) -> Message:
    """The message ``key`` with ``params``, to be worded where it is shown."""
    return Message(key, tuple(params.items()))


def worded(value: object, lang: Lang) -> object:
    """A message value as ``lang`` writes it; plain values pass as they are."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Money | Figure | Number | Joined | Day | PerLanguage):
        return value.text(lang)
    return value


#: What a problem or an error says: a message, or text that needs no words
#: (a file name, a parser's own message).
Text = str | Message


def text_of(value: Text, lang: Lang | None = None) -> str:
    """``value`` worded in ``lang`` (default: the run's language)."""
    return value.text(lang) if isinstance(value, Message) else value
