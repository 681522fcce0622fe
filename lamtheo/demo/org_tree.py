"""The demo Bloc's unit tree: planned in memory, then written with a handful of bulk inserts.

Going through ``unit_create`` for ~2,500 units would cost several queries (and an audit entry)
per unit; instead the materialised paths are computed here exactly as treebeard would compute
them, so the result is the same tree the services would have built. The few history events
(a merger, a dissolution) do go through the services, as a real user's would.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from lamtheo.demo.agencies import (
    AGENCIES,
    DIRECT_CELL_DEPARTMENTS,
    GRASSROOTS_DEPARTMENTS,
    LARGE,
    MEDIUM,
    SECTIONS,
    SECTOR_TAGS,
    SMALL,
    Agency,
    department_name,
    titles_for,
)
from lamtheo.lib.text import fold
from lamtheo.org.models import SectorTag, Unit, UnitKind, UnitLink
from lamtheo.org.services import unit_create, unit_dissolve, unit_merge

BLOC_CODE = "dukcqtw"
BLOC_NAME = "Đảng ủy Khối các cơ quan Trung ương"
BLOC_SHORT_NAME = "Đảng ủy Khối"
BLOC_FOUNDED = dt.date(2008, 1, 1)
YOUTH_UNION_CODE = "doan-khoi"
# Units of the demo were all set up in the Bloc's first years.
LAST_FOUNDING = dt.date(2012, 12, 31)

# History, so that "the tree as of a date" differs from today's tree.
MERGE_COMMITTEE = "du-bo-vh-tt-dl"
MERGE_DATE = dt.date(2020, 7, 1)
DISSOLVE_COMMITTEE = "du-bo-tu-phap"
DISSOLVED_CELL_NAME = "Chi bộ Ban Quản lý dự án xây dựng trụ sở"
DISSOLVED_CELL_FOUNDED = dt.date(2010, 1, 1)
DISSOLVE_DATE = dt.date(2018, 1, 1)

CODE_MAX_LENGTH = 40
BATCH_SIZE = 500

# How big a committee of each size is: (fewest, most) of each kind of sub-unit.
GRASSROOTS_PER_COMMITTEE = {SMALL: (2, 4), MEDIUM: (4, 6), LARGE: (6, 9)}
DIRECT_CELLS_PER_COMMITTEE = {SMALL: (3, 5), MEDIUM: (3, 6), LARGE: (4, 8)}
CELLS_PER_GRASSROOTS = {SMALL: (3, 6), MEDIUM: (4, 8), LARGE: (5, 9)}
# People per cell (2 to 6), bigger committees having fuller cells.
HEADCOUNT_WEIGHTS = {
    SMALL: (40, 32, 16, 8, 4),
    MEDIUM: (34, 30, 18, 11, 7),
    LARGE: (26, 28, 22, 14, 10),
}
HEADCOUNTS = (2, 3, 4, 5, 6)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Post(NamedTuple):
    """A position that must be filled in a cell before its ordinary members are drawn."""

    title: str
    is_leader: bool


@dataclass
class PlannedUnit:
    code: str
    name: str
    kind: str
    active_from: dt.date
    short_name: str = ""
    sectors: tuple[str, ...] = ()
    # The agency the unit belongs to, and the department it stands for ("Vụ Pháp chế"): they give
    # the job titles of its people.
    agency: Agency | None = None
    department: str = ""
    headcount: int = 0
    posts: list[Post] = field(default_factory=list)
    children: list[PlannedUnit] = field(default_factory=list)

    def walk(self) -> Iterator[PlannedUnit]:
        yield self
        for child in self.children:
            yield from child.walk()


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def _checked_code(code: str) -> str:
    if len(code) > CODE_MAX_LENGTH or slugify(code) != code:
        raise ValueError(f"demo unit code {code!r} is not a slug of at most {CODE_MAX_LENGTH} characters")
    return code


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _pick_departments(rng: random.Random, pool: tuple[str, ...], count: int, agency: Agency) -> list[str]:
    names = [department_name(template, agency) for template in rng.sample(pool, min(count, len(pool)))]
    # A big unit may have more sections than the pool has names: number the rest.
    names.extend(f"Phòng Nghiệp vụ {n}" for n in range(1, count - len(names) + 1))
    return names


def _headcount(rng: random.Random, agency: Agency, posts: list[Post]) -> int:
    drawn = rng.choices(HEADCOUNTS, weights=HEADCOUNT_WEIGHTS[agency.size])[0]
    # Room for the reserved posts plus a secretary and at least one ordinary member.
    return max(drawn, len(posts) + 2)


def _plan_cell(
    rng: random.Random,
    *,
    agency: Agency,
    code: str,
    department: str,
    earliest: dt.date,
    posts: list[Post],
) -> PlannedUnit:
    return PlannedUnit(
        code=_checked_code(code),
        name=f"Chi bộ {department}",
        kind=UnitKind.CELL,
        active_from=_date_between(rng, earliest, LAST_FOUNDING),
        agency=agency,
        department=department,
        headcount=_headcount(rng, agency, posts),
        posts=posts,
    )


def _plan_grassroots(
    rng: random.Random, *, agency: Agency, committee: PlannedUnit, number: int, department: str
) -> PlannedUnit:
    sector = agency.sectors[0]
    founded = _date_between(rng, committee.active_from, LAST_FOUNDING - dt.timedelta(days=365))
    unit = PlannedUnit(
        code=_checked_code(f"{committee.code}-gr-{number:02d}"),
        name=f"Đảng bộ {department}",
        kind=UnitKind.GRASSROOTS_COMMITTEE,
        active_from=founded,
        agency=agency,
        department=department,
    )
    titles = titles_for(department)
    # The department's head leads its party committee and sits in its first cell.
    head = Post(f"{titles.head}, Bí thư Đảng ủy", titles.head_is_leader)
    sections = _pick_departments(rng, SECTIONS[sector], rng.randint(*CELLS_PER_GRASSROOTS[agency.size]), agency)
    for index, section in enumerate(sections, start=1):
        unit.children.append(
            _plan_cell(
                rng,
                agency=agency,
                code=f"{committee.code}-cb-{number:02d}-{index:02d}",
                department=section,
                earliest=founded,
                posts=[head] if index == 1 else [],
            )
        )
    return unit


def _plan_committee(rng: random.Random, agency: Agency) -> PlannedUnit:
    sector = agency.sectors[0]
    committee = PlannedUnit(
        code=_checked_code(f"du-{agency.slug}"),
        name=f"Đảng ủy {agency.name}",
        short_name=agency.short_name or agency.name,
        kind=UnitKind.SUBORDINATE_COMMITTEE,
        active_from=_date_between(rng, BLOC_FOUNDED, BLOC_FOUNDED + dt.timedelta(days=180)),
        sectors=agency.sectors,
        agency=agency,
    )
    grassroots_count = rng.randint(*GRASSROOTS_PER_COMMITTEE[agency.size])
    for number, department in enumerate(
        _pick_departments(rng, GRASSROOTS_DEPARTMENTS[sector], grassroots_count, agency), start=1
    ):
        committee.children.append(
            _plan_grassroots(rng, agency=agency, committee=committee, number=number, department=department)
        )
    # The agency's leaders belong to the committee's first cell of its own.
    leaders = [
        Post(agency.head, True),
        Post(f"{agency.deputy}, Bí thư Đảng ủy", True),
        Post(agency.deputy, True),
    ]
    direct_count = rng.randint(*DIRECT_CELLS_PER_COMMITTEE[agency.size])
    for index, department in enumerate(
        _pick_departments(rng, DIRECT_CELL_DEPARTMENTS[sector], direct_count, agency), start=1
    ):
        committee.children.append(
            _plan_cell(
                rng,
                agency=agency,
                code=f"{committee.code}-cb-{index:02d}",
                department=department,
                earliest=committee.active_from,
                posts=leaders if index == 1 else [],
            )
        )
    return committee


def plan_bloc(rng: random.Random) -> PlannedUnit:
    """The whole demo tree, decided by ``rng`` alone."""
    bloc = PlannedUnit(
        code=BLOC_CODE,
        name=BLOC_NAME,
        short_name=BLOC_SHORT_NAME,
        kind=UnitKind.BLOC,
        active_from=BLOC_FOUNDED,
    )
    bloc.children.extend(_plan_committee(rng, agency) for agency in AGENCIES)
    bloc.children.append(
        PlannedUnit(
            code=YOUTH_UNION_CODE,
            name="Đoàn Khối các cơ quan Trung ương",
            short_name="Đoàn Khối",
            kind=UnitKind.YOUTH_UNION,
            active_from=BLOC_FOUNDED,
        )
    )
    return bloc


def ensure_sector_tags() -> dict[str, SectorTag]:
    tags: dict[str, SectorTag] = {}
    for code, name in SECTOR_TAGS:
        tags[code], _created = SectorTag.objects.get_or_create(code=code, defaults={"name": name})
    return tags


def _next_root_path() -> str:
    """Where a new root goes: after any tree already in the database."""
    last_root = Unit.objects.filter(depth=1).order_by("-path").first()
    if last_root is None:
        return str(Unit._get_path(None, 1, 1))
    return str(last_root._inc_path())


def _units_with_paths(root: PlannedUnit) -> list[tuple[Unit, PlannedUnit, PlannedUnit | None]]:
    """Each planned unit as an unsaved ``Unit`` (parents first), with its plan and its parent's plan."""
    rows: list[tuple[Unit, PlannedUnit, PlannedUnit | None]] = []

    def visit(plan: PlannedUnit, parent: PlannedUnit | None, path: str) -> None:
        unit = Unit(
            code=plan.code,
            name=plan.name,
            short_name=plan.short_name,
            kind=plan.kind,
            active_from=plan.active_from,
        )
        depth = len(path) // Unit.steplen
        unit.path, unit.depth, unit.numchild = path, depth, len(plan.children)
        unit.refresh_search_text()
        rows.append((unit, plan, parent))
        for position, child in enumerate(plan.children, start=1):
            visit(child, plan, str(Unit._get_path(path, depth + 1, position)))

    visit(root, None, _next_root_path())
    return rows


