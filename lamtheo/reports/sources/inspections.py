"""Figures from the inspections app: inspections made and received, units covered, findings.

The inspections app could offer ``selectors.figures_by_unit(prefix, start, end)`` to replace this
module (its ``coverage(plan)`` answers for one plan's year and rule only).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from lamtheo.inspections.models import Finding, FindingKind, Inspection
from lamtheo.org.models import UnitKind


def inspections_made(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Inspections, supervisions and situation-grasping visits each unit carried out (by start date)."""
    rows = (
        Inspection.objects.filter(start_date__gte=start, start_date__lte=end, inspecting_unit__path__startswith=prefix)
        .order_by()
        .values("inspecting_unit_id")
        .annotate(n=Count("id"))
        .values_list("inspecting_unit_id", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows}


def inspections_received(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    rows = (
        Inspection.objects.filter(start_date__gte=start, start_date__lte=end, target__path__startswith=prefix)
        .order_by()
        .values("target_id")
        .annotate(n=Count("id"))
        .values_list("target_id", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows}


def _inspected(kind: str, prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    rows = (
        Inspection.objects.filter(
            start_date__gte=start, start_date__lte=end, target__path__startswith=prefix, target__kind=kind
        )
        .order_by()
        .values_list("target_id")
        .distinct()
    )
    return {unit_id: 1.0 for (unit_id,) in rows}


def inspected_subordinate(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """1 for each directly subordinate committee inspected at least once in the period."""
    return _inspected(UnitKind.SUBORDINATE_COMMITTEE, prefix, start, end)


def inspected_grassroots(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _inspected(UnitKind.GRASSROOTS_COMMITTEE, prefix, start, end)


def _findings(kind: str, prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    rows = (
        Finding.objects.filter(
            kind=kind,
            inspection__start_date__gte=start,
            inspection__start_date__lte=end,
            inspection__target__path__startswith=prefix,
        )
        .order_by()
        .values("inspection__target_id")
        .annotate(n=Count("id"))
        .values_list("inspection__target_id", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows}


def good_practices(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _findings(FindingKind.GOOD_PRACTICE, prefix, start, end)


def shortcomings(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _findings(FindingKind.SHORTCOMING, prefix, start, end)


def public_opinion_issues(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _findings(FindingKind.PUBLIC_OPINION, prefix, start, end)
