from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lamtheo.accounts.access import (
    get_person_for_user,
    get_unit_for_user,
    people_visible_to,
    sees_everything,
    top_units_for,
    units_capturable_by,
    units_visible_to,
)
from lamtheo.accounts.models import User
from lamtheo.org.models import Person, UnitKind
from tests.conftest import Org
from tests.factories import make_person, make_unit


def _codes(qs: object) -> set[str]:
    return {u.code for u in qs}  # type: ignore[attr-defined]


def test_a_role_reaches_the_whole_subtree(org: Org) -> None:
    assert _codes(units_visible_to(org.committee_officer)) == {"committee-a", "gr-a1", "cell-a1a", "cell-a2"}
    assert _codes(units_visible_to(org.support_officer)) == {u.code for u in type(org.bloc).objects.all()}
    assert _codes(units_visible_to(org.cell_secretary)) == {"cell-a1a"}


def test_outsider_sees_only_its_own_subtree(org: Org) -> None:
    assert _codes(units_visible_to(org.outsider)) == {"committee-b", "cell-b1"}
    with pytest.raises(Http404):
        get_unit_for_user(org.outsider, "committee-a")
    with pytest.raises(Http404):
        get_unit_for_user(org.outsider, "no-such-unit")


def test_view_only_role_may_read_but_not_write(org: Org) -> None:
    assert get_unit_for_user(org.viewer, "cell-a2").code == "cell-a2"
    with pytest.raises(PermissionDenied):
        get_unit_for_user(org.viewer, "cell-a2", write=True)
    assert not units_capturable_by(org.viewer).exists()


def test_top_units_are_the_highest_visible(org: Org) -> None:
    assert _codes(top_units_for(org.committee_officer)) == {"committee-a"}
    assert _codes(top_units_for(org.admin)) == {"bloc"}


def test_people_are_scoped_by_their_cell(org: Org) -> None:
    stranger = make_person(org.cell_b1, family_name="Lê", given_name="Hà", gender="f")
    assert stranger not in people_visible_to(org.committee_officer)
    assert stranger in people_visible_to(org.outsider)
    with pytest.raises(Http404):
        get_person_for_user(org.committee_officer, str(stranger.code))


def test_a_member_sees_their_own_record(org: Org) -> None:
    assert get_person_for_user(org.member, str(org.member_person.code)) == org.member_person
    with pytest.raises(PermissionDenied):
        get_person_for_user(org.member, str(org.member_person.code), write=True)


def test_a_malformed_person_code_is_not_found(org: Org) -> None:
    with pytest.raises(Http404):
        get_person_for_user(org.admin, "not-a-uuid")


def test_anonymous_sees_nothing(org: Org) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not units_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        get_unit_for_user(AnonymousUser(), "bloc")


def _naive_people(user: User) -> set[int]:
    """Who ``people_visible_to`` must return, written the plain way: the scope's people and one's own."""
    paths = [a.unit.path for a in user.role_assignments.select_related("unit") if a.can_view]
    return {
        p.pk
        for p in Person.objects.select_related("unit")
        if p.user_id == user.pk or (p.unit is not None and any(p.unit.path.startswith(path) for path in paths))
    }


def test_people_visible_are_the_scope_and_ones_own_record_for_every_persona(org: Org) -> None:
    make_person(org.cell_b1, given_name="Hà")
    make_person(org.committee_a, given_name="Lan")
    users = [org.support_officer, org.committee_officer, org.cell_secretary, org.member, org.viewer, org.outsider]
    for user in users:
        assert {p.pk for p in people_visible_to(user)} == _naive_people(user), user.username


def test_a_member_moved_out_of_their_scope_still_sees_their_own_record(org: Org) -> None:
    Person.objects.filter(pk=org.member_person.pk).update(unit=org.cell_b1)
    colleague = make_person(org.cell_a1a, given_name="Hà")
    stranger = make_person(org.cell_b1, given_name="Lan")
    visible = set(people_visible_to(User.objects.get(pk=org.member.pk)))
    assert org.member_person in visible and colleague in visible
    assert stranger not in visible


def test_a_role_on_every_root_sees_everything_until_another_tree_appears(org: Org) -> None:
    assert sees_everything(org.support_officer) and sees_everything(org.admin)
    assert not sees_everything(org.committee_officer)
    other = make_unit(None, kind=UnitKind.BLOC, name="Đảng ủy Khối khác", code="other-bloc")
    stranger = make_person(make_unit(other, kind=UnitKind.SUBORDINATE_COMMITTEE, code="other-committee"))
    officer = User.objects.get(pk=org.support_officer.pk)  # a new request: grants read afresh
    assert not sees_everything(officer)
    assert "other-bloc" not in _codes(units_visible_to(officer))
    assert stranger not in people_visible_to(officer)
    assert sees_everything(User.objects.get(pk=org.admin.pk))
