"""Script and HTML typed into any field are inert on the article page, the moderation screen and the feeds."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils.html import escape

from lamtheo.portal import services
from lamtheo.portal.models import Comment
from tests.portal.conftest import Portal
from tests.portal.factories import make_article

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">bấm</a>',
    "<iframe src=//evil.example></iframe>",
    "'';!--\"<XSS>=&{()}",
    "<body onload=alert(1)>",
]
# What must never appear as live markup in a page.
DANGEROUS = ["<script>alert", "<img src=x", "<svg/onload", "<iframe", "<XSS>", "<body onload", 'href="javascript:']


def _assert_inert(html: str) -> None:
    for fragment in DANGEROUS:
        assert fragment not in html, fragment


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_every_comment_field_is_inert_everywhere(portal: Portal, payload: str) -> None:
    comment = Comment.objects.create(
        article=portal.article, title=payload, name=payload, email="x@example.vn", body=payload
    )
    # The email field only takes valid addresses; the form refuses a payload there.
    response = Client().post(
        f"/tin/{portal.article.slug}/binh-luan/", portal.valid_comment(email=payload, title=payload)
    )
    assert response.status_code == 400
    _assert_inert(response.content.decode())

    moderation = portal.org.client_for(portal.moderator).get("/bien-tap/binh-luan/").content.decode()
    _assert_inert(moderation)
    assert escape(payload) in moderation  # shown as text, so the moderator sees what was sent

    services.comments_moderate(acting_user=portal.moderator, comments=[comment], action="approve")
    page = Client().get(portal.article.get_absolute_url()).content.decode()
    _assert_inert(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_an_article_is_inert_on_its_page_and_in_the_feeds(portal: Portal, payload: str) -> None:
    article = make_article(title=f"Tin {payload}", lead=payload, body=payload, byline=payload, category=portal.category)
    page = Client().get(article.get_absolute_url()).content.decode()
    _assert_inert(page)
    for feed, tag in (("/rss/", "description"), ("/atom/", "{http://www.w3.org/2005/Atom}summary")):
        # Our own feed, parsed to prove it is well-formed: nothing broke out of its element.
        root = ElementTree.fromstring(Client().get(feed).content)  # noqa: S314
        known = {"rss", "channel", "title", "link", "description", "item", "guid", "pubDate", "category"}
        known |= {"lastBuildDate", "language", "creator", "feed", "id", "updated", "author", "name", "summary"}
        known |= {"subtitle", "published", "entry"}
        for element in root.iter():
            assert element.tag.rsplit("}", 1)[-1] in known, element.tag
        # Readers take the description as HTML, so the lead travels HTML-escaped: markup stays text.
        summaries = [element.text or "" for element in root.iter(tag)]
        assert escape(payload) in summaries
    home = Client().get("/").content.decode()
    _assert_inert(home)
    results = Client().get("/tim-kiem/", {"q": payload}).content.decode()
    _assert_inert(results)
