"""Exemplars ("good people, good deeds"): propose, list and search, verify and publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import get_unit_for_user
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.lib.text import fold
from lamtheo.recognition import services
from lamtheo.recognition.forms import ExemplarForm, ExemplarReviewForm
from lamtheo.recognition.models import ExemplarStatus
from lamtheo.recognition.scope import exemplars_visible_to, get_exemplar_for_user, is_support_for
from lamtheo.recognition.views._common import person_by_card, unit_by_code

PAGE_SIZE = 50


@login_required
def exemplar_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    exemplars = exemplars_visible_to(request.user).select_related("person", "unit", "proposed_by")
    if status in ExemplarStatus.values:
        exemplars = exemplars.filter(status=status)
    condition = Q()
    for word in fold(query).split():
        condition &= Q(search_text__contains=word)
    page = Paginator(exemplars.filter(condition).order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "query": query, "status": status, "statuses": ExemplarStatus.choices}
    return render(request, "recognition/exemplars.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_propose(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = ExemplarForm(request.POST, request.FILES, unit=unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exemplar = services.exemplar_propose(
                    acting_user=request.user,
                    proposed_by=unit,
                    unit=unit_by_code(data["unit"], unit) if data["unit"] else None,
                    person=person_by_card(data["person_card"], unit) if data["person_card"].strip() else None,
                    title=data["title"],
                    story=data["story"],
                    evidence=data["evidence"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The exemplar has been proposed."))
                return redirect("recognition:exemplar", code=exemplar.code)
    else:
        form = ExemplarForm(unit=unit)
    return render(request, "recognition/exemplar_form.html", {"unit": unit, "form": form})


@login_required
def exemplar_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    exemplar = get_exemplar_for_user(request.user, code)
    support = is_support_for(request.user, exemplar.proposed_by)
    form = ExemplarReviewForm(initial={"version": exemplar.version}) if support else None
    return render(request, "recognition/exemplar.html", {"exemplar": exemplar, "support": support, "form": form})


@login_required
@require_POST
def exemplar_review(request: AuthenticatedRequest, code: str) -> HttpResponse:
    exemplar = get_exemplar_for_user(request.user, code)
    form = ExemplarReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.exemplar_review(
                acting_user=request.user,
                exemplar=exemplar,
                expected_version=data["version"],
                status=data["status"],
                note=data["note"],
                published_url=data["published_url"] or "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The exemplar has been updated."))
            return redirect("recognition:exemplar", code=exemplar.code)
    elif not is_support_for(request.user, exemplar.proposed_by):
        raise PermissionDenied
    context = {"exemplar": exemplar, "support": True, "form": form}
    return render(request, "recognition/exemplar.html", context, status=400)


@login_required
def exemplar_evidence(request: AuthenticatedRequest, code: str) -> FileResponse:
    exemplar = get_exemplar_for_user(request.user, code)
    if not exemplar.evidence:
        raise Http404
    filename = exemplar.evidence.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(exemplar.evidence.open("rb"), as_attachment=True, filename=filename)
