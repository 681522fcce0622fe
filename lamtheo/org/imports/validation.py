"""Checking cell values and looking up what rows refer to, shared by the unit and the people imports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from lamtheo.lib.text import fold
from lamtheo.org.imports.errors import RowError
from lamtheo.org.imports.format import LEADER_NO, LEADER_YES, Column
from lamtheo.org.imports.reading import SheetRow, cell_text, is_blank
from lamtheo.org.models import Unit

# SQLite allows a limited number of parameters per query: look values up in chunks.
LOOKUP_CHUNK = 500

_YES_WORDS = {"co", "x", "yes", "y", "1", "true"}
_NO_WORDS = {"", "khong", "no", "n", "0", "false"}
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class RowChecker:
    """Turns one row's cells into values, collecting an error for every bad cell."""

    def __init__(self, row: SheetRow, columns: Sequence[Column], errors: list[RowError]) -> None:
        self.row = row
        self.columns = {c.key: c for c in columns}
        self.errors = errors

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(row=self.row.number, column=self.columns[key].header, message=message))

    def text(self, key: str) -> str:
        column = self.columns[key]
        value = cell_text(self.row.values.get(key))
        if column.required and not value:
            self.error(key, _("This value is required."))
        elif column.max_length is not None and len(value) > column.max_length:
            self.error(
                key,
                _("Too long: at most %(max)d characters (this has %(length)d).")
                % {"max": column.max_length, "length": len(value)},
            )
        return value

    def code(self, key: str) -> str:
        value = self.text(key)
        if value and not _SLUG.match(value):
            self.error(
                key,
                _("“%(value)s” is not a valid code: use letters, digits, hyphens and underscores, no spaces.")
                % {"value": value},
            )
        return value

    def choice(self, key: str, words: dict[str, str], allowed: Iterable[str]) -> str:
        raw = self.text(key)
        if not raw:
            return ""
        value = words.get(fold(raw))
        if value is None:
            self.error(
                key,
                _("“%(value)s” is not allowed here; use one of: %(allowed)s.")
                % {"value": raw, "allowed": ", ".join(allowed)},
            )
            return ""
        return value

    def yes_no(self, key: str) -> bool:
        value = self.row.values.get(key)
        if isinstance(value, bool):
            return value
        word = fold(cell_text(value))
        if word in _YES_WORDS:
            return True
        if word not in _NO_WORDS:
            self.error(
                key,
                _("“%(value)s” is not allowed here; use “%(yes)s” or “%(no)s”.")
                % {"value": cell_text(value), "yes": LEADER_YES, "no": LEADER_NO},
            )
        return False

    def date(self, key: str) -> dt.date | None:
        value = self.row.values.get(key)
        if is_blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        match = _DATE_TEXT.match(cell_text(value))
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
        self.error(
            key,
            _("“%(value)s” is not a date: enter it as dd/mm/yyyy (for example 03/02/1930).")
            % {"value": cell_text(value)},
        )
        return None

    def not_in_future(self, key: str, day: dt.date | None, today: dt.date) -> None:
        if day is not None and day > today:
            self.error(key, _("The date %(date)s is in the future.") % {"date": day.strftime("%d/%m/%Y")})


def chunks(values: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def units_by_code(codes: Iterable[str]) -> dict[str, Unit]:
    wanted = sorted(set(codes))
    found: dict[str, Unit] = {}
    for chunk in chunks(wanted):
        for unit in Unit.objects.filter(code__in=chunk).only(
            "id", "code", "name", "kind", "path", "depth", "numchild", "active_to"
        ):
            found[unit.code] = unit
    return found


def in_scope(unit: Unit, scope: Unit) -> bool:
    return bool(unit.path.startswith(scope.path))


def first_rows(items: Iterable[tuple[int, str]]) -> tuple[dict[str, int], list[tuple[int, str, int]]]:
    """First row of each value, and (row, value, first row) for every repeat."""
    first: dict[str, int] = {}
    repeats: list[tuple[int, str, int]] = []
    for row, value in items:
        if not value:
            continue
        if value in first:
            repeats.append((row, value, first[value]))
        else:
            first[value] = row
    return first, repeats
