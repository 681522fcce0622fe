from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lamtheo.accounts.models import AuditEntry
from lamtheo.lib.errors import ConflictError
from lamtheo.org import selectors, services
from lamtheo.org.models import Membership, Person, Unit, UnitKind
from tests.conftest import Org
from tests.factories import make_person, make_unit


def test_unit_create_records_an_audit_entry(org: Org) -> None:
    unit = services.unit_create(
        acting_user=org.committee_officer, parent=org.committee_a, code="cell-new", name="Chi bộ Mới", kind="cell"
    )
    entry = AuditEntry.objects.get(action="unit.create", object_id=str(unit.pk))
    assert entry.actor == org.committee_officer
    assert entry.after is not None and entry.after["name"] == "Chi bộ Mới"


def test_unit_create_refuses_a_duplicate_code(org: Org) -> None:
    with pytest.raises(ValidationError, match="cell-a2"):
        services.unit_create(acting_user=None, parent=org.committee_a, code="cell-a2", name="X", kind="cell")


def test_unit_create_refuses_a_cell_under_a_cell(org: Org) -> None:
    with pytest.raises(ValidationError):
        services.unit_create(acting_user=None, parent=org.cell_a2, code="c-in-c", name="X", kind="cell")


def test_a_district_committee_sits_directly_under_its_province_committee(org: Org) -> None:
    district = services.unit_create(
        acting_user=org.support_officer, parent=org.committee_a, code="huyen", name="Huyện ủy", kind="subordinate"
    )
    assert Unit.objects.get_parent(district) == org.committee_a
    with pytest.raises(ValidationError):  # but never at the top of a tree
        services.unit_create(acting_user=None, parent=None, code="tren-cung", name="X", kind="subordinate")


def test_unit_create_outside_scope_is_not_found(org: Org) -> None:
    with pytest.raises(Http404):
        services.unit_create(acting_user=org.outsider, parent=org.committee_a, code="x1", name="X", kind="cell")
    with pytest.raises(PermissionDenied):
        services.unit_create(acting_user=org.viewer, parent=org.committee_a, code="x2", name="X", kind="cell")
    assert not Unit.objects.filter(code__in=["x1", "x2"]).exists()


def test_second_editor_is_told_and_nothing_is_lost(org: Org) -> None:
    opened_version = org.cell_a2.version
    services.unit_update(
        acting_user=org.committee_officer,
        unit=Unit.objects.get(pk=org.cell_a2.pk),
        expected_version=opened_version,
        name="Chi bộ Văn phòng (sửa lần 1)",
        short_name="",
        sector_codes=[],
    )
    with pytest.raises(ConflictError):
        services.unit_update(
            acting_user=org.support_officer,
            unit=Unit.objects.get(pk=org.cell_a2.pk),
            expected_version=opened_version,
            name="Chi bộ Văn phòng (sửa lần 2)",
            short_name="",
            sector_codes=[],
        )
    assert Unit.objects.get(pk=org.cell_a2.pk).name == "Chi bộ Văn phòng (sửa lần 1)"


def test_the_tree_as_of_a_date_before_and_after_a_merger(org: Org) -> None:
    old = make_unit(org.committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, code="gr-old", active_from=dt.date(2010, 1, 1))
    old_cell = make_unit(old, kind=UnitKind.CELL, code="cell-old", active_from=dt.date(2010, 1, 1))
    person = make_person(old_cell, given_name="Hoa", gender="f", joined_on=dt.date(2012, 5, 1))
    services.unit_merge(acting_user=None, unit=old, into=org.grassroots_a1, on_date=dt.date(2020, 7, 1))

    committee = Unit.objects.get(pk=org.committee_a.pk)
    before = selectors.tree_as_of(committee, dt.date(2015, 1, 1))
    after = selectors.tree_as_of(committee, dt.date(2021, 1, 1))
    assert before is not None and after is not None

    def children(node: selectors.TreeNode, code: str) -> set[str]:
        found = next(u for u in selectors.flatten(node) if u.code == code)
        stack = [node]
        while stack:
            current = stack.pop()
            if current.unit.pk == found.pk:
                return {c.unit.code for c in current.children}
            stack.extend(current.children)
        return set()

    assert "gr-old" in {u.code for u in selectors.flatten(before)}
    assert children(before, "gr-old") == {"cell-old"}
    assert "gr-old" not in {u.code for u in selectors.flatten(after)}
    assert "cell-old" in children(after, "gr-a1")

    old.refresh_from_db()
    assert old.merged_into == org.grassroots_a1
    assert old.active_to == dt.date(2020, 6, 30)
    person.refresh_from_db()
    assert person.unit is not None and person.unit.code == "cell-old"  # the cell moved, its members with it
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_merging_a_cell_moves_its_members(org: Org) -> None:
    person = make_person(org.cell_a2, given_name="Lan", gender="f", joined_on=dt.date(2015, 1, 1))
    services.unit_merge(acting_user=None, unit=org.cell_a2, into=org.cell_a1a, on_date=dt.date(2022, 1, 1))
    person.refresh_from_db()
    assert person.unit == org.cell_a1a
    history = list(Membership.objects.filter(person=person).order_by("joined_on").values_list("unit__code", "left_on"))
    assert history == [("cell-a2", dt.date(2022, 1, 1)), ("cell-a1a", None)]


