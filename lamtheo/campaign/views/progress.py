"""The year's progress of a unit and its subtree, with drill-down, and the thresholds that flag weak units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheo.accounts.access import can_capture_unit, can_view_unit, get_unit_for_user
from lamtheo.campaign import services
from lamtheo.campaign.forms import ThresholdForm
from lamtheo.campaign.models import Activity, ActivityKind
from lamtheo.campaign.selectors.plans import current_plan_for_unit, plan_for_unit, plan_years_for_unit
from lamtheo.campaign.selectors.progress import cell_members_with_commitments, threshold_for, unit_progress
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import UnitKind
from lamtheo.org.selectors import ancestors


@login_required
def progress_current(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    today = timezone.localdate()
    plan = current_plan_for_unit(unit, today)
    return redirect("campaign:progress", code=unit.code, year=plan.year if plan else today.year)


@login_required
def progress(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    # Live for a small subtree; from the reports' summaries, as of their last refresh, for a large one.
    report = unit_progress(unit, year)
    is_cell = unit.kind == UnitKind.CELL
    context = {
        "unit": unit,
        "year": year,
        "report": report,
        "plan": plan_for_unit(unit, year),
        "years": plan_years_for_unit(unit),
        "ancestors": [a for a in ancestors(unit) if can_view_unit(request.user, a)],
        "is_cell": is_cell,
        "can_capture": can_capture_unit(request.user, unit),
        "meetings": (
            Activity.objects.filter(unit=unit, kind=ActivityKind.CELL_MEETING, held_on__year=year).order_by("-held_on")
            if is_cell
            else []
        ),
        "lines": cell_members_with_commitments(unit, year) if is_cell else [],
    }
    return render(request, "campaign/progress.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thresholds(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    current = threshold_for(unit, year)
    initial = {
        "min_meeting_share": current.min_meeting_share if current else 80,
        "min_attendance": current.min_attendance if current else 80,
        "min_registration": current.min_registration if current else 90,
    }
    form = ThresholdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_set(acting_user=request.user, unit=unit, year=year, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The thresholds have been saved."))
            return redirect("campaign:progress", code=unit.code, year=year)
    context = {
        "form": form,
        "title": _("Thresholds for weak units, %(year)s: %(unit)s") % {"year": year, "unit": unit.name},
        "intro": _(
            "Units under this one whose figures fall below these shares are flagged as weak on the progress page."
        ),
        "back": f"/app/campaign/units/{unit.code}/progress/{year}/",
    }
    return render(request, "campaign/form_page.html", context)
