"""The synthetic party members, cell by cell, and who belonged where on any day of the period.

People are numbered cell by cell, so a cell's current members have consecutive ids: first those who
joined before the period (leaders first, then the secretary's cell-mates), then the members admitted
during the period, then those transferred in from another cell. A ``Roster`` keeps only those ranges
and the few dated exceptions, so "members of this cell on this day" costs nothing to store for five
million people. Transfers close a membership in one cell and open one in another on the same day, as
``person_transfer`` does; the members of a dissolved cell all move to a sibling cell on the day it
is dissolved.
"""

from __future__ import annotations

import datetime as dt
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import gcd

from lamtheo.demo.names import (
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_MIDDLE_NAMES_OLDER,
    FEMALE_MIDDLE_NAMES_YOUNGER,
    MALE_GIVEN_NAMES,
    MALE_MIDDLE_NAMES_OLDER,
    MALE_MIDDLE_NAMES_YOUNGER,
    OLDER_GENERATION_BEFORE,
)
from lamtheo.demo.synthetic import naming
from lamtheo.demo.synthetic.bulk import BulkWriter, IdCounter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.sizes import Size
from lamtheo.demo.synthetic.tree import Period, Tree, split
from lamtheo.lib.text import fold, vietnamese_name_key
from lamtheo.org.models import Membership, Person

# Members admitted each year, and members transferred once during the period, as shares of everyone.
ADMITTED_PER_YEAR = 0.025
TRANSFERRED = 0.015
DISSOLVED_CELL_MEMBERS = (3, 8)
SECRETARY = "Bí thư chi bộ"
DEPUTY_SECRETARY = "Phó Bí thư chi bộ"
DAYS_PER_YEAR = 365
JOINING_AGE = 24
# Eight- and nine-digit party card numbers: an affine permutation of the people's positions.
CARD_FIRST = 10_000_000
CARD_SPAN = 990_000_000
# Birth years: cadres holding posts, staff of offices, and the older members of villages and streets.
SENIOR_BIRTHS = (1955, 1980)
STAFF_BIRTHS = (1958, 1996)
LOCAL_BIRTHS = (1935, 1996)
LOCAL_FLAVOURS = ("village", "street")
PERSON_FIELDS = (
    "id", "code", "family_name", "middle_name", "given_name", "gender", "birth_date", "party_card_number",
    "position", "is_leader", "unit", "sort_key", "search_text",
)  # fmt: skip


class Roster:
    """One cell's members over the period (see the module docstring)."""

    __slots__ = ("early", "first", "former", "late", "leaders")

    def __init__(self) -> None:
        self.first = 0
        self.early = 0
        self.leaders = 0
        self.late: list[tuple[int, int]] = []  # (person id, joined on): admitted or transferred in during the period
        self.former: list[tuple[int, int, int]] = []  # (person id, joined on, left on): transferred out

    @property
    def current(self) -> int:
        return self.early + len(self.late)

    def count_on(self, day: int) -> int:
        count = self.early
        for _pid, joined in self.late:
            if joined <= day:
                count += 1
        for _pid, joined, left in self.former:
            if joined <= day < left:
                count += 1
        return count

    def members_on(self, day: int) -> list[int]:
        members = list(range(self.first, self.first + self.early))
        members.extend(pid for pid, joined in self.late if joined <= day)
        members.extend(pid for pid, joined, left in self.former if joined <= day < left)
        return members

    def is_leader(self, person_id: int) -> bool:
        return 0 <= person_id - self.first < self.leaders


@dataclass
class _CellPlan:
    """Before ids are given: how many early members, the admission days, and the transfers in."""

    headcount: int = 0
    admitted: list[int] = field(default_factory=list)
    transfers_in: list[tuple[int, int, int]] = field(default_factory=list)  # (source cell, joined there, moved on)

    @property
    def early(self) -> int:
        return self.headcount - len(self.admitted) - len(self.transfers_in)


@dataclass
class Members:
    rosters: list[Roster]  # aligned with ``tree.cells``
    first_id: int
    count: int
    joined: array[int] = field(default_factory=lambda: array("i"))  # current membership's day, by id - first_id


