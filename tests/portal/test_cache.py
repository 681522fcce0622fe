"""Anonymous pages come from the cache; publishing, editing, approving and closing renew it at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from lamtheo.portal import services
from lamtheo.portal.models import Article, ArticleStatus, SiteSettings
from tests.portal.conftest import Portal
from tests.portal.factories import make_article, make_comment


def _version() -> int:
    return SiteSettings.objects.get().content_version


def test_a_cached_page_is_served_without_rendering_again(portal: Portal, django_assert_num_queries) -> None:
    client = Client()
    first = client.get(portal.article.get_absolute_url()).content
    with django_assert_num_queries(0):  # no query at all: the version comes from the announcement
        second = client.get(portal.article.get_absolute_url()).content
    # Each response masks the reader's token afresh; everything else is byte for byte the same.
    assert first.split(b"csrfmiddlewaretoken")[0] == second.split(b"csrfmiddlewaretoken")[0]
    assert first.split(b"csrfmiddlewaretoken")[1][100:] == second.split(b"csrfmiddlewaretoken")[1][100:]


def test_every_reader_gets_their_own_csrf_token_in_a_cached_page(portal: Portal) -> None:
    tokens = []
    for _ in range(2):
        html = Client().get(portal.article.get_absolute_url()).content.decode()
        assert "__PORTAL_CSRF_TOKEN__" not in html
        tokens.append(html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    assert tokens[0] != tokens[1]


def test_approval_makes_the_comment_appear_at_once(portal: Portal) -> None:
    client = Client()
    comment = make_comment(portal.article, title="Ý kiến mới duyệt")
    assert "Ý kiến mới duyệt" not in client.get(portal.article.get_absolute_url()).content.decode()
    before = _version()
    services.comments_moderate(acting_user=portal.moderator, comments=[comment], action="approve")
    assert _version() > before
    assert "Ý kiến mới duyệt" in client.get(portal.article.get_absolute_url()).content.decode()


def test_publishing_and_editing_renew_the_home_page(portal: Portal) -> None:
    client = Client()
    draft = make_article(title="Sắp đăng", status=ArticleStatus.DRAFT, category=portal.category)
    assert "Sắp đăng" not in client.get("/").content.decode()
    services.article_set_status(acting_user=portal.editor, article=draft, status=ArticleStatus.PUBLISHED)
    assert "Sắp đăng" in client.get("/").content.decode()
    article = Article.objects.get(pk=draft.pk)
    services.article_update(
        acting_user=portal.editor,
        article=article,
        expected_version=article.version,
        title="Đã sửa tiêu đề",
        category=portal.category,
        lead="",
        body="",
        tag_names=[],
        byline="",
        status=ArticleStatus.PUBLISHED,
        publish_at=article.publish_at,
        featured=False,
        exemplar_code=None,
    )
    html = client.get("/").content.decode()
    assert "Đã sửa tiêu đề" in html and "Sắp đăng" not in html


def test_closing_a_thread_renews_the_article_page(portal: Portal) -> None:
    client = Client()
    assert "Gửi ý kiến" in client.get(portal.article.get_absolute_url()).content.decode()
    services.article_thread_set_closed(acting_user=portal.moderator, article=portal.article, closed=True)
    html = client.get(portal.article.get_absolute_url()).content.decode()
    assert "Bài viết này đã khóa ý kiến bạn đọc." in html


def test_a_scheduled_article_appears_when_its_time_comes(portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    now = timezone.now()
    make_article(title="Tin hẹn giờ", publish_at=now + dt.timedelta(minutes=5), category=portal.category)
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    before = _version()
    # Six minutes later: the first request renews the cache once.
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=6))
    assert "Tin hẹn giờ" in client.get("/").content.decode()
    assert _version() == before + 1
    assert SiteSettings.objects.get().next_scheduled_at is None
    client.get("/")
    assert _version() == before + 1


def test_logged_in_staff_always_get_a_fresh_page(portal: Portal) -> None:
    comment = make_comment(portal.article, title="Bản mới")
    client = portal.org.client_for(portal.editor)
    client.get(portal.article.get_absolute_url())
    # Bypass the services, so the version stays: an anonymous reader would see the cached page.
    comment.status, comment.body_html = "approved", "<p>x</p>"
    comment.save()
    assert "Bản mới" in client.get(portal.article.get_absolute_url()).content.decode()


def test_the_new_version_is_announced_only_once_the_transaction_commits(
    portal: Portal,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks,
) -> None:
    from lamtheo.portal import cache as portal_cache

    monkeypatch.setattr(portal_cache, "_after_commit", portal_cache.transaction.on_commit)
    announced = portal_cache.current_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article(title="Chưa commit", category=portal.category)
    assert portal_cache.current_version() == announced  # readers keep the old pages meanwhile
    for callback in callbacks:
        callback()
    assert portal_cache.current_version() == _version() > announced
