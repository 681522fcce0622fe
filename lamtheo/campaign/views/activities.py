"""Activities: the quick cell-meeting screen, other activities, a unit's list, an activity's page and photos."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.campaign import services
from lamtheo.campaign.access import get_activity_for_user
from lamtheo.campaign.forms import ActivityForm, MeetingForm, PhotoForm
from lamtheo.campaign.models import Activity, ActivityPhoto
from lamtheo.campaign.selectors.plans import current_plan_for_unit, default_day_in, plan_for_unit, plans_reaching
from lamtheo.campaign.services.activities import AttendanceEntry, members_on
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import Person, Unit, UnitKind

PAGE_SIZE = 50


def _year_param(request: AuthenticatedRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1930 <= int(raw) <= 2200 else None


@login_required
def unit_activities(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Activities organised in the unit's subtree, newest first, fifty a page."""
    unit = get_unit_for_user(request.user, code)
    year = _year_param(request)
    activities = (
        Activity.objects.filter(unit__path__startswith=unit.path)
        .select_related("unit", "holiday")
        .prefetch_related("co_organisers")
        .order_by("-held_on", "-id")
    )
    if year:
        activities = activities.filter(held_on__year=year)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "page": page,
        "year": year,
        "can_capture": can_capture_unit(request.user, unit),
        "is_cell": unit.kind == UnitKind.CELL,
    }
    return render(request, "campaign/unit_activities.html", context)


@dataclass
class AttendanceRow:
    person: Person
    present: bool
    reason: str = ""


def _attendance_from_post(request: AuthenticatedRequest) -> list[AttendanceEntry]:
    """One entry per person the screen listed (``person`` fields): ticked means present."""
    ids = sorted({int(v) for v in request.POST.getlist("person") if v.isdigit()})
    return [
        AttendanceEntry(
            person_id=person_id,
            present=request.POST.get(f"present_{person_id}") == "on",
            absence_reason=request.POST.get(f"reason_{person_id}", ""),
        )
        for person_id in ids
    ]


def _members(cell: Unit, day: dt.date) -> list[Person]:
    return list(Person.objects.filter(pk__in=members_on(cell, day)).order_by("sort_key", "id"))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The cell secretary's quick screen: everyone ticked present, untick the absent and say why.

    The list is the cell's members on the meeting's date; changing the date reloads it (htmx).
    """
    cell = get_unit_for_user(request.user, code, write=True)
    if cell.kind != UnitKind.CELL:
        raise Http404
    today = timezone.localdate()
    plans = plans_reaching(cell)
    current = current_plan_for_unit(cell, today)
    if request.method == "POST":
        form = MeetingForm(request.POST, plans=plans)
        entries = _attendance_from_post(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = services.meeting_record(
                    acting_user=request.user,
                    cell=cell,
                    held_on=data["held_on"],
                    plan=data["plan"],
                    place=data["place"],
                    notes=data["notes"],
                    attendance=entries,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Meeting recorded: %(present)s of %(expected)s present.")
                    % {"present": activity.present_count, "expected": activity.expected_count},
                )
                return redirect("campaign:activity", code=activity.code)
        by_id = {p.pk: p for p in Person.objects.filter(pk__in=[e.person_id for e in entries])}
        rows = [AttendanceRow(by_id[e.person_id], e.present, e.absence_reason) for e in entries if e.person_id in by_id]
        rows.sort(key=lambda row: (row.person.sort_key, row.person.pk))
    else:
        day = default_day_in(current, today) if current else today
        with contextlib.suppress(ValueError):  # a malformed date keeps the default
            day = dt.date.fromisoformat(request.GET.get("held_on", "")) if request.GET.get("held_on") else day
        form = MeetingForm(initial={"held_on": day, "plan": plan_for_unit(cell, day.year) or current}, plans=plans)
        rows = [AttendanceRow(p, True) for p in _members(cell, day)]
    context = {"cell": cell, "form": form, "rows": rows, "has_plan": current is not None}
    return render(request, "campaign/meeting_form.html", context)


def _co_organisers(raw: str) -> list[Unit]:
    codes = [c.strip() for c in raw.split(",") if c.strip()]
    units = list(Unit.objects.filter(code__in=codes, active_to__isnull=True))
    missing = sorted(set(codes) - {u.code for u in units})
    if missing:
        raise ValidationError(_("No active unit with code: %(codes)s.") % {"codes": ", ".join(missing)})
    return units


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    today = timezone.localdate()
    if request.method == "POST":
        form = ActivityForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = services.activity_create(
                    acting_user=request.user,
                    unit=unit,
                    kind=data["kind"],
                    title=data["title"],
                    held_on=data["held_on"],
                    place=data["place"],
                    plan=plan_for_unit(unit, data["held_on"].year),
                    holiday=data["holiday"],
                    co_organisers=_co_organisers(data["co_organisers"]),
                    expected_count=data["expected_count"] or 0,
                    present_count=data["present_count"] or 0,
                    notes=data["notes"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The activity has been recorded."))
                return redirect("campaign:activity", code=activity.code)
    else:
        current = current_plan_for_unit(unit, today)
        form = ActivityForm(initial={"held_on": default_day_in(current, today) if current else today})
    context = {
        "form": form,
        "title": _("Record an activity of %(unit)s") % {"unit": unit.name},
        "back": f"/app/campaign/units/{unit.code}/activities/",
    }
    return render(request, "campaign/form_page.html", context)


@login_required
def activity_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    activity = get_activity_for_user(request.user, code)
    attendances = activity.attendances.select_related("person").order_by("-present", "person__sort_key")
    context = {
        "activity": activity,
        "attendances": attendances,
        "co_organisers": activity.co_organisers.all(),
        "photos": activity.photos.all(),
        "can_capture": can_capture_unit(request.user, activity.unit),
        "photo_form": PhotoForm(),
    }
    return render(request, "campaign/activity_detail.html", context)


@login_required
@require_POST
def photo_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    activity = get_activity_for_user(request.user, code, write=True)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.activity_photo_add(
                acting_user=request.user,
                activity=activity,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The photo has been added."))
            return redirect("campaign:activity", code=activity.code)
    context = {
        "activity": activity,
        "attendances": activity.attendances.select_related("person").order_by("-present", "person__sort_key"),
        "co_organisers": activity.co_organisers.all(),
        "photos": activity.photos.all(),
        "can_capture": True,
        "photo_form": form,
    }
    return render(request, "campaign/activity_detail.html", context, status=400)


@login_required
def photo_view(request: AuthenticatedRequest, code: str, photo_code: str) -> FileResponse:
    activity = get_activity_for_user(request.user, code)
    photo = ActivityPhoto.objects.filter(activity=activity, code=photo_code).first()
    if photo is None:
        raise Http404
    try:
        return FileResponse(photo.image.open("rb"))
    except FileNotFoundError as exc:
        raise Http404 from exc
