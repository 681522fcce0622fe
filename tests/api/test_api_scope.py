"""Every endpoint × every persona, inside and outside scope: the API answers exactly as the pages do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lamtheo.accounts.models import User
from lamtheo.api.services import token_create
from tests.conftest import Org


def api_client(user: User) -> Client:
    """A client that sends a fresh API token of ``user``."""
    _token, key = token_create(acting_user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


# (endpoint, object inside committee A) — every persona below is asked for it.
ENDPOINTS: list[tuple[str, Callable[[Org], str]]] = [
    ("unit", lambda o: f"/api/v1/units/{o.cell_a2.code}"),
    ("unit_tree", lambda o: f"/api/v1/units/{o.committee_a.code}/tree?date=2020-01-01"),
    ("units_under", lambda o: f"/api/v1/units?under={o.committee_a.code}"),
    ("person", lambda o: f"/api/v1/people/{o.member_person.code}"),
    ("people_under", lambda o: f"/api/v1/people?under={o.cell_a1a.code}"),
]
# persona → expected status for committee A's objects
MATRIX = {
    "support_officer": 200,  # the Bloc: above committee A
    "committee_officer": 200,  # committee A itself
    "viewer": 200,  # view-only on committee A: reads are allowed
    "outsider": 404,  # committee B: another subtree
}


@pytest.mark.parametrize(("name", "url"), ENDPOINTS, ids=[n for n, _ in ENDPOINTS])
@pytest.mark.parametrize("persona", list(MATRIX))
def test_endpoint_answers_by_scope(org: Org, persona: str, name: str, url: Callable[[Org], str]) -> None:
    response = api_client(getattr(org, persona)).get(url(org))
    assert response.status_code == MATRIX[persona], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("name", "url"), ENDPOINTS, ids=[n for n, _ in ENDPOINTS])
def test_without_a_token_the_api_answers_401(org: Org, name: str, url: Callable[[Org], str]) -> None:
    response = Client().get(url(org))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_wrong_or_revoked_token_is_refused(org: Org) -> None:
    from lamtheo.api.models import ApiToken
    from lamtheo.api.services import token_revoke

    client = api_client(org.committee_officer)
    assert client.get("/api/v1/me").status_code == 200
    token_revoke(acting_user=org.committee_officer, token=ApiToken.objects.get(user=org.committee_officer))
    assert client.get("/api/v1/me").status_code == 401
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer lt_not-a-real-token-at-all").status_code == 401


def test_lists_only_hold_what_the_caller_may_see(org: Org) -> None:
    codes = {u["code"] for u in api_client(org.outsider).get("/api/v1/units?limit=500").json()["items"]}
    assert codes == {"committee-b", "cell-b1"}
    people = api_client(org.outsider).get("/api/v1/people").json()["items"]
    assert all(p["unit_code"] in {"committee-b", "cell-b1"} for p in people)


def test_a_member_sees_their_own_record(org: Org) -> None:
    response = api_client(org.member).get(f"/api/v1/people/{org.member_person.code}")
    assert response.status_code == 200
    assert response.json()["full_name"] == "Trần Văn Dũng"
    me = api_client(org.member).get("/api/v1/me").json()
    assert me["person_code"] == str(org.member_person.code)
