"""The campaign endpoints: every persona inside and outside scope, then what reads return and writes change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lamtheo.accounts.models import AuditEntry, User
from lamtheo.campaign import services
from lamtheo.campaign.models import Activity, Commitment, Holiday, Stage
from lamtheo.org.models import Person
from tests.api.test_api_scope import api_client
from tests.campaign.conftest import LONG_AGO, Campaign, campaign  # noqa: F401  (``campaign`` is a fixture)
from tests.campaign.factories import commitment_through, record_meeting
from tests.factories import make_person, make_user

MEETING_DAY = dt.date(2016, 3, 1)


@dataclass
class Scene:
    c: Campaign
    absentee: Person
    meeting: Activity  # Cell A1a's 2016 meeting: the old member present, the absentee away
    holiday: Holiday


@pytest.fixture
def scene(campaign: Campaign) -> Scene:  # noqa: F811  (the fixture imported above)
    org = campaign.org
    absentee = make_person(org.cell_a1a, family_name="Phạm", middle_name="Thị", given_name="Lan", joined_on=LONG_AGO)
    meeting = record_meeting(org.cell_a1a, campaign.plan_2016, MEETING_DAY, [campaign.old_member], [absentee])
    holiday = services.holiday_add(acting_user=None, day=dt.date(2016, 5, 19), name="Sinh nhật Bác")
    return Scene(c=campaign, absentee=absentee, meeting=meeting, holiday=holiday)


def english(user: User) -> Client:
    """An API client asking for English, so the services' messages can be matched here."""
    client = api_client(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def activity_body(s: Scene, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit": s.c.org.committee_a.code,
        "kind": "study_session",
        "title": "Học tập chuyên đề",
        "held_on": "2016-05-19",
        "place": "Hội trường",
        "expected_count": 40,
        "present_count": 38,
        "notes": "Đầy đủ",
    }
    body.update(changes)
    return body


# --- Role × scope ---------------------------------------------------------------------------------

Url = Callable[[Scene], str]
READS: list[tuple[str, Url]] = [
    ("activities_under", lambda s: f"/api/v1/activities?under={s.c.org.committee_a.code}"),
    ("activity", lambda s: f"/api/v1/activities/{s.meeting.code}"),
    ("commitments_under", lambda s: f"/api/v1/commitments?under={s.c.org.cell_a1a.code}"),
    ("commitment", lambda s: f"/api/v1/commitments/{commitment_through(s.c.old_member, 2016, stage='evaluated').code}"),
]
READ_MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 200, "outsider": 404}


@dataclass
class Write:
    """A write on Committee A's side: its URL and body, made ready in a fresh scene; and what changes."""

    prepare: Callable[[Scene], tuple[str, dict[str, Any]]]
    success: int
    state: Callable[[Scene], Any]


def _commitment_write(stage: str, step: str, body: dict[str, Any]) -> Callable[[Scene], tuple[str, dict[str, Any]]]:
    def prepare(s: Scene) -> tuple[str, dict[str, Any]]:
        c = commitment_through(s.c.old_member, 2016, stage=stage)
        return f"/api/v1/commitments/{c.code}/{step}", {"version": c.version, **body}

    return prepare


def _commitment_state(s: Scene) -> Any:
    return list(Commitment.objects.values_list("stage", "version", "self_rating", "cell_rating"))


WRITES: dict[str, Write] = {
    "activity_create": Write(
        lambda s: ("/api/v1/activities", activity_body(s)), 201, lambda s: Activity.objects.count()
    ),
    "self_assessment": Write(
        _commitment_write("registered", "self-assessment", {"self_assessment": "Đã làm", "self_rating": "good"}),
        200,
        _commitment_state,
    ),
    "evaluation": Write(
        _commitment_write("self_assessed", "evaluation", {"cell_rating": "excellent"}), 200, _commitment_state
    ),
    "approval": Write(_commitment_write("evaluated", "approval", {}), 200, _commitment_state),
}
# persona → the refusal it gets (None: the write succeeds)
WRITE_MATRIX: dict[str, int | None] = {
    "support_officer": None,
    "committee_officer": None,
    "viewer": 403,
    "outsider": 404,
}


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
@pytest.mark.parametrize("persona", list(READ_MATRIX))
def test_reads_answer_by_scope(scene: Scene, persona: str, name: str, url: Url) -> None:
    response = api_client(getattr(scene.c.org, persona)).get(url(scene))
    assert response.status_code == READ_MATRIX[persona], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("name", list(WRITES))
