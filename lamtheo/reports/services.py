"""Writes of the reports app. Each is one transaction with one audit entry, and re-checks authority."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import can_capture_unit, has_role, is_administrator, require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import Role, User
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import Unit, UnitKind
from lamtheo.reports.access import can_see_report
from lamtheo.reports.compute import compute, values_for_unit
from lamtheo.reports.indicators import BY_CODE
from lamtheo.reports.models import (
    SECTION_VALUES,
    CycleStatus,
    IndicatorSource,
    PeriodKind,
    ReportingCycle,
    ReportStatus,
    ReportTemplate,
    ReviewDraft,
    ReviewStatus,
    TemplateIndicator,
    UnitReport,
)

REPORT_FIELDS = ("status", "first_submitted_at", "submitted_at", "reviewed_at", "review_comment")
CYCLE_FIELDS = (
    "title",
    "issuing_unit",
    "template",
    "period_kind",
    "period_start",
    "period_end",
    "deadline",
    "assigned_kind",
)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    source: str = IndicatorSource.COMPUTED
    label: str = ""
    definition: str = ""


# --- Templates -----------------------------------------------------------------------------------


def template_create(
    *,
    acting_user: User | None,
    code: str,
    name: str,
    indicators: Sequence[IndicatorSpec],
    sections: Sequence[str],
) -> ReportTemplate:
    if acting_user is not None and not (is_administrator(acting_user) or has_role(acting_user, Role.SUPPORT_STAFF)):
        raise ValidationError(_("Only the support unit can create report templates."))
    if ReportTemplate.objects.filter(code=code).exists():
        raise ValidationError(_("The template code “%(code)s” is already in use.") % {"code": code})
    if not indicators and not sections:
        raise ValidationError(_("A template needs at least one indicator or narrative section."))
    for section in sections:
        if section not in SECTION_VALUES:
            raise ValidationError(_("“%(section)s” is not a narrative section.") % {"section": section})
    seen: set[str] = set()
    for spec in indicators:
        if spec.code in seen:
            raise ValidationError(_("The indicator “%(code)s” appears twice.") % {"code": spec.code})
        seen.add(spec.code)
        if spec.source == IndicatorSource.COMPUTED:
            if spec.code not in BY_CODE:
                raise ValidationError(
                    _("“%(code)s” is not an indicator that can be computed from the records.") % {"code": spec.code}
                )
        elif spec.source == IndicatorSource.MANUAL:
            if not spec.definition.strip():
                raise ValidationError(
                    _("The indicator “%(code)s” has no definition: say what it counts before using it.")
                    % {"code": spec.code}
                )
            if not spec.label.strip():
                raise ValidationError(_("The indicator “%(code)s” has no label.") % {"code": spec.code})
        else:
            raise ValidationError(_("Unknown indicator source “%(source)s”.") % {"source": spec.source})
    with transaction.atomic():
        template = ReportTemplate.objects.create(code=code, name=name, sections=list(sections))
        TemplateIndicator.objects.bulk_create(
            TemplateIndicator(
                template=template,
                position=position,
                code=spec.code,
                source=spec.source,
                label=spec.label.strip(),
                definition=spec.definition.strip(),
            )
            for position, spec in enumerate(indicators)
        )
        audit_record(
            acting_user=acting_user,
            action="report_template.create",
            obj=template,
            after={"code": code, "name": name, "indicators": [s.code for s in indicators], "sections": list(sections)},
        )
    return template


# --- Cycles --------------------------------------------------------------------------------------


def assignable_units(issuing_unit: Unit, kind: str, start: dt.date, end: dt.date) -> list[Unit]:
    """Units of ``kind`` under the issuing unit that were active at some time in the period."""
    return list(
        Unit.objects.filter(path__startswith=issuing_unit.path, depth__gt=issuing_unit.depth, kind=kind)
        .filter(active_from__lte=end)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
        .order_by("path")
    )


def computed_codes(template: ReportTemplate) -> list[str]:
    return list(template.indicators.filter(source=IndicatorSource.COMPUTED).values_list("code", flat=True))


def prefill(
    issuing_unit: Unit, template: ReportTemplate, units: Sequence[Unit], start: dt.date, end: dt.date
) -> dict[int, dict[str, float | None]]:
    figures = compute(issuing_unit, units, start, end, computed_codes(template))
    manual = list(template.indicators.filter(source=IndicatorSource.MANUAL).values_list("code", flat=True))
    result: dict[int, dict[str, float | None]] = {}
    for unit in units:
        values = values_for_unit(figures, unit.pk)
        values.update(dict.fromkeys(manual))
        result[unit.pk] = values
    return result


def cycle_open(
    *,
    acting_user: User | None,
    issuing_unit: Unit,
    template: ReportTemplate,
    title: str,
    period_kind: str,
    period_start: dt.date,
    period_end: dt.date,
    deadline: dt.date,
    assigned_kind: str = UnitKind.SUBORDINATE_COMMITTEE,
) -> ReportingCycle:
    """Open a cycle: one draft report per assigned unit, its figures pre-filled from the records."""
    if acting_user is not None:
        require_capture(acting_user, issuing_unit)
    if not title.strip():
        raise ValidationError(_("Give the cycle a title."))
    if period_kind not in PeriodKind.values:
        raise ValidationError(_("Unknown period kind."))
    if period_end < period_start:
        raise ValidationError(_("The period ends before it starts."))
    if deadline < period_start:
        raise ValidationError(_("The deadline falls before the period starts."))
    if assigned_kind not in UnitKind.values or assigned_kind == UnitKind.BLOC:
        raise ValidationError(_("Units of this kind cannot be asked to report."))
    if issuing_unit.active_to is not None:
        raise ValidationError(_("“%(unit)s” is no longer active.") % {"unit": issuing_unit.name})
    units = assignable_units(issuing_unit, assigned_kind, period_start, period_end)
    if not units:
        raise ValidationError(
            _("No unit of kind “%(kind)s” under “%(unit)s” was active in the period: the cycle would have no units.")
            % {"kind": UnitKind(assigned_kind).label, "unit": issuing_unit.name}
        )
    values = prefill(issuing_unit, template, units, period_start, period_end)
    now = timezone.now()
    with transaction.atomic():
        cycle = ReportingCycle.objects.create(
            title=title.strip(),
            issuing_unit=issuing_unit,
            template=template,
            period_kind=period_kind,
            period_start=period_start,
            period_end=period_end,
            deadline=deadline,
            assigned_kind=assigned_kind,
            created_by=acting_user,
        )
        UnitReport.objects.bulk_create(
            UnitReport(cycle=cycle, unit=unit, values=values[unit.pk], values_computed_at=now) for unit in units
        )
        after = snapshot(cycle, CYCLE_FIELDS)
        after["units"] = len(units)
        audit_record(acting_user=acting_user, action="reporting_cycle.open", obj=cycle, after=after)
    return cycle


def cycle_close(*, acting_user: User | None, cycle: ReportingCycle) -> ReportingCycle:
    if acting_user is not None:
        require_capture(acting_user, cycle.issuing_unit)
    with transaction.atomic():
        ReportingCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.CLOSED)
        cycle.status = CycleStatus.CLOSED
        audit_record(acting_user=acting_user, action="reporting_cycle.close", obj=cycle, after={"status": "closed"})
    return cycle


# --- Unit reports ------------------------------------------------------------------------------


def _check_editable(report: UnitReport) -> None:
    if report.status == ReportStatus.ACCEPTED:
        raise ValidationError(_("This report has been accepted and is locked."))
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(
            _("This report has been submitted and awaits review: it can be changed only if it is returned.")
        )
    if report.cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("The reporting cycle is closed."))


def _conflict() -> ConflictError:
    return ConflictError(
        _("Someone else saved this report after you opened it. Your text is kept below: reload to see their changes.")
    )


def report_save(
    *,
    acting_user: User | None,
    report: UnitReport,
    expected_version: int,
    narrative: Mapping[str, str],
    manual_values: Mapping[str, float | None] | None = None,
) -> UnitReport:
    """Save a draft's narrative and the figures the unit enters by hand."""
    if acting_user is not None:
        require_capture(acting_user, report.unit)
    _check_editable(report)
    sections = report.cycle.template.sections
    manual_codes = set(
        report.cycle.template.indicators.filter(source=IndicatorSource.MANUAL).values_list("code", flat=True)
    )
    new_narrative = {key: (narrative.get(key) or "").strip() for key in sections}
    values = dict(report.values)
    for code, value in (manual_values or {}).items():
        if code not in manual_codes:
            raise ValidationError(_("“%(code)s” is computed from the records and cannot be typed in.") % {"code": code})
        if value is not None and value < 0:
            raise ValidationError(_("A figure cannot be negative."))
        values[code] = value
    before = {"narrative": report.narrative, "values": report.values}
    with transaction.atomic():
        updated = UnitReport.objects.filter(
            pk=report.pk, version=expected_version, status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
        ).update(narrative=new_narrative, values=values, version=F("version") + 1, updated_at=timezone.now())
        if not updated:
            raise _conflict()
        report.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="unit_report.save",
            obj=report,
            before=before,
            after={"narrative": report.narrative, "values": report.values},
        )
    return report