def test_a_unit_cannot_merge_into_its_own_subtree(org: Org) -> None:
    with pytest.raises(ValidationError):
        services.unit_merge(acting_user=None, unit=org.committee_a, into=org.cell_a2, on_date=dt.date(2022, 1, 1))


def test_dissolving_needs_an_empty_unit(org: Org) -> None:
    with pytest.raises(ValidationError):
        services.unit_dissolve(acting_user=None, unit=org.cell_a1a, on_date=dt.date(2030, 1, 1))
    empty = make_unit(org.committee_a, code="cell-empty", active_from=dt.date(2010, 1, 1))
    services.unit_dissolve(acting_user=None, unit=empty, on_date=dt.date(2018, 1, 1))
    empty.refresh_from_db()
    assert empty.active_to == dt.date(2017, 12, 31)
    assert empty.status_label


def test_person_card_number_is_unique(org: Org) -> None:
    make_person(org.cell_a2, party_card_number="123456789")
    with pytest.raises(ValidationError, match="123456789"):
        make_person(org.cell_a1a, party_card_number="123456789")
    assert Person.objects.filter(party_card_number="123456789").count() == 1


def test_person_update_conflict_is_reported(org: Org) -> None:
    person = org.member_person
    services.person_update(
        acting_user=org.cell_secretary, person=Person.objects.get(pk=person.pk), expected_version=1, position="A"
    )
    with pytest.raises(ConflictError):
        services.person_update(
            acting_user=org.cell_secretary, person=Person.objects.get(pk=person.pk), expected_version=1, position="B"
        )
    assert Person.objects.get(pk=person.pk).position == "A"


def test_person_transfer_keeps_membership_history(org: Org) -> None:
    person = make_person(org.cell_a1a, joined_on=dt.date(2015, 1, 1))
    services.person_transfer(
        acting_user=org.committee_officer, person=person, to_unit=org.cell_a2, on_date=dt.date(2020, 1, 1)
    )
    assert person.unit == org.cell_a2
    assert Membership.objects.filter(person=person).count() == 2
    assert AuditEntry.objects.filter(action="person.transfer", object_id=str(person.pk)).exists()


def test_people_of_a_unit_come_in_vietnamese_order(org: Org) -> None:
    for family, middle, given in [
        ("Nguyễn", "Văn", "Bình"),
        ("Trần", "Thị", "Ánh"),
        ("Lê", "", "An"),
        ("Đỗ", "", "Ân"),
    ]:
        make_person(org.cell_a2, family_name=family, middle_name=middle, given_name=given, party_card_number=None)
    names = [p.full_name for p in selectors.people_of_unit(org.cell_a2)]
    assert names == ["Lê An", "Trần Thị Ánh", "Đỗ Ân", "Nguyễn Văn Bình"]


def test_search_ignores_diacritics(org: Org) -> None:
    make_unit(org.committee_a, name="Chi bộ Vụ Kiểm tra Đảng", code="cell-kt")
    found = selectors.search_units(Unit.objects.all(), "kiem tra dang")
    assert [u.code for u in found] == ["cell-kt"]
    assert {u.code for u in selectors.search_units(Unit.objects.all(), "KIỂM TRA")} == {"cell-a1a", "cell-kt"}
