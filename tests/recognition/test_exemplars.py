"""Exemplars: proposed below, checked by the support unit, found without diacritics."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lamtheo.lib.errors import ConflictError
from lamtheo.recognition import services
from lamtheo.recognition.models import Exemplar, ExemplarStatus
from tests.conftest import Org
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _propose(org: Org, title: str = "Nữ cán bộ tận tụy với công tác tiếp dân") -> Exemplar:
    person = make_person(org.cell_a2, family_name="Đặng", middle_name="Thu", given_name="Hương")
    return services.exemplar_propose(
        acting_user=org.committee_officer,
        proposed_by=org.committee_a,
        person=person,
        title=title,
        story="Chị luôn lắng nghe người dân.",
    )


def test_an_exemplar_is_verified_then_published_with_its_story_link(org: Org) -> None:
    exemplar = _propose(org)
    exemplar = services.exemplar_review(
        acting_user=org.support_officer, exemplar=exemplar, expected_version=1, status=ExemplarStatus.VERIFIED
    )
    exemplar = services.exemplar_review(
        acting_user=org.support_officer,
        exemplar=exemplar,
        expected_version=2,
        status=ExemplarStatus.PUBLISHED,
        published_url="https://example.vn/bai-viet",
    )
    assert exemplar.status == ExemplarStatus.PUBLISHED
    assert exemplar.published_url == "https://example.vn/bai-viet"


def test_a_proposal_cannot_be_published_unchecked_or_without_a_link(org: Org) -> None:
    exemplar = _propose(org)
    with pytest.raises(ValidationError, match="cannot become"):
        services.exemplar_review(
            acting_user=None,
            exemplar=exemplar,
            expected_version=1,
            status=ExemplarStatus.PUBLISHED,
            published_url="https://example.vn/x",
        )
    exemplar = services.exemplar_review(acting_user=None, exemplar=exemplar, expected_version=1, status="verified")
    with pytest.raises(ValidationError, match="address"):
        services.exemplar_review(acting_user=None, exemplar=exemplar, expected_version=2, status="published")


def test_only_the_support_unit_checks_exemplars(org: Org) -> None:
    exemplar = _propose(org)
    with pytest.raises(PermissionDenied):
        services.exemplar_review(
            acting_user=org.committee_officer, exemplar=exemplar, expected_version=1, status="verified"
        )
    with pytest.raises(ConflictError):
        services.exemplar_review(
            acting_user=org.support_officer, exemplar=exemplar, expected_version=9, status="verified"
        )


def test_the_subject_must_belong_to_the_proposing_unit(org: Org) -> None:
    stranger = make_person(org.cell_b1, given_name="Lan")
    with pytest.raises(ValidationError, match="not a member"):
        services.exemplar_propose(acting_user=None, proposed_by=org.committee_a, person=stranger, title="x", story="y")
    with pytest.raises(ValidationError, match="either"):
        services.exemplar_propose(acting_user=None, proposed_by=org.committee_a, title="x", story="y")


def test_the_list_finds_exemplars_without_diacritics_and_only_in_scope(org: Org) -> None:
    _propose(org)
    services.exemplar_propose(
        acting_user=None, proposed_by=org.committee_b, unit=org.cell_b1, title="Chi bộ tiếp dân mẫu mực", story="…"
    )
    body = org.client_for(org.committee_officer).get("/app/recognition/exemplars/", {"q": "tiep dan"}).content.decode()
    assert "Nữ cán bộ tận tụy với công tác tiếp dân" in body
    assert "Chi bộ tiếp dân mẫu mực" not in body
    body = (
        org.client_for(org.support_officer).get("/app/recognition/exemplars/", {"q": "DANG THU HUONG"}).content.decode()
    )
    assert "Nữ cán bộ tận tụy" in body
    body = org.client_for(org.support_officer).get("/app/recognition/exemplars/", {"q": "khong co"}).content.decode()
    assert "Nữ cán bộ tận tụy" not in body
