"""RSS and Atom feeds of the newest published articles. Titles and leads are plain text, escaped by the framework."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from lamtheo.portal.models import Article

FEED_SIZE = 30

# Feed is generic only in the type stubs.
if TYPE_CHECKING:
    _ArticleFeed = Feed[Article, None]
else:
    _ArticleFeed = Feed


class LatestArticlesFeed(_ArticleFeed):
    title = _("Studying and following the example: latest news")
    link = reverse_lazy("portal:home")
    description = _("News and stories of good people and good deeds.")

    def items(self) -> QuerySet[Article]:
        return Article.objects.live().select_related("category").order_by("-publish_at")[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Feed readers take a description as HTML: the lead is plain text, so it is escaped for them.
        return escape(item.lead)

    def item_pubdate(self, item: Article) -> dt.datetime:
        return item.publish_at

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]

    def item_author_name(self, item: Article) -> str:
        return item.byline


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
