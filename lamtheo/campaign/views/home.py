"""The campaign's start page, programmes and the holiday list."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheo.accounts.access import top_units_for
from lamtheo.campaign import services
from lamtheo.campaign.access import can_edit_holidays
from lamtheo.campaign.forms import HolidayForm, ProgrammeForm
from lamtheo.campaign.models import Holiday, Programme
from lamtheo.campaign.selectors.plans import current_plan_for_unit
from lamtheo.lib.http import AuthenticatedRequest


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    cards = []
    for unit in top_units_for(request.user)[:20]:
        plan = current_plan_for_unit(unit, today)
        cards.append({"unit": unit, "plan": plan})
    person = getattr(request.user, "person", None)
    own_plan = current_plan_for_unit(person.unit, today) if person is not None and person.unit else None
    context = {
        "cards": cards,
        "programmes": Programme.objects.all(),
        "person": person,
        "own_plan": own_plan,
        "can_edit_holidays": can_edit_holidays(request.user),
        "year": today.year,
    }
    return render(request, "campaign/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_edit_holidays(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The programme has been created."))
            return redirect("campaign:index")
    return render(
        request, "campaign/form_page.html", {"form": form, "title": _("New programme"), "back": "/app/campaign/"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request: AuthenticatedRequest, year: int) -> HttpResponse:
    """The year's major holidays; the support unit edits the list."""
    editable = can_edit_holidays(request.user)
    form = HolidayForm(initial={"day": dt.date(year, 1, 1)})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if "delete" in request.POST:
            raw = request.POST.get("delete", "").strip()
            holiday = get_object_or_404(Holiday, pk=int(raw) if raw.isdigit() else 0, day__year=year)
            try:
                services.holiday_delete(acting_user=request.user, holiday=holiday)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The holiday has been removed."))
            return redirect("campaign:holidays", year=year)
        form = HolidayForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["day"].year != year:
                    raise ValidationError(_("The date is not in %(year)s.") % {"year": year})
                services.holiday_add(acting_user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The holiday has been added."))
                return redirect("campaign:holidays", year=year)
    context = {
        "year": year,
        "holidays": Holiday.objects.filter(day__year=year),
        "form": form,
        "editable": editable,
    }
    return render(request, "campaign/holidays.html", context)