@pytest.mark.parametrize("persona", list(WRITE_MATRIX))
def test_writes_answer_by_scope_and_change_nothing_when_refused(scene: Scene, persona: str, name: str) -> None:
    write = WRITES[name]
    url, body = write.prepare(scene)
    before = write.state(scene)
    response = api_client(getattr(scene.c.org, persona)).post(url, body, content_type="application/json")
    refusal = WRITE_MATRIX[persona]
    if refusal is None:
        assert response.status_code == write.success, response.content
        assert write.state(scene) != before
    else:
        assert response.status_code == refusal, response.content
        assert response.json()["error"]["code"] == {403: "forbidden", 404: "not_found"}[refusal]
        assert write.state(scene) == before


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
def test_reads_without_a_token_answer_401(scene: Scene, name: str, url: Url) -> None:
    response = Client().get(url(scene))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("name", list(WRITES))
def test_writes_without_a_token_answer_401_and_change_nothing(scene: Scene, name: str) -> None:
    write = WRITES[name]
    url, body = write.prepare(scene)
    before = write.state(scene)
    response = Client().post(url, body, content_type="application/json")
    assert response.status_code == 401
    assert write.state(scene) == before


def test_a_malformed_or_unknown_code_is_not_found(scene: Scene) -> None:
    client = api_client(scene.c.org.admin)
    for url in ("/api/v1/activities/nope", "/api/v1/commitments/nope", f"/api/v1/commitments/{scene.meeting.code}"):
        assert client.get(url).status_code == 404
    assert client.get("/api/v1/activities?under=no-such-unit").status_code == 404


# --- Activities -----------------------------------------------------------------------------------


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["items"]]


def test_activities_filter_by_subtree_year_and_kind(scene: Scene) -> None:
    org = scene.c.org
    study = services.activity_create(
        acting_user=None, unit=org.committee_a, kind="study_session", held_on=dt.date(2017, 4, 2), title="Học tập"
    )
    youth = services.activity_create(
        acting_user=None, unit=org.cell_b1, kind="youth_activity", held_on=dt.date(2016, 3, 26), title="Thanh niên"
    )
    client = api_client(org.support_officer)
    meeting = str(scene.meeting.code)
    assert set(codes(client.get("/api/v1/activities"))) == {meeting, str(study.code), str(youth.code)}
    assert codes(client.get(f"/api/v1/activities?under={org.committee_a.code}")) == [meeting, str(study.code)]
    assert codes(client.get(f"/api/v1/activities?under={org.cell_a1a.code}")) == [meeting]
    assert codes(client.get("/api/v1/activities?year=2016")) == [meeting, str(youth.code)]
    assert codes(client.get("/api/v1/activities?kind=study_session")) == [str(study.code)]
    assert codes(client.get(f"/api/v1/activities?under={org.committee_b.code}&year=2017")) == []


def test_a_co_organiser_sees_the_activity_as_on_its_page(scene: Scene) -> None:
    org = scene.c.org
    joint = services.activity_create(
        acting_user=None,
        unit=org.committee_a,
        kind="youth_activity",
        held_on=dt.date(2016, 3, 26),
        co_organisers=[org.committee_b],
    )
    client = api_client(org.outsider)
    assert codes(client.get("/api/v1/activities")) == [str(joint.code)]
    assert client.get(f"/api/v1/activities/{joint.code}").json()["co_organisers"] == [org.committee_b.code]
    # ``under`` is the organiser's subtree, as the unit's activity page lists it.
    assert codes(client.get(f"/api/v1/activities?under={org.committee_b.code}")) == []


