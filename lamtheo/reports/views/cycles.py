from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, can_view_unit, capture_paths, get_unit_for_user, is_superuser
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import Unit
from lamtheo.reports import selectors, services
from lamtheo.reports.access import cycles_visible_to, get_cycle_for_user, view_unit_for
from lamtheo.reports.documents.statistics import statistics_xlsx
from lamtheo.reports.forms import CycleForm
from lamtheo.reports.models import CycleStatus, ReportStatus, ReviewDraft, UnitReport

LIST_SIZE = 50


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The cycles the user can see, and the reports of the units the user writes for."""
    cycles = list(cycles_visible_to(request.user).order_by("-period_end", "-id")[:LIST_SIZE])
    mine = UnitReport.objects.none()
    if not is_superuser(request.user):
        paths = capture_paths(request.user)
        if paths:
            # The reports of the units the user's roles sit on (not of the whole subtree they reach).
            mine = (
                UnitReport.objects.filter(unit__path__in=paths, cycle__status=CycleStatus.OPEN)
                .select_related("unit", "cycle")
                .order_by("cycle__deadline", "unit__name")
            )
    return render(request, "reports/index.html", {"cycles": cycles, "mine": list(mine[:LIST_SIZE])})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_open(
                acting_user=request.user,
                issuing_unit=unit,
                template=data["template"],
                title=data["title"],
                period_kind=data["period_kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                deadline=data["deadline"],
                assigned_kind=data["assigned_kind"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The reporting cycle is open: every assigned unit has a draft report."))
            return redirect("reports:cycle", code=cycle.code)
    return render(request, "reports/cycle_form.html", {"unit": unit, "form": form})


@login_required
def cycle_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Completeness and timeliness of the user's part of the cycle, by child, with the overdue units."""
    cycle = get_cycle_for_user(request.user, code)
    unit = view_unit_for(request.user, cycle, request.GET.get("unit", ""))
    own_report = UnitReport.objects.filter(cycle=cycle, unit=unit).first()
    context = {
        "cycle": cycle,
        "unit": unit,
        "up": Unit.objects.get_parent(unit) if unit.depth > cycle.issuing_unit.depth else None,
        "total": selectors.completeness(cycle, unit),
        "rows": selectors.completeness_by_child(cycle, unit),
        "overdue": list(selectors.overdue_reports(cycle, unit)[:200]),
        "own_report": own_report,
        "can_manage": can_capture_unit(request.user, cycle.issuing_unit),
        "sees_issuing": can_view_unit(request.user, cycle.issuing_unit),
        "review": ReviewDraft.objects.filter(cycle=cycle).first(),
        "today": timezone.localdate(),
        "statuses": ReportStatus,
    }
    return render(request, "reports/cycle_detail.html", context)


@login_required
def cycle_compare(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The reports under a unit side by side: one column per unit, one row per indicator."""
    cycle = get_cycle_for_user(request.user, code)
    unit = view_unit_for(request.user, cycle, request.GET.get("unit", ""))
    data = selectors.side_by_side(cycle, unit)
    return render(request, "reports/cycle_compare.html", {"cycle": cycle, "unit": unit, "data": data})


@login_required
def cycle_statistics(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for_user(request.user, code)
    unit = view_unit_for(request.user, cycle, request.GET.get("unit", ""))
    content = statistics_xlsx(cycle, unit)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{cycle.period_end:%Y}-{unit.code}.xlsx"'
    return response


@login_required
@require_POST
def cycle_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for_user(request.user, code, write=True)
    services.cycle_close(acting_user=request.user, cycle=cycle)
    messages.success(request, _("The cycle is closed."))
    return redirect("reports:cycle", code=cycle.code)
