"""Access functions: every read and write of scoped data goes through these.

A role held on a unit reaches the unit's whole subtree (materialised-path prefix). Outsiders get
404 (the object does not exist for them); users who may only view get 403 on writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.accounts.models import Role, RoleAssignment

if TYPE_CHECKING:
    from lamtheo.accounts.models import User
    from lamtheo.org.models import Person, Unit


@dataclass(frozen=True)
class Grant:
    path: str
    role: str
    can_view: bool
    can_capture: bool


def _grants(user: Any) -> list[Grant]:
    """The user's role assignments, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Grant] | None = getattr(user, "_lamtheo_grants", None)
    if cached is None:
        cached = [
            Grant(path=path, role=role, can_view=can_view, can_capture=can_capture)
            for path, role, can_view, can_capture in RoleAssignment.objects.filter(user=user).values_list(
                "unit__path", "role", "can_view", "can_capture"
            )
        ]
        user._lamtheo_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    for cached in ("_lamtheo_grants", "_lamtheo_sees_everything"):
        if hasattr(user, cached):
            delattr(user, cached)


def _minimal_prefixes(paths: list[str]) -> list[str]:
    """Drop paths that lie inside another path of the list."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def _prefix_q(paths: list[str], field: str) -> Q:
    from lamtheo.org.models import in_subtree

    q = Q()
    for path in _minimal_prefixes(paths):
        q |= in_subtree(field, path)
    return q


def view_paths(user: Any) -> list[str]:
    return _minimal_prefixes([g.path for g in _grants(user) if g.can_view])


def capture_paths(user: Any) -> list[str]:
    return _minimal_prefixes([g.path for g in _grants(user) if g.can_capture])


def sees_a_whole_tree(user: Any) -> bool:
    """Whether the user sees at least one whole tree (the superuser, or a role on a root unit): what they
    see is then most of each table, which a query finds fastest by walking an index in the list's order."""
    from lamtheo.org.models import Unit

    return is_superuser(user) or any(len(path) == Unit.steplen for path in view_paths(user))


def sees_everything(user: Any) -> bool:
    """Whether the user sees every unit (the superuser, or roles on every root unit): a list of all they
    see then needs no condition at all. Read once per request, like the grants."""
    if is_superuser(user):
        return True
    from lamtheo.org.models import Unit

    roots = [path for path in view_paths(user) if len(path) == Unit.steplen]
    if not roots:
        return False
    cached: bool | None = getattr(user, "_lamtheo_sees_everything", None)
    if cached is None:
        cached = not Unit.objects.filter(depth=1).exclude(path__in=roots).exists()
        user._lamtheo_sees_everything = cached
    return cached


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def is_administrator(user: Any) -> bool:
    return is_superuser(user) or any(g.role == Role.ADMINISTRATOR for g in _grants(user))


def has_role(user: Any, *roles: str) -> bool:
    return is_superuser(user) or any(g.role in roles for g in _grants(user))


def has_role_on(user: Any, unit: Unit, role: str, *, capture: bool = True) -> bool:
    """Whether the user holds ``role`` on ``unit`` or a unit above it (with capture rights, by default)."""
    if is_superuser(user):
        return True
    return any(
        grant.role == role and (grant.can_capture or not capture) and unit.path.startswith(grant.path)
        for grant in _grants(user)
    )


def units_visible_to(user: Any) -> QuerySet[Unit]:
    from lamtheo.org.models import Unit

    if sees_everything(user):
        return Unit.objects.all()
    paths = view_paths(user)
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(_prefix_q(paths, "path"))


def units_capturable_by(user: Any) -> QuerySet[Unit]:
    from lamtheo.org.models import Unit

    if is_superuser(user):
        return Unit.objects.all()
    paths = capture_paths(user)
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(_prefix_q(paths, "path"))


def can_view_unit(user: Any, unit: Unit) -> bool:
    return is_superuser(user) or any(unit.path.startswith(p) for p in view_paths(user))


def can_capture_unit(user: Any, unit: Unit) -> bool:
    return is_superuser(user) or any(unit.path.startswith(p) for p in capture_paths(user))


def require_capture(user: Any, unit: Unit) -> None:
    """404 for outsiders, 403 for those who may only view."""
    if not can_view_unit(user, unit):
        raise Http404
    if not can_capture_unit(user, unit):
        raise PermissionDenied


def top_units_for(user: Any) -> QuerySet[Unit]:
    """The highest units the user can see: where their home page and the tree browser start."""
    from lamtheo.org.models import Unit

    if is_superuser(user):
        return Unit.objects.get_root_nodes()
    return Unit.objects.filter(path__in=view_paths(user)).order_by("path")


def get_unit_for_user(user: Any, code: str, *, write: bool = False) -> Unit:
    from lamtheo.org.models import Unit

    unit = Unit.objects.filter(code=code).first()
    if unit is None or not can_view_unit(user, unit):
        raise Http404
    if write and not can_capture_unit(user, unit):
        raise PermissionDenied
    return unit


def people_visible_to(user: Any) -> QuerySet[Person]:
    from lamtheo.org.models import Person

    if sees_everything(user):
        return Person.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    paths = view_paths(user)
    scope = _prefix_q(paths, "unit__path") if paths else Q(pk__in=[])
    # One's own record is visible too. It is nearly always in one's scope already; naming it only when
    # it is not keeps the condition on the units alone, which a small scope answers through its units
    # (an OR with the person's user would make the database read every person).
    own = Person.objects.filter(user=user).values_list("pk", "unit__path").first()
    if own is not None and not (own[1] and any(own[1].startswith(path) for path in paths)):
        scope |= Q(pk=own[0])
    return Person.objects.filter(scope)


def get_person_for_user(user: User | Any, code: str, *, write: bool = False) -> Person:
    from lamtheo.org.models import Person

    try:
        person = Person.objects.select_related("unit").get(code=code)
    except (Person.DoesNotExist, ValidationError, ValueError) as exc:  # a malformed UUID is not found either
        raise Http404 from exc
    own = getattr(user, "is_authenticated", False) and person.user_id == user.pk
    visible = own or (person.unit is not None and can_view_unit(user, person.unit)) or is_superuser(user)
    if not visible:
        raise Http404
    if write and not (person.unit is not None and can_capture_unit(user, person.unit)) and not is_superuser(user):
        raise PermissionDenied
    return person
