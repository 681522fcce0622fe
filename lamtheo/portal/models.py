"""The public portal: articles and exemplar stories, their photos, reader comments and the site's settings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:category", args=[self.slug])


class Tag(models.Model):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleQuerySet(models.QuerySet["Article"]):
    def live(self) -> ArticleQuerySet:
        """What readers may see: published, and the scheduled time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, publish_at__lte=timezone.now())


class Article(models.Model):
    """A news article or, when ``exemplar_code`` is set, an exemplar ("good people, good deeds") story."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    lead = models.TextField(_("lead"), max_length=1000, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Sanitised HTML."))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    byline = models.CharField(_("byline"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    publish_at = models.DateTimeField(_("publication time"), default=timezone.now)
    featured = models.BooleanField(_("featured"), default=False)
    # The UUID of an exemplar in the recognition app (its public code); kept as a plain value so the
    # portal does not depend on that app's tables.
    exemplar_code = models.UUIDField(_("exemplar"), null=True, blank=True)
    comments_closed = models.BooleanField(_("comments closed"), default=False)
    search_title = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Home, category and feed pages: live articles, newest first (optionally per category).
            models.Index(fields=["status", "publish_at"], name="portal_article_live"),
            models.Index(fields=["category", "status", "publish_at"], name="portal_article_category"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article", args=[self.slug])

    @property
    def is_live(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_exemplar_story(self) -> bool:
        return self.exemplar_code is not None


class ArticlePhoto(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("image"), upload_to="portal/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class Comment(models.Model):
    """A reader's comment. ``body_html`` is rendered once, when the comment is approved."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    title = models.CharField(_("title"), max_length=200)
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    body = models.TextField(_("content"), max_length=3000)
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    reject_reason = models.CharField(_("reason"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # An article's published thread, oldest first.
            models.Index(fields=["article", "status", "created_at"], name="portal_comment_thread"),
            # The moderation queue and its counters.
            models.Index(fields=["status", "created_at"], name="portal_comment_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | ~Q(body_html=""),
                name="portal_comment_approved_is_rendered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FeaturedProgramme(models.Model):
    """An entry of the "favourite programmes" block: a link or a category, in the editors' order."""

    title = models.CharField(_("title"), max_length=120)
    url = models.CharField(_("link"), max_length=300, blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("category")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("favourite programme")
        verbose_name_plural = _("favourite programmes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(category__isnull=False), name="portal_programme_has_target"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.category.get_absolute_url() if self.category is not None else self.url


class SiteSettings(models.Model):
    """The portal's one settings row; ``content_version`` keys the page cache and rises on every change."""

    singleton = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)
    site_name = models.CharField(_("site name"), max_length=120, default="Làm theo")
    logo_name = models.CharField(
        _("logo name"), max_length=40, default="lamtheo", help_text=_("Drawn in the logo; the answer to the challenge.")
    )
    challenge_text = models.CharField(
        _("challenge question"), max_length=200, blank=True, help_text=_("Empty: the standard wording.")
    )
    code_of_conduct = models.TextField(_("code of conduct"), blank=True)
    rate_limit_per_ip = models.PositiveIntegerField(_("comments per IP address per hour"), default=10)
    rate_limit_per_email = models.PositiveIntegerField(_("comments per email address per hour"), default=5)
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    # The earliest scheduled publication still to come: when it passes, the cache is renewed once.
    next_scheduled_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=Q(singleton=1), name="portal_settings_singleton")]

    def __str__(self) -> str:
        return self.site_name
