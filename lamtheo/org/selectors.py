"""Reads of the organisation tree. Callers pass querysets already scoped by the access functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from lamtheo.lib.text import fold
from lamtheo.org.models import Person, Unit, UnitLink

STEPLEN = Unit.steplen


@dataclass
class ChildRow:
    unit: Unit
    sub_units: int
    people: int


def children_with_counts(unit: Unit, *, include_closed: bool = False) -> list[ChildRow]:
    """A unit's children with the number of units and people in each child's subtree.

    Three queries whatever the number of children: counts are grouped by the child's path prefix.
    """
    children = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).prefetch_related("sector_tags")
    if not include_closed:
        children = children.filter(active_to__isnull=True)
    prefix_len = (unit.depth + 1) * STEPLEN
    unit_counts = dict(
        Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth + 1, active_to__isnull=True)
        .annotate(prefix=Substr("path", 1, prefix_len))
        .order_by()  # the tree manager orders by path, which would split the groups
        .values("prefix")
        .annotate(n=Count("id"))
        .values_list("prefix", "n")
    )
    people_counts = dict(
        Person.objects.filter(unit__path__startswith=unit.path)
        .exclude(unit=unit)
        .annotate(prefix=Substr("unit__path", 1, prefix_len))
        .order_by()  # the tree manager orders by path, which would split the groups
        .values("prefix")
        .annotate(n=Count("id"))
        .values_list("prefix", "n")
    )
    return [
        ChildRow(unit=child, sub_units=unit_counts.get(child.path, 0), people=people_counts.get(child.path, 0))
        for child in children.order_by("name")
    ]


def subtree_totals(unit: Unit) -> dict[str, int]:
    units = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth, active_to__isnull=True)
    by_kind = dict(units.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "units": sum(by_kind.values()),
        "people": Person.objects.filter(unit__path__startswith=unit.path).count(),
        **{f"kind_{kind}": n for kind, n in by_kind.items()},
    }


def people_of_unit(unit: Unit) -> QuerySet[Person]:
    """The unit's own members in Vietnamese order (given name, middle, family; tones after letters)."""
    return Person.objects.filter(unit=unit).order_by("sort_key", "id")


def ancestors(unit: Unit) -> QuerySet[Unit]:
    paths = [unit.path[:i] for i in range(STEPLEN, len(unit.path), STEPLEN)]
    return Unit.objects.filter(path__in=paths).order_by("depth")


def search_units(scope: QuerySet[Unit], query: str, *, limit: int = 50) -> QuerySet[Unit]:
    """Diacritics-insensitive search: every word of the query must appear ("kiem tra" finds "kiểm tra")."""
    words = fold(query).split()
    if not words:
        return scope.none()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return scope.filter(condition).order_by("depth", "name")[:limit]


def search_people(scope: QuerySet[Person], query: str, *, limit: int = 50) -> QuerySet[Person]:
    words = fold(query).split()
    if not words:
        return scope.none()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return scope.filter(condition).select_related("unit").order_by("sort_key", "id")[:limit]


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)


def tree_as_of(root: Unit, day: dt.date) -> TreeNode | None:
    """The tree under ``root`` as it stood on ``day``: units active that day, under the parent they had then.

    Built from ``UnitLink`` (one row per parent a unit has had), so a 2015 roll-up still adds up
    after a later merger moved the units around.
    """
    if not root.is_active_on(day):
        return None
    valid_on_day = (
        UnitLink.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .filter(unit__active_from__lte=day)
        .filter(Q(unit__active_to__isnull=True) | Q(unit__active_to__gte=day))
        .select_related("unit")
    )
    # One query a level, each reading only the links under the previous level: the cost follows
    # the subtree as it was, not the whole tree (units may have moved since, so paths won't do).
    by_parent: dict[int | None, list[Unit]] = {}
    frontier = [root.pk]
    while frontier:
        level = list(valid_on_day.filter(parent_id__in=frontier))
        for link in level:
            by_parent.setdefault(link.parent_id, []).append(link.unit)
        frontier = [link.unit_id for link in level]

    def build(unit: Unit) -> TreeNode:
        kids = sorted(by_parent.get(unit.pk, []), key=lambda u: u.name)
        return TreeNode(unit=unit, children=[build(kid) for kid in kids])

    return build(root)


def outline(node: TreeNode) -> list[tuple[Unit, int]]:
    """The tree as (unit, level) rows in display order, for a flat indented list."""
    rows: list[tuple[Unit, int]] = []
    stack = [(node, 0)]
    while stack:
        current, level = stack.pop()
        rows.append((current.unit, level))
        stack.extend((child, level + 1) for child in reversed(current.children))
    return rows


def flatten(node: TreeNode) -> list[Unit]:
    result = [node.unit]
    for child in node.children:
        result.extend(flatten(child))
    return result
