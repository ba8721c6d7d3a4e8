"""Indicators as words and figures, for every output (terminal, md, html, csv).

:func:`ggov_plan.books.indicators.indicator_figures` works out each
indicator's target, achieved value, parts and state; this module says them in
the run's language the same way everywhere: a target with its qualifier and
unit ("≥ 50%", "trên 1.500 dịch vụ"), the parts as "label achieved/target",
the state as a word ("đúng tiến độ"). It imports no renderer's library.
"""

from __future__ import annotations

from ggov_plan.books.indicators import IndicatorFigures
from ggov_plan.i18n import t
from ggov_plan.i18n.numbers import measure
from ggov_plan.plan.model import Indicator, Measure

#: How a table writes a qualifier before the target: short, language-neutral.
SYMBOLS = {"exactly": "", "more-than": "> ", "at-least": "≥ ", "at-most": "≤ ", "less-than": "< "}


def with_unit(value: Measure | None, unit: str | None) -> str:
    """``50%``, ``1.500 dịch vụ``; a value not measured stays a dash, without its unit."""
    text = measure(value)
    if value is None or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def target(indicator: Indicator, *, words: bool = False) -> str:
    """The target as the plan states it: ``≥ 50%`` in a table, ``ít nhất 50%`` in words."""
    if words:
        qualifier = (
            t(f"qualifier.{indicator.qualifier}") if indicator.qualifier != "exactly" else ""
        )
        prefix = f"{qualifier} " if qualifier else ""
    else:
        prefix = SYMBOLS.get(indicator.qualifier, "")
    return prefix + with_unit(indicator.value, indicator.unit)


def state(figures: IndicatorFigures) -> str:
    """``met``, ``đúng tiến độ``…: the state in the run's language."""
    return t(f"indicator_state.{figures.state.value}")


def parts(figures: IndicatorFigures) -> str:
    """``Cấp tỉnh 405/400; Cấp huyện, xã 200/200``: each part's achieved/target."""
    return "; ".join(
        f"{part.label} {measure(part.achieved)}/{measure(part.target)}" for part in figures.parts
    )
