"""Reads of the organisation tree. Callers pass querysets already scoped by the access functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, Substr

from lamtheo.lib.text import fold
from lamtheo.org.models import Person, Unit, UnitLink

STEPLEN = Unit.steplen


@dataclass
class ChildRow:
    unit: Unit
    sub_units: int
    people: int


# Counting the people of a province, or of the whole country, reads millions of rows: the counts of
# a subtree of more units than this are kept in the cache for a few minutes. They are shown, never
# acted upon, and a smaller subtree (where people are added and moved one by one) is counted live.
LARGE_SUBTREE_UNITS = 20_000
LARGE_SUBTREE_SECONDS = 600


@dataclass
class SubtreeCounts:
    """Active units by kind under a unit, and people, each also by the child whose subtree holds them."""

    by_kind: dict[str, int] = field(default_factory=dict)
    people: int = 0
    child_units: dict[str, int] = field(default_factory=dict)  # child path → active units under the child
    child_people: dict[str, int] = field(default_factory=dict)  # child path → people in the child's subtree


def is_large_subtree(unit: Unit) -> bool:
    if not unit.numchild:
        return False
    # Counts at most one unit more than the bound: the cost is bounded whatever the subtree.
    return Unit.objects.filter(path__startswith=unit.path)[: LARGE_SUBTREE_UNITS + 1].count() > LARGE_SUBTREE_UNITS


def subtree_counts(unit: Unit, *, by_child: bool = True) -> SubtreeCounts:
    """The counts of ``unit``'s subtree: two queries (by the child's path prefix if ``by_child``; none
    for a cell), or none at all for a large subtree counted, child by child, in the last few minutes."""
    if not unit.numchild:
        return SubtreeCounts(people=Person.objects.filter(unit=unit).count())
    if not is_large_subtree(unit):
        return _count_subtree(unit, by_child=by_child)
    key = f"org:subtree-counts:{unit.pk}:{unit.path}"
    counts: SubtreeCounts | None = cache.get(key)
    if counts is None:
        counts = _count_subtree(unit, by_child=True)
        cache.set(key, counts, LARGE_SUBTREE_SECONDS)
    return counts


def _count_subtree(unit: Unit, *, by_child: bool) -> SubtreeCounts:
    counts = SubtreeCounts()
    units = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth, active_to__isnull=True).order_by()
    people = Person.objects.filter(unit__path__startswith=unit.path).order_by()
    if not by_child:
        counts.by_kind = dict(units.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
        counts.people = people.count()
        return counts
    # The tree manager orders by path, which would split the groups: hence the order_by() above.
    prefix_len = (unit.depth + 1) * STEPLEN
    by_prefix = (
        units.annotate(prefix=Substr("path", 1, prefix_len))
        .values("prefix", "kind")
        .annotate(n=Count("id"), children=Count("id", filter=Q(depth=unit.depth + 1)))
        .values_list("prefix", "kind", "n", "children")
    )
    for prefix, kind, n, children in by_prefix:
        counts.by_kind[kind] = counts.by_kind.get(kind, 0) + n
        counts.child_units[prefix] = counts.child_units.get(prefix, 0) + n - children  # not the child itself
    people_by_prefix = (
        people.annotate(prefix=Substr("unit__path", 1, prefix_len))
        .values("prefix")
        .annotate(n=Count("id"))
        .values_list("prefix", "n")
    )
    for prefix, n in people_by_prefix:
        counts.people += n
        if prefix != unit.path:  # the unit's own people belong to no child
            counts.child_people[prefix] = n
    return counts


def children_of(unit: Unit, *, include_closed: bool = False) -> QuerySet[Unit]:
    """A unit's children by name (closed ones too if asked). Treebeard reads them as the next depth
    within the children's path interval, which the index on (depth, path) answers directly."""
    children: QuerySet[Unit] = Unit.objects.get_children(unit)
    if not include_closed:
        children = children.filter(active_to__isnull=True)
    return children.order_by("name")


def children_with_counts(
    unit: Unit, *, include_closed: bool = False, counts: SubtreeCounts | None = None
) -> list[ChildRow]:
    """A unit's children with the number of units and people in each child's subtree.

    Three queries whatever the number of children (``subtree_counts`` and the children), or one
    when ``counts`` are given."""
    counts = counts if counts is not None else subtree_counts(unit)
    return [
        ChildRow(
            unit=child, sub_units=counts.child_units.get(child.path, 0), people=counts.child_people.get(child.path, 0)
        )
        for child in children_of(unit, include_closed=include_closed).prefetch_related("sector_tags")
    ]


def subtree_totals(unit: Unit, counts: SubtreeCounts | None = None) -> dict[str, int]:
    counts = counts if counts is not None else subtree_counts(unit, by_child=False)
    return {
        "units": sum(counts.by_kind.values()),
        "people": counts.people,
        **{f"kind_{kind}": n for kind, n in counts.by_kind.items()},
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


# A search over a whole tree first walks this many people in Vietnamese order (an index-only walk on
# PostgreSQL): a common name fills its page there. Past them it asks the trigram index instead, since
# matches of a given name sit together in that order and an unbounded walk could read millions of
# people before reaching them (Nguyễn Văn Tuấn: 4.5 million).
SEARCH_WALK = 200_000
SEARCH_WALK_SECONDS = 600


def can_walk_a_text_search() -> bool:
    """Whether the database can find the rare names a bounded walk misses through an index: PostgreSQL
    can (the trigram index of migration org 0003). SQLite cannot: there a search collects its matches
    and sorts them, a cost that follows the table rather than the name."""
    return connection.vendor == "postgresql"


def _walk_bound() -> tuple[str, int] | None:
    """The (sort key, id) of the first person past the walk, None if there are fewer people; it moves
    slowly, so it is kept for a few minutes."""
    bound: tuple[str, int] | None = cache.get("org:search-walk-bound")
    if bound is None:
        row = Person.objects.order_by("sort_key", "id").values_list("sort_key", "id")[SEARCH_WALK : SEARCH_WALK + 1]
        bound = next(iter(row), None)
        if bound is not None:
            cache.set("org:search-walk-bound", tuple(bound), SEARCH_WALK_SECONDS)
    return bound


def search_people(scope: QuerySet[Person], query: str, *, limit: int = 50, whole_tree: bool = False) -> list[Person]:
    """The first ``limit`` people of ``scope`` whose name or card number holds every word of ``query``,
    in Vietnamese order. ``whole_tree``: the scope is most of the table, whose first people in order are
    walked before the index is asked; a smaller scope is read through its units and its matches sorted."""
    words = fold(query).split()
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    matches = scope.filter(condition)
    if whole_tree and can_walk_a_text_search():
        bound = _walk_bound()
        walk = matches
        if bound is not None:
            walk = walk.filter(Q(sort_key__lt=bound[0]) | Q(sort_key=bound[0], id__lt=bound[1]))
        # The ids alone, which the index holds with the search text: the walk never reads the table.
        ids = list(walk.order_by("sort_key", "id").values_list("pk", flat=True)[:limit])
        if len(ids) == limit or bound is None:
            return list(Person.objects.filter(pk__in=ids).select_related("unit").order_by("sort_key", "id"))
    # COALESCE(x, x) sorts as x but matches no index: the matches are collected and sorted.
    order = (Coalesce("sort_key", "sort_key").asc(), Coalesce("id", "id").asc())
    return list(matches.select_related("unit").order_by(*order)[:limit])


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
