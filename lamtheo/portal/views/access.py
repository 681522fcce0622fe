"""Who may open the portal's back office: editors write articles, moderators moderate comments."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from lamtheo.accounts.access import has_role
from lamtheo.accounts.models import Role
from lamtheo.lib.http import AuthenticatedRequest

PORTAL_ROLES = (Role.EDITOR, Role.MODERATOR)


def is_portal_staff(user: Any) -> bool:
    return has_role(user, *PORTAL_ROLES)


def portal_role_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous → login; no portal role at all → 404; the other portal role only → 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_portal_staff(request.user):
                raise Http404
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


editor_required = portal_role_required(Role.EDITOR)
moderator_required = portal_role_required(Role.MODERATOR)
staff_required = portal_role_required(*PORTAL_ROLES)
