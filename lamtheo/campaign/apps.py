from __future__ import annotations

import random
from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lamtheo.lib.extensions import Link


class CampaignConfig(AppConfig):
    name = "lamtheo.campaign"
    label = "campaign"
    verbose_name = _("Campaign")
    nav_items = [("campaign:index", _("Campaign"))]

    def unit_links(self, user: Any, unit: Any) -> list[Link]:
        from lamtheo.campaign.hooks import unit_links

        return unit_links(user, unit)

    def person_sections(self, request: HttpRequest, person: Any) -> list[str]:
        from lamtheo.campaign.hooks import person_sections

        return person_sections(request, person)

    def home_sections(self, request: HttpRequest) -> list[str]:
        from lamtheo.campaign.hooks import home_sections

        return home_sections(request)

    def load_demo(self, rng: random.Random) -> None:
        from lamtheo.campaign.demo import load_demo

        load_demo(rng)
