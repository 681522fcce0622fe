"""Security headers, refusal of NUL characters, and clean failure when the database is down, full or read-only."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header (Django 5.2 has no built-in CSP)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class RejectNulCharactersMiddleware:
    """Answer 400 to a query string holding a NUL character.

    PostgreSQL cannot store or compare NUL in text, so ``?q=%00`` would otherwise fail deep in a query.
    Form fields refuse NUL already (Django's CharField validator); the query string is read by views
    and API filters directly, so it is checked here, once, for every page and endpoint.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            message = _("The address holds a character that is not allowed (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "invalid_character", "message": message}}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a plain page when the database fails (down, full disk, read-only).

    The transaction has been rolled back by then, so nothing was half-written; the next request
    gets a fresh connection (CONN_HEALTH_CHECKS), so the app recovers without a restart.
    Integrity errors are bugs or races the services should have turned into messages: those stay 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError) or isinstance(exception, IntegrityError):
            return None
        logger.error("Database unavailable: %s", exception)
        body = render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database failure raised outside a view (in a middleware) still gets the 503 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError) and not isinstance(exception, IntegrityError):
        return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "30"})
    return HttpResponse(render_to_string("500.html"), status=500)
