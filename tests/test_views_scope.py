"""Every view: insiders get the page, outsiders 404, view-only users 403 on writes, anonymous users the login page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.conftest import Org

# (name, url builder) — pages that read a scoped object.
READ_VIEWS: list[tuple[str, Callable[[Org], str]]] = [
    ("unit", lambda o: f"/app/units/{o.cell_a2.code}/"),
    ("children", lambda o: f"/app/units/{o.committee_a.code}/children/"),
    ("tree_as_of", lambda o: f"/app/units/{o.committee_a.code}/as-of/?date=2020-01-01"),
    ("person", lambda o: f"/app/people/{o.member_person.code}/"),
]
# Pages that write a scoped object (GET shows the form, POST changes data).
WRITE_VIEWS: list[tuple[str, Callable[[Org], str]]] = [
    ("unit_edit", lambda o: f"/app/units/{o.cell_a2.code}/edit/"),
    ("unit_add", lambda o: f"/app/units/{o.committee_a.code}/add/"),
    ("unit_close", lambda o: f"/app/units/{o.cell_a2.code}/close/"),
    ("person_add", lambda o: f"/app/units/{o.cell_a1a.code}/people/add/"),
    ("person_edit", lambda o: f"/app/people/{o.member_person.code}/edit/"),
    ("person_transfer", lambda o: f"/app/people/{o.member_person.code}/transfer/"),
]
ALL_VIEWS = READ_VIEWS + WRITE_VIEWS


@pytest.mark.parametrize(("name", "url"), ALL_VIEWS, ids=[n for n, _ in ALL_VIEWS])
def test_insider_gets_the_page(org: Org, name: str, url: Callable[[Org], str]) -> None:
    response = org.client_for(org.committee_officer).get(url(org))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "url"), ALL_VIEWS, ids=[n for n, _ in ALL_VIEWS])
def test_outsider_gets_404(org: Org, name: str, url: Callable[[Org], str]) -> None:
    client = org.client_for(org.outsider)
    assert client.get(url(org)).status_code == 404
    assert client.post(url(org), {}).status_code in (404, 405)


@pytest.mark.parametrize(("name", "url"), WRITE_VIEWS, ids=[n for n, _ in WRITE_VIEWS])
def test_view_only_user_gets_403_on_writes(org: Org, name: str, url: Callable[[Org], str]) -> None:
    client = org.client_for(org.viewer)
    assert client.get(url(org)).status_code == 403
    assert client.post(url(org), {}).status_code == 403


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=[n for n, _ in READ_VIEWS])
def test_view_only_user_can_read(org: Org, name: str, url: Callable[[Org], str]) -> None:
    assert org.client_for(org.viewer).get(url(org)).status_code == 200


@pytest.mark.parametrize(("name", "url"), ALL_VIEWS, ids=[n for n, _ in ALL_VIEWS])
def test_anonymous_user_is_sent_to_login(org: Org, name: str, url: Callable[[Org], str]) -> None:
    response = Client().get(url(org))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_history_is_for_administrators_only(org: Org) -> None:
    url = f"/accounts/history/org.unit/{org.cell_a2.pk}/"
    assert org.client_for(org.admin).get(url).status_code == 200
    assert org.client_for(org.support_officer).get(url).status_code == 404
    assert org.client_for(org.outsider).get(url).status_code == 404


def test_search_only_finds_units_in_scope(org: Org) -> None:
    response = org.client_for(org.outsider).get("/app/units/search/", {"q": "chi bo"})
    assert response.status_code == 200
    assert "Chi bộ Vụ B1" in response.content.decode()
    assert "Chi bộ Văn phòng A" not in response.content.decode()


def test_people_search_only_finds_people_in_scope(org: Org) -> None:
    response = org.client_for(org.outsider).get("/app/people/", {"q": "tran van dung"})
    assert "Trần Văn Dũng" not in response.content.decode()
    response = org.client_for(org.committee_officer).get("/app/people/", {"q": "tran van dung"})
    assert "Trần Văn Dũng" in response.content.decode()


def test_admin_site_is_closed_to_non_staff(org: Org) -> None:
    assert org.client_for(org.support_officer).get("/admin/").status_code == 302
    assert org.client_for(org.admin).get("/admin/").status_code == 200


def test_the_404_page_is_vietnamese_and_says_nothing_of_the_unit(org: Org) -> None:
    response = org.client_for(org.outsider).get(f"/app/units/{org.cell_a1a.code}/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert org.cell_a1a.name not in body


def test_the_403_page_is_vietnamese(org: Org) -> None:
    response = org.client_for(org.viewer).get(f"/app/units/{org.cell_a2.code}/edit/")
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()
