from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheo.org import selectors
from lamtheo.org.models import Person, Unit, UnitKind
from tests.conftest import Org
from tests.factories import make_person, make_unit


def test_unit_page_lists_people_the_vietnamese_way(org: Org) -> None:
    for family, middle, given in [("Nguyễn", "Văn", "Bình"), ("Trần", "Thị", "Ánh"), ("Lê", "", "An")]:
        make_person(org.cell_a2, family_name=family, middle_name=middle, given_name=given)
    body = org.client_for(org.committee_officer).get(f"/app/units/{org.cell_a2.code}/").content.decode()
    assert body.index("Lê An") < body.index("Trần Thị Ánh") < body.index("Nguyễn Văn Bình")


def test_children_partial_costs_the_same_for_many_children(org: Org) -> None:
    client = org.client_for(org.committee_officer)
    client.get(f"/app/units/{org.committee_a.code}/children/")  # warm the session and grants

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/app/units/{org.committee_a.code}/children/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(15):
        cell = make_unit(org.committee_a, code=f"extra-{i}")
        make_person(cell, given_name=f"Người {i}")
    assert count() == few


def test_children_show_subtree_counts(org: Org) -> None:
    make_person(org.cell_a2, given_name="Hà")
    body = org.client_for(org.support_officer).get(f"/app/units/{org.bloc.code}/children/").content.decode()
    # Committee A: 3 units under it (gr-a1, cell-a1a, cell-a2) and 2 people (Dũng, Hà).
    assert "3 đơn vị · 2 người" in body


def test_editing_a_unit_that_changed_meanwhile_tells_the_second_editor(org: Org) -> None:
    first = org.client_for(org.committee_officer)
    second = org.client_for(org.support_officer)
    url = f"/app/units/{org.cell_a2.code}/edit/"
    version = org.cell_a2.version
    assert first.post(url, {"version": version, "name": "Tên mới 1"}).status_code == 302
    response = second.post(url, {"version": version, "name": "Tên mới 2"})
    assert response.status_code == 200
    assert "Người khác đã lưu" in response.content.decode()
    assert Unit.objects.get(pk=org.cell_a2.pk).name == "Tên mới 1"


def test_adding_a_person_with_a_taken_card_number_changes_nothing(org: Org) -> None:
    make_person(org.cell_a2, party_card_number="555000111")
    before = Person.objects.count()
    response = org.client_for(org.cell_secretary).post(
        f"/app/units/{org.cell_a1a.code}/people/add/",
        {"family_name": "Phạm", "given_name": "Hùng", "gender": "m", "party_card_number": "555000111"},
    )
    assert response.status_code == 200
    assert "555000111" in response.content.decode()
    assert Person.objects.count() == before


def test_a_cell_secretary_adds_a_person(org: Org) -> None:
    response = org.client_for(org.cell_secretary).post(
        f"/app/units/{org.cell_a1a.code}/people/add/",
        {"family_name": "Phạm", "middle_name": "Quang", "given_name": "Hùng", "gender": "m", "is_leader": "on"},
    )
    assert response.status_code == 302
    person = Person.objects.get(given_name="Hùng")
    assert person.unit == org.cell_a1a and person.is_leader


def test_merging_through_the_page(org: Org) -> None:
    response = org.client_for(org.committee_officer).post(
        f"/app/units/{org.cell_a2.code}/close/", {"on_date": "2024-01-01", "merge_into": org.cell_a1a.code}
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=org.cell_a2.pk).merged_into == org.cell_a1a


@pytest.mark.parametrize("target", ["cell-b1", "does-not-exist"])
def test_merging_into_a_unit_outside_scope_is_refused_without_leaking(org: Org, target: str) -> None:
    response = org.client_for(org.committee_officer).post(
        f"/app/units/{org.cell_a2.code}/close/", {"on_date": "2024-01-01", "merge_into": target}
    )
    assert response.status_code == 200
    assert "Chi bộ Vụ B1" not in response.content.decode()
    assert Unit.objects.get(pk=org.cell_a2.pk).active_to is None


def test_tree_as_of_with_a_bad_date_says_so(org: Org) -> None:
    response = org.client_for(org.committee_officer).get(f"/app/units/{org.committee_a.code}/as-of/?date=31-02-2020")
    assert response.status_code == 200
    assert "31-02-2020" in response.content.decode()


@pytest.mark.parametrize("path", ["/app/units/committee-a/", "/app/", "/app/units/"])
def test_page_cost_does_not_grow_with_the_number_of_children_and_people(org: Org, path: str) -> None:
    client = org.client_for(org.committee_officer)
    make_person(org.committee_a, given_name="Đầu tiên")  # an empty page skips the fetch: start from one
    client.get(path)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(12):
        cell = make_unit(org.committee_a, code=f"more-{i}")
        make_person(cell, given_name=f"Người {i}")
        make_person(org.committee_a, given_name=f"Cán bộ {i}")
    assert count() == few


