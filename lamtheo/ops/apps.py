from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running lamtheo: health check, background jobs and their worker, backup and restore."""

    name = "lamtheo.ops"
    label = "ops"
    verbose_name = _("Operations")
