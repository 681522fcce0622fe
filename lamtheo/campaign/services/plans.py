"""Programmes, year plans and their cascade, plan documents and tasks, holidays, progress thresholds."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.campaign.access import require_holiday_editor
from lamtheo.campaign.models import (
    Holiday,
    PlanDocument,
    PlanTask,
    Programme,
    ProgressThreshold,
    TaskStatus,
    YearPlan,
)
from lamtheo.campaign.uploads import DOCUMENT_KINDS, check_upload
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import Person, Unit

PLAN_FIELDS = ("programme", "unit", "year", "parent_plan", "topic_title", "goals")


def _authorise(acting_user: User | None, unit: Unit) -> None:
    """``acting_user`` None means the system itself (management commands, demo data)."""
    if acting_user is not None:
        require_capture(acting_user, unit)


def programme_create(
    *, acting_user: User | None, code: str, title: str, issued_on: dt.date, ended_on: dt.date | None = None
) -> Programme:
    require_holiday_editor(acting_user)
    if ended_on is not None and ended_on < issued_on:
        raise ValidationError(_("The end date is before the date the directive was issued."))
    if Programme.objects.filter(code=code).exists():
        raise ValidationError(_("The programme code “%(code)s” is already in use.") % {"code": code})
    with transaction.atomic():
        programme = Programme.objects.create(code=code, title=title.strip(), issued_on=issued_on, ended_on=ended_on)
        audit_record(
            acting_user=acting_user,
            action="programme.create",
            obj=programme,
            after=snapshot(programme, ("code", "title", "issued_on", "ended_on")),
        )
    return programme


def _check_year(programme: Programme, year: int) -> None:
    last = programme.ended_on.year if programme.ended_on else None
    if year < programme.issued_on.year or (last is not None and year > last):
        raise ValidationError(
            _("The year %(year)s is outside the period of %(programme)s.") % {"year": year, "programme": programme}
        )


def _check_unique(unit: Unit, programme: Programme, year: int) -> None:
    if YearPlan.objects.filter(unit=unit, programme=programme, year=year).exists():
        raise ValidationError(
            _("%(unit)s already has a plan for %(year)s under this programme.") % {"unit": unit.name, "year": year}
        )


def plan_create(
    *,
    acting_user: User | None,
    unit: Unit,
    programme: Programme,
    year: int,
    topic_title: str,
    goals: str = "",
) -> YearPlan:
    """A unit's own plan for a year (the Bloc sets the first one; others usually adopt theirs)."""
    _authorise(acting_user, unit)
    _check_year(programme, year)
    _check_unique(unit, programme, year)
    if not topic_title.strip():
        raise ValidationError(_("Give the year's thematic topic."))
    with transaction.atomic():
        plan = YearPlan.objects.create(
            unit=unit, programme=programme, year=year, topic_title=topic_title.strip(), goals=goals.strip()
        )
        audit_record(acting_user=acting_user, action="plan.create", obj=plan, after=snapshot(plan, PLAN_FIELDS))
    return plan


def plan_adopt(*, acting_user: User | None, unit: Unit, parent_plan: YearPlan) -> YearPlan:
    """``unit`` takes a plan of a unit above it as its own; it then adds its own tasks."""
    _authorise(acting_user, unit)
    if not (unit.path.startswith(parent_plan.unit.path) and unit.pk != parent_plan.unit_id):
        raise ValidationError(_("A unit can only adopt the plan of a unit above it."))
    _check_unique(unit, parent_plan.programme, parent_plan.year)
    with transaction.atomic():
        try:
            plan = YearPlan.objects.create(
                unit=unit,
                programme=parent_plan.programme,
                year=parent_plan.year,
                parent_plan=parent_plan,
                topic_title=parent_plan.topic_title,
                goals=parent_plan.goals,
            )
        except IntegrityError as exc:  # adopted at the same moment by someone else
            raise ValidationError(_("This plan has already been adopted.")) from exc
        audit_record(acting_user=acting_user, action="plan.adopt", obj=plan, after=snapshot(plan, PLAN_FIELDS))
    return plan


def plan_update(
    *, acting_user: User | None, plan: YearPlan, expected_version: int, topic_title: str, goals: str
) -> YearPlan:
    _authorise(acting_user, plan.unit)
    if not topic_title.strip():
        raise ValidationError(_("Give the year's thematic topic."))
    before = snapshot(plan, PLAN_FIELDS)
    with transaction.atomic():
        updated = YearPlan.objects.filter(pk=plan.pk, version=expected_version).update(
            topic_title=topic_title.strip(), goals=goals.strip(), version=F("version") + 1
        )
        if not updated:
            raise ConflictError(
                _("Someone else saved this plan after you opened it. Reload the page to see their changes.")
            )
        plan.refresh_from_db()
        audit_record(
            acting_user=acting_user, action="plan.update", obj=plan, before=before, after=snapshot(plan, PLAN_FIELDS)
        )
    return plan


