"""Every campaign view: insiders get the page, outsiders 404, view-only users 403 on writes, anonymous users log in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lamtheo.campaign import services
from lamtheo.campaign.models import Activity, Commitment, PlanDocument
from tests.campaign.conftest import Campaign
from tests.campaign.factories import commitment_through, pdf_bytes, png_bytes, record_meeting


@dataclass
class Scene:
    c: Campaign
    meeting: Activity
    commitment: Commitment
    document: PlanDocument


@pytest.fixture
def scene(campaign: Campaign) -> Scene:
    org = campaign.org
    meeting = record_meeting(org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, 1), [campaign.old_member], [])
    services.activity_photo_add(acting_user=None, activity=meeting, upload=SimpleUploadedFile("a.png", png_bytes()))
    commitment = commitment_through(campaign.old_member, 2016, stage="evaluated")
    services.plan_task_add(
        acting_user=None, plan=campaign.committee_plan, title="Quán triệt", due_on=dt.date(campaign.year, 12, 1)
    )
    services.plan_task_add(
        acting_user=None,
        plan=campaign.bloc_plan,
        title="Tổng kết",
        due_on=dt.date(campaign.year, 12, 1),
        owner_unit=org.bloc,
    )
    document = services.plan_document_add(
        acting_user=None, plan=campaign.committee_plan, title="KH", upload=SimpleUploadedFile("kh.pdf", pdf_bytes())
    )
    return Scene(c=campaign, meeting=meeting, commitment=commitment, document=document)


Url = Callable[[Scene], str]
READ_VIEWS: list[tuple[str, Url]] = [
    ("unit_plans", lambda s: f"/app/campaign/units/{s.c.org.committee_a.code}/plans/"),
    ("plan", lambda s: f"/app/campaign/plans/{s.c.committee_plan.code}/"),
    ("document", lambda s: f"/app/campaign/documents/{s.document.code}/"),
    ("unit_activities", lambda s: f"/app/campaign/units/{s.c.org.cell_a1a.code}/activities/"),
    ("activity", lambda s: f"/app/campaign/activities/{s.meeting.code}/"),
    ("photo", lambda s: f"/app/campaign/activities/{s.meeting.code}/photos/{s.meeting.photos.get().code}/"),
    ("commitment", lambda s: f"/app/campaign/commitments/{s.commitment.code}/"),
    ("cell_commitments", lambda s: f"/app/campaign/units/{s.c.org.cell_a1a.code}/commitments/2016/"),
    ("progress", lambda s: f"/app/campaign/units/{s.c.org.committee_a.code}/progress/2016/"),
    ("progress_cell", lambda s: f"/app/campaign/units/{s.c.org.cell_a1a.code}/progress/2016/"),
]
WRITE_VIEWS: list[tuple[str, Url]] = [
    ("plan_create", lambda s: f"/app/campaign/units/{s.c.org.committee_a.code}/plans/new/"),
    ("plan_edit", lambda s: f"/app/campaign/plans/{s.c.committee_plan.code}/edit/"),
    ("meeting_record", lambda s: f"/app/campaign/units/{s.c.org.cell_a1a.code}/meetings/new/"),
    ("activity_create", lambda s: f"/app/campaign/units/{s.c.org.committee_a.code}/activities/new/"),
    ("evaluate", lambda s: f"/app/campaign/commitments/{s.commitment.code}/evaluate/"),
    ("register", lambda s: f"/app/campaign/people/{s.c.org.member_person.code}/commitments/2016/"),
    ("thresholds", lambda s: f"/app/campaign/units/{s.c.org.committee_a.code}/thresholds/2016/"),
]
# Writes that only take a POST.
POST_VIEWS: list[tuple[str, Url]] = [
    (
        "plan_adopt",
        lambda s: f"/app/campaign/units/{s.c.org.grassroots_a1.code}/plans/adopt/{s.c.committee_plan.code}/",
    ),
    ("document_add", lambda s: f"/app/campaign/plans/{s.c.committee_plan.code}/documents/"),
    ("task_add", lambda s: f"/app/campaign/plans/{s.c.committee_plan.code}/tasks/"),
    ("photo_add", lambda s: f"/app/campaign/activities/{s.meeting.code}/photos/"),
    ("approve", lambda s: f"/app/campaign/commitments/{s.commitment.code}/approve/"),
    ("approve_cell", lambda s: f"/app/campaign/units/{s.c.org.cell_a1a.code}/commitments/2016/approve/"),
]
GET_VIEWS = READ_VIEWS + WRITE_VIEWS
ALL_VIEWS = GET_VIEWS + POST_VIEWS


def ids(views: list[tuple[str, Url]]) -> list[str]:
    return [name for name, _url in views]


@pytest.mark.parametrize(("name", "url"), GET_VIEWS, ids=ids(GET_VIEWS))
def test_insider_gets_the_page(scene: Scene, name: str, url: Url) -> None:
    assert scene.c.org.client_for(scene.c.org.committee_officer).get(url(scene)).status_code == 200


@pytest.mark.parametrize(("name", "url"), ALL_VIEWS, ids=ids(ALL_VIEWS))
def test_outsider_gets_404(scene: Scene, name: str, url: Url) -> None:
    client = scene.c.org.client_for(scene.c.org.outsider)
    assert client.get(url(scene)).status_code in (404, 405)
    assert client.post(url(scene), {}).status_code in (404, 405)
    if name in ids(GET_VIEWS):
        assert client.get(url(scene)).status_code == 404


@pytest.mark.parametrize(("name", "url"), WRITE_VIEWS + POST_VIEWS, ids=ids(WRITE_VIEWS + POST_VIEWS))
def test_view_only_user_gets_403_on_writes(scene: Scene, name: str, url: Url) -> None:
    client = scene.c.org.client_for(scene.c.org.viewer)
    if name in ids(WRITE_VIEWS):
        assert client.get(url(scene)).status_code == 403
    assert client.post(url(scene), {}).status_code == 403


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=ids(READ_VIEWS))
def test_view_only_user_can_read(scene: Scene, name: str, url: Url) -> None:
    assert scene.c.org.client_for(scene.c.org.viewer).get(url(scene)).status_code == 200


@pytest.mark.parametrize(("name", "url"), ALL_VIEWS, ids=ids(ALL_VIEWS))
def test_anonymous_user_is_sent_to_login(scene: Scene, name: str, url: Url) -> None:
    response = Client().get(url(scene))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/app/campaign/", "/app/campaign/holidays/2016/"], ids=["index", "holidays"])
def test_campaign_wide_pages_open_for_every_logged_in_user(campaign: Campaign, url: str) -> None:
    for user in (campaign.org.outsider, campaign.org.member, campaign.org.viewer):
        assert campaign.org.client_for(user).get(url).status_code == 200
    assert Client().get(url).status_code == 302


def test_only_the_support_unit_edits_holidays_and_programmes(campaign: Campaign) -> None:
    org = campaign.org
    officer = org.client_for(org.committee_officer)
    assert officer.post("/app/campaign/holidays/2016/", {"day": "2016-09-02", "name": "Quốc khánh"}).status_code == 403
    assert officer.get("/app/campaign/programmes/new/").status_code == 403
    support = org.client_for(org.support_officer)
    response = support.post("/app/campaign/holidays/2016/", {"day": "2016-09-02", "name": "Quốc khánh"})
    assert response.status_code == 302
    assert support.get("/app/campaign/programmes/new/").status_code == 200


def test_a_member_sees_the_blocs_plan_but_an_outsider_not_a_committees(campaign: Campaign) -> None:
    org = campaign.org
    member = org.client_for(org.member)
    assert member.get(f"/app/campaign/plans/{campaign.bloc_plan.code}/").status_code == 200
    assert member.get(f"/app/campaign/plans/{campaign.committee_plan.code}/").status_code == 200
    assert org.client_for(org.outsider).get(f"/app/campaign/plans/{campaign.committee_plan.code}/").status_code == 404


def test_a_malformed_code_is_not_found(campaign: Campaign) -> None:
    client = campaign.org.client_for(campaign.org.admin)
    for url in ("/app/campaign/plans/nope/", "/app/campaign/activities/nope/", "/app/campaign/commitments/nope/"):
        assert client.get(url).status_code == 404
