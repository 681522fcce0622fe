"""Dates and times as the bulk writer takes them, from day ordinals, without a ``datetime`` per row.

Generators count days as ordinals (``date.toordinal()``); a row needs "2016-05-01" for a date and
"2016-05-01 02:00:00" (naive UTC, what Django stores on SQLite and PostgreSQL reads in a UTC
session) for a time. Formatting those millions of times costs more than drawing the data, so each
string is made once and looked up after that.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

# Viet Nam keeps UTC+7 all year (no daylight saving since 1975).
UTC_OFFSET = dt.timedelta(hours=7)
FIRST_DAY = dt.date(1900, 1, 1).toordinal()
LAST_DAY = dt.date(2100, 12, 31).toordinal()


class Calendar:
    """ISO strings for day ordinals, and UTC time stamps for a local hour of a day."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._stamps: dict[tuple[int, int, int], str] = {}

    def iso(self, ordinal: int) -> str:
        text = self._days.get(ordinal)
        if text is None:
            if not FIRST_DAY <= ordinal <= LAST_DAY:
                raise ValueError(f"day ordinal {ordinal} is outside 1900–2100")
            text = self._days[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def stamp(self, ordinal: int, hour: int, minute: int = 0) -> str:
        """The UTC time of ``hour:minute`` in Hà Nội on the day."""
        key = (ordinal, hour, minute)
        text = self._stamps.get(key)
        if text is None:
            local = dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time(hour, minute))
            text = self._stamps[key] = (local - UTC_OFFSET).strftime("%Y-%m-%d %H:%M:%S")
        return text


@cache
def ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return dt.date(year, month, day).toordinal()
