from __future__ import annotations

import random
from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lamtheo.lib.extensions import Link


class ReportsConfig(AppConfig):
    name = "lamtheo.reports"
    label = "reports"
    verbose_name = _("Reports")
    nav_items = [("reports:index", _("Reports"))]

    def ready(self) -> None:
        from lamtheo.reports import jobs  # noqa: F401  (registers the reports app's background jobs)

    def unit_links(self, user: Any, unit: Any) -> list[Link]:
        from lamtheo.reports.hooks import unit_links

        return unit_links(user, unit)

    def home_sections(self, request: HttpRequest) -> list[str]:
        from lamtheo.reports.hooks import home_sections

        return home_sections(request)

    def load_demo(self, rng: random.Random) -> None:
        from lamtheo.reports.demo import load_demo

        load_demo(rng)
