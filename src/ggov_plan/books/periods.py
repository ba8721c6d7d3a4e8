"""Reporting periods: a year, a half, a quarter, a month, or any span of days.

An officer reports results for a period ("báo cáo 6 tháng đầu năm 2015",
"báo cáo năm 2017"). A :class:`Period` is the first and last day of that span
and what kind of span it is, so that a report can name it in either language
(:meth:`Period.name`): the words are chosen where the period is shown.

Written forms, as ``--period`` takes them (hledger's spirit, ISO's letters):

========== ==================================
``2017``    the calendar year
``2017-H1`` January to June (H2: July to December)
``2017-Q4`` October to December
``2017-10`` October
========== ==================================

``--from D --to D`` gives any span (:func:`span`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ggov_plan.i18n.message import Day, Message, msg
from ggov_plan.problems import UsageError

PeriodKind = Literal["year", "half", "quarter", "month", "span"]

_FORM = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<half>[Hh][12])|(?P<quarter>[Qq][1-4])|(?P<month>\d{1,2})))?"
)
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class Period:
    """The days from ``start`` to ``end``, both included, and the kind of span they make."""

    start: dt.date
    end: dt.date
    kind: PeriodKind = "span"
    number: int = 0  # the half, quarter or month within the year; 0 for a year or a span

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def year(self) -> int:
        return self.start.year

    def name(self) -> Message:
        """How a report names the period: "6 tháng đầu năm 2015", "first half of 2015"."""
        if self.kind == "year":
            return msg("period.year", year=self.year)
        if self.kind == "half":
            return msg(f"period.half.{self.number}", year=self.year)
        if self.kind == "quarter":
            return msg("period.quarter", roman=_ROMAN[self.number - 1], year=self.year)
        if self.kind == "month":
            return msg("period.month", month=self.number, year=self.year)
        return msg("period.span", start=Day(self.start), end=Day(self.end))


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def parse_period(text: str, *, option: str = "--period") -> Period:
    """``2017``, ``2017-H1``, ``2017-Q4`` or ``2017-10``; a :class:`UsageError` otherwise."""
    match = _FORM.fullmatch(text.strip())
    if match is None or not 1 <= int(match["year"]) <= 9999:
        raise UsageError(
            msg("period.bad", option=option, text=repr(text)), hint=msg("period.bad.hint")
        )
    number = int(match["year"])
    if match["half"]:
        half = int(match["half"][1])
        first = 1 if half == 1 else 7
        return Period(dt.date(number, first, 1), _month_end(number, first + 5), "half", half)
    if match["quarter"]:
        quarter = int(match["quarter"][1])
        first = 3 * quarter - 2
        return Period(dt.date(number, first, 1), _month_end(number, first + 2), "quarter", quarter)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise UsageError(
                msg("period.bad", option=option, text=repr(text)), hint=msg("period.bad.hint")
            )
        return Period(dt.date(number, month, 1), _month_end(number, month), "month", month)
    return year(number)


def span(start: dt.date, end: dt.date) -> Period:
    """The days from ``start`` to ``end``; refused if ``end`` comes first."""
    if end < start:
        raise UsageError(
            msg("period.backwards", start=Day(start), end=Day(end)),
            hint=msg("period.backwards.hint"),
        )
    return Period(start, end, "span")


def _month_end(number: int, month: int) -> dt.date:
    return dt.date(number, month, calendar.monthrange(number, month)[1])
