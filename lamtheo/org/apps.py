from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "lamtheo.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from lamtheo.org import jobs  # noqa: F401  (registers the org app's background jobs)
