from __future__ import annotations

from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "lamtheo.campaign"
    label = "campaign"
