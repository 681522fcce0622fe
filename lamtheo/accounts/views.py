from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from lamtheo.accounts.access import is_administrator
from lamtheo.accounts.models import AuditEntry
from lamtheo.lib.http import AuthenticatedRequest


@login_required
def object_history(request: AuthenticatedRequest, object_type: str, object_id: str) -> HttpResponse:
    """An object's audit history, for administrators only (others: 404, the page does not exist for them)."""
    if not is_administrator(request.user):
        raise Http404
    entries = AuditEntry.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")[:500]
    if not entries:
        raise Http404
    return render(
        request,
        "accounts/history.html",
        {"entries": entries, "object_repr": entries[0].object_repr},
    )
