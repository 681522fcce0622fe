"""Who may see and change the campaign's records. Built on the access functions of ``lamtheo.accounts``.

A plan reaches down its unit's subtree: everyone who can see a unit under it sees it (a cell sees the
Bloc's topic), and only those who capture on the plan's unit change it. An activity belongs to its
organiser (co-organisers see it too); a commitment to its cell and to the member it belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.accounts.access import (
    can_capture_unit,
    can_view_unit,
    capture_paths,
    has_role,
    is_administrator,
    is_superuser,
    units_visible_to,
    view_paths,
)
from lamtheo.accounts.models import Role
from lamtheo.campaign.models import Activity, Commitment, PlanDocument, YearPlan

if TYPE_CHECKING:
    from lamtheo.org.models import Person, Unit


def _own_person(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def can_see_plan(user: Any, plan: YearPlan) -> bool:
    if is_superuser(user):
        return True
    path = plan.unit.path
    if any(p.startswith(path) or path.startswith(p) for p in view_paths(user)):
        return True
    person = _own_person(user)
    return person is not None and person.unit is not None and person.unit.path.startswith(path)


def _uuid_lookup(model: Any, code: str, related: tuple[str, ...]) -> Any:
    try:
        return model.objects.select_related(*related).get(code=code)
    except (model.DoesNotExist, ValidationError, ValueError) as exc:  # a malformed UUID is not found either
        raise Http404 from exc


def get_plan_for_user(user: Any, code: str, *, write: bool = False) -> YearPlan:
    plan: YearPlan = _uuid_lookup(YearPlan, code, ("unit", "programme", "parent_plan", "parent_plan__unit"))
    if not can_see_plan(user, plan):
        raise Http404
    if write and not can_capture_unit(user, plan.unit):
        raise PermissionDenied
    return plan


def get_document_for_user(user: Any, code: str) -> PlanDocument:
    document: PlanDocument = _uuid_lookup(PlanDocument, code, ("plan", "plan__unit"))
    if not can_see_plan(user, document.plan):
        raise Http404
    return document


def can_see_activity(user: Any, activity: Activity) -> bool:
    if can_view_unit(user, activity.unit):
        return True
    return any(can_view_unit(user, unit) for unit in activity.co_organisers.all())


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """``can_see_activity()`` as a query: organised, or co-organised, by a unit the user can see."""
    visible = units_visible_to(user)
    co_organised = Activity.co_organisers.through.objects.filter(unit__in=visible).values("activity_id")
    return Activity.objects.filter(Q(unit__in=visible) | Q(pk__in=co_organised))


def get_activity_for_user(user: Any, code: str, *, write: bool = False) -> Activity:
    activity: Activity = _uuid_lookup(Activity, code, ("unit", "plan", "holiday"))
    if not can_see_activity(user, activity):
        raise Http404
    if write and not can_capture_unit(user, activity.unit):
        raise PermissionDenied
    return activity


def is_own(user: Any, person: Person) -> bool:
    return bool(getattr(user, "is_authenticated", False) and person.user_id == user.pk)


def can_see_commitment(user: Any, commitment: Commitment) -> bool:
    return is_own(user, commitment.person) or can_view_unit(user, commitment.unit)


def commitments_visible_to(user: Any) -> QuerySet[Commitment]:
    """``can_see_commitment()`` as a query: commitments of cells the user can see, and the user's own."""
    return Commitment.objects.filter(Q(unit__in=units_visible_to(user)) | Q(person__user=user))


def get_commitment_for_user(user: Any, code: str) -> Commitment:
    commitment: Commitment = _uuid_lookup(Commitment, code, ("person", "unit", "evaluated_by", "approved_by"))
    if not can_see_commitment(user, commitment):
        raise Http404
    return commitment


def can_write_own_commitment(user: Any, person: Person, unit: Unit | None) -> bool:
    """The member themselves, or whoever captures for their cell (the secretary collects commitments)."""
    return is_own(user, person) or (unit is not None and can_capture_unit(user, unit))


def can_approve_in(user: Any, unit: Unit) -> bool:
    """Approval is the committee's: a capture right held strictly above the cell."""
    if is_superuser(user):
        return True
    return any(unit.path.startswith(p) and len(p) < len(unit.path) for p in capture_paths(user))


def require_commitment_writer(user: Any, person: Person, unit: Unit | None) -> None:
    if can_write_own_commitment(user, person, unit):
        return
    if is_own(user, person) or (unit is not None and can_view_unit(user, unit)):
        raise PermissionDenied
    raise Http404


def can_edit_holidays(user: Any) -> bool:
    """The holiday list and the programmes are the support unit's (or an administrator's)."""
    return is_administrator(user) or (has_role(user, Role.SUPPORT_STAFF) and bool(capture_paths(user)))


def require_holiday_editor(user: Any) -> None:
    if user is None:
        return
    if not can_edit_holidays(user):
        raise PermissionDenied
