"""Extension points through which apps add to shared screens without editing each other's files.

An app's ``AppConfig`` may define any of:

- ``nav_items``: a list of ``(url name, label)`` shown in the main menu to logged-in users (several
  items of one app become one drop-down menu named after the app's ``verbose_name``);
- ``unit_links(user, unit) -> list[Link]``: buttons on a unit's page (e.g. "Progress", "Inspections");
- ``person_sections(request, person) -> list[str]``: HTML blocks on a person's page (already rendered);
- ``home_sections(request) -> list[str]``: HTML blocks on the home page;
- ``load_demo(rng) -> None``: add the app's demo data; called by ``demo_load`` on every run, after the
  organisation demo, inside its transaction, and must itself do nothing if its data is already there.

The hooks are called in ``INSTALLED_APPS`` order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest

from lamtheo.lib.db import refresh_planner_statistics


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    icon: str = "bi-box-arrow-up-right"


def _configs_with(attribute: str) -> list[Any]:
    return [config for config in apps.get_app_configs() if hasattr(config, attribute)]


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: list[tuple[str, str]]


def nav_items() -> list[NavGroup]:
    return [
        NavGroup(label=str(config.verbose_name), items=list(config.nav_items)) for config in _configs_with("nav_items")
    ]


def unit_links(user: Any, unit: Any) -> list[Link]:
    links: list[Link] = []
    for config in _configs_with("unit_links"):
        links.extend(config.unit_links(user, unit))
    return links


def person_sections(request: HttpRequest, person: Any) -> list[str]:
    sections: list[str] = []
    for config in _configs_with("person_sections"):
        sections.extend(config.person_sections(request, person))
    return sections


def home_sections(request: HttpRequest) -> list[str]:
    sections: list[str] = []
    for config in _configs_with("home_sections"):
        sections.extend(config.home_sections(request))
    return sections


def load_demos(rng: random.Random) -> None:
    for config in _configs_with("load_demo"):
        config.load_demo(rng)
        refresh_planner_statistics()  # the next app's demo reads what this one wrote


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the apps' menu entries."""
    return {"extra_nav": nav_items()}