def report_refresh_figures(*, acting_user: User | None, report: UnitReport, expected_version: int) -> UnitReport:
    """Re-read a draft's computed figures from the records (what was recorded since it was opened)."""
    if acting_user is not None:
        require_capture(acting_user, report.unit)
    _check_editable(report)
    cycle = report.cycle
    fresh = prefill(cycle.issuing_unit, cycle.template, [report.unit], cycle.period_start, cycle.period_end)[
        report.unit.pk
    ]
    values = {**fresh, **{k: v for k, v in report.values.items() if k not in fresh or fresh[k] is None}}
    with transaction.atomic():
        updated = UnitReport.objects.filter(pk=report.pk, version=expected_version).update(
            values=values, values_computed_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            raise _conflict()
        before = {"values": report.values}
        report.refresh_from_db()
        audit_record(
            acting_user=acting_user, action="unit_report.refresh", obj=report, before=before, after={"values": values}
        )
    return report


def report_submit(*, acting_user: User | None, report: UnitReport, expected_version: int) -> UnitReport:
    """The unit's explicit act of submitting: only then does the report count as received."""
    if acting_user is not None:
        require_capture(acting_user, report.unit)
    _check_editable(report)
    missing = [
        str(section) for section in report.cycle.template.sections if not (report.narrative.get(section) or "").strip()
    ]
    if missing:
        raise ValidationError(_("Write every narrative section before submitting."))
    now = timezone.now()
    before = snapshot(report, REPORT_FIELDS)
    with transaction.atomic():
        updated = UnitReport.objects.filter(
            pk=report.pk, version=expected_version, status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
        ).update(
            status=ReportStatus.SUBMITTED,
            submitted_at=now,
            first_submitted_at=report.first_submitted_at or now,
            submitted_by=acting_user,
            version=F("version") + 1,
        )
        if not updated:
            raise _conflict()
        report.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="unit_report.submit",
            obj=report,
            before=before,
            after=snapshot(report, REPORT_FIELDS),
        )
    return report


