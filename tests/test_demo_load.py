"""``demo_load``: the demo Bloc, its people and persona logins, loaded once and only once.

Loading takes seconds, so the module loads it a single time inside a transaction that is rolled
back when the module is done; each test runs in a savepoint within it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import Client, override_settings

from lamtheo.accounts.access import can_capture_unit, can_view_unit
from lamtheo.accounts.models import User
from lamtheo.demo import loader, org_tree, personas
from lamtheo.demo.people import draw_people
from lamtheo.org.models import Membership, Person, Unit, UnitKind, UnitLink
from lamtheo.org.selectors import flatten, tree_as_of

pytestmark = pytest.mark.django_db

FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def demo_output(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    # The autouse fixture that speeds up hashing is per test; the load must hash the same way.
    with override_settings(PASSWORD_HASHERS=FAST_HASHING), django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo_load", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def bloc(demo_output: str) -> Unit:
    return Unit.objects.get(code=org_tree.BLOC_CODE)


def _counts(bloc: Unit) -> dict[str, int]:
    units = Unit.objects.filter(path__startswith=bloc.path).order_by()
    counts = dict(units.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    counts["people"] = Person.objects.filter(unit__path__startswith=bloc.path).count()
    counts["memberships"] = Membership.objects.filter(unit__path__startswith=bloc.path).count()
    counts["links"] = UnitLink.objects.filter(unit__path__startswith=bloc.path).count()
    counts["users"] = User.objects.count()
    return counts


def test_it_builds_the_bloc_as_in_the_seed(bloc: Unit) -> None:
    assert bloc.kind == UnitKind.BLOC
    assert bloc.name == "Đảng ủy Khối các cơ quan Trung ương"
    assert bloc.short_name == "Đảng ủy Khối"
    committees = Unit.objects.filter(path__startswith=bloc.path, depth=bloc.depth + 1)
    assert committees.filter(kind=UnitKind.SUBORDINATE_COMMITTEE).count() == 63
    assert committees.filter(kind=UnitKind.YOUTH_UNION, code="doan-khoi").exists()
    names = list(committees.filter(kind=UnitKind.SUBORDINATE_COMMITTEE).values_list("name", flat=True))
    assert len(set(names)) == 63
    assert "Đảng ủy Bộ Tư pháp" in names


def test_unit_and_people_counts_are_in_the_expected_ranges(bloc: Unit) -> None:
    counts = _counts(bloc)
    assert 250 <= counts[UnitKind.GRASSROOTS_COMMITTEE] <= 350
    assert 2000 <= counts[UnitKind.CELL] <= 2500
    assert 6000 <= counts["people"] <= 8000
    leaders = Person.objects.filter(unit__path__startswith=bloc.path, is_leader=True).count()
    assert 0.07 <= leaders / counts["people"] <= 0.13


def test_committees_are_tagged_by_sector(bloc: Unit) -> None:
    committees = Unit.objects.filter(kind=UnitKind.SUBORDINATE_COMMITTEE, path__startswith=bloc.path)
    assert not committees.filter(sector_tags__isnull=True).exists()
    tags = {unit.code: {t.code for t in unit.sector_tags.all()} for unit in committees.prefetch_related("sector_tags")}
    assert "press" in tags["du-bao-nhan-dan"]
    assert "school" in tags["du-hv-chinh-tri-qg"]
    assert "ministry" in tags["du-bo-tu-phap"]


def test_the_tree_is_consistent(bloc: Unit) -> None:
    # treebeard's own check costs two queries a node: run it where the services moved units …
    for code in (org_tree.MERGE_COMMITTEE, org_tree.DISSOLVE_COMMITTEE):
        assert Unit.objects.find_problems(parent=Unit.objects.get(code=code)) == ([], [], [], [], [])
    # … and its five rules over the whole tree from one query.
    rows = list(Unit.objects.values_list("path", "depth", "numchild"))
    paths = {path for path, _depth, _numchild in rows}
    children: dict[str, int] = {}
    for path, _depth, _numchild in rows:
        children[path[: -Unit.steplen]] = children.get(path[: -Unit.steplen], 0) + 1
    for path, depth, numchild in rows:
        assert set(path) <= set(Unit.alphabet) and len(path) % Unit.steplen == 0, path
        assert depth == len(path) // Unit.steplen, path
        assert depth == 1 or path[: -Unit.steplen] in paths, path
        assert numchild == children.get(path, 0), path


def test_each_active_unit_has_one_open_link_to_its_current_parent(bloc: Unit) -> None:
    units = list(Unit.objects.filter(path__startswith=bloc.path))
    pk_by_path = {unit.path: unit.pk for unit in units}
    open_links = dict(UnitLink.objects.filter(valid_to__isnull=True).values_list("unit_id", "parent_id"))
    for unit in units:
        if unit.active_to is None:
            assert open_links[unit.pk] == pk_by_path.get(unit.path[: -Unit.steplen]), unit.code
        else:
            assert unit.pk not in open_links, unit.code


def test_unit_codes_are_ascii_slugs(bloc: Unit) -> None:
    for code in Unit.objects.filter(path__startswith=bloc.path).values_list("code", flat=True):
        assert SLUG.match(code) and len(code) <= 40, code


def test_card_numbers_are_unique_digit_strings(bloc: Unit) -> None:
    cards = list(Person.objects.filter(unit__path__startswith=bloc.path).values_list("party_card_number", flat=True))
    assert len(cards) == len(set(cards))
    assert all(card is not None and card.isdigit() and 8 <= len(card) <= 9 for card in cards)


def test_everyone_has_one_current_membership_in_their_cell(bloc: Unit) -> None:
    people = Person.objects.filter(unit__path__startswith=bloc.path)
    assert not people.exclude(unit__kind=UnitKind.CELL).exists()
    current = dict(Membership.objects.filter(left_on__isnull=True).values_list("person_id", "unit_id"))
    for person_id, unit_id in people.values_list("id", "unit_id"):
        assert current[person_id] == unit_id


def test_the_merged_committee_points_to_the_one_it_joined(bloc: Unit) -> None:
    merged = Unit.objects.get(code=f"{org_tree.MERGE_COMMITTEE}-gr-02")
    into = Unit.objects.get(code=f"{org_tree.MERGE_COMMITTEE}-gr-01")
    assert merged.merged_into == into
    assert merged.active_to == org_tree.MERGE_DATE - org_tree.dt.timedelta(days=1)
    assert merged.numchild == 0


def test_history_shows_the_tree_as_it_was(bloc: Unit) -> None:
    dissolved = Unit.objects.get(name=org_tree.DISSOLVED_CELL_NAME)
    merged = Unit.objects.get(code=f"{org_tree.MERGE_COMMITTEE}-gr-02")
    then = tree_as_of(bloc, org_tree.dt.date(2015, 1, 1))
    now = tree_as_of(bloc, org_tree.dt.date(2021, 1, 1))
    assert then is not None and now is not None
    assert {dissolved, merged} <= set(flatten(then))
    assert not {dissolved, merged} & set(flatten(now))


@pytest.mark.parametrize("persona", personas.PERSONAS, ids=lambda p: p.username)
def test_every_persona_can_log_in(demo_output: str, persona: personas.Persona) -> None:
    assert Client().login(username=persona.username, password=personas.DEMO_PASSWORD)
    assert persona.username in demo_output


def test_personas_reach_what_their_role_says(bloc: Unit) -> None:
    users = {user.username: user for user in User.objects.all()}
    committee = Unit.objects.get(code=personas.PERSONA_COMMITTEE)
    other = Unit.objects.get(code=personas.VIEW_ONLY_COMMITTEE)
    assert users["admin"].is_superuser
    assert can_capture_unit(users["dauy"], committee) and not can_view_unit(users["dauy"], other)
    assert can_view_unit(users["xemthoi"], other) and not can_capture_unit(users["xemthoi"], other)
    assert can_capture_unit(users["bophan"], committee)
    cell = Unit.objects.get(code=personas.PERSONA_CELL)
    for username in ("bithu", "dangvien"):
        assert Person.objects.get(user=users[username]).unit == cell
    assert Person.objects.get(user=users["bithu"]).position.endswith("Bí thư chi bộ")


def test_it_prints_the_logins(demo_output: str) -> None:
    assert "Tài khoản demo (demo logins)" in demo_output
    assert personas.DEMO_PASSWORD in demo_output


def test_running_it_again_changes_nothing(bloc: Unit) -> None:
    before = _counts(bloc)
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHING):
        call_command("demo_load", stdout=out)
    assert _counts(bloc) == before
    assert "already present" in out.getvalue()
    assert "bithu" in out.getvalue()


def test_the_demo_is_what_its_seed_draws(bloc: Unit) -> None:
    rng = random.Random(loader.SEED)
    plan = org_tree.plan_bloc(rng)
    units = {p.code: Unit(code=p.code, active_from=p.active_from) for p in plan.walk()}
    people = draw_people(rng, plan, units).people
    loaded_units = dict(Unit.objects.values_list("code", "name"))
    assert all(loaded_units[p.code] == p.name for p in plan.walk())
    loaded_people = set(
        Person.objects.filter(unit__path__startswith=bloc.path).values_list(
            "code", "family_name", "middle_name", "given_name", "birth_date", "party_card_number"
        )
    )
    drawn_people = {
        (p.code, p.family_name, p.middle_name, p.given_name, p.birth_date, p.party_card_number) for p in people
    }
    assert drawn_people == loaded_people
