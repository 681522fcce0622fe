"""The public site: home, categories, articles with their comment form, search, the code of conduct."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lamtheo.portal import selectors, services
from lamtheo.portal.cache import CSRF_PLACEHOLDER, public_page, site_settings, with_csrf
from lamtheo.portal.forms import CommentForm
from lamtheo.portal.models import Article, Category, SiteSettings

PAGE_SIZE = 12
SENT_FLAG = "da-gui"


def settings_for(request: HttpRequest) -> SiteSettings:
    state: SiteSettings | None = getattr(request, "portal_settings", None)
    if state is None:
        state = site_settings()
        request.portal_settings = state  # type: ignore[attr-defined]
    return state


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    state = settings_for(request)
    context.update(
        site=state,
        nav_categories=selectors.categories(),
        programmes=selectors.programmes(),
        csrf_placeholder=CSRF_PLACEHOLDER,
    )
    return render(request, template, context, status=status)


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "portal/home.html", selectors.home_blocks())


@require_GET
@public_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    current = get_object_or_404(Category, slug=slug)
    articles = selectors.live_articles().filter(category=current)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("trang"))
    return _page(request, "portal/category.html", {"category": current, "page": page})


def _article_page(request: HttpRequest, article: Article, form: CommentForm, status: int = 200) -> HttpResponse:
    context = {
        "article": article,
        "photos": selectors.photos_of(article),
        "tags": list(article.tags.all()),
        "comments": list(selectors.approved_comments(article)),
        "related": selectors.related_articles(article),
        "form": form,
        "sent": request.GET.get(SENT_FLAG) == "1",
    }
    return _page(request, "portal/article.html", context, status=status)


@require_GET
@public_page
def article(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_live_article(slug)
    return _article_page(request, current, CommentForm())


@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    """Check and store a reader's comment; errors come back on the form with what was typed."""
    current = selectors.get_article_for_comment(slug)
    state = settings_for(request)
    form = CommentForm(request.POST, answer=state.logo_name)
    sent_url = f"{current.get_absolute_url()}?{SENT_FLAG}=1#binh-luan"
    if form.is_bot:
        # Bots are told nothing: the answer looks like success and nothing is saved.
        return HttpResponseRedirect(sent_url)
    if form.is_valid():
        try:
            services.comment_submit(
                article=current,
                title=form.cleaned_data["title"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                ip_address=request.META.get("REMOTE_ADDR"),
                state=state,
            )
        except ValidationError as exc:
            if exc.code == "closed" and not current.is_live:
                return with_csrf(request, _refused(request, form, exc.messages[0]))
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(sent_url)
    if not current.is_live:
        return with_csrf(request, _refused(request, form, _("This article is no longer published.")))
    return with_csrf(request, _article_page(request, selectors.get_live_article(slug), form, status=400))


def _refused(request: HttpRequest, form: CommentForm, message: str) -> HttpResponse:
    """The article is gone: say so and give the reader back what they wrote."""
    return _page(request, "portal/comment_refused.html", {"message": message, "form": form}, status=410)


@require_GET
@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.search(query), PAGE_SIZE).get_page(request.GET.get("trang")) if query else None
    return _page(request, "portal/search.html", {"query": query, "page": page})


@require_GET
@public_page
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return _page(request, "portal/conduct.html", {})


@require_GET
@public_page
def sitemap(request: HttpRequest) -> HttpResponse:
    context = {
        "articles": Article.objects.live().only("slug", "updated_at").order_by("-publish_at")[:5000],
        "categories": selectors.categories(),
        "base": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "portal/sitemap.xml", context, content_type="application/xml")


LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" viewBox="0 0 {width} 40" role="img">'
    '<rect width="40" height="40" rx="8" fill="#b71c1c"/>'
    '<polygon fill="#ffd600" points="20,6 24,16.5 35,16.5 26.2,23 29.5,34 20,27.5 10.5,34 13.8,23 5,16.5 16,16.5"/>'
    '<text x="48" y="28" font-family="Georgia, serif" font-size="22" font-weight="bold" fill="#8e0000">{name}</text>'
    "</svg>"
)


@require_GET
@public_page
def logo(request: HttpRequest) -> HttpResponse:
    """The site's logo with its name: the picture the comment challenge asks about."""
    name = settings_for(request).logo_name
    svg = LOGO_SVG.format(width=56 + 14 * len(name), name=escape(name))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
