"""Commendation lists (per year and occasion, by unit), decisions and certificates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.recognition.documents import certificate_docx
from lamtheo.recognition.models import Commendation
from lamtheo.recognition.scope import (
    commendations_visible_to,
    get_commendation_for_user,
    get_decision_for_user,
    occasions_visible_to,
)

PAGE_SIZE = 100
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    occasions = list(occasions_visible_to(request.user).select_related("unit"))
    commendations = commendations_visible_to(request.user)
    occasion_code = request.GET.get("occasion", "")
    selected = next((o for o in occasions if str(o.code) == occasion_code), None)
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() else None
    if selected is not None:
        commendations = commendations.filter(occasion=selected)
    if year is not None:
        commendations = commendations.filter(decision__date__year=year)
    by_unit = (
        commendations.order_by()
        .values("nominating_unit__name", "nominating_unit__code")
        .annotate(n=Count("id"))
        .order_by("-n", "nominating_unit__name")
    )
    rows = commendations.select_related(
        "decision", "occasion", "nominee_unit", "nominee_person", "nominee_person__unit", "nominating_unit"
    ).order_by("nominating_unit__name", "decision__date", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    years = sorted(
        {
            d.year
            for d in Commendation.objects.filter(pk__in=commendations.values("pk")).dates("decision__date", "year")
        },
        reverse=True,
    )
    context = {
        "occasions": occasions,
        "selected": selected,
        "year": year,
        "years": years,
        "by_unit": list(by_unit[:100]),
        "total": page.paginator.count,
        "page": page,
    }
    return render(request, "recognition/index.html", context)


@login_required
def decision_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    decision = get_decision_for_user(request.user, code)
    commendations = (
        commendations_visible_to(request.user)
        .filter(decision=decision)
        .select_related("nominee_unit", "nominee_person", "nominee_person__unit", "nominating_unit")
        .order_by("nominating_unit__name", "id")
    )
    return render(request, "recognition/decision.html", {"decision": decision, "commendations": commendations})


@login_required
def certificate(request: AuthenticatedRequest, code: str) -> HttpResponse:
    commendation = get_commendation_for_user(request.user, code)
    content = certificate_docx(commendation)
    response = HttpResponse(content, content_type=DOCX)
    filename = f"giay-khen-{commendation.code}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