def test_members_are_paged_in_vietnamese_order(org: Org, settings: object) -> None:
    from lamtheo.org.views import units

    units.PEOPLE_PAGE_SIZE = 2
    try:
        for given in ["Bình", "An", "Chi"]:
            make_person(org.cell_a2, given_name=given)
        client = org.client_for(org.committee_officer)
        first = client.get(f"/app/units/{org.cell_a2.code}/").content.decode()
        second = client.get(f"/app/units/{org.cell_a2.code}/?trang=2").content.decode()
        assert "Nguyễn Văn An" in first and "Nguyễn Văn Bình" in first and "Nguyễn Văn Chi" not in first
        assert "Nguyễn Văn Chi" in second and "Trang 2/2" in second
        assert client.get(f"/app/units/{org.cell_a2.code}/?trang=zzz").status_code == 200
    finally:
        units.PEOPLE_PAGE_SIZE = 100


@pytest.fixture
def small_large_subtrees(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Subtrees of more than three units count as large, and no counts are left over from other tests."""
    monkeypatch.setattr(selectors, "LARGE_SUBTREE_UNITS", 3)
    cache.clear()
    yield
    cache.clear()


def test_the_unit_page_counts_the_subtree(org: Org) -> None:
    make_person(org.cell_a2, given_name="Hà")
    make_person(org.committee_a, given_name="Lan")  # the committee's own staff count in its totals only
    counts = selectors.subtree_counts(org.committee_a)
    assert counts.by_kind == {UnitKind.GRASSROOTS_COMMITTEE: 1, UnitKind.CELL: 2}
    assert counts.people == 3  # Dũng, Hà, Lan
    assert counts.child_units == {org.grassroots_a1.path: 1, org.cell_a2.path: 0}
    assert counts.child_people == {org.grassroots_a1.path: 1, org.cell_a2.path: 1}
    # The home page's totals, counted without the children's breakdown, are the same.
    assert selectors.subtree_totals(org.committee_a) == selectors.subtree_totals(org.committee_a, counts)
    assert selectors.subtree_totals(org.committee_a) == {"units": 3, "people": 3, "kind_grassroots": 1, "kind_cell": 2}
    body = org.client_for(org.committee_officer).get(f"/app/units/{org.committee_a.code}/").content.decode()
    assert "1 đơn vị · 1 người" in body  # Grassroots A1: Cell A1a under it, Dũng in it


def test_a_large_subtree_is_counted_once_in_a_while_and_a_small_one_live(org: Org, small_large_subtrees: None) -> None:
    assert selectors.is_large_subtree(org.bloc) and not selectors.is_large_subtree(org.committee_b)
    assert selectors.subtree_counts(org.bloc).people == 1
    assert selectors.subtree_counts(org.committee_b).people == 0
    make_person(org.cell_b1, given_name="Hà")
    assert selectors.subtree_counts(org.bloc).people == 1  # the Bloc's counts of a few minutes ago
    assert selectors.subtree_counts(org.committee_b).people == 1
    cache.clear()
    assert selectors.subtree_counts(org.bloc).people == 2


def test_a_cell_page_counts_its_people_without_reading_the_tree(org: Org) -> None:
    make_person(org.cell_a2, given_name="Hà")
    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.subtree_counts(org.cell_a2)
        rows = selectors.children_with_counts(org.cell_a2, counts=counts)
    assert len(ctx.captured_queries) == 1
    assert counts.people == 1 and rows == []


@pytest.mark.parametrize("walk", [True, False])
@pytest.mark.parametrize("persona", ["support_officer", "committee_officer"])
def test_people_search_finds_in_vietnamese_order_whatever_the_plan(
    org: Org, monkeypatch: pytest.MonkeyPatch, persona: str, walk: bool
) -> None:
    monkeypatch.setattr(selectors, "can_walk_a_text_search", lambda: walk)
    for family, given, cell in [("Lê", "Bình", org.cell_a2), ("Trần", "An", org.cell_a1a), ("Võ", "Ân", org.cell_b1)]:
        make_person(cell, family_name=family, middle_name="Văn", given_name=given)
    body = org.client_for(getattr(org, persona)).get("/app/people/", {"q": "van"}).content.decode()
    found = [name for name in ("Trần Văn An", "Võ Văn Ân", "Lê Văn Bình", "Trần Văn Dũng") if name in body]
    in_scope = ["Trần Văn An", "Lê Văn Bình", "Trần Văn Dũng"]
    expected = ["Trần Văn An", "Võ Văn Ân", *in_scope[1:]] if persona == "support_officer" else in_scope
    assert found == expected
    assert [body.index(name) for name in found] == sorted(body.index(name) for name in found)


def test_a_search_walks_the_first_people_in_order_then_asks_for_the_rest(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "can_walk_a_text_search", lambda: True)
    monkeypatch.setattr(selectors, "SEARCH_WALK", 2)  # the walk reads two people: An and Bình
    cache.clear()
    for given in ["Bình", "An", "Chi", "Yến"]:
        make_person(org.cell_a2, family_name="Lê", middle_name="Văn", given_name=given)
    everyone = Person.objects.all()
    try:
        # Found within the walk: the page is full there.
        assert [p.given_name for p in selectors.search_people(everyone, "le van", limit=2, whole_tree=True)] == [
            "An",
            "Bình",
        ]
        # Chi and Yến lie past the walk: found all the same, in order.
        found = selectors.search_people(everyone, "le van", limit=50, whole_tree=True)
        assert [p.given_name for p in found] == ["An", "Bình", "Chi", "Yến"]
        assert [p.given_name for p in selectors.search_people(everyone, "yen", whole_tree=True)] == ["Yến"]
    finally:
        cache.clear()
