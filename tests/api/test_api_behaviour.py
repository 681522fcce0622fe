from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from lamtheo.api.models import ApiToken
from lamtheo.api.pagination import encode_cursor
from lamtheo.org.models import Unit
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.factories import make_person, make_unit


def test_cursor_pagination_walks_every_unit_once(org: Org) -> None:
    for i in range(7):
        make_unit(org.committee_a, code=f"page-{i}")
    client = api_client(org.support_officer)
    seen: list[str] = []
    cursor = ""
    while True:
        url = "/api/v1/units?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen.extend(u["code"] for u in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(Unit.objects.values_list("code", flat=True))
    assert len(seen) == len(set(seen))


def test_people_come_in_vietnamese_order_across_pages(org: Org) -> None:
    for family, given in [("Nguyễn", "Bình"), ("Lê", "An"), ("Trần", "Ánh"), ("Đỗ", "Ân")]:
        make_person(org.cell_a2, family_name=family, middle_name="", given_name=given)
    client = api_client(org.committee_officer)
    first = client.get(f"/api/v1/people?under={org.cell_a2.code}&limit=2").json()
    second = client.get(f"/api/v1/people?under={org.cell_a2.code}&limit=2&cursor={first['next_cursor']}").json()
    names = [p["full_name"] for p in first["items"] + second["items"]]
    assert names == ["Lê An", "Trần Ánh", "Đỗ Ân", "Nguyễn Bình"]


def test_a_bad_cursor_or_filter_gets_a_json_error(org: Org) -> None:
    client = api_client(org.committee_officer)
    bad_cursor = client.get("/api/v1/units?cursor=%%%notbase64")
    assert bad_cursor.status_code == 400 and bad_cursor.json()["error"]["code"] == "refused"
    bad_date = client.get("/api/v1/units?active_on=31-02-2020")
    assert bad_date.status_code == 422 and bad_date.json()["error"]["code"] == "validation_error"


FORGED: dict[str, object] = {"text": "a", "null": None, "object": {}, "list": [1], "huge": 10**30}


@pytest.mark.parametrize("value", FORGED.values(), ids=FORGED.keys())
def test_a_forged_cursor_of_the_wrong_type_is_refused_not_a_crash(org: Org, value: object) -> None:
    """The cursor decodes, but its id does not fit the key (sort key, id): 400, never 500."""
    response = api_client(org.support_officer).get(f"/api/v1/people?cursor={encode_cursor(['x', value])}")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "refused"


def test_a_nul_character_in_the_query_is_refused_in_json(org: Org) -> None:
    response = api_client(org.support_officer).get("/api/v1/people?q=a%00b")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_character"
    assert "NUL" in response.json()["error"]["message"]


def test_a_nul_character_in_a_page_address_is_a_400_in_vietnamese(org: Org) -> None:
    response = org.client_for(org.support_officer).get("/app/people/?q=%00")
    assert response.status_code == 400
    assert "không được phép" in response.content.decode()


def test_search_ignores_diacritics(org: Org) -> None:
    body = api_client(org.committee_officer).get("/api/v1/people?q=tran+van+dung").json()
    assert [p["full_name"] for p in body["items"]] == ["Trần Văn Dũng"]


def test_the_openapi_document_and_docs_are_served_locally(org: Org) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in schema["paths"] and "/api/v1/people/{code}" in schema["paths"]
    docs = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui" in docs
    assert not re.search(r"(src|href)=\"https?://", docs), "the docs page must not load anything from outside"


def test_tokens_page_shows_the_secret_once_and_stores_only_a_hash(org: Org) -> None:
    client = org.client_for(org.committee_officer)
    body = client.post("/api/tokens/", {"name": "Cổng thông tin tỉnh"}).content.decode()
    key = re.search(r'id="new-token">(lt_[^<]+)<', body)
    assert key is not None
    token = ApiToken.objects.get(user=org.committee_officer)
    assert key.group(1) not in token.key_hash and token.prefix == key.group(1)[:12]
    assert key.group(1) not in client.get("/api/tokens/").content.decode()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key.group(1)}").json()["username"] == "binh"


def test_a_token_can_only_be_revoked_by_its_owner(org: Org) -> None:
    api_client(org.committee_officer)
    token = ApiToken.objects.get(user=org.committee_officer)
    assert org.client_for(org.outsider).post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert org.client_for(org.committee_officer).post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_nameless_token_is_refused_in_vietnamese(org: Org) -> None:
    body = org.client_for(org.committee_officer).post("/api/tokens/", {"name": "  "}).content.decode()
    assert "Hãy đặt tên" in body
    assert not ApiToken.objects.exists()


def test_a_request_body_over_the_limit_is_refused_with_413(org: Org, settings: Any) -> None:
    """DATA_UPLOAD_MAX_MEMORY_SIZE bounds every API body; the answer is the JSON error, and nothing is read."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = '{"unit": "' + "x" * 2048 + '"}'
    response = api_client(org.support_officer).post("/api/v1/activities", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