def plan_members(tree: Tree, size: Size, period: Period, rng: random.Random, first_id: int) -> Members:
    """Headcounts, admissions and transfers of every cell, and the person ids they give."""
    cells = tree.cells
    active = [i for i, cell in enumerate(cells) if cell.dissolved_on is None]
    plans = [_CellPlan() for _cell in cells]
    for index, headcount in zip(active, _headcounts(size.people, len(active), rng), strict=True):
        plans[index].headcount = headcount
    settled = [i for i in active if cells[i].active_from < period.start]
    _dissolutions(tree, plans, rng)
    _transfers(tree, plans, settled, period, rng, round(size.people * TRANSFERRED))
    _admissions(tree, plans, period, rng)
    rosters = [Roster() for _cell in cells]
    next_id = first_id
    for cell, plan, roster in zip(cells, plans, rosters, strict=True):
        roster.first = next_id
        roster.early = plan.early
        next_id += plan.early
        for day in sorted(plan.admitted):
            roster.late.append((next_id, day))
            next_id += 1
        for source, joined, moved in plan.transfers_in:
            roster.late.append((next_id, moved))
            rosters[source].former.append((next_id, joined, moved))
            next_id += 1
        share = naming.POSITIONS[cell.flavour][2]
        roster.leaders = min(roster.early, int(roster.early * share + rng.random()))
    return Members(rosters=rosters, first_id=first_id, count=next_id - first_id)


def _headcounts(people: int, cells: int, rng: random.Random) -> list[int]:
    return split(people, cells, rng, minimum=3, spread=0.6)


def _dissolutions(tree: Tree, plans: list[_CellPlan], rng: random.Random) -> None:
    """The members of a dissolved cell move to a sibling cell on the day it is dissolved."""
    index_of = {cell.id: i for i, cell in enumerate(tree.cells)}
    for source, cell in enumerate(tree.cells):
        if cell.dissolved_on is None or cell.parent is None:
            continue
        dissolved_on = cell.dissolved_on
        siblings = [
            index_of[c.id]
            for c in cell.parent.children
            if c.id in index_of and c.dissolved_on is None and c.active_from < dissolved_on
        ]
        if not siblings:
            continue  # nobody to take them in: the cell had no members left by then
        target = siblings[0]
        room = max(0, plans[target].early - 2)
        for _n in range(min(room, rng.randint(*DISSOLVED_CELL_MEMBERS))):
            joined = cell.active_from + rng.randint(0, max(0, dissolved_on - 30 - cell.active_from))
            plans[target].transfers_in.append((source, joined, dissolved_on))


def _transfers(
    tree: Tree, plans: list[_CellPlan], settled: list[int], period: Period, rng: random.Random, count: int
) -> None:
    """Members moving between two cells that existed before the period, on a day within it."""
    if len(settled) < 2:
        return
    for _n in range(count):
        source, target = rng.sample(settled, 2)
        if plans[target].early <= 2:
            continue
        cell = tree.cells[source]
        joined = cell.active_from + rng.randint(0, period.start - 1 - cell.active_from)
        moved = period.start + rng.randint(0, period.end - period.start)
        plans[target].transfers_in.append((source, joined, moved))


def _admissions(tree: Tree, plans: list[_CellPlan], period: Period, rng: random.Random) -> None:
    """New members admitted during the period; a cell founded in it admits everyone then."""
    years = len(period.years)
    for cell, plan in zip(tree.cells, plans, strict=True):
        if cell.dissolved_on is not None:
            continue
        start = max(cell.active_from, period.start)
        if cell.active_from >= period.start:
            admitted = plan.early  # every member joined after the founding
        else:
            admitted = sum(1 for _n in range(plan.early) if rng.random() < ADMITTED_PER_YEAR * years)
            admitted = min(admitted, max(0, plan.early - 2))
        plan.admitted = [start + rng.randint(0, max(0, period.end - start)) for _n in range(admitted)]


class _NameDrawer:
    def __init__(self) -> None:
        self.family = Weighted(FAMILY_NAMES)
        self.middle = {
            ("m", True): Weighted(MALE_MIDDLE_NAMES_OLDER),
            ("m", False): Weighted(MALE_MIDDLE_NAMES_YOUNGER),
            ("f", True): Weighted(FEMALE_MIDDLE_NAMES_OLDER),
            ("f", False): Weighted(FEMALE_MIDDLE_NAMES_YOUNGER),
        }
        self.given = {"m": MALE_GIVEN_NAMES, "f": FEMALE_GIVEN_NAMES}
        # Sort key and folded full name of each name: a few thousand distinct names for millions of people.
        self.derived: dict[tuple[str, str, str], tuple[str, str]] = {}

    def draw(self, rng: random.Random, gender: str, birth_year: int) -> tuple[str, str, str, str, str]:
        family = self.family.draw(rng)
        middle = self.middle[(gender, birth_year < OLDER_GENERATION_BEFORE)].draw(rng)
        pool = self.given[gender]
        given = pool[int(rng.random() * len(pool))]
        while given == middle:
            given = pool[int(rng.random() * len(pool))]
        key = (family, middle, given)
        derived = self.derived.get(key)
        if derived is None:
            derived = self.derived[key] = (
                vietnamese_name_key(family, middle, given),
                fold(f"{family} {middle} {given}"),
            )
        return family, middle, given, derived[0], derived[1]


