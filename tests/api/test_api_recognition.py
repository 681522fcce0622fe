"""The recognition API: commendations and exemplars, every endpoint × every persona, filters and pagination."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lamtheo.recognition import services
from lamtheo.recognition.models import Commendation, CommendationForm, Exemplar, ExemplarStatus, Nomination, Occasion
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.recognition.factories import decide, make_nomination, make_occasion


@dataclass
class World:
    org: Org
    occasion: Occasion
    commendation: Commendation  # committee A nominated grassroots A1; the Bloc decided
    other_commendation: Commendation  # committee B nominated cell B1: another subtree
    exemplar: Exemplar  # committee A proposed cell A2
    other_exemplar: Exemplar  # committee B proposed cell B1


def accepted(nomination: Nomination) -> Nomination:
    return services.nomination_accept(acting_user=None, nomination=nomination, expected_version=nomination.version)


def propose(by: Any, unit: Any, title: str, story: str = "Giữ gìn sổ sách mẫu mực.") -> Exemplar:
    return services.exemplar_propose(acting_user=None, proposed_by=by, unit=unit, title=title, story=story)


@pytest.fixture
def world(org: Org) -> World:
    occasion = make_occasion(org.bloc)
    ours = accepted(make_nomination(occasion, org.committee_a, unit=org.grassroots_a1))
    theirs = accepted(make_nomination(occasion, org.committee_b, unit=org.cell_b1))
    decision = decide(occasion, [ours, theirs])
    return World(
        org,
        occasion,
        decision.commendations.get(nominee_unit=org.grassroots_a1),
        decision.commendations.get(nominee_unit=org.cell_b1),
        propose(org.committee_a, org.cell_a2, "Chi bộ Văn phòng tiêu biểu"),
        propose(org.committee_b, org.cell_b1, "Chi bộ Vụ B1 đoàn kết"),
    )


# ---------------------------------------------------------------------------------------------------
# Role × scope matrix

Url = Callable[[World], str]
READS: list[tuple[str, Url]] = [
    ("commendations_under", lambda w: f"/api/v1/commendations?under={w.org.committee_a.code}"),
    ("commendation", lambda w: f"/api/v1/commendations/{w.commendation.code}"),
    ("exemplars_under", lambda w: f"/api/v1/exemplars?under={w.org.committee_a.code}"),
    ("exemplar", lambda w: f"/api/v1/exemplars/{w.exemplar.code}"),
]
MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 200, "outsider": 404}


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
@pytest.mark.parametrize("persona", list(MATRIX))
def test_reads_answer_by_scope(world: World, persona: str, name: str, url: Url) -> None:
    response = api_client(getattr(world.org, persona)).get(url(world))
    assert response.status_code == MATRIX[persona], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
def test_reads_without_a_token_get_401(world: World, name: str, url: Url) -> None:
    response = Client().get(url(world))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


# ---------------------------------------------------------------------------------------------------
# Commendations


def _codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_commendation_lists_hold_only_what_the_caller_may_see(world: World) -> None:
    ours, theirs = str(world.commendation.code), str(world.other_commendation.code)
    assert _codes(api_client(world.org.support_officer).get("/api/v1/commendations")) == [ours, theirs]
    assert _codes(api_client(world.org.viewer).get("/api/v1/commendations")) == [ours]
    assert _codes(api_client(world.org.outsider).get("/api/v1/commendations")) == [theirs]


def test_one_commendation_says_who_was_commended_by_which_decision(world: World) -> None:
    body = api_client(world.org.committee_officer).get(f"/api/v1/commendations/{world.commendation.code}").json()
    assert body["nominee_kind"] == "unit" and body["nominee_unit_code"] == "gr-a1"
    assert body["nominee_name"] == "Đảng bộ Cục A1" and body["nominee_person_code"] is None
    assert body["decision_number"] == "123-QĐ/ĐUK" and body["decision_date"] == "2016-12-20"
    assert body["form"] == "certificate" and body["issuing_unit_code"] == "bloc"
    assert body["nominating_unit_code"] == "committee-a" and body["occasion_period"] == "2016"


def test_commendations_filter_by_subtree_year_and_form(world: World) -> None:
    org = world.org
    later = make_occasion(org.bloc, "Năm 2017", (2017, 2017))
    person = accepted(make_nomination(later, org.committee_a, person=org.member_person))
    decision = services.decision_create(
        acting_user=None,
        occasion=later,
        number="7-QĐ/ĐUK",
        date=dt.date(2017, 12, 1),
        signer_name="Nguyễn Văn Thành",
        signer_title="Phó Bí thư",
        form=CommendationForm.PRAISE,
        nominations=[person],
    )
    praised = str(decision.commendations.get().code)
    client = api_client(org.support_officer)
    assert _codes(client.get("/api/v1/commendations?year=2017")) == [praised]
    assert _codes(client.get("/api/v1/commendations?form=praise")) == [praised]
    assert _codes(client.get("/api/v1/commendations?year=2016&form=praise")) == []
    # The nominee is what lies in the subtree: a person of cell A1a, nominated by committee A.
    assert _codes(client.get(f"/api/v1/commendations?under={org.cell_a1a.code}")) == [praised]
    under_a = _codes(client.get(f"/api/v1/commendations?under={org.committee_a.code}"))
    assert under_a == [str(world.commendation.code), praised]
    item = client.get(f"/api/v1/commendations/{praised}").json()
    assert item["nominee_kind"] == "person" and item["nominee_person_code"] == str(org.member_person.code)


def test_pagination_walks_every_commendation_once(world: World) -> None:
    org = world.org
    nominations = [accepted(make_nomination(world.occasion, org.committee_a, unit=org.cell_a2))]
    nominations.append(accepted(make_nomination(world.occasion, org.committee_a, unit=org.cell_a1a)))
    decide(world.occasion, nominations, number="124-QĐ/ĐUK")
    client = api_client(org.support_officer)
    seen: list[str] = []
    cursor = ""
    while True:
        body = client.get("/api/v1/commendations?limit=1" + (f"&cursor={cursor}" if cursor else "")).json()
        assert len(body["items"]) <= 1
        seen.extend(item["code"] for item in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == Commendation.objects.count() == 4


# ---------------------------------------------------------------------------------------------------
# Exemplars


def test_exemplar_lists_hold_only_what_the_caller_may_see(world: World) -> None:
    assert _codes(api_client(world.org.viewer).get("/api/v1/exemplars")) == [str(world.exemplar.code)]
    assert _codes(api_client(world.org.outsider).get("/api/v1/exemplars")) == [str(world.other_exemplar.code)]
    assert len(_codes(api_client(world.org.support_officer).get("/api/v1/exemplars"))) == 2


def test_exemplars_filter_by_status_year_subtree_and_words(world: World) -> None:
    services.exemplar_review(
        acting_user=None, exemplar=world.exemplar, expected_version=1, status=ExemplarStatus.VERIFIED
    )
    client = api_client(world.org.support_officer)
    ours, theirs = str(world.exemplar.code), str(world.other_exemplar.code)
    assert _codes(client.get("/api/v1/exemplars?status=verified")) == [ours]
    assert _codes(client.get("/api/v1/exemplars?status=proposed")) == [theirs]
    assert _codes(client.get(f"/api/v1/exemplars?year={timezone.localdate().year}")) == [ours, theirs]
    assert _codes(client.get("/api/v1/exemplars?year=2001")) == []
    assert _codes(client.get(f"/api/v1/exemplars?under={world.org.cell_a2.code}")) == [ours]
    assert _codes(client.get("/api/v1/exemplars?q=doan+ket")) == [theirs]


def test_one_exemplar_comes_with_its_story(world: World) -> None:
    body = api_client(world.org.viewer).get(f"/api/v1/exemplars/{world.exemplar.code}").json()
    assert body["title"] == "Chi bộ Văn phòng tiêu biểu" and body["story"] == "Giữ gìn sổ sách mẫu mực."
    assert body["subject_kind"] == "collective" and body["unit_code"] == "cell-a2" and body["person_code"] is None
    assert body["proposed_by_code"] == "committee-a" and body["status"] == "proposed"
    assert body["has_evidence"] is False and body["published_url"] == "" and body["version"] == 1


def test_pagination_walks_every_exemplar_once(world: World) -> None:
    for i in range(5):
        propose(world.org.committee_a, world.org.cell_a2, f"Gương số {i}")
    client = api_client(world.org.committee_officer)
    first = client.get("/api/v1/exemplars?limit=4").json()
    second = client.get(f"/api/v1/exemplars?limit=4&cursor={first['next_cursor']}").json()
    codes = [e["code"] for e in first["items"] + second["items"]]
    assert len(codes) == len(set(codes)) == 6 and second["next_cursor"] is None


# ---------------------------------------------------------------------------------------------------
# Odd input


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/commendations?year=0",
        "/api/v1/commendations?year=99999",
        "/api/v1/commendations?form=medal",
        "/api/v1/exemplars?year=0",
        "/api/v1/exemplars?status=famous",
        "/api/v1/exemplars?q=" + "a" * 101,
    ],
)
def test_odd_filters_get_a_json_validation_error(world: World, url: str) -> None:
    response = api_client(world.org.committee_officer).get(url)
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "validation_error"


def test_odd_limits_and_unknown_codes_are_answered_not_crashed(world: World) -> None:
    client = api_client(world.org.support_officer)
    assert len(client.get("/api/v1/commendations?limit=0").json()["items"]) == 1
    assert len(client.get(f"/api/v1/exemplars?limit={10**12}").json()["items"]) == 2
    assert client.get("/api/v1/exemplars?under=no-such-unit").status_code == 404
    assert client.get("/api/v1/commendations/not-a-uuid").status_code == 404
    assert client.get("/api/v1/exemplars/00000000-0000-0000-0000-000000000000").status_code == 404
    bad_cursor = client.get("/api/v1/exemplars?cursor=%%%")
    assert bad_cursor.status_code == 400 and bad_cursor.json()["error"]["code"] == "refused"


def test_the_lists_cost_the_same_whatever_their_length(
    world: World, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for i in range(10):
        propose(world.org.committee_a, world.org.cell_a2, f"Gương số {i}")
    client = api_client(world.org.support_officer)
    client.get("/api/v1/me")
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/exemplars?limit=100").json()["items"]) == 12
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/commendations?limit=100").json()["items"]) == 2


def test_the_openapi_document_describes_the_recognition_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    expected = {
        "/api/v1/commendations",
        "/api/v1/commendations/{code}",
        "/api/v1/exemplars",
        "/api/v1/exemplars/{code}",
    }
    assert expected <= set(paths)
