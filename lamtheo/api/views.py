from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.api import services
from lamtheo.api.models import ApiToken
from lamtheo.lib.http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The user's API tokens; a new token's secret is shown on this one response and never again."""
    new_key = ""
    error = ""
    if request.method == "POST":
        try:
            _token, new_key = services.token_create(acting_user=request.user, name=request.POST.get("name", ""))
        except ValidationError as exc:
            error = " ".join(exc.messages)
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_key": new_key,
        "error": error,
        "name": request.POST.get("name", "") if error else "",
    }
    response = render(request, "api/tokens.html", context)
    response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404
    services.token_revoke(acting_user=request.user, token=token)
    messages.success(request, _("The token has been revoked; programs using it can no longer connect."))
    return redirect("api_tokens")
