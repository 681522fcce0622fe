"""Keyset pages over a subtree: a whole tree is walked in order, a smaller subtree found through its
units and sorted; either way every row the caller may see comes once, in the list's order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from lamtheo.accounts.models import User
from lamtheo.campaign.models import Activity, Commitment
from lamtheo.org.models import Person, Unit, UnitKind
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.factories import make_person, make_unit
from tests.reports.factories import commitment, meeting


@pytest.fixture
def crowd(org: Org) -> Org:
    """Members (with a 2016 commitment and a meeting per cell) in every cell, and a cell of Committee B
    whose ids lie between Committee A's: pages must not depend on how the rows were inserted."""
    cells = [org.cell_a1a, org.cell_a2, org.cell_b1, make_unit(org.committee_b, code="cell-b2")]
    names = ["An", "Bình", "Ánh", "Chi", "Ân", "Dũng", "Hà", "Lan"]
    for i, given in enumerate(names * 2):
        cell = cells[i % len(cells)]
        commitment(make_person(cell, family_name="Lê", middle_name="Thị", given_name=given), 2016)
        meeting(cell, dt.date(2016, 1 + i % 12, 10))
    commitment(org.member_person, 2016)
    return org


def _walk(client: Client, url: str, key: str) -> list[Any]:
    seen: list[Any] = []
    cursor = ""
    while True:
        body = client.get(url + "&limit=3" + (f"&cursor={cursor}" if cursor else "")).json()
        seen.extend(row[key] for row in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return seen


def _in(unit: Unit | None, unit_path: str | None) -> bool:
    return unit is None or (unit_path is not None and unit_path.startswith(unit.path))


CASES = [
    ("support_officer", "bloc"),  # a whole tree: walked in order
    ("support_officer", "committee_b"),  # a subtree: found and sorted
    ("committee_officer", "committee_a"),
    ("committee_officer", None),  # everything the officer sees: Committee A
    ("cell_secretary", "cell_a1a"),
    ("support_officer", None),
]


@pytest.mark.parametrize(("persona", "under"), CASES)
def test_people_of_a_subtree_come_once_in_vietnamese_order(crowd: Org, persona: str, under: str | None) -> None:
    user: User = getattr(crowd, persona)
    unit: Unit | None = getattr(crowd, under) if under else None
    query = f"under={unit.code}" if unit else "q="
    seen = _walk(api_client(user), f"/api/v1/people?{query}", "code")
    visible = list(Person.objects.select_related("unit").order_by("sort_key", "id"))
    scope = [a.unit.path for a in user.role_assignments.select_related("unit")]
    expected = [
        str(p.code)
        for p in visible
        if p.unit is not None and any(p.unit.path.startswith(s) for s in scope) and _in(unit, p.unit.path)
    ]
    assert seen == expected and len(expected) > 1


@pytest.mark.parametrize(("persona", "under"), CASES)
def test_commitments_and_activities_of_a_subtree_come_once_in_order(
    crowd: Org, persona: str, under: str | None
) -> None:
    user: User = getattr(crowd, persona)
    unit: Unit | None = getattr(crowd, under) if under else None
    client = api_client(user)
    query = f"under={unit.code}&year=2016" if unit else "year=2016"
    scope = [a.unit.path for a in user.role_assignments.select_related("unit")]

    def expected(model: Any) -> list[str]:
        rows = model.objects.select_related("unit").order_by("id")
        return [str(r.code) for r in rows if any(r.unit.path.startswith(s) for s in scope) and _in(unit, r.unit.path)]

    assert _walk(client, f"/api/v1/commitments?{query}", "code") == expected(Commitment)
    assert _walk(client, f"/api/v1/activities?{query}", "code") == expected(Activity)
    assert len(expected(Commitment)) > 1 and len(expected(Activity)) > 1


def test_a_subtree_outside_the_scope_is_not_found(crowd: Org) -> None:
    client = api_client(crowd.committee_officer)
    for endpoint in ("people", "commitments", "activities"):
        assert client.get(f"/api/v1/{endpoint}?under={crowd.committee_b.code}").status_code == 404


@pytest.mark.parametrize("second_tree", [False, True])
@pytest.mark.parametrize("persona", ["support_officer", "admin"])
def test_a_whole_tree_lists_that_tree_alone(crowd: Org, persona: str, second_tree: bool) -> None:
    """A whole tree is walked without a condition on the units when it is the only tree; beside another
    tree (which the administrator sees too) its rows are told apart by their path."""
    if second_tree:
        other = make_unit(None, kind=UnitKind.BLOC, code="khoi-khac", name="Khối khác")
        committee = make_unit(other, kind=UnitKind.SUBORDINATE_COMMITTEE, code="dang-uy-khac")
        cell = make_unit(committee, code="chi-bo-khac")
        commitment(make_person(cell, family_name="Lê", given_name="Ba"), 2016)
        meeting(cell, dt.date(2016, 5, 5))
    client = api_client(getattr(crowd, persona))
    bloc = crowd.bloc.path

    def expected(model: Any, order: tuple[str, ...]) -> list[str]:
        rows = model.objects.select_related("unit").order_by(*order)
        return [str(r.code) for r in rows if r.unit is not None and r.unit.path.startswith(bloc)]

    assert _walk(client, f"/api/v1/people?under={crowd.bloc.code}", "code") == expected(Person, ("sort_key", "id"))
    for endpoint, model in (("commitments", Commitment), ("activities", Activity)):
        assert _walk(client, f"/api/v1/{endpoint}?under={crowd.bloc.code}", "code") == expected(model, ("id",))
    assert Unit.objects.filter(depth=1).count() == (2 if second_tree else 1)
