"""The editors' screens: articles (write, preview, publish, schedule, withdraw), photos, settings, programmes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import has_role
from lamtheo.accounts.models import Role
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.portal import sanitize, selectors, services
from lamtheo.portal.cache import CSRF_PLACEHOLDER, site_settings
from lamtheo.portal.forms import ArticleForm, PhotoForm, ProgrammeForm, SiteSettingsForm
from lamtheo.portal.models import Article, ArticlePhoto, ArticleStatus, FeaturedProgramme
from lamtheo.portal.views.access import editor_required, staff_required

PAGE_SIZE = 30


def _get_article(code: str) -> Article:
    try:
        article = Article.objects.select_related("category").filter(code=code).first()
    except ValidationError as exc:
        raise Http404 from exc
    if article is None:
        raise Http404
    return article


@staff_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "counters": selectors.moderation_counters(),
        "is_editor": has_role(request.user, Role.EDITOR),
        "is_moderator": has_role(request.user, Role.MODERATOR),
        "recent": list(selectors.editor_articles()[:8]),
    }
    return render(request, "portal/editor/dashboard.html", context)


@editor_required
def article_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if status not in ArticleStatus.values:
        status = ""
    page = Paginator(selectors.editor_articles(query, status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "status": status, "statuses": ArticleStatus.choices}
    return render(request, "portal/editor/article_list.html", context)


def _preview(request: AuthenticatedRequest, form: ArticleForm, article: Article | None) -> dict[str, Any]:
    """An unsaved article as readers would see it (body sanitised exactly as saving would)."""
    data = form.cleaned_data
    return {
        "title": data["title"],
        "lead": data["lead"],
        "body": sanitize.clean_article_html(data["body"]),
        "category": data["category"],
        "publish_at": data["publish_at"],
        "byline": data["byline"],
        "photos": list(article.photos.all()) if article is not None else [],
    }


def _save(request: AuthenticatedRequest, form: ArticleForm, article: Article | None) -> Article:
    data = form.cleaned_data
    common: dict[str, Any] = {
        "title": data["title"],
        "category": data["category"],
        "lead": data["lead"],
        "body": data["body"],
        "tag_names": form.tag_names(),
        "byline": data["byline"],
        "status": data["status"],
        "publish_at": data["publish_at"],
        "featured": data["featured"],
        "exemplar_code": data["exemplar_code"],
    }
    if article is None:
        return services.article_create(acting_user=request.user, slug=data["slug"] or "", **common)
    return services.article_update(
        acting_user=request.user, article=article, expected_version=data["version"] or 0, **common
    )


@editor_required
@require_http_methods(["GET", "POST"])
def article_edit(request: AuthenticatedRequest, code: str | None = None) -> HttpResponse:
    """Create or edit; "Preview" shows the article as readers will see it without saving."""
    article = _get_article(code) if code else None
    preview = None
    if request.method == "POST":
        form = ArticleForm(request.POST)
        if form.is_valid():
            if "preview" in request.POST:
                preview = _preview(request, form, article)
            else:
                try:
                    saved = _save(request, form, article)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("The article has been saved."))
                    return redirect("portal:editor_article_edit", code=saved.code)
    elif article is not None:
        form = ArticleForm(
            initial={
                "version": article.version,
                "title": article.title,
                "slug": article.slug,
                "category": article.category_id,
                "lead": article.lead,
                "body": article.body,
                "tags": ", ".join(article.tags.values_list("name", flat=True)),
                "byline": article.byline,
                "status": article.status,
                "publish_at": timezone.localtime(article.publish_at),
                "featured": article.featured,
                "exemplar_code": article.exemplar_code,
            }
        )
    else:
        form = ArticleForm()
    context = {
        "form": form,
        "article": article,
        "preview": preview,
        "photo_form": PhotoForm(),
        "photos": list(article.photos.all()) if article is not None else [],
        "csrf_placeholder": CSRF_PLACEHOLDER,
    }
    return render(request, "portal/editor/article_form.html", context)


@editor_required
@require_POST
def article_status(request: AuthenticatedRequest, code: str) -> HttpResponse:
    article = _get_article(code)
    status = request.POST.get("status", "")
    try:
        services.article_set_status(acting_user=request.user, article=article, status=status)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The article's status has been changed."))
    return redirect("portal:editor_article_edit", code=article.code)


@staff_required
@require_POST
def article_thread(request: AuthenticatedRequest, code: str) -> HttpResponse:
    article = _get_article(code)
    closed = request.POST.get("closed") == "1"
    services.article_thread_set_closed(acting_user=request.user, article=article, closed=closed)
    messages.success(request, _("Comments are now closed.") if closed else _("Comments are open again."))
    target = request.POST.get("next", "")
    if target == "moderation":
        return redirect("portal:moderation")
    return redirect("portal:editor_article_edit", code=article.code)


@editor_required
@require_POST
def photo_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    article = _get_article(code)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.article_photo_add(
                acting_user=request.user,
                article=article,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The photo has been added."))
    else:
        messages.error(request, _("Choose a photo to upload."))
    return redirect("portal:editor_article_edit", code=article.code)


@editor_required
@require_POST
def photo_remove(request: AuthenticatedRequest, code: str, photo_id: int) -> HttpResponse:
    article = _get_article(code)
    photo = ArticlePhoto.objects.filter(article=article, pk=photo_id).first()
    if photo is None:
        raise Http404
    services.article_photo_remove(acting_user=request.user, photo=photo)
    messages.success(request, _("The photo has been removed."))
    return redirect("portal:editor_article_edit", code=article.code)


@editor_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: AuthenticatedRequest) -> HttpResponse:
    state = site_settings()
    if request.method == "POST":
        form = SiteSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.site_settings_update(
                    acting_user=request.user,
                    expected_version=form.cleaned_data["version"],
                    site_name=form.cleaned_data["site_name"],
                    logo_name=form.cleaned_data["logo_name"],
                    challenge_text=form.cleaned_data["challenge_text"],
                    code_of_conduct=form.cleaned_data["code_of_conduct"],
                    rate_limit_per_ip=form.cleaned_data["rate_limit_per_ip"],
                    rate_limit_per_email=form.cleaned_data["rate_limit_per_email"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The settings have been saved."))
                return redirect("portal:editor_settings")
    else:
        form = SiteSettingsForm(
            initial={
                "version": state.version,
                "site_name": state.site_name,
                "logo_name": state.logo_name,
                "challenge_text": state.challenge_text,
                "code_of_conduct": state.code_of_conduct,
                "rate_limit_per_ip": state.rate_limit_per_ip,
                "rate_limit_per_email": state.rate_limit_per_email,
            }
        )
    return render(request, "portal/editor/settings.html", {"form": form})


@editor_required
@require_http_methods(["GET", "POST"])
def programmes(request: AuthenticatedRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            programme = FeaturedProgramme.objects.filter(pk=request.POST.get("delete", "").strip() or 0).first()
            if programme is None:
                raise Http404
            services.programme_delete(acting_user=request.user, programme=programme)
            messages.success(request, _("The programme has been removed."))
            return redirect("portal:editor_programmes")
        if form.is_valid():
            try:
                services.programme_create(
                    acting_user=request.user,
                    title=form.cleaned_data["title"],
                    url=form.cleaned_data["url"],
                    category=form.cleaned_data["category"],
                    order=form.cleaned_data["order"] or 0,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The programme has been added."))
                return redirect("portal:editor_programmes")
    return render(request, "portal/editor/programmes.html", {"form": form, "programmes": selectors.programmes()})