class _PositionDrawer:
    def __init__(self) -> None:
        self.staff = {flavour: Weighted(staff) for flavour, (_leaders, staff, _share) in naming.POSITIONS.items()}

    def title(self, rng: random.Random, flavour: str, slot: int, headcount: int, leader: bool) -> str:
        leaders = naming.POSITIONS[flavour][0]
        if slot == 0:
            return f"{rng.choice(leaders)}, {SECRETARY}" if leader else SECRETARY
        if slot == 1 and headcount >= 8:
            return f"{rng.choice(leaders)}, {DEPUTY_SECRETARY}" if leader else DEPUTY_SECRETARY
        if leader:
            return rng.choice(leaders)
        return self.staff[flavour].draw(rng)


def write_people(
    writer: BulkWriter, tree: Tree, members: Members, period: Period, calendar: Calendar, rng: random.Random
) -> None:
    """People, then their memberships (current ones and those closed by a transfer)."""
    writer.ids(Person).next = members.first_id + members.count
    writer.write(
        Person,
        PERSON_FIELDS,
        _person_rows(tree, members, period, calendar, rng),
    )
    rows = _membership_rows(tree, members, writer.ids(Membership), calendar)
    writer.write(Membership, ("id", "person", "unit", "joined_on", "left_on"), rows)


def _card_multiplier(rng: random.Random) -> int:
    multiplier = rng.randrange(CARD_SPAN // 3, CARD_SPAN) | 1
    while gcd(multiplier, CARD_SPAN) != 1:
        multiplier += 2
    return multiplier


def _person_rows(tree: Tree, members: Members, period: Period, calendar: Calendar, rng: random.Random) -> Iterator[Row]:
    """One row per person, cell by cell; a loop run millions of times, so the draws are inlined."""
    names, positions = _NameDrawer(), _PositionDrawer()
    multiplier, offset = _card_multiplier(rng), rng.randrange(CARD_SPAN)
    random = rng.random
    joined_days = members.joined
    year_starts: dict[int, int] = {}
    # People transferred in joined the party at their first cell: their age is checked against that day.
    first_joined = {pid: joined for roster in members.rosters for pid, joined, _left in roster.former}
    latest_early = period.start - 1
    for cell, roster in zip(tree.cells, members.rosters, strict=True):
        late = dict(roster.late)
        headcount = roster.current
        births = LOCAL_BIRTHS if cell.flavour in LOCAL_FLAVOURS else STAFF_BIRTHS
        for slot in range(headcount):
            pid = roster.first + slot
            leader = slot < roster.leaders
            senior = leader or slot == 0 or (slot == 1 and headcount >= 8)
            gender = "m" if random() < (0.68 if senior else 0.52) else "f"
            low, high = SENIOR_BIRTHS if senior else births
            joined = late.get(pid)
            if joined is not None:
                high = min(high, dt.date.fromordinal(first_joined.get(pid, joined)).year - 20)
                low = min(low, high)
            birth_year = low + int(random() * (high - low + 1))
            birth = year_starts.get(birth_year) or year_starts.setdefault(birth_year, ordinal(birth_year))
            birth += int(random() * DAYS_PER_YEAR)
            if joined is None:
                earliest = max(cell.active_from, birth + JOINING_AGE * DAYS_PER_YEAR)
                joined = (
                    latest_early if earliest >= latest_early else earliest + int(random() * (latest_early - earliest))
                )
            joined_days.append(joined)
            family, middle, given, sort_key, folded = names.draw(rng, gender, birth_year)
            card = str(CARD_FIRST + (multiplier * (pid - members.first_id) + offset) % CARD_SPAN)
            yield (
                pid,
                uuid_hex(rng),
                family,
                middle,
                given,
                gender,
                calendar.iso(birth),
                card,
                positions.title(rng, cell.flavour, slot, headcount, leader),
                leader,
                cell.id,
                sort_key,
                f"{folded} {card}",
            )


def _membership_rows(tree: Tree, members: Members, ids: IdCounter, calendar: Calendar) -> Iterator[Row]:
    next_id = ids.take
    for cell, roster in zip(tree.cells, members.rosters, strict=True):
        for pid in range(roster.first, roster.first + roster.current):
            yield (next_id(), pid, cell.id, calendar.iso(members.joined[pid - members.first_id]), None)
        for pid, joined, left in roster.former:
            yield (next_id(), pid, cell.id, calendar.iso(joined), calendar.iso(left))
