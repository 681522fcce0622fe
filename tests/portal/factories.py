"""Portal data for tests, made through the services so sanitising and the cache version are as in real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lamtheo.portal import services
from lamtheo.portal.models import Article, ArticleStatus, Category, Comment, CommentStatus

_counter = iter(range(1, 10**9))


def make_category(name: str = "Đảng Cộng sản", slug: str | None = None) -> Category:
    n = next(_counter)
    category, _created = Category.objects.get_or_create(slug=slug or f"chuyen-muc-{n}", defaults={"name": name})
    return category


def make_article(**kwargs: Any) -> Article:
    values: dict[str, Any] = {
        "title": f"Bài viết số {next(_counter)}",
        "lead": "Sapo của bài viết.",
        "body": "<p>Nội dung bài viết.</p>",
        "status": ArticleStatus.PUBLISHED,
        "publish_at": timezone.now() - dt.timedelta(hours=1),
    }
    values.update(kwargs)
    if "category" not in values:
        values["category"] = make_category()
    return services.article_create(acting_user=None, **values)


def make_comment(article: Article, *, status: str = CommentStatus.PENDING, **kwargs: Any) -> Comment:
    n = next(_counter)
    values: dict[str, Any] = {
        "title": f"Ý kiến {n}",
        "name": "Nguyễn Văn Bạn Đọc",
        "email": f"bandoc{n}@example.vn",
        "body": "Bài viết rất hay.",
    }
    values.update(kwargs)
    comment = Comment.objects.create(article=article, **values)
    if status != CommentStatus.PENDING:
        action = {"approved": "approve", "rejected": "reject", "spam": "spam"}[status]
        services.comments_moderate(
            acting_user=None, comments=[comment], action=action, reason="Không phù hợp" if action == "reject" else ""
        )
        comment.refresh_from_db()
    return comment
