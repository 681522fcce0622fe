"""Inspection plans: create, edit, add planned visits, see proposed priorities and the coverage board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.inspections import selectors, services
from lamtheo.inspections.forms import PlanCreateForm, PlanEditForm, PlannedItemForm, resolve_team
from lamtheo.inspections.models import InspectionPlan, PlannedInspection
from lamtheo.inspections.scope import get_plan_for_user
from lamtheo.lib.http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = PlanCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.plan_create(
                    acting_user=request.user,
                    unit=unit,
                    year=data["year"],
                    coverage_rule=data["coverage_rule"],
                    priority_sector_codes=[t.code for t in data["priority_sectors"]],
                    notes=data["notes"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The inspection plan has been created."))
                return redirect("inspections:plan", code=plan.code)
    else:
        form = PlanCreateForm(initial={"year": timezone.localdate().year})
    return render(request, "inspections/plan_form.html", {"unit": unit, "form": form})


def _plan_context(request: AuthenticatedRequest, plan: InspectionPlan, item_form: PlannedItemForm | None) -> dict:
    can_edit = can_capture_unit(request.user, plan.unit)
    items = (
        PlannedInspection.objects.filter(plan=plan)
        .select_related("target")
        .prefetch_related("team")
        .annotate(done=Count("inspections"))
        .order_by("month", "target__name")
    )
    return {
        "plan": plan,
        "items": items,
        "priorities": selectors.priorities(plan) if can_edit else [],
        "can_edit": can_edit,
        "item_form": item_form or (PlannedItemForm(unit=plan.unit) if can_edit else None),
        "weak_units": plan.weak_units.order_by("name"),
        "sectors": plan.priority_sectors.all(),
    }


@login_required
def plan_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code)
    initial = {}
    if request.GET.get("target"):
        initial = {"target": request.GET["target"], "reasons": request.GET.get("reasons", "")[:255]}
    form = PlannedItemForm(unit=plan.unit, initial=initial) if can_capture_unit(request.user, plan.unit) else None
    return render(request, "inspections/plan_detail.html", _plan_context(request, plan, form))


@login_required
@require_POST
def plan_item_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    form = PlannedItemForm(request.POST, unit=plan.unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            target = get_unit_for_user(request.user, data["target"], write=True)
            services.planned_inspection_add(
                acting_user=request.user,
                plan=plan,
                target=target,
                month=data["month"],
                kind=data["kind"],
                team=resolve_team(data["team"], plan.unit),
                team_note=data["team_note"],
                reasons=data["reasons"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The unit has been added to the plan."))
            return redirect("inspections:plan", code=plan.code)
    return render(request, "inspections/plan_detail.html", _plan_context(request, plan, form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    candidates = selectors.units_active_in_year(plan).filter(active_to__isnull=True).order_by("name")
    if request.method == "POST":
        form = PlanEditForm(request.POST, candidates=candidates)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.plan_update(
                    acting_user=request.user,
                    plan=plan,
                    expected_version=data["version"],
                    coverage_rule=data["coverage_rule"],
                    priority_sector_codes=[t.code for t in data["priority_sectors"]],
                    weak_units=list(data["weak_units"]),
                    notes=data["notes"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The inspection plan has been saved."))
                return redirect("inspections:plan", code=plan.code)
    else:
        form = PlanEditForm(
            candidates=candidates,
            initial={
                "version": plan.version,
                "coverage_rule": plan.coverage_rule,
                "priority_sectors": list(plan.priority_sectors.all()),
                "weak_units": list(plan.weak_units.all()),
                "notes": plan.notes,
            },
        )
    return render(request, "inspections/plan_edit.html", {"plan": plan, "form": form})


@login_required
def plan_coverage(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code)
    board = selectors.coverage(plan)
    scale = max(board.expected, 1)
    bars = []
    for bar in board.months:
        height = round(100 * bar.cumulative / scale)
        x = (bar.month - 1) * 20 + 2
        bars.append({**vars(bar), "x": x, "mid": x + 8, "height": height, "y": 116 - height, "label_y": 112 - height})
    return render(request, "inspections/coverage.html", {"plan": plan, "board": board, "bars": bars})
