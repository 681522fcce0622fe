"""Year plans: a unit's plans and the ones it may adopt, a plan's topic, documents and tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.campaign import services
from lamtheo.campaign.access import get_document_for_user, get_plan_for_user
from lamtheo.campaign.forms import DocumentForm, PlanEditForm, PlanForm, TaskForm
from lamtheo.campaign.models import PlanTask, Programme, TaskStatus, YearPlan
from lamtheo.campaign.selectors.plans import plans_reaching
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import Unit


@login_required
def unit_plans(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The unit's own plans, and the plans above it that it may adopt."""
    unit = get_unit_for_user(request.user, code)
    reaching = list(plans_reaching(unit))
    own = [p for p in reaching if p.unit_id == unit.pk]
    adopted_keys = {(p.programme_id, p.year) for p in own}
    above = [p for p in reaching if p.unit_id != unit.pk]
    context = {
        "unit": unit,
        "own": own,
        "above": above,
        "adoptable": {p.pk for p in above if (p.programme_id, p.year) not in adopted_keys},
        "can_capture": can_capture_unit(request.user, unit),
    }
    return render(request, "campaign/unit_plans.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    form = PlanForm(
        request.POST or None, initial={"year": timezone.localdate().year, "programme": Programme.objects.first()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan has been created."))
            return redirect("campaign:plan", code=plan.code)
    context = {
        "form": form,
        "title": _("New year plan for %(unit)s") % {"unit": unit.name},
        "back": f"/app/campaign/units/{unit.code}/plans/",
    }
    return render(request, "campaign/form_page.html", context)


@login_required
@require_POST
def plan_adopt(request: AuthenticatedRequest, code: str, plan_code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    parent = get_plan_for_user(request.user, plan_code)
    try:
        plan = services.plan_adopt(acting_user=request.user, unit=unit, parent_plan=parent)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaign:unit_plans", code=unit.code)
    messages.success(request, _("The plan has been adopted. Add your own tasks to it."))
    return redirect("campaign:plan", code=plan.code)


def _plan_context(request: AuthenticatedRequest, plan: YearPlan) -> dict[str, object]:
    chain: list[YearPlan] = []
    parent = plan.parent_plan
    while parent is not None and len(chain) < 10:
        chain.append(parent)
        parent = YearPlan.objects.select_related("unit", "parent_plan").get(pk=parent.pk).parent_plan
    inherited = PlanTask.objects.filter(plan__in=chain).select_related("plan__unit", "owner_unit", "owner_person")
    return {
        "plan": plan,
        "chain": chain,
        "tasks": plan.tasks.select_related("owner_unit", "owner_person"),
        "inherited_tasks": inherited,
        "documents": list(plan.documents.all()) + [d for p in chain for d in p.documents.all()],
        "can_capture": can_capture_unit(request.user, plan.unit),
        "document_form": DocumentForm(),
        "task_form": TaskForm(initial={"due_on": f"{plan.year}-12-31"}),
    }


@login_required
def plan_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code)
    return render(request, "campaign/plan_detail.html", _plan_context(request, plan))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    initial = {"version": plan.version, "topic_title": plan.topic_title, "goals": plan.goals}
    form = PlanEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                acting_user=request.user,
                plan=plan,
                expected_version=form.cleaned_data["version"],
                topic_title=form.cleaned_data["topic_title"],
                goals=form.cleaned_data["goals"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("campaign:plan", code=plan.code)
    context = {
        "form": form,
        "title": _("Edit the plan for %(year)s") % {"year": plan.year},
        "back": f"/app/campaign/plans/{plan.code}/",
    }
    return render(request, "campaign/form_page.html", context)


@login_required
@require_POST
def document_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.plan_document_add(
                acting_user=request.user, plan=plan, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The document has been uploaded."))
            return redirect("campaign:plan", code=plan.code)
    context = _plan_context(request, plan)
    context["document_form"] = form
    return render(request, "campaign/plan_detail.html", context, status=400)


@login_required
def document_download(request: AuthenticatedRequest, code: str) -> FileResponse:
    document = get_document_for_user(request.user, code)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=document.kind not in ("pdf", "png", "jpeg"), filename=name)


@login_required
@require_POST
def task_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    form = TaskForm(request.POST)
    if form.is_valid():
        owner_code = form.cleaned_data["owner_unit"].strip()
        try:
            owner = None
            if owner_code:
                owner = Unit.objects.filter(code=owner_code, path__startswith=plan.unit.path).first()
                if owner is None:
                    raise ValidationError(
                        _("No unit with code “%(code)s” under %(unit)s.") % {"code": owner_code, "unit": plan.unit.name}
                    )
            services.plan_task_add(
                acting_user=request.user,
                plan=plan,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
                owner_unit=owner,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The task has been added."))
            return redirect("campaign:plan", code=plan.code)
    context = _plan_context(request, plan)
    context["task_form"] = form
    return render(request, "campaign/plan_detail.html", context, status=400)


@login_required
@require_POST
def task_status(request: AuthenticatedRequest, code: str, task_code: str) -> HttpResponse:
    plan = get_plan_for_user(request.user, code, write=True)
    task = plan.tasks.filter(code=task_code).first()
    if task is None:
        raise Http404
    status = TaskStatus.DONE if request.POST.get("status") == TaskStatus.DONE else TaskStatus.OPEN
    services.plan_task_set_status(acting_user=request.user, task=task, status=status)
    return redirect("campaign:plan", code=plan.code)
