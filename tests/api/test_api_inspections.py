"""The inspections API: every endpoint × every persona, filters, pagination, and the follow-up of recommendations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from lamtheo.accounts.models import AuditEntry
from lamtheo.inspections import services
from lamtheo.inspections.models import FindingKind, Inspection, InspectionKind, Recommendation, RecommendationStatus
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.inspections.factories import make_finding, make_inspection, make_recommendation


@dataclass
class World:
    org: Org
    inspection: Inspection  # the Bloc inspected committee A
    recommendation: Recommendation  # committee A must answer it, the Bloc closes it
    other: Inspection  # the Bloc inspected committee B: another subtree


@pytest.fixture
def world(org: Org) -> World:
    inspection = make_inspection(org.bloc, org.committee_a, dt.date(2016, 3, 10))
    make_finding(inspection, "Sổ tay làm theo lời Bác")
    make_finding(inspection, "Chưa có kế hoạch chuyên đề", kind=FindingKind.SHORTCOMING)
    recommendation = make_recommendation(inspection)
    other = make_inspection(org.bloc, org.committee_b, dt.date(2017, 5, 2), kind=InspectionKind.SUPERVISION)
    make_finding(other, "Cách làm hay ở Bộ B")
    return World(org, inspection, recommendation, other)


def answer(client: Client, rec: Recommendation, text: str = "Đã xây dựng kế hoạch.", version: int | None = None) -> Any:
    body = {"version": rec.version if version is None else version, "answer": text}
    return client.post(f"/api/v1/recommendations/{rec.code}/answer", body, content_type="application/json")


def close(client: Client, rec: Recommendation, version: int | None = None) -> Any:
    body = {"version": rec.version if version is None else version}
    return client.post(f"/api/v1/recommendations/{rec.code}/close", body, content_type="application/json")


def answered(rec: Recommendation) -> Recommendation:
    return services.recommendation_answer(
        acting_user=None, recommendation=rec, expected_version=rec.version, answer="Đã làm xong."
    )


# ---------------------------------------------------------------------------------------------------
# Role × scope matrix

Url = Callable[[World], str]
READS: list[tuple[str, Url]] = [
    ("inspections_under", lambda w: f"/api/v1/inspections?under={w.org.committee_a.code}"),
    ("inspection", lambda w: f"/api/v1/inspections/{w.inspection.code}"),
    ("findings_under", lambda w: f"/api/v1/findings?under={w.org.committee_a.code}"),
]
READ_MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 200, "outsider": 404}
# Committee A answers (the Bloc's staff too: their capture reaches it); only the Bloc closes.
ANSWER_MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 403, "outsider": 404}
CLOSE_MATRIX = {"support_officer": 200, "committee_officer": 403, "viewer": 403, "outsider": 404}


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
@pytest.mark.parametrize("persona", list(READ_MATRIX))
def test_reads_answer_by_scope(world: World, persona: str, name: str, url: Url) -> None:
    response = api_client(getattr(world.org, persona)).get(url(world))
    assert response.status_code == READ_MATRIX[persona], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("persona", list(ANSWER_MATRIX))
def test_answering_answers_by_scope_and_right(world: World, persona: str) -> None:
    response = answer(api_client(getattr(world.org, persona)), world.recommendation)
    assert response.status_code == ANSWER_MATRIX[persona], response.content
    world.recommendation.refresh_from_db()
    expected = RecommendationStatus.ANSWERED if response.status_code == 200 else RecommendationStatus.OPEN
    assert world.recommendation.status == expected


@pytest.mark.parametrize("persona", list(CLOSE_MATRIX))
def test_closing_answers_by_scope_and_right(world: World, persona: str) -> None:
    rec = answered(world.recommendation)
    response = close(api_client(getattr(world.org, persona)), rec)
    assert response.status_code == CLOSE_MATRIX[persona], response.content
    rec.refresh_from_db()
    assert rec.status == (RecommendationStatus.CLOSED if response.status_code == 200 else RecommendationStatus.ANSWERED)
    if response.status_code == 403:
        assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
def test_reads_without_a_token_get_401(world: World, name: str, url: Url) -> None:
    response = Client().get(url(world))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_writes_without_a_token_get_401_and_change_nothing(world: World) -> None:
    assert answer(Client(), world.recommendation).status_code == 401
    assert close(Client(), world.recommendation).status_code == 401
    world.recommendation.refresh_from_db()
    assert world.recommendation.status == RecommendationStatus.OPEN and world.recommendation.version == 1


# ---------------------------------------------------------------------------------------------------
# Lists


def _codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


def test_lists_hold_only_what_the_caller_may_see(world: World) -> None:
    everything = {str(world.inspection.code), str(world.other.code)}
    assert _codes(api_client(world.org.support_officer).get("/api/v1/inspections")) == everything
    assert _codes(api_client(world.org.viewer).get("/api/v1/inspections")) == {str(world.inspection.code)}
    assert _codes(api_client(world.org.outsider).get("/api/v1/inspections")) == {str(world.other.code)}
    titles = [f["title"] for f in api_client(world.org.outsider).get("/api/v1/findings").json()["items"]]
    assert titles == ["Cách làm hay ở Bộ B"]


def test_inspections_filter_by_subtree_year_and_kind(world: World) -> None:
    org = world.org
    below = make_inspection(org.committee_a, org.cell_a2, dt.date(2017, 4, 1))
    client = api_client(org.support_officer)
    # Under committee A: the inspection it received and the one it made.
    assert _codes(client.get(f"/api/v1/inspections?under={org.committee_a.code}")) == {
        str(world.inspection.code),
        str(below.code),
    }
    assert _codes(client.get("/api/v1/inspections?year=2017")) == {str(below.code), str(world.other.code)}
    assert _codes(client.get("/api/v1/inspections?year=2017&kind=supervision")) == {str(world.other.code)}
    assert _codes(client.get("/api/v1/inspections?year=1999")) == set()


def test_an_inspection_in_the_list_carries_its_counts(world: World) -> None:
    body = api_client(world.org.committee_officer).get("/api/v1/inspections").json()
    [item] = body["items"]
    assert item["target_code"] == "committee-a" and item["inspecting_unit_code"] == "bloc"
    assert (item["good_practices"], item["shortcomings"], item["open_recommendations"]) == (1, 1, 1)
    assert item["start_date"] == "2016-03-10" and item["planned"] is False


def test_findings_filter_by_kind_year_and_subtree(world: World) -> None:
    client = api_client(world.org.support_officer)

    def titles(query: str) -> list[str]:
        response = client.get(f"/api/v1/findings?{query}")
        assert response.status_code == 200, response.content
        return [f["title"] for f in response.json()["items"]]

    assert titles("kind=good_practice") == ["Sổ tay làm theo lời Bác", "Cách làm hay ở Bộ B"]
    assert titles("kind=shortcoming") == ["Chưa có kế hoạch chuyên đề"]
    assert titles("year=2017") == ["Cách làm hay ở Bộ B"]
    assert titles(f"under={world.org.committee_a.code}&kind=good_practice") == ["Sổ tay làm theo lời Bác"]
    first = client.get("/api/v1/findings?kind=shortcoming").json()["items"][0]
    assert first["inspection_code"] == str(world.inspection.code) and first["target_name"] == "Đảng ủy Bộ A"


def test_pagination_walks_every_inspection_once(world: World) -> None:
    for day in range(1, 8):
        make_inspection(world.org.committee_a, world.org.cell_a2, dt.date(2018, 1, day))
    client = api_client(world.org.support_officer)
    seen: list[str] = []
    cursor = ""
    while True:
        body = client.get("/api/v1/inspections?limit=3" + (f"&cursor={cursor}" if cursor else "")).json()
        assert len(body["items"]) <= 3
        seen.extend(item["code"] for item in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == Inspection.objects.count() == 9


def test_pagination_walks_every_finding_once(world: World) -> None:
    client = api_client(world.org.support_officer)
    first = client.get("/api/v1/findings?limit=2").json()
    second = client.get(f"/api/v1/findings?limit=2&cursor={first['next_cursor']}").json()
    ids = [f["id"] for f in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 3 and second["next_cursor"] is None


@pytest.mark.parametrize(
    "query",
    ["year=0", "year=99999", "year=-5", "year=abc", "kind=audit", "limit=abc"],
)
def test_odd_filters_get_a_json_validation_error(world: World, query: str) -> None:
    for path in ("/api/v1/inspections", "/api/v1/findings"):
        response = api_client(world.org.committee_officer).get(f"{path}?{query}")
        assert response.status_code == 422, (path, query, response.content)
        assert response.json()["error"]["code"] == "validation_error"


def test_odd_limits_and_unknown_codes_are_answered_not_crashed(world: World) -> None:
    client = api_client(world.org.support_officer)
    assert len(client.get("/api/v1/inspections?limit=0").json()["items"]) == 1
    assert len(client.get("/api/v1/findings?limit=-3").json()["items"]) == 1
    assert len(client.get(f"/api/v1/inspections?limit={10**12}").json()["items"]) == 2
    assert client.get("/api/v1/inspections?under=no-such-unit").status_code == 404
    assert client.get("/api/v1/inspections/not-a-uuid").status_code == 404
    assert client.get("/api/v1/inspections/00000000-0000-0000-0000-000000000000").status_code == 404
    bad_cursor = client.get("/api/v1/findings?cursor=%%%")
    assert bad_cursor.status_code == 400 and bad_cursor.json()["error"]["code"] == "refused"


def test_the_list_costs_the_same_whatever_its_length(
    world: World, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for day in range(1, 11):
        inspection = make_inspection(world.org.committee_a, world.org.cell_a2, dt.date(2018, 2, day))
        make_finding(inspection)
    client = api_client(world.org.support_officer)
    client.get("/api/v1/me")  # the token is checked once before counting
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/inspections?limit=100").json()["items"]) == 12
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/findings?limit=100").json()["items"]) == 13


# ---------------------------------------------------------------------------------------------------
# One inspection


def test_one_inspection_comes_with_its_findings_recommendations_and_rights(world: World) -> None:
    body = api_client(world.org.committee_officer).get(f"/api/v1/inspections/{world.inspection.code}").json()
    assert body["kind"] == "inspection" and body["end_date"] == "2016-03-11"
    assert [(f["kind"], f["title"]) for f in body["findings"]] == [
        ("good_practice", "Sổ tay làm theo lời Bác"),
        ("shortcoming", "Chưa có kế hoạch chuyên đề"),
    ]
    [rec] = body["recommendations"]
    assert rec["code"] == str(world.recommendation.code) and rec["responsible_unit_code"] == "committee-a"
    assert rec["status"] == "open" and rec["overdue"] is True and rec["answered_at"] is None
    # Committee A answers but does not close, and cannot edit the Bloc's inspection.
    assert (rec["can_answer"], rec["can_close"], body["can_edit"]) == (True, False, False)
    assert body["team"] == [] and body["documents"] == []
    viewer = api_client(world.org.viewer).get(f"/api/v1/inspections/{world.inspection.code}").json()
    assert viewer["recommendations"][0]["can_answer"] is False


# ---------------------------------------------------------------------------------------------------
# Follow-up of recommendations


def test_answering_changes_the_recommendation_as_the_page_does(world: World) -> None:
    twin = make_recommendation(world.inspection)
    page = world.org.client_for(world.org.committee_officer).post(
        f"/app/inspections/recommendations/{twin.code}/answer/", {"version": 1, "answer": "Đã xây dựng kế hoạch."}
    )
    assert page.status_code == 302
    response = answer(api_client(world.org.committee_officer), world.recommendation)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "answered" and body["answer"] == "Đã xây dựng kế hoạch." and body["version"] == 2
    assert body["answered_at"] is not None and body["can_answer"] is True and body["can_close"] is False
    twin.refresh_from_db()
    world.recommendation.refresh_from_db()
    fields = ("status", "answer", "answered_by", "version", "closed_at")
    assert [getattr(world.recommendation, f) for f in fields] == [getattr(twin, f) for f in fields]
    assert world.recommendation.answered_by == world.org.committee_officer
    entry = AuditEntry.objects.get(action="recommendation.answer", object_id=str(world.recommendation.pk))
    assert entry.actor == world.org.committee_officer


def test_an_empty_answer_is_refused_in_vietnamese_and_changes_nothing(world: World) -> None:
    response = answer(api_client(world.org.committee_officer), world.recommendation, text="   ")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "refused", "message": "Hãy nêu những việc đơn vị đã làm."}
    world.recommendation.refresh_from_db()
    assert (world.recommendation.status, world.recommendation.version) == (RecommendationStatus.OPEN, 1)
    assert not AuditEntry.objects.filter(action="recommendation.answer").exists()


def test_a_stale_version_is_refused_with_409_and_keeps_the_other_answer(world: World) -> None:
    client = api_client(world.org.committee_officer)
    assert answer(client, world.recommendation, "Lần một.", version=1).status_code == 200
    response = answer(client, world.recommendation, "Lần hai.", version=1)
    assert response.status_code == 409
    assert response.json()["error"]["message"].startswith("Người khác đã thay đổi kiến nghị này")
    world.recommendation.refresh_from_db()
    assert (world.recommendation.answer, world.recommendation.version) == ("Lần một.", 2)


def test_a_body_without_a_version_is_a_validation_error(world: World) -> None:
    response = api_client(world.org.committee_officer).post(
        f"/api/v1/recommendations/{world.recommendation.code}/answer", {"answer": "x"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def test_only_an_answered_recommendation_can_be_closed(world: World) -> None:
    client = api_client(world.org.support_officer)
    early = close(client, world.recommendation)
    assert early.status_code == 400 and early.json()["error"]["code"] == "refused"
    rec = answered(world.recommendation)
    closed = close(client, rec)
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "closed" and closed.json()["can_answer"] is False
    rec.refresh_from_db()
    assert rec.closed_by == world.org.support_officer and rec.closed_at is not None
    again = answer(api_client(world.org.committee_officer), rec)
    assert again.status_code == 400 and again.json()["error"]["code"] == "refused"


def test_an_unknown_recommendation_is_not_found(world: World) -> None:
    client = api_client(world.org.support_officer)
    response = client.post("/api/v1/recommendations/nope/answer", {"version": 1, "answer": "x"}, "application/json")
    assert response.status_code == 404


def test_the_openapi_document_describes_the_inspection_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/inspections", "/api/v1/inspections/{code}", "/api/v1/findings"} <= set(paths)
    answer_op = paths["/api/v1/recommendations/{code}/answer"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(answer_op["responses"])
    year = next(p for p in paths["/api/v1/inspections"]["get"]["parameters"] if p["name"] == "year")
    bounds = year["schema"]["anyOf"][0]
    assert (bounds["type"], bounds["minimum"], bounds["maximum"]) == ("integer", 1900, 2999)
