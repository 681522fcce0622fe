from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from lamtheo.api.services import token_user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lt_…`` with a token made on the user's token page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user