def plan_document_add(*, acting_user: User | None, plan: YearPlan, title: str, upload: UploadedFile) -> PlanDocument:
    _authorise(acting_user, plan.unit)
    kind = check_upload(upload, allowed=DOCUMENT_KINDS)
    with transaction.atomic():
        document = PlanDocument(
            plan=plan,
            title=title.strip() or (upload.name or ""),
            kind=kind,
            size=upload.size or 0,
            uploaded_by=acting_user,
        )
        document.file.save(upload.name or f"document.{kind}", upload, save=False)
        document.save()
        audit_record(
            acting_user=acting_user,
            action="plan.document_add",
            obj=plan,
            after={"document": str(document.code), "title": document.title, "kind": kind, "size": document.size},
        )
    return document


def plan_task_add(
    *,
    acting_user: User | None,
    plan: YearPlan,
    title: str,
    due_on: dt.date,
    owner_unit: Unit | None = None,
    owner_person: Person | None = None,
) -> PlanTask:
    _authorise(acting_user, plan.unit)
    if not title.strip():
        raise ValidationError(_("Say what the task is."))
    if due_on.year != plan.year:
        raise ValidationError(
            _("The date %(date)s is outside the plan's year %(year)s.")
            % {"date": due_on.strftime("%d/%m/%Y"), "year": plan.year}
        )
    for owner in (owner_unit, owner_person.unit if owner_person else None):
        if owner is not None and not owner.path.startswith(plan.unit.path):
            raise ValidationError(_("The task's owner must belong to %(unit)s.") % {"unit": plan.unit.name})
    with transaction.atomic():
        task = PlanTask.objects.create(
            plan=plan, title=title.strip(), due_on=due_on, owner_unit=owner_unit, owner_person=owner_person
        )
        audit_record(
            acting_user=acting_user,
            action="plan.task_add",
            obj=task,
            after=snapshot(task, ("plan", "title", "due_on", "owner_unit", "owner_person", "status")),
        )
    return task


def plan_task_set_status(*, acting_user: User | None, task: PlanTask, status: str) -> PlanTask:
    _authorise(acting_user, task.plan.unit)
    if status not in TaskStatus.values:
        raise ValidationError(_("Unknown task status."))
    before = snapshot(task, ("status",))
    with transaction.atomic():
        PlanTask.objects.filter(pk=task.pk).update(status=status)
        task.status = status
        audit_record(
            acting_user=acting_user, action="plan.task_status", obj=task, before=before, after={"status": status}
        )
    return task


def holiday_add(*, acting_user: User | None, day: dt.date, name: str) -> Holiday:
    require_holiday_editor(acting_user)
    if not name.strip():
        raise ValidationError(_("Name the holiday."))
    if Holiday.objects.filter(day=day, name=name.strip()).exists():
        raise ValidationError(_("This holiday is already on the list."))
    with transaction.atomic():
        holiday = Holiday.objects.create(day=day, name=name.strip())
        audit_record(
            acting_user=acting_user, action="holiday.add", obj=holiday, after=snapshot(holiday, ("day", "name"))
        )
    return holiday


def holiday_delete(*, acting_user: User | None, holiday: Holiday) -> None:
    require_holiday_editor(acting_user)
    if holiday.activities.exists():
        raise ValidationError(_("Activities were recorded for this holiday; it cannot be removed."))
    with transaction.atomic():
        audit_record(
            acting_user=acting_user, action="holiday.delete", obj=holiday, before=snapshot(holiday, ("day", "name"))
        )
        holiday.delete()


def threshold_set(
    *,
    acting_user: User | None,
    unit: Unit,
    year: int,
    min_meeting_share: int,
    min_attendance: int,
    min_registration: int,
) -> ProgressThreshold:
    """Set the shares below which units under ``unit`` are flagged weak for ``year``."""
    _authorise(acting_user, unit)
    values = {
        "min_meeting_share": min_meeting_share,
        "min_attendance": min_attendance,
        "min_registration": min_registration,
    }
    if any(not 0 <= value <= 100 for value in values.values()):
        raise ValidationError(_("Thresholds are percentages between 0 and 100."))
    with transaction.atomic():
        threshold, _created = ProgressThreshold.objects.update_or_create(unit=unit, year=year, defaults=values)
        audit_record(acting_user=acting_user, action="threshold.set", obj=threshold, after=values)
    return threshold
