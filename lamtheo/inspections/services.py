"""Writes to inspection plans, inspections, findings and recommendations: one transaction, one audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.inspections.models import (
    CoverageRule,
    Finding,
    FindingKind,
    Inspection,
    InspectionDocument,
    InspectionKind,
    InspectionPlan,
    PlannedInspection,
    Recommendation,
    RecommendationStatus,
)
from lamtheo.inspections.uploads import checked_content_type
from lamtheo.lib.errors import ConflictError
from lamtheo.lib.text import fold
from lamtheo.org.models import Person, SectorTag, Unit

PLAN_FIELDS = ("unit", "year", "coverage_rule", "notes")
INSPECTION_FIELDS = ("inspecting_unit", "target", "kind", "start_date", "end_date", "team_note", "summary", "planned")
RECOMMENDATION_FIELDS = ("text", "responsible_unit", "due_date", "status", "answer")


def _check(acting_user: User | None, unit: Unit) -> None:
    """``acting_user`` None is the system (demo data, management commands)."""
    if acting_user is not None:
        require_capture(acting_user, unit)


def _check_below(inspecting_unit: Unit, target: Unit) -> None:
    if target.pk == inspecting_unit.pk or not target.path.startswith(inspecting_unit.path):
        raise ValidationError(
            _("“%(target)s” is not under “%(unit)s”: a unit can only inspect the units below it.")
            % {"target": target.name, "unit": inspecting_unit.name}
        )


def _check_team(inspecting_unit: Unit, team: Iterable[Person]) -> list[Person]:
    members = list(team)
    for person in members:
        if person.unit is None or not person.unit.path.startswith(inspecting_unit.path):
            raise ValidationError(
                _("%(name)s does not belong to “%(unit)s”.") % {"name": person.full_name, "unit": inspecting_unit.name}
            )
    return members


def plan_create(
    *,
    acting_user: User | None,
    unit: Unit,
    year: int,
    coverage_rule: str = CoverageRule.SUBORDINATE,
    priority_sector_codes: Iterable[str] = (),
    notes: str = "",
) -> InspectionPlan:
    _check(acting_user, unit)
    if not 1930 <= year <= 2200:
        raise ValidationError(_("%(year)s is not a valid year.") % {"year": year})
    if InspectionPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("“%(unit)s” already has an inspection plan for %(year)s.") % {"unit": unit.name, "year": year}
        )
    plan = InspectionPlan(unit=unit, year=year, coverage_rule=coverage_rule, notes=notes)
    try:
        with transaction.atomic():
            plan.save()
            plan.priority_sectors.set(SectorTag.objects.filter(code__in=list(priority_sector_codes)))
            audit_record(
                acting_user=acting_user, action="inspection_plan.create", obj=plan, after=snapshot(plan, PLAN_FIELDS)
            )
    except IntegrityError as exc:  # two people created the same plan at once
        raise ValidationError(
            _("“%(unit)s” already has an inspection plan for %(year)s.") % {"unit": unit.name, "year": year}
        ) from exc
    return plan


def plan_update(
    *,
    acting_user: User | None,
    plan: InspectionPlan,
    expected_version: int,
    coverage_rule: str,
    priority_sector_codes: Iterable[str],
    weak_units: Iterable[Unit],
    notes: str,
) -> InspectionPlan:
    _check(acting_user, plan.unit)
    weak = list(weak_units)
    for unit in weak:
        _check_below(plan.unit, unit)
    before = snapshot(plan, PLAN_FIELDS)
    with transaction.atomic():
        updated = InspectionPlan.objects.filter(pk=plan.pk, version=expected_version).update(
            coverage_rule=coverage_rule, notes=notes, version=F("version") + 1
        )
        if not updated:
            raise ConflictError(
                _("Someone else saved this plan after you opened it. Reload the page to see their changes.")
            )
        plan.refresh_from_db()
        plan.priority_sectors.set(SectorTag.objects.filter(code__in=list(priority_sector_codes)))
        plan.weak_units.set(weak)
        after = snapshot(plan, PLAN_FIELDS)
        after["weak_units"] = sorted(u.code for u in weak)
        audit_record(acting_user=acting_user, action="inspection_plan.update", obj=plan, before=before, after=after)
    return plan


def planned_inspection_add(
    *,
    acting_user: User | None,
    plan: InspectionPlan,
    target: Unit,
    month: int,
    kind: str = InspectionKind.INSPECTION,
    team: Iterable[Person] = (),
    team_note: str = "",
    reasons: str = "",
) -> PlannedInspection:
    _check(acting_user, plan.unit)
    _check_below(plan.unit, target)
    if not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."))
    year_start, year_end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    if target.active_from > year_end or (target.active_to is not None and target.active_to < year_start):
        raise ValidationError(_("“%(unit)s” is not active in %(year)s.") % {"unit": target.name, "year": plan.year})
    if PlannedInspection.objects.filter(plan=plan, target=target, kind=kind).exists():
        raise ValidationError(_("“%(unit)s” is already in the plan for this kind of visit.") % {"unit": target.name})
    members = _check_team(plan.unit, team)
    item = PlannedInspection(
        plan=plan, target=target, month=month, kind=kind, team_note=team_note, reasons=reasons[:255]
    )
    with transaction.atomic():
        item.save()
        item.team.set(members)
        audit_record(
            acting_user=acting_user,
            action="planned_inspection.add",
            obj=item,
            after={"plan": str(plan.code), "target": target.code, "month": month, "kind": kind},
        )
    return item


def inspection_record(
    *,
    acting_user: User | None,
    inspecting_unit: Unit,
    target: Unit,
    kind: str,
    start_date: dt.date,
    end_date: dt.date,
    team: Iterable[Person] = (),
    team_note: str = "",
    summary: str = "",
    planned: PlannedInspection | None = None,
) -> Inspection:
    _check(acting_user, inspecting_unit)
    _check_below(inspecting_unit, target)
    if end_date < start_date:
        raise ValidationError(_("The inspection cannot end before it starts."))
    if not target.is_active_on(start_date):
        raise ValidationError(
            _("“%(unit)s” was not active on %(date)s.") % {"unit": target.name, "date": start_date.strftime("%d/%m/%Y")}
        )
    if planned is not None and (planned.plan.unit_id != inspecting_unit.pk or planned.target_id != target.pk):
        raise ValidationError(_("This planned inspection belongs to another unit or plan."))
    if planned is not None and start_date.year != planned.plan.year:
        raise ValidationError(
            _("A planned inspection of %(year)s must start in %(year)s.") % {"year": planned.plan.year}
        )
    members = _check_team(inspecting_unit, team)
    inspection = Inspection(
        inspecting_unit=inspecting_unit,
        target=target,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        team_note=team_note,
        summary=summary,
        planned=planned,
        created_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
    )
    with transaction.atomic():
        inspection.save()
        inspection.team.set(members)
        audit_record(
            acting_user=acting_user,
            action="inspection.record",
            obj=inspection,
            after=snapshot(inspection, INSPECTION_FIELDS),
        )
    return inspection


def finding_add(
    *, acting_user: User | None, inspection: Inspection, kind: str, title: str, description: str = ""
) -> Finding:
    _check(acting_user, inspection.inspecting_unit)
    if kind not in FindingKind.values:
        raise ValidationError(_("Unknown kind of finding."))
    if not title.strip():
        raise ValidationError(_("A finding needs a title."))
    finding = Finding(
        inspection=inspection,
        kind=kind,
        title=title.strip(),
        description=description,
        search_text=fold(f"{title} {description} {inspection.target.name}"),
    )
    with transaction.atomic():
        finding.save()
        audit_record(
            acting_user=acting_user,
            action="finding.add",
            obj=finding,
            after={"inspection": str(inspection.code), "kind": kind, "title": finding.title},
        )
    return finding


def recommendation_add(
    *,
    acting_user: User | None,
    inspection: Inspection,
    text: str,
    responsible_unit: Unit,
    due_date: dt.date,
    finding: Finding | None = None,
) -> Recommendation:
    _check(acting_user, inspection.inspecting_unit)
    if not responsible_unit.path.startswith(inspection.target.path):
        raise ValidationError(
            _("The responsible unit must be “%(unit)s” or one of its sub-units.") % {"unit": inspection.target.name}
        )
    if due_date < inspection.end_date:
        raise ValidationError(
            _("The due date cannot be before the inspection ended (%(date)s).")
            % {"date": inspection.end_date.strftime("%d/%m/%Y")}
        )
    if finding is not None and finding.inspection_id != inspection.pk:
        raise ValidationError(_("This finding belongs to another inspection."))
    if not text.strip():
        raise ValidationError(_("Write the recommendation."))
    recommendation = Recommendation(
        inspection=inspection, finding=finding, text=text.strip(), responsible_unit=responsible_unit, due_date=due_date
    )
    with transaction.atomic():
        recommendation.save()
        audit_record(
            acting_user=acting_user,
            action="recommendation.add",
            obj=recommendation,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def _transition(
    recommendation: Recommendation, expected_version: int, allowed_from: set[str], **values: object
) -> Recommendation:
    updated = Recommendation.objects.filter(
        pk=recommendation.pk, version=expected_version, status__in=allowed_from
    ).update(version=F("version") + 1, **values)
    if not updated:
        raise ConflictError(
            _("Someone else changed this recommendation after you opened it. Reload the page to see their changes.")
        )
    recommendation.refresh_from_db()
    return recommendation


def recommendation_answer(
    *, acting_user: User | None, recommendation: Recommendation, expected_version: int, answer: str
) -> Recommendation:
    """The responsible unit says what it has done; it may answer again until the inspector closes it."""
    _check(acting_user, recommendation.responsible_unit)
    if recommendation.status == RecommendationStatus.CLOSED:
        raise ValidationError(_("This recommendation is closed."))
    if not answer.strip():
        raise ValidationError(_("Write what the unit has done."))
    before = snapshot(recommendation, RECOMMENDATION_FIELDS)
    with transaction.atomic():
        _transition(
            recommendation,
            expected_version,
            {RecommendationStatus.OPEN, RecommendationStatus.ANSWERED},
            status=RecommendationStatus.ANSWERED,
            answer=answer.strip(),
            answered_at=timezone.now(),
            answered_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
        )
        audit_record(
            acting_user=acting_user,
            action="recommendation.answer",
            obj=recommendation,
            before=before,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def recommendation_close(
    *, acting_user: User | None, recommendation: Recommendation, expected_version: int
) -> Recommendation:
    """The inspecting unit accepts the answer and closes the recommendation."""
    _check(acting_user, recommendation.inspection.inspecting_unit)
    if recommendation.status != RecommendationStatus.ANSWERED:
        raise ValidationError(_("Only an answered recommendation can be closed."))
    before = snapshot(recommendation, RECOMMENDATION_FIELDS)
    with transaction.atomic():
        _transition(
            recommendation,
            expected_version,
            {RecommendationStatus.ANSWERED},
            status=RecommendationStatus.CLOSED,
            closed_at=timezone.now(),
            closed_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
        )
        audit_record(
            acting_user=acting_user,
            action="recommendation.close",
            obj=recommendation,
            before=before,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def document_attach(
    *, acting_user: User | None, inspection: Inspection, title: str, upload: UploadedFile
) -> InspectionDocument:
    _check(acting_user, inspection.inspecting_unit)
    content_type = checked_content_type(upload)
    document = InspectionDocument(
        inspection=inspection,
        title=(title.strip() or upload.name or "")[:200],
        content_type=content_type,
        size=upload.size or 0,
    )
    with transaction.atomic():
        document.file.save(upload.name or "document", upload, save=False)
        document.save()
        audit_record(
            acting_user=acting_user,
            action="inspection_document.attach",
            obj=document,
            after={"inspection": str(inspection.code), "title": document.title, "content_type": content_type},
        )
    return document