def insert_tree(root: PlannedUnit, tags: dict[str, SectorTag]) -> dict[str, Unit]:
    """Write the planned tree (units, their parent links, their sectors); return the units by code."""
    rows = _units_with_paths(root)
    units = Unit.objects.bulk_create([unit for unit, _plan, _parent in rows], batch_size=BATCH_SIZE)
    if any(unit.pk is None for unit in units):  # databases that do not return ids from bulk inserts
        ids = dict(Unit.objects.filter(path__startswith=units[0].path).values_list("code", "pk"))
        for unit in units:
            unit.pk = ids[unit.code]
    by_code = {unit.code: unit for unit in units}
    UnitLink.objects.bulk_create(
        [
            UnitLink(
                unit=by_code[plan.code],
                parent=by_code[parent.code] if parent is not None else None,
                valid_from=plan.active_from,
            )
            for _unit, plan, parent in rows
        ],
        batch_size=BATCH_SIZE,
    )
    through = Unit.sector_tags.through
    through.objects.bulk_create(
        [
            through(unit_id=by_code[plan.code].pk, sectortag_id=tags[sector].pk)
            for _unit, plan, _parent in rows
            for sector in plan.sectors
        ],
        batch_size=BATCH_SIZE,
    )
    return by_code


def _fresh(code: str) -> Unit:
    # The services read path and numchild; in-memory copies go stale once the tree changes.
    return Unit.objects.get(code=code)


def dissolve_finished_project_cell() -> Unit:
    """A cell that existed 2010–2017 for a building project, then was dissolved (it had no members left)."""
    committee = _fresh(DISSOLVE_COMMITTEE)
    cells = Unit.objects.filter(path__startswith=committee.path, depth=committee.depth + 1, kind=UnitKind.CELL)
    cell = unit_create(
        acting_user=None,
        parent=committee,
        code=_checked_code(f"{committee.code}-cb-{cells.count() + 1:02d}"),
        name=DISSOLVED_CELL_NAME,
        kind=UnitKind.CELL,
        active_from=DISSOLVED_CELL_FOUNDED,
    )
    return unit_dissolve(acting_user=None, unit=cell, on_date=DISSOLVE_DATE)


def merge_grassroots_committees() -> Unit:
    """The committee's second grassroots committee merges into its first; its cells move along."""
    merged = unit_merge(
        acting_user=None,
        unit=_fresh(f"{MERGE_COMMITTEE}-gr-02"),
        into=_fresh(f"{MERGE_COMMITTEE}-gr-01"),
        on_date=MERGE_DATE,
    )
    return merged
