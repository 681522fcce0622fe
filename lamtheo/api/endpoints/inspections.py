"""Inspections, findings and recommendations: read through the pages' scope functions, followed up through services.

Both sides of an inspection see it (the inspecting unit and the inspected one); only the responsible
unit answers a recommendation and only the inspecting unit closes it, exactly as on the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.api.endpoints.inspections_schemas import (
    AnswerIn,
    CloseIn,
    DocumentOut,
    FindingFilters,
    FindingListOut,
    FindingOut,
    InspectionDetailOut,
    InspectionFilters,
    InspectionOut,
    RecommendationOut,
    TeamMemberOut,
)
from lamtheo.api.pagination import page
from lamtheo.api.schemas import Error, Page
from lamtheo.inspections import selectors, services
from lamtheo.inspections.models import Finding, FindingKind, Inspection, Recommendation, RecommendationStatus
from lamtheo.inspections.scope import (
    can_answer,
    can_close,
    get_inspection_for_user,
    get_recommendation_for_user,
    inspections_visible_to,
)
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import in_subtree

router = Router(tags=["inspections"])
# 400: a bad cursor; 422: a filter of the wrong type or out of range.
LIST_ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error}
ONE_ERRORS: dict[int, Any] = {401: Error, 404: Error}
# 400: the service refused (empty answer, wrong state); 409: someone else changed it first.
WRITE_ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _touching(request: HttpRequest, code: str, prefix: str = "") -> Q:
    """Inspections made or received in the subtree of the unit ``code`` (404 if the caller cannot see it)."""
    top = get_unit_for_user(request.user, code)
    return in_subtree(f"{prefix}inspecting_unit__path", top.path) | in_subtree(f"{prefix}target__path", top.path)


def _inspection_out(inspection: Inspection, good: int, short: int, open_recs: int) -> dict[str, Any]:
    return {
        "code": str(inspection.code),
        "kind": inspection.kind,
        "inspecting_unit_code": inspection.inspecting_unit.code,
        "inspecting_unit_name": inspection.inspecting_unit.name,
        "target_code": inspection.target.code,
        "target_name": inspection.target.name,
        "start_date": inspection.start_date,
        "end_date": inspection.end_date,
        "planned": inspection.planned_id is not None,
        "team_note": inspection.team_note,
        "summary": inspection.summary,
        "good_practices": good,
        "shortcomings": short,
        "open_recommendations": open_recs,
    }


def _counts(inspection: Inspection) -> tuple[int, int, int]:
    """The figures ``selectors.with_counts`` annotated: good practices, shortcomings, open recommendations."""
    return (
        getattr(inspection, "good_practices", 0),
        getattr(inspection, "shortcomings", 0),
        getattr(inspection, "open_recommendations", 0),
    )


def _finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        id=finding.pk,
        kind=finding.kind,
        title=finding.title,
        description=finding.description,
        created_at=finding.created_at,
    )


def _recommendation_out(request: HttpRequest, rec: Recommendation) -> RecommendationOut:
    """The same flags the page computes: overdue, and whether this caller may answer or close it now."""
    return RecommendationOut(
        code=str(rec.code),
        text=rec.text,
        finding_id=rec.finding_id,
        responsible_unit_code=rec.responsible_unit.code,
        responsible_unit_name=rec.responsible_unit.name,
        due_date=rec.due_date,
        status=rec.status,
        overdue=rec.status == RecommendationStatus.OPEN and rec.due_date < timezone.localdate(),
        answer=rec.answer,
        answered_at=rec.answered_at,
        closed_at=rec.closed_at,
        version=rec.version,
        can_answer=rec.status != RecommendationStatus.CLOSED and can_answer(request.user, rec),
        can_close=rec.status == RecommendationStatus.ANSWERED and can_close(request.user, rec),
    )


@router.get("/inspections", response={200: Page[InspectionOut], **LIST_ERRORS}, summary="Inspections in my scope")
def list_inspections(request: HttpRequest, filters: Query[InspectionFilters]) -> Page[InspectionOut]:
    """Inspections either side of which the caller can see, in the order they were recorded."""
    inspections: QuerySet[Inspection] = inspections_visible_to(request.user)
    if filters.under:
        inspections = inspections.filter(_touching(request, filters.under))
    if filters.year is not None:
        inspections = inspections.filter(start_date__year=filters.year)
    if filters.kind is not None:
        inspections = inspections.filter(kind=filters.kind)
    rows, next_cursor = page(selectors.with_counts(inspections), ("id",), filters.cursor, filters.limit)
    items = [InspectionOut(**_inspection_out(i, *_counts(i))) for i in rows]
    return Page[InspectionOut](items=items, next_cursor=next_cursor)


@router.get("/inspections/{code}", response={200: InspectionDetailOut, **ONE_ERRORS}, summary="One inspection, in full")
def get_inspection(request: HttpRequest, code: str) -> InspectionDetailOut:
    """The inspection with its team, findings, recommendations (with follow-up) and attached documents."""
    inspection = get_inspection_for_user(request.user, code)
    findings = list(inspection.findings.all())
    recommendations = list(inspection.recommendations.select_related("responsible_unit"))
    for rec in recommendations:  # spare a query per row for can_close
        rec.inspection = inspection
    good = sum(1 for f in findings if f.kind == FindingKind.GOOD_PRACTICE)
    open_recs = sum(1 for r in recommendations if r.status != RecommendationStatus.CLOSED)
    return InspectionDetailOut(
        **_inspection_out(inspection, good, len(findings) - good, open_recs),
        can_edit=can_capture_unit(request.user, inspection.inspecting_unit),
        team=[
            TeamMemberOut(code=str(p.code), full_name=p.full_name, unit_code=p.unit.code if p.unit else None)
            for p in inspection.team.select_related("unit").order_by("sort_key", "id")
        ],
        findings=[_finding_out(f) for f in findings],
        recommendations=[_recommendation_out(request, r) for r in recommendations],
        documents=[
            DocumentOut(
                code=str(d.code), title=d.title, content_type=d.content_type, size=d.size, uploaded_at=d.uploaded_at
            )
            for d in inspection.documents.all()
        ],
    )


@router.get("/findings", response={200: Page[FindingListOut], **LIST_ERRORS}, summary="Findings in my scope")
def list_findings(request: HttpRequest, filters: Query[FindingFilters]) -> Page[FindingListOut]:
    """Findings of the inspections the caller can see (good practices, shortcomings, public-opinion issues)."""
    findings = Finding.objects.filter(inspection__in=inspections_visible_to(request.user)).select_related(
        "inspection", "inspection__inspecting_unit", "inspection__target"
    )
    if filters.under:
        findings = findings.filter(_touching(request, filters.under, "inspection__"))
    if filters.year is not None:
        findings = findings.filter(inspection__start_date__year=filters.year)
    if filters.kind is not None:
        findings = findings.filter(kind=filters.kind)
    rows, next_cursor = page(findings, ("id",), filters.cursor, filters.limit)
    items = [
        FindingListOut(
            **_finding_out(f).dict(),
            inspection_code=str(f.inspection.code),
            inspection_kind=f.inspection.kind,
            inspecting_unit_code=f.inspection.inspecting_unit.code,
            target_code=f.inspection.target.code,
            target_name=f.inspection.target.name,
            start_date=f.inspection.start_date,
        )
        for f in rows
    ]
    return Page[FindingListOut](items=items, next_cursor=next_cursor)


def _follow_up(
    request: AuthenticatedRequest, code: str, *, allowed: Callable[[Any, Recommendation], bool]
) -> Recommendation:
    """The recommendation if the caller may act on it: 404 outside scope, 403 for those who may only read."""
    rec = get_recommendation_for_user(request.user, code)
    if not allowed(request.user, rec):
        raise PermissionDenied
    return rec


@router.post(
    "/recommendations/{code}/answer",
    response={200: RecommendationOut, **WRITE_ERRORS},
    summary="Answer a recommendation (the responsible unit)",
)
def answer_recommendation(request: AuthenticatedRequest, code: str, body: AnswerIn) -> RecommendationOut:
    """Say what the unit has done; it may answer again until the inspecting unit closes the recommendation."""
    rec = _follow_up(request, code, allowed=can_answer)
    services.recommendation_answer(
        acting_user=request.user,
        recommendation=rec,
        expected_version=body.version,
        answer=body.answer,
    )
    return _recommendation_out(request, rec)


@router.post(
    "/recommendations/{code}/close",
    response={200: RecommendationOut, **WRITE_ERRORS},
    summary="Close an answered recommendation (the inspecting unit)",
)
def close_recommendation(request: AuthenticatedRequest, code: str, body: CloseIn) -> RecommendationOut:
    """Accept the responsible unit's answer and close the recommendation."""
    rec = _follow_up(request, code, allowed=can_close)
    services.recommendation_close(
        acting_user=request.user,
        recommendation=rec,
        expected_version=body.version,
    )
    return _recommendation_out(request, rec)