def test_an_activity_comes_with_its_attendance(scene: Scene) -> None:
    body = api_client(scene.c.org.viewer).get(f"/api/v1/activities/{scene.meeting.code}").json()
    assert (body["kind"], body["unit_code"], body["plan_code"]) == (
        "cell_meeting",
        scene.c.org.cell_a1a.code,
        str(scene.c.plan_2016.code),
    )
    assert (body["expected_count"], body["present_count"], body["absent_count"]) == (2, 1, 1)
    assert body["attendance_rate"] == 0.5
    assert body["held_on"] == "2016-03-01" and body["holiday"] is None
    assert body["attendances"] == [
        {"person_code": str(scene.c.old_member.code), "full_name": "Lê Thị Hoa", "present": True, "absence_reason": ""},
        {
            "person_code": str(scene.absentee.code),
            "full_name": "Phạm Thị Lan",
            "present": False,
            "absence_reason": "Đi công tác",
        },
    ]


def test_paging_walks_every_activity_once_without_extra_queries(
    scene: Scene, django_assert_max_num_queries: Any
) -> None:
    org = scene.c.org
    for i in range(7):
        services.activity_create(
            acting_user=None,
            unit=org.cell_a2,
            kind="other",
            held_on=dt.date(2016, 1, 1 + i),
            title=f"Hoạt động {i}",
            co_organisers=[org.committee_b],
        )
    client = api_client(org.committee_officer)
    seen: list[str] = []
    url = "/api/v1/activities?limit=4"
    while url:
        with django_assert_max_num_queries(5):  # token (and its last use), grants, the page, the co-organisers
            body = client.get(url).json()
        seen.extend(row["code"] for row in body["items"])
        url = f"/api/v1/activities?limit=4&cursor={body['next_cursor']}" if body["next_cursor"] else ""
    assert len(seen) == len(set(seen)) == 8
    assert set(seen) == {str(code) for code in Activity.objects.values_list("code", flat=True)}


@pytest.mark.parametrize(
    "query",
    ["year=0", "year=99999", "year=-5", f"year={10**30}", "limit=0", "limit=-1", f"limit={10**30}", "under="],
)
def test_odd_but_valid_filters_answer_200(scene: Scene, query: str) -> None:
    client = api_client(scene.c.org.committee_officer)
    for path in ("/api/v1/activities", "/api/v1/commitments", "/api/v1/holidays"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, response.content)


def test_unknown_choices_and_forged_cursors_get_a_json_error(scene: Scene) -> None:
    client = api_client(scene.c.org.committee_officer)
    assert client.get("/api/v1/activities?kind=parade").json()["error"]["code"] == "validation_error"
    assert client.get("/api/v1/commitments?stage=done").json()["error"]["code"] == "validation_error"
    for cursor in ("%%%notbase64", "WyJ4Il0", "WzFlMzAwXQ", "WzEsMl0", "dHJ1ZQ"):  # ["x"], [1e300], [1,2], true
        for path in ("/api/v1/activities", "/api/v1/commitments"):
            response = client.get(f"{path}?cursor={cursor}")
            assert response.status_code == 400, (path, cursor, response.content)
            assert response.json()["error"]["code"] == "refused"


