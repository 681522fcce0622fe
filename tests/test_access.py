from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lamtheo.accounts.access import (
    get_person_for_user,
    get_unit_for_user,
    people_visible_to,
    top_units_for,
    units_capturable_by,
    units_visible_to,
)
from tests.conftest import Org
from tests.factories import make_person


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
