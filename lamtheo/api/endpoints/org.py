"""Units (and the tree as of a date), people, and who am I: all through the access functions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from lamtheo.accounts.access import get_person_for_user, get_unit_for_user, people_visible_to, units_visible_to
from lamtheo.accounts.models import RoleAssignment
from lamtheo.api.pagination import DEFAULT_LIMIT, covers_whole_tree, page, under_unit
from lamtheo.api.schemas import Error, IsoDate, MeOut, Page, PersonOut, RoleOut, TreeNodeOut, UnitOut
from lamtheo.lib.text import fold
from lamtheo.org import selectors
from lamtheo.org.models import Person, Unit, in_subtree

router = Router(tags=["organisation"])
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def _unit_rows(units: list[Unit]) -> list[UnitOut]:
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    parents = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    merged = dict(
        Unit.objects.filter(pk__in={u.merged_into_id for u in units if u.merged_into_id}).values_list("pk", "code")
    )
    sectors: dict[int, list[str]] = {}
    for unit_id, code in Unit.sector_tags.through.objects.filter(unit__in=units).values_list(
        "unit_id", "sectortag__code"
    ):
        sectors.setdefault(unit_id, []).append(code)
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            kind=u.kind,
            parent_code=parents.get(u.path[: -Unit.steplen]),
            depth=u.depth,
            active_from=u.active_from,
            active_to=u.active_to,
            merged_into=merged.get(u.merged_into_id) if u.merged_into_id else None,
            sectors=sorted(sectors.get(u.pk, [])),
            sub_units=u.numchild,
        )
        for u in units
    ]


class UnitFilters(Schema):
    under: str | None = None
    kind: str | None = None
    active_on: IsoDate | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/units", response={200: Page[UnitOut], **ERRORS}, summary="Units in my scope")
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> Page[UnitOut]:
    """Units the caller may see, in tree order; ``under`` limits them to a subtree (itself included)."""
    units = units_visible_to(request.user)
    if filters.under:
        top = get_unit_for_user(request.user, filters.under)
        units = units.filter(in_subtree("path", top.path))
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.active_on:
        day = filters.active_on
        units = units.filter(active_from__lte=day).filter(Q(active_to__isnull=True) | Q(active_to__gte=day))
    rows, next_cursor = page(units, ("path",), filters.cursor, filters.limit)
    return Page[UnitOut](items=_unit_rows(rows), next_cursor=next_cursor)


@router.get("/units/{code}", response={200: UnitOut, **ERRORS}, summary="One unit")
def get_unit(request: HttpRequest, code: str) -> UnitOut:
    return _unit_rows([get_unit_for_user(request.user, code)])[0]


@router.get("/units/{code}/tree", response={200: TreeNodeOut | None, **ERRORS}, summary="The tree as of a date")
def unit_tree(request: HttpRequest, code: str, date: IsoDate | None = None) -> TreeNodeOut | None:
    """The subtree as it stood on ``date`` (default today): units active then, under the parent they had then."""
    unit = get_unit_for_user(request.user, code)
    node = selectors.tree_as_of(unit, date or timezone.localdate())

    def convert(current: selectors.TreeNode) -> TreeNodeOut:
        return TreeNodeOut(
            code=current.unit.code,
            name=current.unit.name,
            kind=current.unit.kind,
            children=[convert(child) for child in current.children],
        )

    return convert(node) if node is not None else None


class PeopleFilters(Schema):
    under: str | None = None
    q: str | None = None
    leader: bool | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


def _person_out(person: Person) -> PersonOut:
    return PersonOut(
        code=str(person.code),
        family_name=person.family_name,
        middle_name=person.middle_name,
        given_name=person.given_name,
        full_name=person.full_name,
        gender=person.gender,
        birth_date=person.birth_date,
        party_card_number=person.party_card_number,
        position=person.position,
        is_leader=person.is_leader,
        unit_code=person.unit.code if person.unit else None,
    )


@router.get("/people", response={200: Page[PersonOut], **ERRORS}, summary="People in my scope")
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> Page[PersonOut]:
    """People the caller may see, in Vietnamese order (given name, middle name, family name)."""
    top = get_unit_for_user(request.user, filters.under) if filters.under else None
    # A whole tree is walked in order; not for a text search, whose matches may all lie far down the
    # order (see selectors.SEARCH_WALK): its matches are collected (through the trigram index on
    # PostgreSQL) and sorted.
    walk = covers_whole_tree(request.user, top) and not filters.q
    # Everything under a unit the caller can see is visible to them: the subtree alone is then the condition.
    people = Person.objects.filter(under_unit("unit", top, walk=walk)) if top else people_visible_to(request.user)
    people = people.select_related("unit")
    if filters.q:
        for word in fold(filters.q).split():
            people = people.filter(search_text__contains=word)
    if filters.leader is not None:
        people = people.filter(is_leader=filters.leader)
    rows, next_cursor = page(people, ("sort_key", "id"), filters.cursor, filters.limit, sort_matches=not walk)
    return Page[PersonOut](items=[_person_out(p) for p in rows], next_cursor=next_cursor)


@router.get("/people/{code}", response={200: PersonOut, **ERRORS}, summary="One person")
def get_person(request: HttpRequest, code: str) -> PersonOut:
    return _person_out(get_person_for_user(request.user, code))


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who the token belongs to")
def me(request: HttpRequest) -> MeOut:
    user: Any = request.user
    person = Person.objects.filter(user=user).first()
    roles = RoleAssignment.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        person_code=str(person.code) if person else None,
        roles=[
            RoleOut(role=r.role, unit_code=r.unit.code, can_view=r.can_view, can_capture=r.can_capture) for r in roles
        ],
    )