def test_creating_an_activity_changes_what_the_page_would(scene: Scene) -> None:
    org = scene.c.org
    form = {
        "kind": "holiday_propaganda",
        "title": "Tuyên truyền 19/5",
        "held_on": "2016-05-19",
        "place": "Hội trường",
        "holiday": scene.holiday.pk,
        "co_organisers": f"{org.committee_b.code}, {org.cell_a2.code}",
        "expected_count": 40,
        "present_count": 38,
        "notes": "Đầy đủ",
    }
    page = org.client_for(org.committee_officer).post(
        f"/app/campaign/units/{org.committee_a.code}/activities/new/", form
    )
    assert page.status_code == 302
    body = activity_body(
        scene,
        kind="holiday_propaganda",
        title="Tuyên truyền 19/5",
        holiday=scene.holiday.pk,
        co_organisers=[org.committee_b.code, org.cell_a2.code],
    )
    response = api_client(org.committee_officer).post("/api/v1/activities", body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["plan_code"] == str(scene.c.plan_2016.code)
    assert created["holiday"] == {"id": scene.holiday.pk, "day": "2016-05-19", "name": "Sinh nhật Bác"}
    assert created["co_organisers"] == sorted([org.committee_b.code, org.cell_a2.code])
    by_page, by_api = (
        AuditEntry.objects.filter(action="activity.create", actor=org.committee_officer).order_by("id").values("after")
    )
    assert by_page["after"] == by_api["after"]
    assert api_client(org.committee_officer).get(f"/api/v1/activities/{created['code']}").json() == created


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2999-01-01"}, "is in the future"),
        ({"present_count": 41}, "More people attended than were expected."),
        ({"kind": "cell_meeting"}, "Record a cell meeting with its attendance list."),
        ({"kind": "holiday_propaganda"}, "Choose the holiday this propaganda is for."),
        ({"holiday": 10**12}, "There is no holiday with id"),
        ({"co_organisers": ["no-such-unit"]}, "No active unit with code: no-such-unit."),
        ({"co_organisers": ["committee-a"]}, "The organiser cannot also be a co-organiser."),
    ],
)
def test_a_refused_activity_says_why_and_records_nothing(scene: Scene, changes: dict[str, Any], message: str) -> None:
    before = Activity.objects.count()
    response = english(scene.c.org.committee_officer).post(
        "/api/v1/activities", activity_body(scene, **changes), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "refused"
    assert message in response.json()["error"]["message"]
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    "changes",
    [{"title": "   "}, {"kind": "parade"}, {"held_on": "2016-02-30"}, {"expected_count": -1}, {"notes": "a\x00b"}],
)
def test_a_malformed_activity_is_a_validation_error(scene: Scene, changes: dict[str, Any]) -> None:
    before = Activity.objects.count()
    response = api_client(scene.c.org.committee_officer).post(
        "/api/v1/activities", activity_body(scene, **changes), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert Activity.objects.count() == before


def test_holidays_are_read_by_every_logged_in_user(scene: Scene) -> None:
    services.holiday_add(acting_user=None, day=dt.date(2017, 9, 2), name="Quốc khánh")
    body = api_client(scene.c.org.outsider).get("/api/v1/holidays?year=2016").json()
    assert body == [{"id": scene.holiday.pk, "day": "2016-05-19", "name": "Sinh nhật Bác"}]
    assert len(api_client(scene.c.org.member).get("/api/v1/holidays").json()) == 2
    assert Client().get("/api/v1/holidays").status_code == 401


# --- Commitments ----------------------------------------------------------------------------------


def test_commitments_filter_by_subtree_year_and_stage(scene: Scene) -> None:
    org = scene.c.org
    old = commitment_through(scene.c.old_member, 2016, stage="approved")
    lan = commitment_through(scene.absentee, 2016, stage="registered")
    later = commitment_through(scene.c.old_member, 2017, stage="self_assessed")
    other = commitment_through(make_person(org.cell_b1, given_name="Bảo"), 2016, stage="registered")
    client = api_client(org.support_officer)
    assert codes(client.get("/api/v1/commitments")) == [str(c.code) for c in (old, lan, later, other)]
    assert codes(client.get(f"/api/v1/commitments?under={org.committee_a.code}&year=2016")) == [
        str(old.code),
        str(lan.code),
    ]
    assert codes(client.get("/api/v1/commitments?stage=registered")) == [str(lan.code), str(other.code)]
    assert codes(client.get(f"/api/v1/commitments?under={org.cell_a2.code}")) == []
    body = client.get(f"/api/v1/commitments/{old.code}").json()
    assert (body["stage"], body["is_locked"], body["cell_rating"], body["full_name"]) == (
        "approved",
        True,
        "good",
        "Lê Thị Hoa",
    )
    assert body["approved_at"] is not None
    registered = client.get(f"/api/v1/commitments/{lan.code}").json()
    assert (registered["self_rating"], registered["self_assessed_at"], registered["approved_at"]) == (None, None, None)


def test_a_member_without_a_role_sees_only_their_own_commitment(scene: Scene) -> None:
    org = scene.c.org
    user = make_user(username="hung")
    person = make_person(org.cell_a2, given_name="Hùng", joined_on=LONG_AGO)
    person.user = user
    person.save(update_fields=["user"])
    own = commitment_through(person, 2016, stage="registered")
    commitment_through(make_person(org.cell_a2, given_name="Khoa"), 2016, stage="registered")
    client = api_client(user)
    assert codes(client.get("/api/v1/commitments")) == [str(own.code)]
    assert client.get(f"/api/v1/commitments/{own.code}").status_code == 200
    assert client.get(f"/api/v1/commitments?under={org.cell_a2.code}").status_code == 404
    response = client.post(
        f"/api/v1/commitments/{own.code}/self-assessment",
        {"version": own.version, "self_assessment": "Đã học", "self_rating": "complete"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "self_assessed"
    evaluation = client.post(
        f"/api/v1/commitments/{own.code}/evaluation",
        {"version": response.json()["version"], "cell_rating": "excellent"},
        content_type="application/json",
    )
    assert evaluation.status_code == 403
    assert Commitment.objects.get(pk=own.pk).cell_rating == ""


def test_paging_walks_every_commitment_once(scene: Scene, django_assert_max_num_queries: Any) -> None:
    org = scene.c.org
    for i in range(5):
        commitment_through(make_person(org.cell_a2, given_name=f"Người {i}"), 2016, stage="registered")
    client = api_client(org.committee_officer)
    with django_assert_max_num_queries(4):  # token (and its last use), grants, the page: not one per row
        first = client.get("/api/v1/commitments?limit=2").json()
    second = client.get(f"/api/v1/commitments?limit=2&cursor={first['next_cursor']}").json()
    third = client.get(f"/api/v1/commitments?limit=2&cursor={second['next_cursor']}").json()
    seen = [row["code"] for body in (first, second, third) for row in body["items"]]
    assert third["next_cursor"] is None
    assert sorted(seen) == sorted(str(code) for code in Commitment.objects.values_list("code", flat=True))
    assert len(seen) == len(set(seen)) == 5


def post(client: Client, commitment: Commitment, step: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/commitments/{commitment.code}/{step}", body, content_type="application/json")


def test_a_commitment_goes_through_self_assessment_evaluation_and_approval(scene: Scene) -> None:
    org = scene.c.org
    c = services.commitment_register(
        acting_user=None, person=org.member_person, year=timezone.localdate().year, items=["Đọc sách"]
    )
    step = post(
        api_client(org.member),
        c,
        "self-assessment",
        {"version": c.version, "self_assessment": " Đã đọc ", "self_rating": "good"},
    )
    assert step.status_code == 200, step.content
    assert (step.json()["stage"], step.json()["self_assessment"], step.json()["version"]) == (
        "self_assessed",
        "Đã đọc",
        2,
    )
    step = post(
        api_client(org.cell_secretary),
        c,
        "evaluation",
        {"version": 2, "cell_rating": "excellent", "cell_comment": "Tốt"},
    )
    assert step.status_code == 200, step.content
    assert (step.json()["stage"], step.json()["cell_rating"]) == ("evaluated", "excellent")
    # The cell cannot approve its own rating: approval is the committee's, above it.
    assert post(api_client(org.cell_secretary), c, "approval", {"version": 3}).status_code == 403
    step = post(api_client(org.committee_officer), c, "approval", {"version": 3})
    assert step.status_code == 200, step.content
    assert (step.json()["stage"], step.json()["is_locked"]) == ("approved", True)
    c.refresh_from_db()
    assert (c.stage, c.evaluated_by, c.approved_by) == (Stage.APPROVED, org.cell_secretary, org.committee_officer)
    actions = AuditEntry.objects.filter(object_type="campaign.commitment", object_id=str(c.pk))
    assert sorted(actions.values_list("action", flat=True)) == [
        "commitment.approve",
        "commitment.evaluate",
        "commitment.register",
        "commitment.self_assess",
    ]


def test_an_approved_commitment_is_locked_for_every_step(scene: Scene) -> None:
    org = scene.c.org
    c = commitment_through(scene.c.old_member, 2016, stage="approved")
    client = english(org.support_officer)
    for step, body in [
        ("self-assessment", {"self_assessment": "Sửa", "self_rating": "excellent"}),
        ("evaluation", {"cell_rating": "complete"}),
    ]:
        response = post(client, c, step, {"version": c.version, **body})
        assert response.status_code == 400, response.content
        assert response.json()["error"]["message"] == "This commitment was approved by the committee and is locked."
    assert post(client, c, "approval", {"version": c.version}).status_code == 400
    # Without a language asked for, the API answers in Vietnamese, as the pages do.
    vietnamese = post(api_client(org.support_officer), c, "evaluation", {"version": c.version, "cell_rating": "good"})
    assert vietnamese.json()["error"]["message"] == "Cam kết này đã được đảng ủy phê duyệt và đã khóa."
    fresh = Commitment.objects.get(pk=c.pk)
    assert (fresh.version, fresh.self_rating, fresh.cell_rating, fresh.cell_comment) == (c.version, "good", "good", "")


@pytest.mark.parametrize(
    ("stage", "step", "body", "message"),
    [
        ("registered", "evaluation", {"cell_rating": "good"}, "The member has not self-assessed yet."),
        ("self_assessed", "approval", {}, "The cell has not evaluated this commitment yet."),
        (
            "evaluated",
            "self-assessment",
            {"self_assessment": "Sửa", "self_rating": "good"},
            "The cell has already evaluated this commitment; the self-assessment is closed.",
        ),
        (
            "registered",
            "self-assessment",
            {"self_assessment": "  ", "self_rating": "good"},
            "Write the self-assessment.",
        ),
    ],
)
def test_a_step_out_of_turn_is_refused_and_changes_nothing(
    scene: Scene, stage: str, step: str, body: dict[str, Any], message: str
) -> None:
    c = commitment_through(scene.c.old_member, 2016, stage=stage)
    response = post(english(scene.c.org.committee_officer), c, step, {"version": c.version, **body})
    assert response.status_code == 400, response.content
    assert response.json()["error"] == {"code": "refused", "message": message}
    fresh = Commitment.objects.get(pk=c.pk)
    assert (fresh.stage, fresh.version) == (c.stage, c.version)


def test_a_stale_version_is_a_conflict_and_changes_nothing(scene: Scene) -> None:
    c = commitment_through(scene.c.old_member, 2016, stage="self_assessed")
    client = english(scene.c.org.committee_officer)
    assert post(client, c, "evaluation", {"version": c.version, "cell_rating": "good"}).status_code == 200
    stale = post(client, c, "evaluation", {"version": c.version, "cell_rating": "not_complete"})
    assert stale.status_code == 409, stale.content
    assert "Someone else saved this commitment" in stale.json()["error"]["message"]
    assert Commitment.objects.get(pk=c.pk).cell_rating == "good"


@pytest.mark.parametrize(
    "body",
    [{"self_assessment": "x", "self_rating": "great"}, {"self_assessment": "x"}, {"self_rating": "good"}],
)
def test_a_malformed_self_assessment_is_a_validation_error(scene: Scene, body: dict[str, Any]) -> None:
    c = commitment_through(scene.c.old_member, 2016, stage="registered")
    for version in (c.version, 0, 10**30):
        response = post(api_client(scene.c.org.committee_officer), c, "self-assessment", {"version": version, **body})
        assert response.status_code == 422, response.content
    assert Commitment.objects.get(pk=c.pk).stage == Stage.REGISTERED


def test_the_openapi_document_describes_the_campaign_endpoints(scene: Scene) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/activities"]) == {"get", "post"}
    assert "409" in paths["/api/v1/commitments/{code}/approval"]["post"]["responses"]
    commitment = schema["components"]["schemas"]["CommitmentOut"]["properties"]
    assert {"type": "null"} in commitment["approved_at"]["anyOf"]
    assert schema["components"]["schemas"]["Stage"]["enum"] == ["registered", "self_assessed", "evaluated", "approved"]