def _review(*, acting_user: User | None, report: UnitReport, status: str, comment: str, action: str) -> UnitReport:
    if acting_user is not None and not can_capture_unit(acting_user, report.cycle.issuing_unit):
        # The unit itself sees its report but may not judge it; anyone else does not see it at all.
        if can_see_report(acting_user, report):
            raise PermissionDenied
        raise Http404
    if report.status == ReportStatus.ACCEPTED:
        raise ValidationError(_("This report has been accepted and is locked."))
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted or returned."))
    before = snapshot(report, REPORT_FIELDS)
    with transaction.atomic():
        updated = UnitReport.objects.filter(pk=report.pk, status=ReportStatus.SUBMITTED).update(
            status=status,
            review_comment=comment,
            reviewed_at=timezone.now(),
            reviewed_by=acting_user,
            version=F("version") + 1,
        )
        if not updated:
            raise ConflictError(_("Someone else has reviewed this report in the meantime. Reload the page."))
        report.refresh_from_db()
        audit_record(
            acting_user=acting_user, action=action, obj=report, before=before, after=snapshot(report, REPORT_FIELDS)
        )
    return report


def report_accept(*, acting_user: User | None, report: UnitReport, comment: str = "") -> UnitReport:
    """Accept a submitted report; it is locked from then on."""
    return _review(
        acting_user=acting_user,
        report=report,
        status=ReportStatus.ACCEPTED,
        comment=comment.strip(),
        action="unit_report.accept",
    )


