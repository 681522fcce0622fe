"""The portal API: public like the site, and never anything a reader of the site could not see — whoever
asks, editors included; filters, the site's order across pages, and odd queries answered, not crashed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lamtheo.accounts.models import Role, User
from lamtheo.accounts.services import role_grant
from lamtheo.api.pagination import encode_cursor
from lamtheo.portal import services
from lamtheo.portal.demo_image import demo_photo_png
from lamtheo.portal.models import Article, ArticleStatus, Category, CommentStatus, SiteSettings
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.factories import make_user
from tests.portal.factories import make_article, make_category, make_comment

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Portal:
    org: Org
    editor: User
    category: Category
    published: Article
    draft: Article
    withdrawn: Article
    scheduled: Article

    def client(self, persona: str) -> Client:
        if persona == "anonymous":
            return Client()
        return api_client(self.editor if persona == "editor" else getattr(self.org, persona))


@pytest.fixture
def portal(org: Org, settings: Any, tmp_path: Path) -> Portal:
    settings.MEDIA_ROOT = tmp_path / "media"
    editor = make_user(username="bientap", first_name="Biên tập")
    role_grant(acting_user=None, user=editor, unit=org.bloc, role=Role.EDITOR, can_view=False)
    SiteSettings.objects.get_or_create(singleton=1)
    category = make_category("Đảng Cộng sản", slug="dang-cong-san")
    published = make_article(title="Học tập và làm theo", category=category, tag_names=["Học tập", "Làm theo"])
    draft = make_article(title="Bản nháp", category=category, status=ArticleStatus.DRAFT)
    withdrawn = make_article(title="Đã gỡ", category=category, status=ArticleStatus.WITHDRAWN)
    scheduled = make_article(title="Hẹn giờ", category=category, publish_at=timezone.now() + dt.timedelta(days=1))
    return Portal(org, editor, category, published, draft, withdrawn, scheduled)


# --- Scope: public, and only what the site shows ------------------------------------------------------

PERSONAS = ["anonymous", "member", "viewer", "outsider", "support_officer", "editor", "admin"]
KINDS = {"published": 200, "draft": 404, "withdrawn": 404, "scheduled": 404}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_an_article_is_answered_only_when_the_site_shows_it(portal: Portal, persona: str, kind: str) -> None:
    article: Article = getattr(portal, kind)
    response = portal.client(persona).get(f"/api/v1/articles/{article.slug}")
    assert response.status_code == KINDS[kind], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"
    else:
        assert response.json()["title"] == article.title


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_only_published_articles_whoever_asks(portal: Portal, persona: str) -> None:
    response = portal.client(persona).get("/api/v1/articles")
    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["items"]] == [portal.published.slug]


def test_an_editor_logged_in_on_the_site_sees_no_drafts_either(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    assert client.get(f"/api/v1/articles/{portal.draft.slug}").status_code == 404
    assert [a["slug"] for a in client.get("/api/v1/articles").json()["items"]] == [portal.published.slug]


def test_a_wrong_token_does_not_stand_in_the_way_of_public_reading(portal: Portal) -> None:
    client = Client(headers={"Authorization": "Bearer lt_not-a-real-token-at-all"})
    assert client.get("/api/v1/articles").status_code == 200
    assert client.get(f"/api/v1/articles/{portal.published.slug}").status_code == 200


def test_the_openapi_document_marks_the_article_endpoints_public(portal: Portal) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{slug}"):
        assert not paths[path]["get"].get("security"), path
    assert paths["/api/v1/units"]["get"]["security"]


# --- What an article says ---------------------------------------------------------------------------


def test_an_article_carries_its_category_tags_photos_body_and_approved_comment_count(portal: Portal) -> None:
    article = portal.published
    png = SimpleUploadedFile("a.png", demo_photo_png(16, 9), content_type="image/png")
    services.article_photo_add(acting_user=None, article=article, upload=png, caption="Hội nghị - Ảnh: Thanh Thanh")
    for status in (CommentStatus.APPROVED, CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.SPAM):
        make_comment(article, status=status)
    make_comment(article, status=CommentStatus.REJECTED)
    make_comment(portal.draft, status=CommentStatus.APPROVED)
    body = Client().get(f"/api/v1/articles/{article.slug}").json()
    assert body["approved_comments"] == 2
    assert body["category"] == {"slug": "dang-cong-san", "name": "Đảng Cộng sản"}
    assert sorted(t["name"] for t in body["tags"]) == ["Học tập", "Làm theo"]
    assert body["body"] == "<p>Nội dung bài viết.</p>" and body["lead"] == "Sapo của bài viết."
    assert body["url"] == article.get_absolute_url()
    assert body["exemplar_code"] is None and body["comments_closed"] is False
    [photo] = body["photos"]
    assert photo["caption"] == "Hội nghị - Ảnh: Thanh Thanh" and photo["url"].startswith("/media/portal/photos/")
    # JSON times carry milliseconds.
    assert abs(dt.datetime.fromisoformat(body["publish_at"]) - article.publish_at) < dt.timedelta(milliseconds=1)
    listed = Client().get("/api/v1/articles").json()["items"]
    assert [(a["slug"], a["approved_comments"]) for a in listed] == [(article.slug, 2)]
    assert "body" not in listed[0]


# --- Filters and order -------------------------------------------------------------------------------


def test_the_list_filters_by_category_tag_and_local_year(portal: Portal) -> None:
    other = make_category("Gương sáng", slug="guong-sang")
    # 00:30 on 1 January 2016 in Hà Nội is still 2015 in UTC: the year is the reader's.
    new_year = make_article(title="Năm mới", category=other, publish_at=dt.datetime(2016, 1, 1, 0, 30, tzinfo=HANOI))
    old = make_article(
        title="Năm cũ",
        category=other,
        tag_names=["Làm theo"],
        publish_at=dt.datetime(2015, 12, 31, 23, 0, tzinfo=HANOI),
    )

    def slugs(query: str) -> list[str]:
        response = Client().get(f"/api/v1/articles?{query}")
        assert response.status_code == 200, response.content
        return [a["slug"] for a in response.json()["items"]]

    assert slugs("category=guong-sang") == [new_year.slug, old.slug]
    assert slugs("category=dang-cong-san") == [portal.published.slug]
    assert slugs("tag=lam-theo") == [portal.published.slug, old.slug]
    assert slugs("tag=hoc-tap") == [portal.published.slug]
    assert slugs("year=2016") == [new_year.slug]
    assert slugs("year=2015") == [old.slug]
    assert slugs("year=2015&tag=hoc-tap") == []
    assert slugs(f"year={timezone.localdate().year}&category=dang-cong-san") == [portal.published.slug]


def test_the_cursor_walks_every_published_article_once_in_the_sites_order(portal: Portal) -> None:
    same_time = timezone.now() - dt.timedelta(days=2)
    for i in range(7):
        make_article(title=f"Bài {i}", category=portal.category, publish_at=same_time - dt.timedelta(hours=i % 3))
    seen: list[str] = []
    cursor = ""
    while True:
        body = Client().get("/api/v1/articles?limit=3" + (f"&cursor={cursor}" if cursor else "")).json()
        seen.extend(a["slug"] for a in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    site_order = list(Article.objects.live().order_by("-publish_at", "-id").values_list("slug", flat=True))
    assert seen == site_order and len(seen) == 8


def test_the_list_costs_the_same_queries_for_one_article_or_many(portal: Portal) -> None:
    for _i in range(5):
        article = make_article(category=portal.category, tag_names=["Học tập"])
        make_comment(article, status=CommentStatus.APPROVED)
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(f"/api/v1/articles?limit={limit}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _cursor(*values: Any) -> str:
    return encode_cursor(list(values))


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("year=0", 422, "validation_error"),
        ("year=99999", 422, "validation_error"),
        ("year=abc", 422, "validation_error"),
        ("limit=abc", 422, "validation_error"),
        ("category=no-such-category", 404, "not_found"),
        ("tag=no-such-tag", 404, "not_found"),
        ("cursor=%%%junk", 400, "refused"),
        (f"cursor={_cursor('2020-01-01T00:00:00+07:00')}", 400, "refused"),
        (f"cursor={_cursor('not a time', 1)}", 400, "refused"),
        (f"cursor={_cursor(5, 1)}", 400, "refused"),
        (f"cursor={_cursor('2020-01-01T00:00:00', 1)}", 400, "refused"),  # no time zone
        (f"cursor={_cursor('0001-01-01T00:00:00+14:00', 1)}", 400, "refused"),  # before year 1 in UTC
        (f"cursor={_cursor('2020-01-01T00:00:00+07:00', '1')}", 400, "refused"),
        (f"cursor={_cursor('2020-01-01T00:00:00+07:00', 10**30)}", 400, "refused"),
        (f"cursor={_cursor('2020-01-01T00:00:00+07:00', True)}", 400, "refused"),
    ],
)
def test_odd_queries_get_a_json_error_never_a_crash(portal: Portal, query: str, status: int, code: str) -> None:
    response = Client().get(f"/api/v1/articles?{query}")
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("query", "count"),
    [("year=1900", 0), ("year=2999", 0), ("limit=0", 1), ("limit=-1", 1), ("limit=10000000000000", 1)],
)
def test_edge_values_are_answered(portal: Portal, query: str, count: int) -> None:
    response = Client().get(f"/api/v1/articles?{query}")
    assert response.status_code == 200, response.content
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize("slug", ["no-such-article", "x" * 300, "%C4%91%E1%BA%A3ng"])
def test_an_unknown_address_is_not_found(portal: Portal, slug: str) -> None:
    response = Client().get(f"/api/v1/articles/{slug}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_cursor_is_an_instant_whatever_offset_it_is_written_in(portal: Portal) -> None:
    """The same instant written in UTC continues the walk just as the +07:00 one the API gave out."""
    later = portal.published.publish_at.astimezone(dt.UTC) + dt.timedelta(seconds=1)
    body = Client().get(f"/api/v1/articles?cursor={_cursor(later.isoformat(), 2**62)}").json()
    assert [a["slug"] for a in body["items"]] == [portal.published.slug]
    earlier = portal.published.publish_at.astimezone(dt.UTC) - dt.timedelta(seconds=1)
    assert Client().get(f"/api/v1/articles?cursor={_cursor(earlier.isoformat(), 2**62)}").json()["items"] == []
