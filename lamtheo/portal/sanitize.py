"""Making editors' HTML and readers' text safe to show, once, when they are saved or approved."""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, strip_tags

from lamtheo.lib.text import fold

ARTICLE_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "img", "figure"}
ARTICLE_TAGS |= {"figcaption"}
ARTICLE_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto"}

_BLANK_LINES = re.compile(r"\n\s*\n")

# Magic numbers of the image formats accepted as photos (SVG is not: it can carry script).
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


def clean_article_html(html: str) -> str:
    """Keep the article markup editors need; drop scripts, handlers, styles and unsafe links."""
    return nh3.clean(
        html,
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    return strip_tags(html).replace("&nbsp;", " ")


def search_text_of(*parts: str) -> str:
    """The folded text the search matches against (no tags, no diacritics, lower case)."""
    return fold(" ".join(plain_text(part) for part in parts if part))


def render_comment(text: str) -> str:
    """A reader's plain text as HTML: everything escaped, paragraphs and line breaks kept."""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n").strip()) if p.strip()]
    return "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def image_kind(head: bytes) -> str | None:
    """The image format named by a file's first bytes, or None if it is not an accepted image."""
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None
