from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lamtheo.accounts.models import AuditEntry
from lamtheo.campaign import services
from lamtheo.campaign.models import Commitment, Stage
from lamtheo.lib.errors import ConflictError
from tests.campaign.conftest import Campaign
from tests.campaign.factories import commitment_through
from tests.factories import make_person


def test_a_member_registers_self_assesses_the_cell_evaluates_and_the_committee_approves(campaign: Campaign) -> None:
    org = campaign.org
    c = services.commitment_register(
        acting_user=org.member, person=org.member_person, year=2016, items=["Đọc sách của Bác", " ", "Đúng giờ"]
    )
    assert (c.items, c.stage, c.unit, c.is_leader) == (
        ["Đọc sách của Bác", "Đúng giờ"],
        Stage.REGISTERED,
        org.cell_a1a,
        False,
    )
    c = services.commitment_self_assess(
        acting_user=org.member, commitment=c, expected_version=c.version, self_assessment="Đã làm", self_rating="good"
    )
    assert c.stage == Stage.SELF_ASSESSED
    c = services.commitment_evaluate(
        acting_user=org.cell_secretary, commitment=c, expected_version=c.version, cell_rating="excellent"
    )
    assert (c.stage, c.cell_rating, c.evaluated_by) == (Stage.EVALUATED, "excellent", org.cell_secretary)
    c = services.commitment_approve(acting_user=org.committee_officer, commitment=c, expected_version=c.version)
    assert c.stage == Stage.APPROVED and c.is_locked and c.approved_by == org.committee_officer
    assert AuditEntry.objects.filter(object_type="campaign.commitment", object_id=str(c.pk)).count() == 4


def test_it_refuses_a_second_commitment_for_the_same_member_and_year(campaign: Campaign) -> None:
    org = campaign.org
    services.commitment_register(acting_user=org.member, person=org.member_person, year=2016, items=["A"])
    with pytest.raises(ValidationError, match="already registered a commitment for 2016"):
        services.commitment_register(acting_user=org.cell_secretary, person=org.member_person, year=2016, items=["B"])
    assert Commitment.objects.filter(person=org.member_person).count() == 1


def test_a_commitment_needs_at_least_one_item(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="at least one"):
        services.commitment_register(acting_user=None, person=campaign.org.member_person, year=2016, items=["  "])


def test_leaders_commitments_are_flagged(campaign: Campaign) -> None:
    leader = make_person(campaign.org.cell_a1a, given_name="Lãnh", is_leader=True)
    c = services.commitment_register(acting_user=None, person=leader, year=2016, items=["Nêu gương"])
    assert c.is_leader


def test_nobody_edits_after_the_lock(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(org.member_person, 2016, stage="approved")
    with pytest.raises(ValidationError, match="locked"):
        services.commitment_self_assess(
            acting_user=org.member,
            commitment=c,
            expected_version=c.version,
            self_assessment="x",
            self_rating="excellent",
        )
    with pytest.raises(ValidationError, match="locked"):
        services.commitment_evaluate(
            acting_user=org.committee_officer, commitment=c, expected_version=c.version, cell_rating="complete"
        )
    with pytest.raises(ValidationError, match="locked"):
        services.commitment_update_items(acting_user=org.member, commitment=c, expected_version=c.version, items=["y"])
    c.refresh_from_db()
    assert (c.self_rating, c.cell_rating) == ("good", "good")


def test_a_stale_form_after_the_lock_is_told_it_is_locked(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(org.member_person, 2016, stage="evaluated")
    opened = Commitment.objects.get(pk=c.pk)  # the secretary opens the evaluation form …
    services.commitment_approve(acting_user=org.committee_officer, commitment=c, expected_version=c.version)
    with pytest.raises(ValidationError, match="locked"):  # … and saves it after the committee approved
        services.commitment_evaluate(
            acting_user=org.cell_secretary, commitment=opened, expected_version=opened.version, cell_rating="complete"
        )


def test_two_people_saving_the_same_commitment_the_second_is_told_to_reload(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(org.member_person, 2016, stage="self_assessed")
    opened = c.version
    services.commitment_evaluate(
        acting_user=org.cell_secretary, commitment=c, expected_version=opened, cell_rating="good"
    )
    with pytest.raises(ConflictError):
        services.commitment_evaluate(
            acting_user=org.committee_officer, commitment=c, expected_version=opened, cell_rating="complete"
        )


def test_the_cell_cannot_evaluate_before_the_self_assessment(campaign: Campaign) -> None:
    c = commitment_through(campaign.org.member_person, 2016, stage="registered")
    with pytest.raises(ValidationError, match="not self-assessed"):
        services.commitment_evaluate(
            acting_user=campaign.org.cell_secretary, commitment=c, expected_version=c.version, cell_rating="good"
        )


def test_the_self_assessment_closes_once_the_cell_has_evaluated(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(org.member_person, 2016, stage="evaluated")
    with pytest.raises(ValidationError, match="already evaluated"):
        services.commitment_self_assess(
            acting_user=org.member,
            commitment=c,
            expected_version=c.version,
            self_assessment="x",
            self_rating="excellent",
        )


def test_who_may_do_each_step(campaign: Campaign) -> None:
    org = campaign.org
    other = make_person(org.cell_a1a, given_name="Khác")
    # A member writes only their own commitment.
    with pytest.raises(PermissionDenied):
        services.commitment_register(acting_user=org.member, person=other, year=2016, items=["A"])
    with pytest.raises(Http404):
        services.commitment_register(acting_user=org.outsider, person=other, year=2016, items=["A"])
    c = commitment_through(org.member_person, 2016, stage="self_assessed")
    # The member does not evaluate themselves; the view-only officer evaluates nobody.
    with pytest.raises(PermissionDenied):
        services.commitment_evaluate(
            acting_user=org.member, commitment=c, expected_version=c.version, cell_rating="good"
        )
    with pytest.raises(PermissionDenied):
        services.commitment_evaluate(
            acting_user=org.viewer, commitment=c, expected_version=c.version, cell_rating="good"
        )
    c = services.commitment_evaluate(
        acting_user=org.cell_secretary, commitment=c, expected_version=c.version, cell_rating="good"
    )
    # Approval is the committee's: not the cell secretary's.
    with pytest.raises(PermissionDenied):
        services.commitment_approve(acting_user=org.cell_secretary, commitment=c, expected_version=c.version)


def test_the_committee_approves_a_whole_cell_at_once(campaign: Campaign) -> None:
    org = campaign.org
    commitment_through(org.member_person, 2016, stage="evaluated")
    commitment_through(campaign.old_member, 2016, stage="self_assessed")
    assert services.commitment_approve_cell(acting_user=org.committee_officer, cell=org.cell_a1a, year=2016) == 1
    assert Commitment.objects.get(person=org.member_person).is_locked
    assert not Commitment.objects.get(person=campaign.old_member).is_locked
    with pytest.raises(PermissionDenied):
        services.commitment_approve_cell(acting_user=org.cell_secretary, cell=org.cell_a1a, year=2016)
