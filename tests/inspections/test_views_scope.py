"""Every inspections view: insiders get the page, outsiders 404, view-only users 403 on writes, anonymous → login."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lamtheo.inspections import services
from lamtheo.inspections.models import FindingKind, Inspection, InspectionPlan, Recommendation, RecommendationStatus
from tests.conftest import Org
from tests.inspections.factories import make_finding, make_inspection, make_recommendation

pytestmark = pytest.mark.django_db


@dataclass
class World:
    org: Org
    plan: InspectionPlan
    inspection: Inspection
    recommendation: Recommendation
    document_code: str


@pytest.fixture
def world(org: Org) -> World:
    plan = services.plan_create(acting_user=None, unit=org.committee_a, year=2016)
    inspection = make_inspection(org.committee_a, org.grassroots_a1, dt.date(2016, 3, 3))
    make_finding(inspection)
    recommendation = make_recommendation(inspection)
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    document = services.document_attach(acting_user=None, inspection=inspection, title="Biên bản", upload=upload)
    return World(org, plan, inspection, recommendation, str(document.code))


Url = Callable[[World], str]
READ_VIEWS: list[tuple[str, Url]] = [
    ("unit", lambda w: f"/app/inspections/units/{w.org.committee_a.code}/"),
    ("plan", lambda w: f"/app/inspections/plans/{w.plan.code}/"),
    ("coverage", lambda w: f"/app/inspections/plans/{w.plan.code}/coverage/"),
    ("inspection", lambda w: f"/app/inspections/{w.inspection.code}/"),
    ("document", lambda w: f"/app/inspections/{w.inspection.code}/documents/{w.document_code}/"),
]
FORM_VIEWS: list[tuple[str, Url]] = [
    ("inspection_create", lambda w: f"/app/inspections/units/{w.org.committee_a.code}/new/"),
    ("plan_create", lambda w: f"/app/inspections/units/{w.org.committee_a.code}/plans/new/"),
    ("plan_edit", lambda w: f"/app/inspections/plans/{w.plan.code}/edit/"),
]
POST_VIEWS: list[tuple[str, Url, Callable[[World], dict[str, Any]]]] = [
    (
        "plan_item_add",
        lambda w: f"/app/inspections/plans/{w.plan.code}/items/",
        lambda w: {"target": w.org.cell_a2.code, "month": "4", "kind": "inspection"},
    ),
    (
        "finding_add",
        lambda w: f"/app/inspections/{w.inspection.code}/findings/",
        lambda w: {"kind": FindingKind.SHORTCOMING, "title": "Sinh hoạt còn hình thức"},
    ),
    (
        "recommendation_add",
        lambda w: f"/app/inspections/{w.inspection.code}/recommendations/",
        lambda w: {"text": "Khắc phục", "responsible_unit": w.org.grassroots_a1.code, "due_date": "2016-06-01"},
    ),
    (
        "recommendation_answer",
        lambda w: f"/app/inspections/recommendations/{w.recommendation.code}/answer/",
        lambda w: {"version": "1", "answer": "Đã khắc phục"},
    ),
]


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


@pytest.mark.parametrize(("name", "url", "data"), POST_VIEWS, ids=_ids(POST_VIEWS))
def test_insider_posts_and_is_redirected(world: World, name: str, url: Url, data: Callable[[World], dict]) -> None:
    response = world.org.client_for(world.org.committee_officer).post(url(world), data(world))
    assert response.status_code == 302


@pytest.mark.parametrize(("name", "url", "data"), POST_VIEWS, ids=_ids(POST_VIEWS))
def test_view_only_user_gets_403_and_outsider_404_on_posts(
    world: World, name: str, url: Url, data: Callable[[World], dict]
) -> None:
    assert world.org.client_for(world.org.viewer).post(url(world), data(world)).status_code == 403
    assert world.org.client_for(world.org.outsider).post(url(world), data(world)).status_code == 404


@pytest.mark.parametrize(
    ("name", "url"),
    [*READ_VIEWS, *FORM_VIEWS, *[(n, u) for n, u, _ in POST_VIEWS]],
    ids=_ids([*READ_VIEWS, *FORM_VIEWS, *POST_VIEWS]),
)
def test_anonymous_user_is_sent_to_login(world: World, name: str, url: Url) -> None:
    response = Client().get(url(world))
    if response.status_code == 405:  # POST-only views
        response = Client().post(url(world), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "path", ["/app/inspections/", "/app/inspections/good-practices/", "/app/inspections/recommendations/"]
)
def test_list_pages_open_to_every_logged_in_user(world: World, path: str) -> None:
    for user in (world.org.committee_officer, world.org.outsider, world.org.member):
        assert world.org.client_for(user).get(path).status_code == 200


def test_the_inspector_closes_an_answered_recommendation_and_the_inspected_side_cannot(world: World) -> None:
    org, rec = world.org, world.recommendation
    # The inspection was made by committee A; its grassroots committee is the inspected side.
    services.recommendation_answer(acting_user=None, recommendation=rec, expected_version=1, answer="Xong")
    url = f"/app/inspections/recommendations/{rec.code}/close/"
    assert org.client_for(org.cell_secretary).post(url, {"version": "2"}).status_code == 404
    assert org.client_for(org.viewer).post(url, {"version": "2"}).status_code == 403
    assert org.client_for(org.outsider).post(url, {"version": "2"}).status_code == 404
    assert org.client_for(org.committee_officer).post(url, {"version": "2"}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.CLOSED


def test_the_inspection_list_shows_only_inspections_in_scope(world: World) -> None:
    other = make_inspection(world.org.committee_b, world.org.cell_b1)
    body = world.org.client_for(world.org.committee_officer).get("/app/inspections/").content.decode()
    assert str(world.inspection.code) in body
    assert str(other.code) not in body


def test_the_inspected_side_sees_the_inspection_made_above_it(world: World) -> None:
    above = make_inspection(world.org.bloc, world.org.committee_a)
    client = world.org.client_for(world.org.committee_officer)
    assert client.get(f"/app/inspections/{above.code}/").status_code == 200
    # … but cannot add findings to it.
    response = client.post(f"/app/inspections/{above.code}/findings/", {"kind": "shortcoming", "title": "x"})
    assert response.status_code == 403


def test_a_malformed_code_is_not_found(world: World) -> None:
    client = world.org.client_for(world.org.committee_officer)
    assert client.get("/app/inspections/not-a-uuid/").status_code == 404
    assert client.get("/app/inspections/plans/not-a-uuid/").status_code == 404
    assert client.get(f"/app/inspections/{world.inspection.code}/documents/nope/").status_code == 404
