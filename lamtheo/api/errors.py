"""JSON errors with stable codes: {"error": {"code": "...", "message": "...", "details": ...}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from lamtheo.lib.errors import ConflictError


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, {"error": body}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(api, request, 403, "forbidden", _("You may read this but not change it."))

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(api, request, 401, "unauthorized", _("Send a valid API token: Authorization: Bearer …"))

    @api.exception_handler(SchemaValidationError)
    def invalid_request(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        details = [{"loc": list(e.get("loc", [])), "message": str(e.get("msg", ""))} for e in exc.errors]
        return error_response(api, request, 422, "validation_error", _("The request is not valid."), details)

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        return error_response(api, request, 409, "conflict", " ".join(exc.messages))

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return error_response(api, request, 400, "refused", " ".join(exc.messages))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(api, request, 413, "payload_too_large", _("The request body is too large."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, "http_error", str(exc))
