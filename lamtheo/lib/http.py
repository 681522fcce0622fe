"""Request types for views behind ``login_required``."""

from __future__ import annotations

from django.http import HttpRequest

from lamtheo.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is logged in (views decorated with ``login_required``)."""

    user: User
