from __future__ import annotations

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    label = "inspections"
