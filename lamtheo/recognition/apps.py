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


class RecognitionConfig(AppConfig):
    name = "lamtheo.recognition"
    label = "recognition"
    verbose_name = _("Recognition")
    nav_items = [
        ("recognition:index", _("Commendations")),
        ("recognition:exemplars", _("Exemplars")),
    ]

    def unit_links(self, user: Any, unit: Any) -> list[Link]:
        from lamtheo.accounts.access import can_capture_unit
        from lamtheo.recognition.scope import is_support_for

        if not can_capture_unit(user, unit) or unit.active_to is not None:
            return []
        links = [
            Link(reverse("recognition:nominate", args=[unit.code]), gettext("Nominate"), "bi-award"),
            Link(
                reverse("recognition:exemplar_propose", args=[unit.code]),
                gettext("Propose an exemplar"),
                "bi-heart",
            ),
        ]
        if is_support_for(user, unit):
            links.append(
                Link(
                    reverse("recognition:occasion_create", args=[unit.code]),
                    gettext("New occasion"),
                    "bi-calendar-event",
                )
            )
        return links

    def home_sections(self, request: HttpRequest) -> list[str]:
        from lamtheo.accounts.access import capture_paths, has_role, is_superuser
        from lamtheo.accounts.models import Role
        from lamtheo.recognition.models import ExemplarStatus, NominationStatus
        from lamtheo.recognition.scope import exemplars_visible_to, nominations_visible_to

        user = request.user
        nominations = nominations_visible_to(user)
        to_review = exemplars_to_check = 0
        if has_role(user, Role.SUPPORT_STAFF):
            to_review = nominations.filter(status=NominationStatus.SUBMITTED).count()
            exemplars_to_check = exemplars_visible_to(user).filter(status=ExemplarStatus.PROPOSED).count()
        paths = capture_paths(user)
        returned = 0
        if paths and not is_superuser(user):
            returned = nominations.filter(
                status=NominationStatus.RETURNED, nominating_unit__path__in=list(paths)
            ).count()
        if not (to_review or returned or exemplars_to_check):
            return []
        context = {"to_review": to_review, "returned": returned, "exemplars_to_check": exemplars_to_check}
        return [render_to_string("recognition/_home.html", context, request=request)]

    def load_demo(self, rng: random.Random) -> None:
        from lamtheo.recognition.demo import load_demo

        load_demo(rng)
