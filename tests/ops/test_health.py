from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_health_answers_ok_when_database_and_cache_answer() -> None:
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["cache"] == "ok"


@pytest.mark.django_db
def test_health_answers_503_when_the_cache_fails() -> None:
    with mock.patch("lamtheo.ops.views.cache.set", side_effect=ConnectionError("down")):
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


@pytest.mark.django_db
def test_a_database_failure_gives_a_clear_503_page_not_a_traceback(org: object) -> None:
    from tests.conftest import Org

    assert isinstance(org, Org)
    client = org.client_for(org.committee_officer)
    with mock.patch("lamtheo.org.views.units.selectors.people_of_unit", side_effect=OperationalError("disk full")):
        response = client.get("/app/units/committee-a/")
    assert response.status_code == 503
    assert "không có dữ liệu nào bị ghi dở" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy() -> None:
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.django_db
def test_favicon_points_at_the_logo() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and "logo" in response["Location"]
