"""Figures from the organisation tree: units and members as they stood at the end of the period.

The org app could offer ``selectors.active_units_by_kind(prefix, day)`` and
``selectors.members_on(prefix, day)`` to replace these.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from lamtheo.org.models import Membership, Unit, UnitKind
from lamtheo.reports.sources import shared


def _active_on(day: dt.date) -> Q:
    return Q(active_from__lte=day) & (Q(active_to__isnull=True) | Q(active_to__gte=day))


def _units_of_kind(kind: str, prefix: str, end: dt.date) -> dict[int, float]:
    rows = Unit.objects.filter(_active_on(end), path__startswith=prefix, kind=kind).order_by().values_list("id")
    return {unit_id: 1.0 for (unit_id,) in rows}


def cells(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """1 for each party cell active on the last day of the period."""
    return _units_of_kind(UnitKind.CELL, prefix, end)


def subordinate_units(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _units_of_kind(UnitKind.SUBORDINATE_COMMITTEE, prefix, end)


def grassroots_units(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _units_of_kind(UnitKind.GRASSROOTS_COMMITTEE, prefix, end)


@shared
def _members_on_last_day(prefix: str, start: dt.date, end: dt.date) -> dict[int, tuple[int, int]]:
    """Each cell's members on the last day of the period, and the leaders among them."""
    rows = (
        Membership.objects.filter(unit__path__startswith=prefix, unit__kind=UnitKind.CELL, joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"), leaders=Count("id", filter=Q(person__is_leader=True)))
        .values_list("unit_id", "n", "leaders")
    )
    return {unit_id: (n, leaders) for unit_id, n, leaders in rows}


def members(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Members of each cell on the last day of the period."""
    return {unit_id: float(n) for unit_id, (n, _leaders) in _members_on_last_day(prefix, start, end).items()}


def leaders(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Members of each cell on the last day of the period who hold a leading position."""
    return {
        unit_id: float(leaders)
        for unit_id, (_n, leaders) in _members_on_last_day(prefix, start, end).items()
        if leaders
    }
