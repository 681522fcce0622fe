"""Writes to accounts: login protection and role grants."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lamtheo.accounts.access import forget_grants
from lamtheo.accounts.audit import audit_record
from lamtheo.accounts.models import Role, RoleAssignment, User
from lamtheo.org.models import Unit

# Roles that by default may record data in their subtree (others only view unless granted).
CAPTURING_ROLES = {Role.SUPPORT_STAFF, Role.COMMITTEE_OFFICER, Role.CELL_SECRETARY, Role.ADMINISTRATOR}


def login_locked_until(user: User) -> dt.datetime | None:
    if user.locked_until is not None and user.locked_until > timezone.now():
        return user.locked_until
    return None


def login_failure_record(*, user: User) -> None:
    """Count a failed password; lock the account once the limit is reached."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
        user.refresh_from_db(fields=["failed_login_count"])
        if user.failed_login_count >= settings.LOGIN_MAX_FAILURES:
            until = timezone.now() + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
            user.locked_until = until
            audit_record(acting_user=None, action="user.lock", obj=user, after={"locked_until": until.isoformat()})


def login_success_record(*, user: User) -> None:
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)


def role_grant(
    *,
    acting_user: User | None,
    user: User,
    unit: Unit,
    role: str,
    can_capture: bool | None = None,
    can_view: bool = True,
) -> RoleAssignment:
    capture = (role in CAPTURING_ROLES) if can_capture is None else can_capture
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.update_or_create(
            user=user, unit=unit, role=role, defaults={"can_capture": capture, "can_view": can_view}
        )
        audit_record(
            acting_user=acting_user,
            action="role.grant",
            obj=user,
            after={"unit": unit.code, "role": role, "can_view": can_view, "can_capture": capture},
        )
    forget_grants(user)
    return assignment