def report_return(*, acting_user: User | None, report: UnitReport, comment: str) -> UnitReport:
    if not comment.strip():
        raise ValidationError(_("Say why the report is returned, so the unit knows what to fix."))
    return _review(
        acting_user=acting_user,
        report=report,
        status=ReportStatus.RETURNED,
        comment=comment.strip(),
        action="unit_report.return",
    )


# --- Review documents ----------------------------------------------------------------------------


def review_create(
    *,
    acting_user: User | None,
    cycle: ReportingCycle,
    number: str,
    date: dt.date,
    title: str,
    place: str = "Hà Nội",
) -> ReviewDraft:
    """Start the cycle's review document, its sections assembled from the accepted unit reports."""
    from lamtheo.reports.documents.narrative import assemble_sections

    if acting_user is not None:
        require_capture(acting_user, cycle.issuing_unit)
    if ReviewDraft.objects.filter(cycle=cycle).exists():
        raise ValidationError(_("This cycle already has a review document."))
    if not number.strip() or not title.strip():
        raise ValidationError(_("Give the document a number and a title."))
    if date < cycle.period_start:
        raise ValidationError(_("The document cannot be dated before the period starts."))
    with transaction.atomic():
        review = ReviewDraft.objects.create(
            cycle=cycle,
            number=number.strip(),
            date=date,
            title=title.strip(),
            place=place.strip() or "Hà Nội",
            sections=assemble_sections(cycle),
        )
        audit_record(
            acting_user=acting_user,
            action="review.create",
            obj=review,
            after=snapshot(review, ("number", "date", "title", "place")),
        )
    return review


def review_save(
    *,
    acting_user: User | None,
    review: ReviewDraft,
    expected_version: int,
    number: str,
    date: dt.date,
    title: str,
    place: str,
    sections: Mapping[str, str],
) -> ReviewDraft:
    if acting_user is not None:
        require_capture(acting_user, review.cycle.issuing_unit)
    if review.is_final:
        raise ValidationError(_("The review document is final and can no longer be changed."))
    if not number.strip() or not title.strip():
        raise ValidationError(_("Give the document a number and a title."))
    new_sections = {key: (text or "").strip() for key, text in sections.items() if key in review.sections}
    before: dict[str, Any] = snapshot(review, ("number", "date", "title", "place"))
    with transaction.atomic():
        updated = ReviewDraft.objects.filter(pk=review.pk, version=expected_version, status=ReviewStatus.DRAFT).update(
            number=number.strip(),
            date=date,
            title=title.strip(),
            place=place.strip() or "Hà Nội",
            sections={**review.sections, **new_sections},
            version=F("version") + 1,
        )
        if not updated:
            raise ConflictError(
                _(
                    "Someone else saved this document after you opened it. "
                    "Your text is kept below: reload to see theirs."
                )
            )
        review.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="review.save",
            obj=review,
            before=before,
            after=snapshot(review, ("number", "date", "title", "place")),
        )
    return review


def review_finalise(*, acting_user: User | None, review: ReviewDraft, expected_version: int) -> ReviewDraft:
    """Lock the text and store the DOCX generated from it: what is final is what was read."""
    from lamtheo.reports.documents.review import review_docx

    if acting_user is not None:
        require_capture(acting_user, review.cycle.issuing_unit)
    if review.is_final:
        raise ValidationError(_("The review document is already final."))
    if review.version != expected_version:
        raise ConflictError(_("Someone else saved this document after you opened it. Reload the page."))
    content = review_docx(review)
    with transaction.atomic():
        locked = ReviewDraft.objects.select_for_update().get(pk=review.pk)
        if locked.version != expected_version or locked.is_final:
            raise ConflictError(_("Someone else saved this document after you opened it. Reload the page."))
        locked.document.save(f"{locked.code}.docx", ContentFile(content), save=False)
        locked.status = ReviewStatus.FINAL
        locked.finalised_at = timezone.now()
        locked.finalised_by = acting_user
        locked.version = F("version") + 1
        locked.save(update_fields=["document", "status", "finalised_at", "finalised_by", "version"])
        locked.refresh_from_db()
        audit_record(acting_user=acting_user, action="review.finalise", obj=locked, after={"status": "final"})
    return locked
