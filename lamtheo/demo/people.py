"""The demo's party members: drawn cell by cell, then written with two bulk inserts."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from lamtheo.demo.agencies import STAFF_POSITIONS, Agency, titles_for
from lamtheo.demo.names import draw_name
from lamtheo.demo.org_tree import BATCH_SIZE, PlannedUnit, Post
from lamtheo.org.models import Gender, Membership, Person, Unit, UnitKind

SECRETARY = "Bí thư chi bộ"
# Cadres holding posts were born earlier than the staff around them.
SENIOR_BIRTH_YEARS = (1960, 1978)
STAFF_BIRTH_YEARS = (1962, 1998)
# People join the party, and so a cell, in their twenties at the earliest.
JOINING_AGE = 24
LATEST_JOINING = dt.date(2023, 12, 31)
# Eight- and nine-digit card numbers.
CARD_NUMBERS = range(10_000_000, 1_000_000_000)


@dataclass
class DrawnPeople:
    """People drawn for the demo (not yet saved), and the cell each joined and when."""

    people: list[Person] = field(default_factory=list)
    joined: list[tuple[Unit, dt.date]] = field(default_factory=list)
    by_cell: dict[str, list[Person]] = field(default_factory=dict)


def _staff_position(rng: random.Random, agency: Agency) -> str:
    pool = STAFF_POSITIONS[agency.sectors[0]]
    return rng.choices([title for title, _w in pool], weights=[weight for _t, weight in pool])[0]


def _cell_posts(rng: random.Random, plan: PlannedUnit, agency: Agency) -> list[Post]:
    """The reserved posts, then the cell secretary, then ordinary members, ``plan.headcount`` in all."""
    titles = titles_for(plan.department)
    posts = list(plan.posts)
    roll = rng.random()
    if roll < 0.5:
        posts.append(Post(f"{titles.head}, {SECRETARY}", titles.head_is_leader))
        head_present = True
    else:
        job = titles.deputy if roll < 0.8 else _staff_position(rng, agency)
        posts.append(Post(f"{job}, {SECRETARY}", False))
        # Where the department's head is a key leader, they are usually a member of its cell too.
        head_present = not titles.head_is_leader or rng.random() >= 0.6
        if not head_present and len(posts) < plan.headcount:
            posts.append(Post(titles.head, True))
    while len(posts) < plan.headcount:
        if rng.random() < 0.1:
            posts.append(Post(titles.deputy, False))
        else:
            posts.append(Post(_staff_position(rng, agency), False))
    return posts


def _birth_date(rng: random.Random, years: tuple[int, int]) -> dt.date:
    return dt.date(rng.randint(*years), 1, 1) + dt.timedelta(days=rng.randint(0, 364))


def _joined_on(rng: random.Random, birth: dt.date, cell: Unit) -> dt.date:
    earliest = max(cell.active_from, dt.date(birth.year + JOINING_AGE, 1, 1))
    if earliest >= LATEST_JOINING:
        return LATEST_JOINING
    return earliest + dt.timedelta(days=rng.randint(0, (LATEST_JOINING - earliest).days))


def _draw_person(rng: random.Random, post: Post, cell: Unit) -> tuple[Person, dt.date]:
    senior = post.is_leader or "," in post.title or post.title.startswith("Phó ")
    gender = Gender.MALE if rng.random() < (0.68 if senior else 0.5) else Gender.FEMALE
    birth = _birth_date(rng, SENIOR_BIRTH_YEARS if senior else STAFF_BIRTH_YEARS)
    name = draw_name(rng, gender=gender, birth_year=birth.year)
    person = Person(
        code=uuid.UUID(int=rng.getrandbits(128), version=4),
        family_name=name.family_name,
        middle_name=name.middle_name,
        given_name=name.given_name,
        gender=gender,
        birth_date=birth,
        position=post.title,
        is_leader=post.is_leader,
        unit=cell,
    )
    return person, _joined_on(rng, birth, cell)


def draw_people(rng: random.Random, root: PlannedUnit, units: dict[str, Unit]) -> DrawnPeople:
    drawn = DrawnPeople()
    for plan in root.walk():
        if plan.kind != UnitKind.CELL or plan.agency is None:
            continue
        cell = units[plan.code]
        members = drawn.by_cell.setdefault(plan.code, [])
        for post in _cell_posts(rng, plan, plan.agency):
            person, joined = _draw_person(rng, post, cell)
            members.append(person)
            drawn.people.append(person)
            drawn.joined.append((cell, joined))
    cards = rng.sample(CARD_NUMBERS, len(drawn.people))
    for person, card in zip(drawn.people, cards, strict=True):
        person.party_card_number = str(card)
        person.refresh_derived()
    return drawn


def insert_people(drawn: DrawnPeople) -> None:
    people = Person.objects.bulk_create(drawn.people, batch_size=BATCH_SIZE)
    if any(person.pk is None for person in people):  # databases that do not return ids from bulk inserts
        ids = dict(Person.objects.filter(code__in=[p.code for p in people]).values_list("party_card_number", "pk"))
        for person in people:
            person.pk = ids[person.party_card_number]
    Membership.objects.bulk_create(
        [
            Membership(person=person, unit=cell, joined_on=joined)
            for person, (cell, joined) in zip(people, drawn.joined, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
