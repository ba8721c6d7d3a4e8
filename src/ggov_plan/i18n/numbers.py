"""Figures and percentages as the run's language writes them.

Every output format (terminal tables, Markdown, HTML, the official report)
writes a count or a share the same way, so the formatting lives here, with
no renderer's library behind it: a report for a cron job must not pay for
importing rich. Money with its unit is :mod:`ggov_plan.i18n.money`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ggov_plan.i18n import Lang, current
from ggov_plan.i18n.money import format_number


def figure(amount: int | None, lang: Lang | None = None) -> str:
    """A whole number grouped by thousands: ``1,250`` in English, ``1.250`` in Vietnamese.

    None is an amount the plan does not state: "not stated", never 0.
    """
    if amount is None:
        from ggov_plan.i18n import t

        return t("value.not_stated")
    return format_number(amount, lang or current())


def percent(ratio: float, digits: int = 1, lang: Lang | None = None) -> str:
    """``50.0%``, or ``50,0%`` in Vietnamese (a decimal comma)."""
    text = f"{100 * ratio:.{digits}f}%"
    return text.replace(".", ",") if (lang or current()) == "vi" else text


def measure(value: int | float | None, lang: Lang | None = None) -> str:
    """An indicator's value: a count grouped (``1.500``), a percentage with its
    decimals and the language's decimal mark (``80,5`` in Vietnamese, ``80.5``
    in English). None is a value not measured: an en dash."""
    if value is None:
        return "–"
    language = lang or current()
    if isinstance(value, int):
        return format_number(value, language)
    whole, _, fraction = f"{value:.2f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = format_number(int(whole), language)
    if not fraction:
        return grouped
    return grouped + ("," if language == "vi" else ".") + fraction


def per_unit(parts: Iterable[tuple[str, str | None]], separator: str = "; ") -> str:
    """Figures in their units, side by side and never added: ``6/6 buổi; 795/795
    dịch vụ``. Each part is a figure already written and its unit (None: a
    figure with no unit named); "–" when there is none."""
    shown = [f"{text} {unit}" if unit else text for text, unit in parts]
    return separator.join(shown) or "–"
