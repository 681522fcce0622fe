"""Who may see and do what with cycles, unit reports and review documents.

A cycle is seen by those who see its issuing unit (all of it) and by those who see an assigned unit
(their part of it). A report is seen by those who see its unit or the issuing unit; it is written by
those who capture its unit, and accepted or returned by those who capture the issuing unit.
Outsiders get 404, those who may only view get 403.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.accounts.access import can_capture_unit, can_view_unit, is_superuser, view_paths
from lamtheo.org.models import Unit
from lamtheo.reports.models import ReportingCycle, ReviewDraft, UnitReport


def _uuid(code: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(code))
    except ValueError as exc:
        raise Http404 from exc


def cycles_visible_to(user: Any) -> QuerySet[ReportingCycle]:
    cycles = ReportingCycle.objects.select_related("issuing_unit")
    if is_superuser(user):
        return cycles.all()
    paths = view_paths(user)
    if not paths:
        return cycles.none()
    condition = Q()
    for path in paths:
        # The issuing unit is in the user's scope, or the user's scope lies inside the issuing unit's subtree
        # and holds an assigned unit.
        condition |= Q(issuing_unit__path__startswith=path)
        condition |= Q(reports__unit__path__startswith=path)
    return cycles.filter(condition).distinct()


def can_see_cycle(user: Any, cycle: ReportingCycle) -> bool:
    return cycles_visible_to(user).filter(pk=cycle.pk).exists()


def get_cycle_for_user(user: Any, code: str, *, write: bool = False) -> ReportingCycle:
    cycle = ReportingCycle.objects.select_related("issuing_unit", "template").filter(code=_uuid(code)).first()
    if cycle is None or not can_see_cycle(user, cycle):
        raise Http404
    if write and not can_capture_unit(user, cycle.issuing_unit):
        raise PermissionDenied
    return cycle


def view_unit_for(user: Any, cycle: ReportingCycle, requested: str = "") -> Unit:
    """The unit whose part of the cycle the user looks at: the one asked for if they may see it and it
    lies in the cycle, else the issuing unit if visible, else the user's own highest unit in the cycle."""
    issuing = cycle.issuing_unit
    if requested:
        unit = Unit.objects.filter(code=requested, path__startswith=issuing.path).first()
        if unit is not None and can_view_unit(user, unit):
            return unit
    if can_view_unit(user, issuing):
        return issuing
    for path in view_paths(user):
        if path.startswith(issuing.path):
            unit = Unit.objects.filter(path=path).first()
            if unit is not None:
                return unit
    raise Http404


def reports_visible_to(user: Any) -> QuerySet[UnitReport]:
    """The list twin of ``can_see_report``: a report is seen by those who see its unit or the issuing unit."""
    reports = UnitReport.objects.select_related("unit", "cycle")
    if is_superuser(user):
        return reports.all()
    paths = view_paths(user)
    if not paths:
        return reports.none()
    condition = Q()
    for path in paths:
        condition |= Q(unit__path__startswith=path) | Q(cycle__issuing_unit__path__startswith=path)
    return reports.filter(condition)


def can_see_report(user: Any, report: UnitReport) -> bool:
    return can_view_unit(user, report.unit) or can_view_unit(user, report.cycle.issuing_unit)


def can_edit_report(user: Any, report: UnitReport) -> bool:
    return can_capture_unit(user, report.unit)


def can_review_report(user: Any, report: UnitReport) -> bool:
    return can_capture_unit(user, report.cycle.issuing_unit)


def get_report_for_user(user: Any, code: str, *, write: bool = False, review: bool = False) -> UnitReport:
    report = (
        UnitReport.objects.select_related("unit", "cycle", "cycle__issuing_unit", "cycle__template")
        .filter(code=_uuid(code))
        .first()
    )
    if report is None or not can_see_report(user, report):
        raise Http404
    if write and not can_edit_report(user, report):
        raise PermissionDenied
    if review and not can_review_report(user, report):
        raise PermissionDenied
    return report


def get_review_for_user(user: Any, code: str, *, write: bool = False) -> ReviewDraft:
    review = (
        ReviewDraft.objects.select_related("cycle", "cycle__issuing_unit", "cycle__template")
        .filter(code=_uuid(code))
        .first()
    )
    # The review speaks for the issuing unit: only those who see that unit see it.
    if review is None or not can_view_unit(user, review.cycle.issuing_unit):
        raise Http404
    if write and not can_capture_unit(user, review.cycle.issuing_unit):
        raise PermissionDenied
    return review
