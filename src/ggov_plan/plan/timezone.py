"""The plan's time zone: the one clock "today" and ``recorded_at`` are read on.

A plan is kept for an office, not for the machine that runs ggov-plan: a
record made at 06:00 in Vietnam is dated today there, while a server on UTC
is still on yesterday. So the date and the moment of a write are taken in the
plan's zone, ``[plan] timezone`` (an IANA name, e.g. ``Asia/Ho_Chi_Minh``),
else :data:`DEFAULT_TIMEZONE`; the machine's own zone (``TZ``) plays no part.
The names come from :mod:`zoneinfo`: the system's database, else the
``tzdata`` package (a dependency on Windows, which has none).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from ggov_plan.plan.model import Header

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@functools.cache
def zone(name: str | None) -> ZoneInfo | None:
    """The zone of an IANA name; None for a name zoneinfo does not know."""
    try:
        # An absolute path or "../" would make zoneinfo read any file: not a name.
        if not name or name.startswith("/") or ".." in name or "\\" in name:
            return None
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


#: Asia/Ho_Chi_Minh has been UTC+7 since 1975: the default's date is right even
#: on a machine with no zone database at all (and no tzdata).
_UTC7 = dt.timezone(dt.timedelta(hours=7), "ICT")


def plan_zone(header: Header | None) -> dt.tzinfo:
    """The plan's declared zone, else the default (an invalid name is the rules' concern)."""
    declared = zone(header.timezone) if header is not None else None
    return declared or zone(DEFAULT_TIMEZONE) or _UTC7


def today_in(name: str | None, now: dt.datetime | None = None) -> dt.date:
    """Today's date in zone ``name`` (None: the default zone), at ``now`` (default: now)."""
    instant = now or dt.datetime.now(dt.UTC)
    return instant.astimezone(zone(name) or zone(DEFAULT_TIMEZONE) or _UTC7).date()
