"""What the campaign adds to the shared screens: unit buttons, the person page, the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import can_capture_unit, can_view_unit, top_units_for
from lamtheo.campaign.access import can_see_commitment, can_write_own_commitment, is_own
from lamtheo.campaign.models import Commitment, Stage
from lamtheo.campaign.selectors.plans import current_plan_for_unit
from lamtheo.lib.extensions import Link
from lamtheo.org.models import Person, Unit, UnitKind

HOME_UNITS = 5


def unit_links(user: Any, unit: Unit) -> list[Link]:
    if not can_view_unit(user, unit):
        return []
    links = [
        Link(reverse("campaign:progress_current", args=[unit.code]), _("Campaign progress"), "bi-graph-up"),
        Link(reverse("campaign:unit_plans", args=[unit.code]), _("Year plans"), "bi-journal-text"),
        Link(reverse("campaign:unit_activities", args=[unit.code]), _("Activities"), "bi-calendar-event"),
    ]
    if unit.kind == UnitKind.CELL:
        plan = current_plan_for_unit(unit, timezone.localdate())
        year = plan.year if plan else timezone.localdate().year
        links.append(
            Link(reverse("campaign:cell_commitments", args=[unit.code, year]), _("Commitments"), "bi-card-checklist")
        )
        if can_capture_unit(user, unit) and unit.is_active:
            links.append(Link(reverse("campaign:meeting_record", args=[unit.code]), _("Record a meeting"), "bi-people"))
    return links


def campaign_year(person: Person) -> int:
    """The year members register for: that of the current plan of their cell, else this year."""
    today = timezone.localdate()
    plan = current_plan_for_unit(person.unit, today) if person.unit else None
    return plan.year if plan else today.year


def person_sections(request: HttpRequest, person: Person) -> list[str]:
    user = request.user
    commitments = [
        c
        for c in Commitment.objects.filter(person=person).select_related("unit").order_by("-year")
        if can_see_commitment(user, c)
    ]
    year = campaign_year(person)
    this_year = next((c for c in commitments if c.year == year), None)
    context = {
        "person": person,
        "commitments": commitments,
        "year": year,
        "this_year": this_year,
        "is_own": is_own(user, person),
        "can_write": can_write_own_commitment(user, person, person.unit) and person.unit is not None,
        "can_self_assess": this_year is not None and this_year.stage in (Stage.REGISTERED, Stage.SELF_ASSESSED),
    }
    return [render_to_string("campaign/_person_section.html", context, request=request)]


def home_sections(request: HttpRequest) -> list[str]:
    user = request.user
    today = timezone.localdate()
    topics = []
    for unit in top_units_for(user)[:HOME_UNITS]:
        plan = current_plan_for_unit(unit, today)
        if plan is not None:
            topics.append({"unit": unit, "plan": plan})
    person = getattr(user, "person", None)
    commitment = None
    year = None
    if person is not None and person.unit is not None:
        year = campaign_year(person)
        commitment = Commitment.objects.filter(person=person, year=year).first()
        if not topics:
            plan = current_plan_for_unit(person.unit, today)
            if plan is not None:
                topics.append({"unit": person.unit, "plan": plan})
    if not topics and person is None:
        return []
    context = {"topics": topics, "person": person, "commitment": commitment, "year": year}
    return [render_to_string("campaign/_home_section.html", context, request=request)]
