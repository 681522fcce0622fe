"""Reads for the public pages and the editors' screens."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, Expression, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.http import Http404
from django.utils import timezone

from lamtheo.lib.text import fold
from lamtheo.portal.models import (
    Article,
    ArticlePhoto,
    Category,
    Comment,
    CommentStatus,
    FeaturedProgramme,
)

MAX_QUERY_WORDS = 8


def live_articles() -> QuerySet[Article]:
    return Article.objects.live().select_related("category").prefetch_related("photos")


def get_live_article(slug: str) -> Article:
    article = Article.objects.live().select_related("category").filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def get_article_for_comment(slug: str) -> Article:
    """The article a comment is posted to, whatever its state: the service says why it may not be."""
    article = (
        Article.objects.filter(slug=slug)
        .only("id", "slug", "title", "status", "publish_at", "comments_closed", "category_id")
        .first()
    )
    if article is None:
        raise Http404
    return article


def approved_comments(article: Article) -> QuerySet[Comment]:
    return article.comments.filter(status=CommentStatus.APPROVED).only(
        "title", "name", "body_html", "created_at", "article_id"
    )


def photos_of(article: Article) -> list[ArticlePhoto]:
    return list(article.photos.all())


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """Same category or a shared tag, newest first."""
    tag_ids = list(article.tags.values_list("id", flat=True))
    related = Q(category_id=article.category_id)
    if tag_ids:
        related |= Q(tags__in=tag_ids)
    return list(
        Article.objects.live().filter(related).exclude(pk=article.pk).distinct().order_by("-publish_at")[:limit]
    )


def categories() -> list[Category]:
    return list(Category.objects.all())


def programmes() -> list[FeaturedProgramme]:
    return list(FeaturedProgramme.objects.select_related("category"))


def home_blocks(per_category: int = 4) -> dict[str, object]:
    """Featured, latest and the newest few of each category: one query per category, categories are few."""
    live = live_articles()
    featured = list(live.filter(featured=True)[:4])
    latest = list(live[:8])
    by_category = []
    for category in categories():
        items = list(live.filter(category=category)[:per_category])
        if items:
            by_category.append((category, items))
    return {"featured": featured, "latest": latest, "by_category": by_category}


def search(query: str) -> QuerySet[Article]:
    """Diacritics-insensitive; every word must match; a title hit ranks above a body hit, then newest first."""
    words = fold(query).split()[:MAX_QUERY_WORDS]
    if not words:
        return Article.objects.none()
    matches = Q()
    score: Combinable | Expression = Value(0, output_field=IntegerField())
    for word in words:
        matches &= Q(search_title__contains=word) | Q(search_text__contains=word)
        score = (
            score
            + Case(When(search_title__contains=word, then=Value(3)), default=Value(0), output_field=IntegerField())
            + Case(When(search_text__contains=word, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    phrase = " ".join(words)
    if len(words) > 1:
        score = score + Case(
            When(search_title__contains=phrase, then=Value(5)), default=Value(0), output_field=IntegerField()
        )
    return (
        Article.objects.live()
        .filter(matches)
        .annotate(score=score)
        .select_related("category")
        .order_by("-score", "-publish_at", "-id")
    )


def moderation_counters(now: dt.datetime | None = None) -> dict[str, int]:
    """Pending, approved today and spam, in one query."""
    now = timezone.localtime(now or timezone.now())
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return Comment.objects.aggregate(
        pending=Count("id", filter=Q(status=CommentStatus.PENDING)),
        approved_today=Count("id", filter=Q(status=CommentStatus.APPROVED, moderated_at__gte=start_of_day)),
        spam=Count("id", filter=Q(status=CommentStatus.SPAM)),
    )


def moderation_queue(status: str) -> QuerySet[Comment]:
    order = "created_at" if status == CommentStatus.PENDING else "-moderated_at"
    return Comment.objects.filter(status=status).select_related("article").order_by(order, "id")


def editor_articles(query: str = "", status: str = "") -> QuerySet[Article]:
    articles = Article.objects.select_related("category").annotate(
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING))
    )
    if status:
        articles = articles.filter(status=status)
    for word in fold(query).split()[:MAX_QUERY_WORDS]:
        articles = articles.filter(search_title__contains=word)
    return articles.order_by("-publish_at", "-id")
