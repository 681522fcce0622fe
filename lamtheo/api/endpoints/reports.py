"""Reporting cycles and unit reports: read through ``lamtheo.reports.access``, written through its services.

The writes are the page's two buttons: save a draft, submit it. Both carry the version the client read,
so a client that missed someone else's save is refused (409) instead of overwriting it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Router

from lamtheo.accounts.access import get_unit_for_user
from lamtheo.api.endpoints.reports_schemas import (
    CompletenessOut,
    CycleDetailOut,
    CycleFilters,
    CycleOut,
    FigureOut,
    IndicatorOut,
    ReportFilters,
    ReportSaveIn,
    ReportSubmitIn,
    SectionOut,
    SectionTitleOut,
    UnitReportDetailOut,
    UnitReportOut,
)
from lamtheo.api.pagination import page
from lamtheo.api.schemas import Error, Page
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import in_subtree
from lamtheo.reports import selectors, services
from lamtheo.reports.access import (
    can_edit_report,
    can_review_report,
    cycles_visible_to,
    get_cycle_for_user,
    get_report_for_user,
    reports_visible_to,
    view_unit_for,
)
from lamtheo.reports.models import CycleStatus, NarrativeSection, ReportingCycle, ReportStatus, UnitReport

router = Router(tags=["reports"])
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: Error, 413: Error}


def _touches_year(year: int, prefix: str = "") -> Q:
    """Cycles whose period has at least one day in ``year``."""
    return Q(**{f"{prefix}period_start__lte": dt.date(year, 12, 31), f"{prefix}period_end__gte": dt.date(year, 1, 1)})


def _cycle_fields(cycle: ReportingCycle) -> dict[str, Any]:
    return {
        "code": str(cycle.code),
        "title": cycle.title,
        "issuing_unit_code": cycle.issuing_unit.code,
        "issuing_unit_name": cycle.issuing_unit.name,
        "template_code": cycle.template.code,
        "period_kind": cycle.period_kind,
        "period_start": cycle.period_start,
        "period_end": cycle.period_end,
        "deadline": cycle.deadline,
        "assigned_kind": cycle.assigned_kind,
        "status": cycle.status,
    }


def _report_fields(report: UnitReport) -> dict[str, Any]:
    return {
        "code": str(report.code),
        "cycle_code": str(report.cycle.code),
        "cycle_title": report.cycle.title,
        "unit_code": report.unit.code,
        "unit_name": report.unit.name,
        "status": report.status,
        "version": report.version,
        "first_submitted_at": report.first_submitted_at,
        "submitted_at": report.submitted_at,
        "reviewed_at": report.reviewed_at,
        "updated_at": report.updated_at,
    }


def _section_titles(keys: list[str]) -> list[SectionTitleOut]:
    labels = dict(NarrativeSection.choices)
    return [SectionTitleOut(code=key, title=str(labels.get(key, key))) for key in keys]


@router.get("/reporting-cycles", response={200: Page[CycleOut], **ERRORS}, summary="Reporting cycles in my scope")
def list_cycles(request: AuthenticatedRequest, filters: Query[CycleFilters]) -> Page[CycleOut]:
    """The cycles the caller sees (issued in their scope, or assigning a unit of it), in the order they were
    opened (the cursor's key only rises; ``year`` narrows a long history)."""
    cycles = cycles_visible_to(request.user).select_related("template")
    if filters.year is not None:
        cycles = cycles.filter(_touches_year(filters.year))
    if filters.status is not None:
        cycles = cycles.filter(status=filters.status)
    rows, next_cursor = page(cycles, ("id",), filters.cursor, filters.limit)
    return Page[CycleOut](items=[CycleOut(**_cycle_fields(c)) for c in rows], next_cursor=next_cursor)


@router.get(
    "/reporting-cycles/{code}",
    response={200: CycleDetailOut, **ERRORS},
    summary="One reporting cycle, with the completeness of my part of it",
)
def get_cycle(request: AuthenticatedRequest, code: str, unit: str | None = None) -> CycleDetailOut:
    """As on the cycle page: the completeness is over ``unit`` if the caller sees it and it lies in the cycle,
    else over the issuing unit if visible, else over the caller's own highest unit in the cycle."""
    cycle = get_cycle_for_user(request.user, code)
    part = view_unit_for(request.user, cycle, unit or "")
    figures = selectors.completeness(cycle, part)
    own = UnitReport.objects.filter(cycle=cycle, unit=part).values_list("code", flat=True).first()
    return CycleDetailOut(
        **_cycle_fields(cycle),
        template_name=cycle.template.name,
        indicators=[
            IndicatorOut(
                code=line.code, label=line.label, definition=line.definition, manual=line.manual, is_ratio=line.is_ratio
            )
            for line in selectors.indicator_lines(cycle.template)
        ],
        sections=_section_titles(cycle.template.sections),
        completeness=CompletenessOut(
            unit_code=part.code,
            unit_name=part.name,
            expected=figures.expected,
            submitted=figures.submitted,
            on_time=figures.on_time,
            accepted=figures.accepted,
            not_expected=figures.not_expected,
            missing=figures.missing,
            rate=figures.rate,
            timeliness=figures.timeliness,
        ),
        unit_report_code=str(own) if own else None,
    )


@router.get("/unit-reports", response={200: Page[UnitReportOut], **ERRORS}, summary="Unit reports in my scope")
def list_reports(request: AuthenticatedRequest, filters: Query[ReportFilters]) -> Page[UnitReportOut]:
    """Reports the caller sees, in the order they were made: cycle by cycle, as each cycle was opened."""
    reports = reports_visible_to(request.user)
    if filters.under:
        top = get_unit_for_user(request.user, filters.under)
        reports = reports.filter(in_subtree("unit__path", top.path))
    if filters.cycle:
        reports = reports.filter(cycle=get_cycle_for_user(request.user, filters.cycle))
    if filters.year is not None:
        reports = reports.filter(_touches_year(filters.year, "cycle__"))
    if filters.status is not None:
        reports = reports.filter(status=filters.status)
    rows, next_cursor = page(reports, ("id",), filters.cursor, filters.limit)
    return Page[UnitReportOut](items=[UnitReportOut(**_report_fields(r)) for r in rows], next_cursor=next_cursor)


def _report_detail(user: Any, report: UnitReport) -> UnitReportDetailOut:
    cycle = report.cycle
    texts = report.narrative
    return UnitReportDetailOut(
        **_report_fields(report),
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        deadline=cycle.deadline,
        review_comment=report.review_comment,
        values_computed_at=report.values_computed_at,
        expected=selectors.is_expected(report),
        on_time=selectors.is_on_time(report),
        # The page shows the form on a closed cycle too, but the service refuses the save: say so here.
        editable=report.is_editable and cycle.status == CycleStatus.OPEN and can_edit_report(user, report),
        can_review=report.status == ReportStatus.SUBMITTED and can_review_report(user, report),
        figures=[
            FigureOut(
                code=line.code,
                label=line.label,
                definition=line.definition,
                manual=line.manual,
                is_ratio=line.is_ratio,
                value=report.values.get(line.code),
            )
            for line in selectors.indicator_lines(cycle.template)
        ],
        narrative=[
            SectionOut(code=s.code, title=s.title, text=texts.get(s.code, ""))
            for s in _section_titles(cycle.template.sections)
        ],
    )


@router.get(
    "/unit-reports/{code}",
    response={200: UnitReportDetailOut, **ERRORS},
    summary="One unit report, with its figures and narrative",
)
def get_report(request: AuthenticatedRequest, code: str) -> UnitReportDetailOut:
    return _report_detail(request.user, get_report_for_user(request.user, code))


def _refuse_unknown_keys(report: UnitReport, body: ReportSaveIn) -> None:
    """The page's form has a field for each section and manual figure only; the API says what it cannot use
    rather than dropping it without a word."""
    sections = set(report.cycle.template.sections)
    for key in body.narrative:
        if key not in sections:
            raise ValidationError(_("This report has no section “%(section)s”.") % {"section": key})
    indicators = set(report.cycle.template.indicators.values_list("code", flat=True))
    for key in body.values:
        if key not in indicators:
            raise ValidationError(_("This report has no indicator “%(code)s”.") % {"code": key})


@router.patch(
    "/unit-reports/{code}",
    response={200: UnitReportDetailOut, **WRITE_ERRORS},
    summary="Save a draft's narrative and the figures the unit types in",
)
def save_report(request: AuthenticatedRequest, code: str, body: ReportSaveIn) -> UnitReportDetailOut:
    report = get_report_for_user(request.user, code, write=True)
    _refuse_unknown_keys(report, body)
    report = services.report_save(
        acting_user=request.user,
        report=report,
        expected_version=body.version,
        # The service writes every section; the ones not sent keep their text.
        narrative={**report.narrative, **body.narrative},
        manual_values=body.values,
    )
    return _report_detail(request.user, report)


@router.post(
    "/unit-reports/{code}/submit",
    response={200: UnitReportDetailOut, **WRITE_ERRORS},
    summary="Submit a report: from then on it counts as received",
)
def submit_report(request: AuthenticatedRequest, code: str, body: ReportSubmitIn) -> UnitReportDetailOut:
    report = get_report_for_user(request.user, code, write=True)
    report = services.report_submit(acting_user=request.user, report=report, expected_version=body.version)
    return _report_detail(request.user, report)
