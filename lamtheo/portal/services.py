"""Writes to the portal. Each is one transaction with one audit entry per record it changes.

Readers' comments are the exception to auditing: the comment row itself records who wrote it,
from which address and when; what moderators do with it is audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lamtheo.accounts.access import has_role
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import Role, User
from lamtheo.lib.errors import ConflictError
from lamtheo.lib.text import fold
from lamtheo.portal import sanitize
from lamtheo.portal.cache import bump_content_version, rate_limited, site_settings
from lamtheo.portal.models import (
    Article,
    ArticlePhoto,
    ArticleStatus,
    Category,
    Comment,
    CommentStatus,
    FeaturedProgramme,
    SiteSettings,
    Tag,
)

ARTICLE_FIELDS = (
    "slug",
    "title",
    "lead",
    "body",
    "category",
    "byline",
    "status",
    "publish_at",
    "featured",
    "exemplar_code",
    "comments_closed",
)
SETTINGS_FIELDS = (
    "site_name",
    "logo_name",
    "challenge_text",
    "code_of_conduct",
    "rate_limit_per_ip",
    "rate_limit_per_email",
)
MAX_PHOTO_BYTES = 5 * 1024 * 1024


class ModerationAction:
    APPROVE = "approve"
    REJECT = "reject"
    SPAM = "spam"
    CHOICES = (APPROVE, REJECT, SPAM)


def _require(acting_user: User | None, role: str) -> None:
    """``acting_user`` None is the system itself (demo data, management commands)."""
    if acting_user is not None and not has_role(acting_user, role):
        raise PermissionDenied


def slug_for(title: str) -> str:
    return slugify(fold(title))[:100].strip("-") or "bai-viet"


def _unique_slug(wanted: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(fold(wanted))[:100].strip("-") or "bai-viet"
    articles = Article.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        articles = articles.exclude(pk=exclude_pk)
    taken = set(articles.values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _tags(names: Iterable[str]) -> list[Tag]:
    tags: list[Tag] = []
    for name in names:
        name = name.strip()[:80]
        slug = slugify(fold(name))[:60]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def _prepare(article: Article, *, title: str, lead: str, body: str) -> None:
    title, lead = title.strip(), lead.strip()
    if not title:
        raise ValidationError(_("An article needs a title."))
    article.title = title
    article.lead = lead
    article.body = sanitize.clean_article_html(body)
    article.search_title = fold(title)
    article.search_text = sanitize.search_text_of(lead, article.body)


def article_create(
    *,
    acting_user: User | None,
    title: str,
    category: Category,
    lead: str = "",
    body: str = "",
    slug: str = "",
    tag_names: Iterable[str] = (),
    byline: str = "",
    status: str = ArticleStatus.DRAFT,
    publish_at: dt.datetime | None = None,
    featured: bool = False,
    exemplar_code: uuid.UUID | None = None,
) -> Article:
    _require(acting_user, Role.EDITOR)
    article = Article(
        category=category,
        byline=byline.strip(),
        status=status,
        publish_at=publish_at or timezone.now(),
        featured=featured,
        exemplar_code=exemplar_code,
        author=acting_user,
    )
    _prepare(article, title=title, lead=lead, body=body)
    with transaction.atomic():
        article.slug = _unique_slug(slug or title)
        article.save()
        article.tags.set(_tags(tag_names))
        audit_record(
            acting_user=acting_user, action="article.create", obj=article, after=snapshot(article, ARTICLE_FIELDS)
        )
        bump_content_version()
    return article


def article_update(
    *,
    acting_user: User | None,
    article: Article,
    expected_version: int,
    title: str,
    category: Category,
    lead: str,
    body: str,
    tag_names: Iterable[str],
    byline: str,
    status: str,
    publish_at: dt.datetime,
    featured: bool,
    exemplar_code: uuid.UUID | None,
) -> Article:
    """Save an edit. The address (slug) stays as it was, so links to the article keep working."""
    _require(acting_user, Role.EDITOR)
    before = snapshot(article, ARTICLE_FIELDS)
    article.category, article.byline, article.status = category, byline.strip(), status
    article.publish_at, article.featured, article.exemplar_code = publish_at, featured, exemplar_code
    _prepare(article, title=title, lead=lead, body=body)
    with transaction.atomic():
        fields: dict[str, Any] = {name: getattr(article, name) for name in ARTICLE_FIELDS if name != "category"}
        fields.update(
            category=category,
            search_title=article.search_title,
            search_text=article.search_text,
            updated_at=timezone.now(),
        )
        updated = Article.objects.filter(pk=article.pk, version=expected_version).update(
            version=F("version") + 1, **fields
        )
        if not updated:
            raise ConflictError(
                _("Someone else saved this article after you opened it. Reload the page to see their changes.")
            )
        article.tags.set(_tags(tag_names))
        article.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="article.update",
            obj=article,
            before=before,
            after=snapshot(article, ARTICLE_FIELDS),
        )
        bump_content_version()
    return article


def article_set_status(
    *, acting_user: User | None, article: Article, status: str, publish_at: dt.datetime | None = None
) -> Article:
    """Publish (now or at ``publish_at``), withdraw, or return an article to draft."""
    _require(acting_user, Role.EDITOR)
    if status not in ArticleStatus.values:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        before = snapshot(current, ("status", "publish_at"))
        current.status = status
        if publish_at is not None:
            current.publish_at = publish_at
        current.version += 1
        current.save(update_fields=["status", "publish_at", "version", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action=f"article.{status}",
            obj=current,
            before=before,
            after=snapshot(current, ("status", "publish_at")),
        )
        bump_content_version()
    return current


def article_thread_set_closed(*, acting_user: User | None, article: Article, closed: bool) -> Article:
    if acting_user is not None and not has_role(acting_user, Role.EDITOR, Role.MODERATOR):
        raise PermissionDenied
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(comments_closed=closed)
        article.comments_closed = closed
        audit_record(
            acting_user=acting_user,
            action="article.thread_close" if closed else "article.thread_open",
            obj=article,
            after={"comments_closed": closed},
        )
        bump_content_version()
    return article


def article_photo_add(
    *, acting_user: User | None, article: Article, upload: UploadedFile, caption: str
) -> ArticlePhoto:
    _require(acting_user, Role.EDITOR)
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."))
    upload.seek(0)
    kind = sanitize.image_kind(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError(_("The file is not a PNG, JPEG, GIF or WebP image."))
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    with transaction.atomic():
        order = article.photos.count()
        photo = ArticlePhoto.objects.create(article=article, image=upload, caption=caption.strip(), order=order)
        audit_record(
            acting_user=acting_user,
            action="article.photo_add",
            obj=article,
            after={"photo": photo.image.name, "caption": photo.caption},
        )
        bump_content_version()
    return photo


def article_photo_remove(*, acting_user: User | None, photo: ArticlePhoto) -> None:
    _require(acting_user, Role.EDITOR)
    with transaction.atomic():
        article = photo.article
        name = photo.image.name
        photo.delete()
        audit_record(acting_user=acting_user, action="article.photo_remove", obj=article, before={"photo": name})
        bump_content_version()


def comment_submit(
    *,
    article: Article,
    title: str,
    name: str,
    email: str,
    body: str,
    ip_address: str | None,
    now: dt.datetime | None = None,
    state: SiteSettings | None = None,
) -> Comment:
    """A reader's comment, checked and stored for moderation. Nothing is saved if any check fails.

    ``state`` is the settings row when the caller has already read it.
    """
    state = state or site_settings()
    if not article.is_live:
        raise ValidationError(_("This article is no longer published; comments cannot be sent."), code="closed")
    if article.comments_closed:
        raise ValidationError(_("Comments on this article are closed."), code="closed")
    if rate_limited(
        ip_address=ip_address,
        email=email,
        per_ip=state.rate_limit_per_ip,
        per_email=state.rate_limit_per_email,
    ):
        raise ValidationError(
            _("You have sent too many comments in a short time. Please wait an hour and try again."),
            code="rate_limited",
        )
    return Comment.objects.create(
        article=article,
        title=title.strip(),
        name=name.strip(),
        email=email.strip(),
        body=body.strip(),
        ip_address=ip_address,
        created_at=now or timezone.now(),
    )


def comments_moderate(
    *,
    acting_user: User | None,
    comments: Iterable[Comment],
    action: str,
    reason: str = "",
) -> int:
    """Approve, reject (with a reason) or mark as spam; return how many comments changed."""
    _require(acting_user, Role.MODERATOR)
    if action not in ModerationAction.CHOICES:
        raise ValidationError(_("Unknown moderation action."))
    reason = reason.strip()
    if action == ModerationAction.REJECT and not reason:
        raise ValidationError(_("Give a reason for rejecting the comments."))
    status = {
        ModerationAction.APPROVE: CommentStatus.APPROVED,
        ModerationAction.REJECT: CommentStatus.REJECTED,
        ModerationAction.SPAM: CommentStatus.SPAM,
    }[action]
    now = timezone.now()
    moderator = acting_user if acting_user is not None else None
    changed = 0
    with transaction.atomic():
        for comment in comments:
            if comment.status == status:
                continue
            before = {"status": comment.status}
            comment.status = status
            comment.reject_reason = reason if action == ModerationAction.REJECT else ""
            # Rendered once here; readers' pages only ever show the stored HTML.
            comment.body_html = sanitize.render_comment(comment.body) if status == CommentStatus.APPROVED else ""
            comment.moderated_at, comment.moderated_by = now, moderator
            comment.save(update_fields=["status", "reject_reason", "body_html", "moderated_at", "moderated_by"])
            audit_record(
                acting_user=acting_user,
                action=f"comment.{action}",
                obj=comment,
                before=before,
                after={"status": status, "reason": comment.reject_reason},
            )
            changed += 1
        if changed:
            bump_content_version()
    return changed


def site_settings_update(
    *,
    acting_user: User | None,
    expected_version: int,
    site_name: str,
    logo_name: str,
    challenge_text: str,
    code_of_conduct: str,
    rate_limit_per_ip: int,
    rate_limit_per_email: int,
) -> SiteSettings:
    _require(acting_user, Role.EDITOR)
    logo_name = logo_name.strip()
    if not logo_name or logo_name != logo_name.lower():
        raise ValidationError(_("The logo name must be written in lower case, since readers type it that way."))
    state = site_settings()
    before = snapshot(state, SETTINGS_FIELDS)
    with transaction.atomic():
        updated = SiteSettings.objects.filter(pk=state.pk, version=expected_version).update(
            site_name=site_name.strip(),
            logo_name=logo_name,
            challenge_text=challenge_text.strip(),
            code_of_conduct=code_of_conduct.strip(),
            rate_limit_per_ip=rate_limit_per_ip,
            rate_limit_per_email=rate_limit_per_email,
            version=F("version") + 1,
        )
        if not updated:
            raise ConflictError(
                _("Someone else saved the settings after you opened them. Reload the page to see their changes.")
            )
        bump_content_version()
        state.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="portal.settings_update",
            obj=state,
            before=before,
            after=snapshot(state, SETTINGS_FIELDS),
        )
    return state


def programme_create(
    *, acting_user: User | None, title: str, url: str = "", category: Category | None = None, order: int = 0
) -> FeaturedProgramme:
    _require(acting_user, Role.EDITOR)
    if not url.strip() and category is None:
        raise ValidationError(_("Give a link or choose a category."))
    url = url.strip()
    if url and not (url.startswith(("http://", "https://")) or url.startswith("/")):
        raise ValidationError(_("A link must start with http://, https:// or /."))
    with transaction.atomic():
        programme = FeaturedProgramme.objects.create(title=title.strip(), url=url, category=category, order=order)
        audit_record(
            acting_user=acting_user,
            action="programme.create",
            obj=programme,
            after=snapshot(programme, ("title", "url", "category", "order")),
        )
        bump_content_version()
    return programme


def programme_delete(*, acting_user: User | None, programme: FeaturedProgramme) -> None:
    _require(acting_user, Role.EDITOR)
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action="programme.delete",
            obj=programme,
            before=snapshot(programme, ("title", "url", "category", "order")),
        )
        programme.delete()
        bump_content_version()
