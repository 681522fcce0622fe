"""Who may see and change inspections: both sides of an inspection see it; the inspector writes it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from lamtheo.accounts.access import (
    can_capture_unit,
    can_view_unit,
    is_superuser,
    sees_a_whole_tree,
    sees_everything,
    units_visible_to,
    view_paths,
)
from lamtheo.inspections.models import Inspection, InspectionPlan, Recommendation


def paths_q(user: Any, *fields: str) -> Q | None:
    """Rows whose unit ``field`` (a path lookup) lies in the user's view scope; None means everything."""
    if is_superuser(user):
        return None
    condition = Q(pk__in=[])
    for path in view_paths(user):
        for field in fields:
            condition |= Q(**{f"{field}__startswith": path})
    return condition


M = TypeVar("M", bound=Model)
# Up to this many units (a district), a scope is named by its units' ids: each side of an inspection is then
# checked on the row itself, without a join to the units; a larger list costs more to send than it saves.
SCOPE_UNIT_IDS = 1_000


def _in_scope(queryset: QuerySet[M], user: Any, *fields: str) -> QuerySet[M]:
    """``queryset`` narrowed to the rows one of whose units (``fields``, path lookups) the user sees.

    A scope smaller than a whole tree is read through its units, one index per side, and the sides
    put together: an OR across the joins would have the database read every row of the table (every
    open recommendation of the country for a grassroots committee's home page)."""
    condition = paths_q(user, *fields)
    if condition is None or sees_everything(user):
        return queryset
    paths = view_paths(user)
    if not paths or sees_a_whole_tree(user):  # nothing, or most rows: a condition checked as they are read
        return queryset.filter(condition)
    units = list(units_visible_to(user).order_by().values_list("id", flat=True)[: SCOPE_UNIT_IDS + 1])
    if len(units) <= SCOPE_UNIT_IDS:
        # The units' ids on the rows themselves: no join to the units at all.
        by_ids = Q()
        for field in fields:
            by_ids |= Q(**{f"{field.removesuffix('__path')}__in": units})
        return queryset.filter(by_ids)
    manager = queryset.model._default_manager
    sides = [
        manager.filter(**{f"{field}__startswith": path}).order_by().values("pk") for path in paths for field in fields
    ]
    return queryset.filter(pk__in=sides[0].union(*sides[1:]) if len(sides) > 1 else sides[0])


def inspections_visible_to(user: Any) -> QuerySet[Inspection]:
    return _in_scope(Inspection.objects.all(), user, "inspecting_unit__path", "target__path")


def plans_visible_to(user: Any) -> QuerySet[InspectionPlan]:
    condition = paths_q(user, "unit__path")
    qs = InspectionPlan.objects.all()
    return qs if condition is None else qs.filter(condition)


def recommendations_visible_to(user: Any) -> QuerySet[Recommendation]:
    return _in_scope(
        Recommendation.objects.all(),
        user,
        "inspection__inspecting_unit__path",
        "responsible_unit__path",
        "inspection__target__path",
    )


def _parse_code(code: str) -> str:
    return code.strip()


def get_plan_for_user(user: Any, code: str, *, write: bool = False) -> InspectionPlan:
    try:
        plan = InspectionPlan.objects.select_related("unit").get(code=_parse_code(code))
    except (InspectionPlan.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    if not can_view_unit(user, plan.unit):
        raise Http404
    if write and not can_capture_unit(user, plan.unit):
        raise PermissionDenied
    return plan


def get_inspection_for_user(user: Any, code: str, *, write: bool = False) -> Inspection:
    """Both sides read an inspection; only those who capture for the inspecting unit change it."""
    try:
        inspection = Inspection.objects.select_related("inspecting_unit", "target").get(code=_parse_code(code))
    except (Inspection.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    if not (can_view_unit(user, inspection.inspecting_unit) or can_view_unit(user, inspection.target)):
        raise Http404
    if write and not can_capture_unit(user, inspection.inspecting_unit):
        raise PermissionDenied
    return inspection


def get_recommendation_for_user(user: Any, code: str) -> Recommendation:
    try:
        recommendation = Recommendation.objects.select_related(
            "inspection", "inspection__inspecting_unit", "inspection__target", "responsible_unit"
        ).get(code=_parse_code(code))
    except (Recommendation.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    units = (
        recommendation.inspection.inspecting_unit,
        recommendation.inspection.target,
        recommendation.responsible_unit,
    )
    if not any(can_view_unit(user, unit) for unit in units):
        raise Http404
    return recommendation


def can_answer(user: Any, recommendation: Recommendation) -> bool:
    return can_capture_unit(user, recommendation.responsible_unit)


def can_close(user: Any, recommendation: Recommendation) -> bool:
    return can_capture_unit(user, recommendation.inspection.inspecting_unit)
