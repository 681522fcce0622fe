"""Back-office screens: editors and moderators in their own scope; others 404, the other portal role 403,
anonymous users to the login page. Public pages are open to everyone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.portal.conftest import Portal

EDITOR_VIEWS: list[tuple[str, Callable[[Portal], str]]] = [
    ("articles", lambda p: "/bien-tap/bai-viet/"),
    ("article_new", lambda p: "/bien-tap/bai-viet/moi/"),
    ("article_edit", lambda p: f"/bien-tap/bai-viet/{p.article.code}/"),
    ("settings", lambda p: "/bien-tap/cai-dat/"),
    ("programmes", lambda p: "/bien-tap/chuong-trinh/"),
]
EDITOR_POSTS: list[tuple[str, Callable[[Portal], str]]] = [
    ("article_status", lambda p: f"/bien-tap/bai-viet/{p.article.code}/trang-thai/"),
    ("photo_add", lambda p: f"/bien-tap/bai-viet/{p.article.code}/anh/"),
]
MODERATOR_VIEWS: list[tuple[str, Callable[[Portal], str]]] = [("moderation", lambda p: "/bien-tap/binh-luan/")]
SHARED_VIEWS: list[tuple[str, Callable[[Portal], str]]] = [("dashboard", lambda p: "/bien-tap/")]
PUBLIC_VIEWS: list[tuple[str, Callable[[Portal], str]]] = [
    ("home", lambda p: "/"),
    ("category", lambda p: p.category.get_absolute_url()),
    ("article", lambda p: p.article.get_absolute_url()),
    ("search", lambda p: "/tim-kiem/?q=hoc+tap"),
    ("conduct", lambda p: "/quy-dinh-ung-xu/"),
    ("rss", lambda p: "/rss/"),
    ("atom", lambda p: "/atom/"),
    ("sitemap", lambda p: "/sitemap.xml"),
    ("logo", lambda p: "/logo.svg"),
]
STAFF_GETS = EDITOR_VIEWS + MODERATOR_VIEWS + SHARED_VIEWS


def _ids(views: list[tuple[str, Callable[[Portal], str]]]) -> list[str]:
    return [name for name, _ in views]


@pytest.mark.parametrize(("name", "url"), EDITOR_VIEWS, ids=_ids(EDITOR_VIEWS))
def test_editors_get_their_screens_and_moderators_are_refused(portal: Portal, name: str, url: Callable) -> None:
    assert portal.org.client_for(portal.editor).get(url(portal)).status_code == 200
    assert portal.org.client_for(portal.org.admin).get(url(portal)).status_code == 200
    moderator = portal.org.client_for(portal.moderator)
    assert moderator.get(url(portal)).status_code == 403
    assert moderator.post(url(portal), {}).status_code == 403


@pytest.mark.parametrize(("name", "url"), EDITOR_POSTS, ids=_ids(EDITOR_POSTS))
def test_editor_actions_are_refused_to_moderators_and_outsiders(portal: Portal, name: str, url: Callable) -> None:
    assert portal.org.client_for(portal.moderator).post(url(portal), {}).status_code == 403
    assert portal.org.client_for(portal.org.support_officer).post(url(portal), {}).status_code == 404
    assert portal.org.client_for(portal.editor).post(url(portal), {}).status_code == 302


@pytest.mark.parametrize(("name", "url"), MODERATOR_VIEWS, ids=_ids(MODERATOR_VIEWS))
def test_moderators_get_the_queue_and_editors_are_refused(portal: Portal, name: str, url: Callable) -> None:
    assert portal.org.client_for(portal.moderator).get(url(portal)).status_code == 200
    editor = portal.org.client_for(portal.editor)
    assert editor.get(url(portal)).status_code == 403
    assert editor.post(url(portal), {}).status_code == 403


@pytest.mark.parametrize(("name", "url"), STAFF_GETS, ids=_ids(STAFF_GETS))
def test_users_without_a_portal_role_get_404(portal: Portal, name: str, url: Callable) -> None:
    for user in (portal.org.support_officer, portal.org.committee_officer, portal.org.member, portal.org.viewer):
        client = portal.org.client_for(user)
        assert client.get(url(portal)).status_code == 404
        assert client.post(url(portal), {}).status_code in (404, 405)


@pytest.mark.parametrize(("name", "url"), STAFF_GETS + EDITOR_POSTS, ids=_ids(STAFF_GETS + EDITOR_POSTS))
def test_anonymous_users_are_sent_to_login(portal: Portal, name: str, url: Callable) -> None:
    response = Client().get(url(portal))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "url"), PUBLIC_VIEWS, ids=_ids(PUBLIC_VIEWS))
def test_public_pages_are_open_to_everyone(portal: Portal, name: str, url: Callable) -> None:
    assert Client().get(url(portal)).status_code == 200
    assert portal.org.client_for(portal.org.outsider).get(url(portal)).status_code == 200


def test_the_dashboard_is_shared_by_both_roles(portal: Portal) -> None:
    for user in (portal.editor, portal.moderator):
        assert portal.org.client_for(user).get("/bien-tap/").status_code == 200


def test_closing_a_thread_is_for_editors_and_moderators(portal: Portal) -> None:
    url = f"/bien-tap/bai-viet/{portal.article.code}/binh-luan/"
    assert portal.org.client_for(portal.org.outsider).post(url, {"closed": "1"}).status_code == 404
    assert portal.org.client_for(portal.moderator).post(url, {"closed": "1", "next": "moderation"}).status_code == 302
    portal.article.refresh_from_db()
    assert portal.article.comments_closed


def test_staff_see_their_portal_work_on_the_app_home_page(portal: Portal) -> None:
    html = portal.org.client_for(portal.moderator).get("/app/").content.decode()
    assert "Ý kiến chờ duyệt" in html
    html = portal.org.client_for(portal.org.committee_officer).get("/app/").content.decode()
    assert "Ý kiến chờ duyệt" not in html
