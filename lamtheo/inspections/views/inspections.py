"""Inspections: lists, recording one, its findings, recommendations and documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.inspections import selectors, services
from lamtheo.inspections.forms import (
    AnswerForm,
    CloseForm,
    DocumentForm,
    FindingForm,
    InspectionForm,
    RecommendationForm,
    resolve_team,
)
from lamtheo.inspections.models import (
    Finding,
    Inspection,
    InspectionDocument,
    PlannedInspection,
    Recommendation,
    RecommendationStatus,
)
from lamtheo.inspections.scope import (
    can_answer,
    can_close,
    get_inspection_for_user,
    get_recommendation_for_user,
    inspections_visible_to,
    plans_visible_to,
    recommendations_visible_to,
)
from lamtheo.lib.http import AuthenticatedRequest

PAGE_SIZE = 50


def _year(request: AuthenticatedRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1930 <= int(raw) <= 2200 else None


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """Inspections either side of which the user can see, and the plans in their scope."""
    year = _year(request)
    inspections = inspections_visible_to(request.user)
    if year:
        inspections = inspections.filter(start_date__year=year)
    page = Paginator(selectors.with_counts(inspections).order_by("-start_date", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    plans = plans_visible_to(request.user).select_related("unit").order_by("-year", "unit__path")[:20]
    overdue = selectors.overdue_recommendations(request.user)
    context = {
        "page": page,
        "plans": plans,
        "year": year,
        "overdue_count": overdue.count(),
        "years": range(timezone.localdate().year, 2010, -1),
    }
    return render(request, "inspections/index.html", context)


@login_required
def unit_inspections(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A unit's inspections: those it received and those it made; its plans."""
    unit = get_unit_for_user(request.user, code)
    received = selectors.with_counts(Inspection.objects.filter(target=unit)).order_by("-start_date")[:100]
    made = selectors.with_counts(Inspection.objects.filter(inspecting_unit=unit)).order_by("-start_date")[:100]
    context = {
        "unit": unit,
        "received": received,
        "made": made,
        "plans": unit.inspection_plans.order_by("-year"),
        "can_capture": can_capture_unit(request.user, unit),
        "this_year": timezone.localdate().year,
    }
    return render(request, "inspections/unit_inspections.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Record an inspection made by the unit ``code``."""
    unit = get_unit_for_user(request.user, code, write=True)
    planned: PlannedInspection | None = None
    if request.method == "POST":
        form = InspectionForm(request.POST, unit=unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = get_unit_for_user(request.user, data["target"], write=True)
                if data["planned"]:
                    planned = PlannedInspection.objects.filter(pk=data["planned"], plan__unit=unit).first()
                inspection = services.inspection_record(
                    acting_user=request.user,
                    inspecting_unit=unit,
                    target=target,
                    kind=data["kind"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    team=resolve_team(data["team"], unit),
                    team_note=data["team_note"],
                    summary=data["summary"],
                    planned=planned,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The inspection has been recorded."))
                return redirect("inspections:inspection", code=inspection.code)
    else:
        initial: dict[str, Any] = {"start_date": timezone.localdate(), "end_date": timezone.localdate()}
        planned_id = request.GET.get("planned", "")
        if planned_id.isdigit():
            planned = (
                PlannedInspection.objects.filter(pk=int(planned_id), plan__unit=unit)
                .select_related("target")
                .prefetch_related("team")
                .first()
            )
        if planned is not None:
            initial.update(
                planned=planned.pk,
                target=planned.target.code,
                kind=planned.kind,
                team=", ".join(p.party_card_number or "" for p in planned.team.all()),
                team_note=planned.team_note,
            )
        form = InspectionForm(unit=unit, initial=initial)
    return render(request, "inspections/inspection_form.html", {"unit": unit, "form": form, "planned": planned})


def _detail_context(request: AuthenticatedRequest, inspection: Inspection, **forms: Any) -> dict[str, Any]:
    can_edit = can_capture_unit(request.user, inspection.inspecting_unit)
    findings = list(inspection.findings.all())
    recommendations = list(
        inspection.recommendations.select_related("responsible_unit", "finding", "answered_by", "closed_by")
    )
    today = timezone.localdate()
    rows = [
        {
            "rec": rec,
            "overdue": rec.status == RecommendationStatus.OPEN and rec.due_date < today,
            "can_answer": rec.status != RecommendationStatus.CLOSED and can_answer(request.user, rec),
            "can_close": rec.status == RecommendationStatus.ANSWERED and can_close(request.user, rec),
        }
        for rec in recommendations
    ]
    finding_choices = [(f.pk, f.title[:80]) for f in findings]
    context: dict[str, Any] = {
        "inspection": inspection,
        "findings": findings,
        "rows": rows,
        "documents": inspection.documents.all(),
        "team": inspection.team.select_related("unit"),
        "can_edit": can_edit,
        "finding_form": None,
        "recommendation_form": None,
        "document_form": None,
    }
    if can_edit:
        context["finding_form"] = forms.get("finding_form") or FindingForm()
        context["recommendation_form"] = forms.get("recommendation_form") or RecommendationForm(
            target=inspection.target,
            findings=finding_choices,
            initial={"responsible_unit": inspection.target.code},
        )
        context["document_form"] = forms.get("document_form") or DocumentForm()
    context["answer_error"] = forms.get("answer_error")
    return context


@login_required
def inspection_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, code)
    return render(request, "inspections/inspection_detail.html", _detail_context(request, inspection))


@login_required
@require_POST
def finding_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, code, write=True)
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.finding_add(acting_user=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The finding has been added."))
            return redirect("inspections:inspection", code=inspection.code)
    context = _detail_context(request, inspection, finding_form=form)
    return render(request, "inspections/inspection_detail.html", context, status=400)


@login_required
@require_POST
def recommendation_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, code, write=True)
    findings = list(Finding.objects.filter(inspection=inspection))
    form = RecommendationForm(request.POST, target=inspection.target, findings=[(f.pk, f.title) for f in findings])
    if form.is_valid():
        data = form.cleaned_data
        try:
            responsible = get_unit_for_user(request.user, data["responsible_unit"])
            services.recommendation_add(
                acting_user=request.user,
                inspection=inspection,
                text=data["text"],
                responsible_unit=responsible,
                due_date=data["due_date"],
                finding=next((f for f in findings if f.pk == data["finding"]), None),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The recommendation has been added."))
            return redirect("inspections:inspection", code=inspection.code)
    context = _detail_context(request, inspection, recommendation_form=form)
    return render(request, "inspections/inspection_detail.html", context, status=400)


def _after_recommendation(request: AuthenticatedRequest, rec: Recommendation) -> HttpResponse:
    target = request.POST.get("next", "")
    if target == "list":
        return redirect("inspections:recommendations")
    return redirect("inspections:inspection", code=rec.inspection.code)


@login_required
@require_POST
def recommendation_answer(request: AuthenticatedRequest, code: str) -> HttpResponse:
    rec = get_recommendation_for_user(request.user, code)
    if not can_answer(request.user, rec):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what the unit has done."))
        return _after_recommendation(request, rec)
    try:
        services.recommendation_answer(
            acting_user=request.user,
            recommendation=rec,
            expected_version=form.cleaned_data["version"],
            answer=form.cleaned_data["answer"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The answer has been recorded."))
    return _after_recommendation(request, rec)


@login_required
@require_POST
def recommendation_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    rec = get_recommendation_for_user(request.user, code)
    if not can_close(request.user, rec):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.recommendation_close(
            acting_user=request.user, recommendation=rec, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The recommendation has been closed."))
    return _after_recommendation(request, rec)


@login_required
@require_POST
def document_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, code, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach(
                acting_user=request.user,
                inspection=inspection,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The document has been attached."))
            return redirect("inspections:inspection", code=inspection.code)
    context = _detail_context(request, inspection, document_form=form)
    return render(request, "inspections/inspection_detail.html", context, status=400)


@login_required
def document_download(request: AuthenticatedRequest, code: str, doc: str) -> FileResponse:
    inspection = get_inspection_for_user(request.user, code)
    try:
        document = InspectionDocument.objects.filter(inspection=inspection, code=doc).first()
    except ValidationError as exc:  # a malformed code is not found either
        raise Http404 from exc
    if document is None:
        raise Http404
    filename = document.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=filename, content_type=document.content_type
    )


@login_required
def good_practices(request: AuthenticatedRequest) -> HttpResponse:
    """The good-practice library: every logged-in user may read and search it."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.search_good_practices(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/good_practices.html", {"page": page, "query": query})


@login_required
def recommendations(request: AuthenticatedRequest) -> HttpResponse:
    """Open and answered recommendations in my scope, overdue first: visible to both sides."""
    status = request.GET.get("status", "pending")
    recs = recommendations_visible_to(request.user).select_related(
        "responsible_unit", "inspection", "inspection__inspecting_unit", "inspection__target"
    )
    today = timezone.localdate()
    if status == "overdue":
        recs = recs.filter(status=RecommendationStatus.OPEN, due_date__lt=today)
    elif status == "closed":
        recs = recs.filter(status=RecommendationStatus.CLOSED)
    else:
        status = "pending"
        recs = recs.exclude(status=RecommendationStatus.CLOSED)
    page = Paginator(recs.order_by("due_date", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "rec": rec,
            "overdue": rec.status == RecommendationStatus.OPEN and rec.due_date < today,
            "can_answer": rec.status != RecommendationStatus.CLOSED and can_answer(request.user, rec),
            "can_close": rec.status == RecommendationStatus.ANSWERED and can_close(request.user, rec),
        }
        for rec in page
    ]
    return render(request, "inspections/recommendations.html", {"page": page, "rows": rows, "status": status})
