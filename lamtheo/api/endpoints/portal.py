"""The portal's published articles, for other sites and apps to show.

Public, like the pages they mirror: no token is needed (``auth=None``), and nothing but what a reader of
the site sees is ever answered — drafts, withdrawn articles and those scheduled for later are not found,
whoever asks, editors included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from lamtheo.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor
from lamtheo.api.schemas import Error, Page, Year
from lamtheo.portal import selectors
from lamtheo.portal.models import Article, Category, Comment, CommentStatus, Tag

router = Router(tags=["portal"])
ERRORS: dict[int, Any] = {400: Error, 404: Error, 422: Error}


class ArticleFilters(Schema):
    category: str | None = Field(None, description="A category's code (slug).")
    tag: str | None = Field(None, description="A tag's code (slug).")
    year: Year | None = Field(None, description="Published in this calendar year (Vietnam time).")
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class CategoryOut(Schema):
    slug: str
    name: str


class TagOut(Schema):
    slug: str
    name: str


class PhotoOut(Schema):
    url: str
    caption: str


class ArticleOut(Schema):
    slug: str
    title: str
    lead: str
    url: str = Field(description="The article's page on the portal.")
    category: CategoryOut
    tags: list[TagOut]
    byline: str
    publish_at: dt.datetime
    updated_at: dt.datetime
    featured: bool
    exemplar_code: str | None = Field(description="Set on an exemplar story: the exemplar it tells about.")
    photos: list[PhotoOut]
    comments_closed: bool
    approved_comments: int


class ArticleDetailOut(ArticleOut):
    body: str = Field(description="Sanitised HTML.")


def _article_fields(article: Article, approved: int) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "title": article.title,
        "lead": article.lead,
        "url": article.get_absolute_url(),
        "category": CategoryOut(slug=article.category.slug, name=article.category.name),
        "tags": [TagOut(slug=t.slug, name=t.name) for t in article.tags.all()],
        "byline": article.byline,
        "publish_at": article.publish_at,
        "updated_at": article.updated_at,
        "featured": article.featured,
        "exemplar_code": str(article.exemplar_code) if article.exemplar_code else None,
        "photos": [PhotoOut(url=p.image.url, caption=p.caption) for p in article.photos.all()],
        "comments_closed": article.comments_closed,
        "approved_comments": approved,
    }


def _published_in(year: int) -> Q:
    """The local calendar year, as bounds on the indexed publication time. The open ends of years 1 and 9999
    are left out: their neighbours cannot be written as dates."""
    zone = timezone.get_current_timezone()
    bounds = Q()
    if year > dt.MINYEAR:
        bounds &= Q(publish_at__gte=dt.datetime(year, 1, 1, tzinfo=zone))
    if year < dt.MAXYEAR:
        bounds &= Q(publish_at__lt=dt.datetime(year + 1, 1, 1, tzinfo=zone))
    return bounds


def _after(cursor: str) -> Q:
    """Articles after the cursor's (publication time, id), newest first."""
    published, pk = decode_cursor(cursor, 2)
    try:
        when = dt.datetime.fromisoformat(published)
        # The database receives UTC: a time that cannot be written in UTC is no cursor of ours.
        when.astimezone(dt.UTC)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValidationError(_("The cursor is not valid.")) from exc
    if when.tzinfo is None or type(pk) is not int or not 0 < pk < 2**63:
        raise ValidationError(_("The cursor is not valid."))
    return Q(publish_at__lt=when) | Q(publish_at=when, id__lt=pk)


def _newest_first(articles: QuerySet[Article], cursor: str | None, limit: int) -> tuple[list[Article], str | None]:
    """One page in the site's order (newest publication first). The shared ``page()`` walks keys upwards
    only, and a time is no JSON value, so this keyset holds the time as ISO text."""
    articles = articles.order_by("-publish_at", "-id")
    if cursor:
        articles = articles.filter(_after(cursor))
    limit = max(1, min(limit, MAX_LIMIT))
    rows = list(articles[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode_cursor([last.publish_at.isoformat(), last.pk])


def _approved_counts(articles: list[Article]) -> dict[int, int]:
    """The approved comments of a page of articles in one query (the thread index serves it)."""
    counts = (
        Comment.objects.filter(article__in=articles, status=CommentStatus.APPROVED)
        .order_by()
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    return dict(counts)


@router.get(
    "/articles", auth=None, response={200: Page[ArticleOut], **ERRORS}, summary="Published articles, newest first"
)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]) -> Page[ArticleOut]:
    """What the portal shows its readers, in the order it shows them; no token needed."""
    articles = selectors.live_articles().prefetch_related("tags")
    if filters.category:
        articles = articles.filter(category=get_object_or_404(Category, slug=filters.category))
    if filters.tag:
        articles = articles.filter(tags=get_object_or_404(Tag, slug=filters.tag))
    if filters.year is not None:
        articles = articles.filter(_published_in(filters.year))
    rows, next_cursor = _newest_first(articles, filters.cursor, filters.limit)
    approved = _approved_counts(rows)
    items = [ArticleOut(**_article_fields(a, approved.get(a.pk, 0))) for a in rows]
    return Page[ArticleOut](items=items, next_cursor=next_cursor)


@router.get("/articles/{slug}", auth=None, response={200: ArticleDetailOut, **ERRORS}, summary="One published article")
def get_article(request: HttpRequest, slug: str) -> ArticleDetailOut:
    """By the address the site uses (``/tin/<slug>/``), which stays the same when the article is edited."""
    article = selectors.get_live_article(slug)
    approved = selectors.approved_comments(article).count()
    return ArticleDetailOut(**_article_fields(article, approved), body=article.body)
