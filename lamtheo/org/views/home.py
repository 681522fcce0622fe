from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from lamtheo.accounts.access import capture_paths, is_superuser, top_units_for
from lamtheo.accounts.models import RoleAssignment
from lamtheo.lib import extensions
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.selectors import subtree_totals


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """What is in my scope: the units my roles reach, with their totals, and my own record."""
    assignments = RoleAssignment.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    tops = list(top_units_for(request.user)[:20])
    capture = capture_paths(request.user)
    cards = [
        {
            "unit": unit,
            "totals": subtree_totals(unit),
            "can_capture": is_superuser(request.user) or any(unit.path.startswith(p) for p in capture),
        }
        for unit in tops
    ]
    person = getattr(request.user, "person", None)
    context = {
        "assignments": assignments,
        "cards": cards,
        "person": person,
        "extra_sections": extensions.home_sections(request),
    }
    return render(request, "org/home.html", context)
