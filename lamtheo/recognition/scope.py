"""Who sees and decides recognition: units see their own nominations, the support unit above decides."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from lamtheo.accounts.access import can_capture_unit, can_view_unit, has_role_on, is_superuser, view_paths
from lamtheo.accounts.models import Role
from lamtheo.org.models import Unit
from lamtheo.recognition.models import Commendation, Decision, Exemplar, Nomination, Occasion


def is_support_for(user: Any, unit: Unit) -> bool:
    """Support-unit staff who capture on the unit or above it: they run occasions and decide."""
    return has_role_on(user, unit, Role.SUPPORT_STAFF)


def require_support(user: Any, unit: Unit) -> None:
    """404 for those who cannot see the unit, 403 for those who see it but are not its support unit."""
    if user is None:
        return
    if not can_view_unit(user, unit):
        raise Http404
    if not is_support_for(user, unit):
        raise PermissionDenied


def _paths_q(user: Any, *fields: str) -> Q | None:
    if is_superuser(user):
        return None
    condition = Q(pk__in=[])
    for path in view_paths(user):
        for field in fields:
            condition |= Q(**{f"{field}__startswith": path})
    return condition


def _scoped(qs: QuerySet[Any], user: Any, *fields: str) -> QuerySet[Any]:
    condition = _paths_q(user, *fields)
    return qs if condition is None else qs.filter(condition)


def occasions_for_unit(unit: Unit) -> QuerySet[Occasion]:
    """Occasions a unit may nominate for: those run by the unit itself or a unit above it."""
    prefixes = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return Occasion.objects.filter(unit__path__in=prefixes)


def occasions_visible_to(user: Any) -> QuerySet[Occasion]:
    """Occasions run in the user's scope, or above it (which the user's units may nominate for)."""
    if is_superuser(user):
        return Occasion.objects.all()
    prefixes: set[str] = set()
    for path in view_paths(user):
        prefixes.update(path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen))
    condition = Q(unit__path__in=prefixes)
    inside = _paths_q(user, "unit__path")
    if inside is not None:
        condition |= inside
    return Occasion.objects.filter(condition)


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    return _scoped(Nomination.objects.all(), user, "nominating_unit__path", "occasion__unit__path")


def commendations_visible_to(user: Any) -> QuerySet[Commendation]:
    return _scoped(Commendation.objects.all(), user, "nominating_unit__path", "occasion__unit__path")


def exemplars_visible_to(user: Any) -> QuerySet[Exemplar]:
    return _scoped(Exemplar.objects.all(), user, "proposed_by__path")


def _get(model: type[Model], code: str, related: tuple[str, ...]) -> Any:
    try:
        return model._default_manager.select_related(*related).get(code=code)
    except (model.DoesNotExist, ValidationError, ValueError) as exc:  # type: ignore[attr-defined]
        raise Http404 from exc


def get_occasion_for_user(user: Any, code: str) -> Occasion:
    occasion: Occasion = _get(Occasion, code, ("unit",))
    if not occasions_visible_to(user).filter(pk=occasion.pk).exists():
        raise Http404
    return occasion


def get_nomination_for_user(user: Any, code: str) -> Nomination:
    nomination: Nomination = _get(
        Nomination,
        code,
        ("occasion", "occasion__unit", "nominating_unit", "nominee_unit", "nominee_person", "nominee_person__unit"),
    )
    if not (can_view_unit(user, nomination.nominating_unit) or can_view_unit(user, nomination.occasion.unit)):
        raise Http404
    return nomination


def get_decision_for_user(user: Any, code: str) -> Decision:
    decision: Decision = _get(Decision, code, ("occasion", "issuing_unit"))
    if (
        not can_view_unit(user, decision.issuing_unit)
        and not commendations_visible_to(user).filter(decision=decision).exists()
    ):
        raise Http404
    return decision


def get_commendation_for_user(user: Any, code: str) -> Commendation:
    commendation: Commendation = _get(
        Commendation,
        code,
        ("decision", "decision__issuing_unit", "occasion", "nominee_unit", "nominee_person", "nominating_unit"),
    )
    if not (can_view_unit(user, commendation.nominating_unit) or can_view_unit(user, commendation.occasion.unit)):
        raise Http404
    return commendation


def get_exemplar_for_user(user: Any, code: str) -> Exemplar:
    exemplar: Exemplar = _get(Exemplar, code, ("person", "unit", "proposed_by"))
    if not can_view_unit(user, exemplar.proposed_by):
        raise Http404
    return exemplar


def can_nominate(user: Any, unit: Unit) -> bool:
    return can_capture_unit(user, unit)
