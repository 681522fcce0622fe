from __future__ import annotations

import random

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "lamtheo.portal"
    label = "portal"
    verbose_name = _("Public portal")
    nav_items = [("portal:home", _("Public portal"))]

    def home_sections(self, request: HttpRequest) -> list[str]:
        """Editors and moderators see their portal work on the home page."""
        from django.template.loader import render_to_string

        from lamtheo.portal.selectors import moderation_counters
        from lamtheo.portal.views.access import is_portal_staff

        if not is_portal_staff(request.user):
            return []
        context = {"counters": moderation_counters()}
        return [render_to_string("portal/editor/_home_section.html", context, request=request)]

    def load_demo(self, rng: random.Random) -> None:
        from lamtheo.portal.demo import load_demo

        load_demo(rng)
