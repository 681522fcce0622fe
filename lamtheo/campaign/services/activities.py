"""Activities: a cell meeting with attendance per person, and other activities with counts and photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.campaign.models import Activity, ActivityKind, ActivityPhoto, Attendance, Holiday, YearPlan
from lamtheo.campaign.uploads import PHOTO_KINDS, check_upload
from lamtheo.org.models import Membership, Person, Unit, UnitKind

ACTIVITY_FIELDS = ("kind", "title", "held_on", "place", "unit", "plan", "holiday", "expected_count", "present_count")


@dataclass(frozen=True)
class AttendanceEntry:
    person_id: int
    present: bool
    absence_reason: str = ""


def _authorise(acting_user: User | None, unit: Unit) -> None:
    if acting_user is not None:
        require_capture(acting_user, unit)


def _format(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_date(held_on: dt.date, plan: YearPlan | None) -> None:
    if held_on > timezone.localdate():
        raise ValidationError(_("The date %(date)s is in the future.") % {"date": _format(held_on)})
    if plan is not None and held_on.year != plan.year:
        raise ValidationError(
            _("The date %(date)s is outside the plan's year %(year)s.") % {"date": _format(held_on), "year": plan.year}
        )


def _check_plan_reaches(plan: YearPlan | None, unit: Unit) -> None:
    if plan is not None and not unit.path.startswith(plan.unit.path):
        raise ValidationError(_("This plan does not apply to %(unit)s.") % {"unit": unit.name})


def members_on(cell: Unit, day: dt.date) -> Iterable[int]:
    """Ids of the people who were members of ``cell`` on ``day``."""
    return (
        Membership.objects.filter(unit=cell, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .values_list("person_id", flat=True)
    )


def meeting_record(
    *,
    acting_user: User | None,
    cell: Unit,
    held_on: dt.date,
    plan: YearPlan,
    attendance: Sequence[AttendanceEntry],
    place: str = "",
    notes: str = "",
) -> Activity:
    """A party-cell meeting on the plan's topic, with who was there and why the others were not."""
    _authorise(acting_user, cell)
    if cell.kind != UnitKind.CELL:
        raise ValidationError(_("Only a party cell holds a cell meeting."))
    _check_plan_reaches(plan, cell)
    _check_date(held_on, plan)
    if not cell.is_active_on(held_on):
        raise ValidationError(_("%(unit)s was not active on %(date)s.") % {"unit": cell.name, "date": _format(held_on)})
    if not attendance:
        raise ValidationError(_("Record who attended the meeting."))
    ids = [entry.person_id for entry in attendance]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("A person is listed twice."))
    outsiders = set(ids) - set(members_on(cell, held_on))
    if outsiders:
        names = ", ".join(p.full_name for p in Person.objects.filter(pk__in=outsiders).order_by("sort_key"))
        raise ValidationError(
            _("Not members of %(unit)s on %(date)s: %(names)s.")
            % {"unit": cell.name, "date": _format(held_on), "names": names or ", ".join(map(str, sorted(outsiders)))}
        )
    present = sum(1 for entry in attendance if entry.present)
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=ActivityKind.CELL_MEETING,
            title=plan.topic_title[:255],
            held_on=held_on,
            place=place.strip(),
            unit=cell,
            plan=plan,
            expected_count=len(attendance),
            present_count=present,
            notes=notes.strip(),
            created_by=acting_user,
        )
        Attendance.objects.bulk_create(
            Attendance(
                activity=activity,
                person_id=entry.person_id,
                present=entry.present,
                absence_reason="" if entry.present else entry.absence_reason.strip()[:255],
            )
            for entry in attendance
        )
        after = snapshot(activity, ACTIVITY_FIELDS)
        after["absent"] = [entry.person_id for entry in attendance if not entry.present]
        audit_record(acting_user=acting_user, action="activity.meeting_record", obj=activity, after=after)
    return activity


def activity_create(
    *,
    acting_user: User | None,
    unit: Unit,
    kind: str,
    held_on: dt.date,
    title: str = "",
    place: str = "",
    plan: YearPlan | None = None,
    holiday: Holiday | None = None,
    co_organisers: Sequence[Unit] = (),
    expected_count: int = 0,
    present_count: int = 0,
    notes: str = "",
) -> Activity:
    """A study session, holiday propaganda, youth activity or other event, recorded with counts."""
    _authorise(acting_user, unit)
    if kind not in ActivityKind.values or kind == ActivityKind.CELL_MEETING:
        raise ValidationError(_("Record a cell meeting with its attendance list."))
    _check_plan_reaches(plan, unit)
    _check_date(held_on, plan)
    if kind == ActivityKind.HOLIDAY_PROPAGANDA and holiday is None:
        raise ValidationError(_("Choose the holiday this propaganda is for."))
    if holiday is not None and holiday.day.year != held_on.year:
        raise ValidationError(_("The holiday is not in the year of the activity."))
    if expected_count and present_count > expected_count:
        raise ValidationError(_("More people attended than were expected."))
    if any(co.pk == unit.pk for co in co_organisers):
        raise ValidationError(_("The organiser cannot also be a co-organiser."))
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            place=place.strip(),
            unit=unit,
            plan=plan,
            holiday=holiday,
            expected_count=expected_count,
            present_count=present_count,
            notes=notes.strip(),
            created_by=acting_user,
        )
        activity.co_organisers.set(co_organisers)
        after = snapshot(activity, ACTIVITY_FIELDS)
        after["co_organisers"] = sorted(co.code for co in co_organisers)
        audit_record(acting_user=acting_user, action="activity.create", obj=activity, after=after)
    return activity


def activity_photo_add(
    *, acting_user: User | None, activity: Activity, upload: UploadedFile, caption: str = ""
) -> ActivityPhoto:
    _authorise(acting_user, activity.unit)
    kind = check_upload(upload, allowed=PHOTO_KINDS)
    with transaction.atomic():
        photo = ActivityPhoto(activity=activity, kind=kind, size=upload.size or 0, caption=caption.strip()[:255])
        photo.image.save(upload.name or f"photo.{kind}", upload, save=False)
        photo.save()
        audit_record(
            acting_user=acting_user,
            action="activity.photo_add",
            obj=activity,
            after={"photo": str(photo.code), "caption": photo.caption, "size": photo.size},
        )
    return photo
