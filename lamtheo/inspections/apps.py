from __future__ import annotations

import random
from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lamtheo.lib.extensions import Link


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    label = "inspections"
    verbose_name = _("Inspections")
    nav_items = [
        ("inspections:index", _("Inspections")),
        ("inspections:good_practices", _("Good practices")),
    ]

    def unit_links(self, user: Any, unit: Any) -> list[Link]:
        from lamtheo.accounts.access import can_view_unit
        from lamtheo.inspections.models import InspectionPlan

        if not can_view_unit(user, unit):
            return []
        links = [Link(reverse("inspections:unit", args=[unit.code]), gettext("Inspections"), "bi-clipboard-check")]
        plan = InspectionPlan.objects.filter(unit=unit).order_by("-year").only("code", "year").first()
        if plan is not None:
            links.append(
                Link(
                    reverse("inspections:coverage", args=[plan.code]),
                    gettext("Coverage %(year)s") % {"year": plan.year},
                    "bi-bar-chart",
                )
            )
        return links

    def home_sections(self, request: HttpRequest) -> list[str]:
        from lamtheo.accounts.access import has_role, top_units_for
        from lamtheo.accounts.models import Role
        from lamtheo.inspections import selectors
        from lamtheo.inspections.models import InspectionPlan

        user = request.user
        boards = []
        if has_role(user, Role.SUPPORT_STAFF):
            tops = list(top_units_for(user)[:3])
            for unit in tops:
                plan = InspectionPlan.objects.filter(unit=unit).select_related("unit").order_by("-year").first()
                if plan is not None:
                    boards.append(selectors.coverage(plan))
        overdue_count, overdue = selectors.overdue_at_a_glance(user)
        if not boards and not overdue_count:
            return []
        context = {"boards": boards, "overdue": overdue, "overdue_count": overdue_count}
        return [render_to_string("inspections/_home.html", context, request=request)]

    def load_demo(self, rng: random.Random) -> None:
        from lamtheo.inspections.demo import load_demo

        load_demo(rng)
