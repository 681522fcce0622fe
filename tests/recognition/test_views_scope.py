"""Every recognition view: insiders get the page, outsiders 404, view-only users 403 on writes, anonymous → login."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from lamtheo.recognition import services
from lamtheo.recognition.models import Commendation, Exemplar, Nomination, NominationStatus, Occasion
from tests.conftest import Org
from tests.factories import make_unit
from tests.recognition.factories import decide, make_nomination, make_occasion

pytestmark = pytest.mark.django_db


@dataclass
class World:
    org: Org
    occasion: Occasion
    nomination: Nomination
    commendation: Commendation
    exemplar: Exemplar


@pytest.fixture
def world(org: Org) -> World:
    occasion = make_occasion(org.bloc)
    nomination = make_nomination(occasion, org.committee_a, unit=org.cell_a2)
    decided = make_nomination(occasion, org.committee_a, unit=org.grassroots_a1)
    decided = services.nomination_accept(acting_user=None, nomination=decided, expected_version=decided.version)
    commendation = decide(occasion, [decided]).commendations.get()
    exemplar = services.exemplar_propose(
        acting_user=None, proposed_by=org.committee_a, unit=org.cell_a2, title="Chi bộ tiêu biểu", story="…"
    )
    return World(org, occasion, nomination, commendation, exemplar)


Url = Callable[[World], str]
# Pages of objects that belong to committee A's subtree.
READ_VIEWS: list[tuple[str, Url]] = [
    ("nomination", lambda w: f"/app/recognition/nominations/{w.nomination.code}/"),
    ("decision", lambda w: f"/app/recognition/decisions/{w.commendation.decision.code}/"),
    ("certificate", lambda w: f"/app/recognition/commendations/{w.commendation.code}/certificate.docx"),
    ("exemplar", lambda w: f"/app/recognition/exemplars/{w.exemplar.code}/"),
]
FORM_VIEWS: list[tuple[str, Url]] = [
    ("nominate", lambda w: f"/app/recognition/units/{w.org.committee_a.code}/nominate/"),
    ("exemplar_propose", lambda w: f"/app/recognition/units/{w.org.committee_a.code}/exemplars/new/"),
]
LIST_VIEWS = ["/app/recognition/", "/app/recognition/occasions/", "/app/recognition/exemplars/"]


def _ids(views: list[Any]) -> list[str]:
    return [v[0] for v in views]


@pytest.mark.parametrize(("name", "url"), READ_VIEWS + FORM_VIEWS, ids=_ids(READ_VIEWS + FORM_VIEWS))
def test_insider_gets_the_page(world: World, name: str, url: Url) -> None:
    assert world.org.client_for(world.org.committee_officer).get(url(world)).status_code == 200


@pytest.mark.parametrize(("name", "url"), READ_VIEWS + FORM_VIEWS, ids=_ids(READ_VIEWS + FORM_VIEWS))
def test_outsider_gets_404(world: World, name: str, url: Url) -> None:
    client = world.org.client_for(world.org.outsider)
    assert client.get(url(world)).status_code == 404
    assert client.post(url(world), {}).status_code in (404, 405)


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=_ids(READ_VIEWS))
def test_view_only_user_can_read(world: World, name: str, url: Url) -> None:
    assert world.org.client_for(world.org.viewer).get(url(world)).status_code == 200


@pytest.mark.parametrize(("name", "url"), FORM_VIEWS, ids=_ids(FORM_VIEWS))
def test_view_only_user_gets_403_on_forms(world: World, name: str, url: Url) -> None:
    client = world.org.client_for(world.org.viewer)
    assert client.get(url(world)).status_code == 403
    assert client.post(url(world), {}).status_code == 403


@pytest.mark.parametrize(("name", "url"), READ_VIEWS + FORM_VIEWS, ids=_ids(READ_VIEWS + FORM_VIEWS))
def test_anonymous_user_is_sent_to_login(world: World, name: str, url: Url) -> None:
    response = Client().get(url(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", LIST_VIEWS)
def test_list_pages_show_only_what_is_in_scope(world: World, path: str) -> None:
    assert Client().get(path).status_code == 302
    inside = world.org.client_for(world.org.committee_officer).get(path)
    outside = world.org.client_for(world.org.outsider).get(path)
    assert inside.status_code == outside.status_code == 200
    if path.endswith("exemplars/"):
        assert "Chi bộ tiêu biểu" in inside.content.decode()
        assert "Chi bộ tiêu biểu" not in outside.content.decode()
    if path == "/app/recognition/":
        assert "Đảng bộ Cục A1" in inside.content.decode()
        assert "Đảng bộ Cục A1" not in outside.content.decode()


def test_the_occasion_page_is_open_to_units_below_and_its_review_forms_to_the_support_unit(world: World) -> None:
    org, url = world.org, f"/app/recognition/occasions/{world.occasion.code}/"
    assert org.client_for(org.committee_officer).get(url).status_code == 200
    assert org.client_for(org.outsider).get(url).status_code == 200  # committee B may nominate too
    assert "Văn phòng A" not in org.client_for(org.outsider).get(url).content.decode()  # … but not see A's
    assert "Ghi nhận quyết định" not in org.client_for(org.committee_officer).get(url).content.decode()
    assert "Ghi nhận quyết định" in org.client_for(org.support_officer).get(url).content.decode()
    assert Client().get(url).status_code == 302


def test_only_the_support_unit_accepts_returns_and_decides(world: World) -> None:
    org, nomination = world.org, world.nomination
    accept = f"/app/recognition/nominations/{nomination.code}/accept/"
    data = {"version": str(nomination.version)}
    assert org.client_for(org.viewer).post(accept, data).status_code == 404
    assert org.client_for(org.committee_officer).post(accept, data).status_code == 404
    assert org.client_for(org.outsider).post(accept, data).status_code == 404
    assert Client().post(accept, data).status_code == 302
    decide_url = f"/app/recognition/occasions/{world.occasion.code}/decide/"
    assert org.client_for(org.committee_officer).post(decide_url, {}).status_code == 404
    assert org.client_for(org.support_officer).post(accept, data).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED


def test_the_nominating_unit_submits_and_a_view_only_user_cannot(world: World) -> None:
    org = world.org
    draft = make_nomination(world.occasion, org.committee_a, person=org.member_person, submit=False)
    url = f"/app/recognition/nominations/{draft.code}/submit/"
    assert org.client_for(org.viewer).post(url, {"version": "1"}).status_code == 403
    assert org.client_for(org.outsider).post(url, {"version": "1"}).status_code == 404
    assert org.client_for(org.committee_officer).post(url, {"version": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == NominationStatus.SUBMITTED


def test_deciding_a_returned_nomination_through_the_page_shows_the_error_and_changes_nothing(world: World) -> None:
    org, nomination = world.org, world.nomination
    services.nomination_return(
        acting_user=None, nomination=nomination, expected_version=nomination.version, reason="Thiếu minh chứng"
    )
    response = org.client_for(org.support_officer).post(
        f"/app/recognition/occasions/{world.occasion.code}/decide/",
        {
            "number": "999-QĐ/ĐUK",
            "date": "2016-12-01",
            "signer_name": "A",
            "signer_title": "B",
            "form": "praise",
            "nominations": [str(nomination.code)],
        },
    )
    assert response.status_code == 400
    assert "999-QĐ/ĐUK" in response.content.decode()  # what the user typed is kept
    assert not Commendation.objects.filter(decision__number="999-QĐ/ĐUK").exists()


def test_the_commendation_list_costs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    org = world.org
    occasion = make_occasion(org.bloc, "Năm 2015", (2015, 2015))
    nominations = []
    for n in range(15):
        unit = make_unit(org.committee_a, name=f"Chi bộ {n}")
        nomination = make_nomination(occasion, org.committee_a, unit=unit)
        nominations.append(
            services.nomination_accept(acting_user=None, nomination=nomination, expected_version=nomination.version)
        )
    decide(occasion, nominations, number="200-QĐ/ĐUK")
    client = org.client_for(org.support_officer)
    with django_assert_max_num_queries(14):
        response = client.get("/app/recognition/")
    assert response.content.decode().count("certificate.docx") == 16
