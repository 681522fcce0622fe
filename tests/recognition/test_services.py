"""Nomination → decision → commendation, and the transitions and inputs that are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lamtheo.accounts.models import Role
from lamtheo.accounts.services import role_grant
from lamtheo.lib.errors import ConflictError
from lamtheo.recognition import services
from lamtheo.recognition.models import Commendation, Decision, Nomination, NominationStatus
from tests.conftest import Org
from tests.factories import make_person, make_user
from tests.recognition.factories import decide, make_nomination, make_occasion

pytestmark = pytest.mark.django_db


def _accept(nomination: Nomination, org: Org) -> Nomination:
    return services.nomination_accept(
        acting_user=org.support_officer, nomination=nomination, expected_version=nomination.version
    )


def test_a_nomination_goes_from_draft_to_a_commendation(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    nomination = make_nomination(
        occasion, org.committee_a, unit=org.grassroots_a1, submit=False, acting_user=org.committee_officer
    )
    assert nomination.status == NominationStatus.DRAFT
    nomination = services.nomination_submit(
        acting_user=org.committee_officer, nomination=nomination, expected_version=1
    )
    assert nomination.status == NominationStatus.SUBMITTED
    nomination = _accept(nomination, org)
    decision = decide(occasion, [nomination])
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECIDED
    [commendation] = decision.commendations.all()
    assert commendation.nominee_unit == org.grassroots_a1
    assert commendation.nominating_unit == org.committee_a


def test_only_the_support_unit_accepts_or_returns(org: Org) -> None:
    nomination = make_nomination(make_occasion(org.bloc), org.committee_a, unit=org.grassroots_a1)
    with pytest.raises(Http404):  # the Bloc is outside the committee officer's sight
        services.nomination_accept(
            acting_user=org.committee_officer, nomination=nomination, expected_version=nomination.version
        )
    bloc_officer = make_user(username="bloc-officer")
    role_grant(acting_user=None, user=bloc_officer, unit=org.bloc, role=Role.COMMITTEE_OFFICER)
    with pytest.raises(PermissionDenied):  # sees the Bloc, captures there, but is not its support unit
        services.nomination_return(
            acting_user=bloc_officer, nomination=nomination, expected_version=nomination.version, reason="x"
        )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_a_person_cannot_nominate_themselves(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    secretary = make_person(org.cell_a1a, given_name="Chi")
    secretary.user = org.cell_secretary
    secretary.save(update_fields=["user"])
    with pytest.raises(ValidationError, match="yourself"):
        make_nomination(occasion, org.cell_a1a, person=secretary, acting_user=org.cell_secretary)
    assert not Nomination.objects.exists()


def test_a_unit_cannot_nominate_itself_or_a_unit_outside_its_subtree(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    with pytest.raises(ValidationError, match="itself"):
        make_nomination(occasion, org.committee_a, unit=org.committee_a)
    with pytest.raises(ValidationError, match="not under"):
        make_nomination(occasion, org.committee_a, unit=org.cell_b1)
    stranger = make_person(org.cell_b1, given_name="Lan")
    with pytest.raises(ValidationError, match="not a member"):
        make_nomination(occasion, org.committee_a, person=stranger)
    assert not Nomination.objects.exists()


def test_a_nomination_names_exactly_one_nominee(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    with pytest.raises(ValidationError, match="either"):
        make_nomination(occasion, org.committee_a)
    with pytest.raises(ValidationError, match="either"):
        make_nomination(occasion, org.committee_a, unit=org.cell_a2, person=org.member_person)


def test_a_unit_may_nominate_only_for_occasions_at_or_above_it(org: Org) -> None:
    occasion = make_occasion(org.committee_b)
    with pytest.raises(ValidationError, match="cannot nominate"):
        make_nomination(occasion, org.committee_a, unit=org.cell_a2)


def test_the_same_nominee_is_nominated_once_per_occasion(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    make_nomination(occasion, org.committee_a, unit=org.cell_a2)
    with pytest.raises(ValidationError, match="already been nominated"):
        make_nomination(occasion, org.bloc, unit=org.cell_a2)


def test_deciding_on_a_returned_nomination_is_refused(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    nomination = make_nomination(occasion, org.committee_a, unit=org.cell_a2)
    nomination = services.nomination_return(
        acting_user=org.support_officer,
        nomination=nomination,
        expected_version=nomination.version,
        reason="Thiếu minh chứng",
    )
    with pytest.raises(ValidationError, match="returned"):
        decide(occasion, [nomination])
    assert not Decision.objects.exists()
    assert not Commendation.objects.exists()


def test_a_submitted_but_not_accepted_nomination_cannot_be_decided(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    nomination = make_nomination(occasion, org.committee_a, unit=org.cell_a2)
    with pytest.raises(ValidationError, match="accepted first"):
        decide(occasion, [nomination])


def test_a_decided_nomination_cannot_be_decided_again_or_returned(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    nomination = _accept(make_nomination(occasion, org.committee_a, unit=org.cell_a2), org)
    decide(occasion, [nomination])
    nomination.refresh_from_db()
    with pytest.raises(ValidationError, match="already been decided"):
        decide(occasion, [nomination], number="124-QĐ/ĐUK")
    with pytest.raises(ValidationError, match="Only a submitted or accepted"):
        services.nomination_return(
            acting_user=org.support_officer, nomination=nomination, expected_version=nomination.version, reason="x"
        )


def test_a_duplicate_decision_number_is_refused_even_written_differently(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    first = _accept(make_nomination(occasion, org.committee_a, unit=org.cell_a2), org)
    second = _accept(make_nomination(occasion, org.committee_a, unit=org.grassroots_a1), org)
    decide(occasion, [first], number="123-QĐ/ĐUK")
    with pytest.raises(ValidationError, match="already recorded"):
        decide(occasion, [second], number="Số  123-QĐ/ĐUK")
    second.refresh_from_db()
    assert second.status == NominationStatus.ACCEPTED


def test_a_returned_nomination_can_be_reworked_and_submitted_again(org: Org) -> None:
    occasion = make_occasion(org.bloc)
    nomination = make_nomination(occasion, org.committee_a, unit=org.cell_a2)
    nomination = services.nomination_return(
        acting_user=org.support_officer,
        nomination=nomination,
        expected_version=nomination.version,
        reason="Bổ sung minh chứng",
    )
    nomination = services.nomination_submit(
        acting_user=org.committee_officer, nomination=nomination, expected_version=nomination.version
    )
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.return_reason == ""


def test_a_stale_review_is_refused(org: Org) -> None:
    nomination = make_nomination(make_occasion(org.bloc), org.committee_a, unit=org.cell_a2)
    stale_version = nomination.version
    _accept(nomination, org)
    with pytest.raises((ConflictError, ValidationError)):
        services.nomination_return(
            acting_user=org.support_officer, nomination=nomination, expected_version=stale_version, reason="x"
        )


def test_only_support_staff_create_occasions(org: Org) -> None:
    with pytest.raises(PermissionDenied):
        services.occasion_create(
            acting_user=org.committee_officer, unit=org.committee_a, title="X", year_from=2016, year_to=2016
        )
    with pytest.raises(ValidationError, match="last year"):
        services.occasion_create(
            acting_user=org.support_officer, unit=org.bloc, title="X", year_from=2016, year_to=2015
        )
    occasion = services.occasion_create(
        acting_user=org.support_officer, unit=org.bloc, title="Tổng kết", year_from=2011, year_to=2015
    )
    assert occasion.period == "2011–2015"
