"""What the reports app adds to the shared screens: unit buttons and a home-page block."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from lamtheo.accounts.access import can_capture_unit, can_view_unit, capture_paths, is_superuser
from lamtheo.lib.extensions import Link
from lamtheo.org.models import Unit, UnitKind
from lamtheo.reports.models import CycleStatus, ReportStatus, UnitReport

HOME_ROWS = 5


def unit_links(user: Any, unit: Unit) -> list[Link]:
    if not can_view_unit(user, unit):
        return []
    links = [Link(reverse("reports:dashboard_current", args=[unit.code]), _("Dashboard"), "bi-speedometer2")]
    if can_capture_unit(user, unit) and unit.is_active and unit.kind != UnitKind.CELL:
        links.append(Link(reverse("reports:cycle_create", args=[unit.code]), _("Open a reporting cycle"), "bi-inbox"))
    return links


def home_sections(request: HttpRequest) -> list[str]:
    user = request.user
    if not getattr(user, "is_authenticated", False) or is_superuser(user):
        return []
    paths = capture_paths(user)
    if not paths:
        return []
    to_write = (
        UnitReport.objects.filter(
            unit__path__in=paths,
            cycle__status=CycleStatus.OPEN,
            status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        )
        .select_related("unit", "cycle")
        .order_by("cycle__deadline")
    )
    to_review = UnitReport.objects.filter(
        cycle__issuing_unit__path__in=paths, status=ReportStatus.SUBMITTED, cycle__status=CycleStatus.OPEN
    ).count()
    rows = list(to_write[:HOME_ROWS])
    if not rows and not to_review:
        return []
    return [render_to_string("reports/_home.html", {"to_write": rows, "to_review": to_review}, request=request)]
