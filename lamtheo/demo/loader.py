"""Load the demo data once: the Bloc's tree, its people, the persona logins and a little history."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count

from lamtheo.demo import org_tree, people, personas
from lamtheo.lib.db import refresh_planner_statistics
from lamtheo.lib.extensions import load_demos
from lamtheo.org.models import Person, Unit

SEED = 2016


@dataclass
class DemoSummary:
    loaded: bool  # False: the demo was already there and nothing was written
    seconds: float
    units_by_kind: dict[str, int] = field(default_factory=dict)  # active units of the demo Bloc
    closed_units: int = 0
    people: int = 0
    logins: list[personas.Login] = field(default_factory=list)


def _build() -> set[str]:
    """Write the whole demo; return the persona usernames that already existed."""
    rng = random.Random(SEED)
    plan = org_tree.plan_bloc(rng)
    units = org_tree.insert_tree(plan, org_tree.ensure_sector_tags())
    drawn = people.draw_people(rng, plan, units)
    chosen = personas.persona_people(drawn)
    users, existing = personas.create_users(chosen)
    personas.link_people(users, chosen)
    people.insert_people(drawn)
    personas.grant_roles(users, units)
    org_tree.dissolve_finished_project_cell()
    org_tree.merge_grassroots_committees()
    refresh_planner_statistics()
    return existing


def _summarise(summary: DemoSummary) -> None:
    bloc = Unit.objects.get(code=org_tree.BLOC_CODE)
    # order_by(): treebeard's manager orders by path, which would otherwise split every group.
    units = Unit.objects.filter(path__startswith=bloc.path).order_by()
    summary.units_by_kind = dict(
        units.filter(active_to__isnull=True).values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    summary.closed_units = units.filter(active_to__isnull=False).count()
    summary.people = Person.objects.filter(unit__path__startswith=bloc.path).count()


def demo_load() -> DemoSummary:
    """Load the demo unless its Bloc exists. One transaction: a failed load leaves nothing behind."""
    started = time.perf_counter()
    existing: set[str] = set()
    with transaction.atomic():
        loaded = not Unit.objects.filter(code=org_tree.BLOC_CODE).exists()
        if loaded:
            existing = _build()
        # Other apps add their demo data on top (each skips what it already has).
        load_demos(random.Random(SEED + 1))
    summary = DemoSummary(loaded=loaded, seconds=time.perf_counter() - started)
    _summarise(summary)
    summary.logins = personas.demo_logins(existing)
    return summary
