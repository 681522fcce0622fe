"""The anonymous page cache and the comment rate limits.

Cached pages are keyed by ``SiteSettings.content_version``. Services raise it in their transaction;
once the transaction commits, the new version (and the time of the next scheduled publication) is
announced where every app process sees it without a database query: in the cache when the cache is
shared (Redis), else in a small file under ``VAR_DIR`` (one machine, several gunicorn workers).
A cache hit therefore costs no query at all. Rate-limit counters live in Django's cache (atomic
``add`` then ``incr``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F, Min
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from lamtheo.portal.models import Article, ArticleStatus, SiteSettings

PAGE_TIMEOUT = 3600
RATE_WINDOW = 3600
# Stands for the CSRF token in rendered pages, so one cached page serves every reader.
CSRF_PLACEHOLDER = "__PORTAL_CSRF_TOKEN__"
SIGNAL_KEY = "portal:content-signal"
SIGNAL_FILE = "portal-content-version"

Signal = tuple[int, float | None]  # (content version, next scheduled publication as a timestamp)


def _cache_is_local() -> bool:
    return isinstance(cache, LocMemCache) or "locmem" in settings.CACHES["default"]["BACKEND"].lower()


def _signal_path() -> str:
    return os.path.join(settings.VAR_DIR, SIGNAL_FILE)


def announce(state: SiteSettings) -> None:
    """Tell every process the current version (call after commit)."""
    signal: Signal = (
        state.content_version,
        state.next_scheduled_at.timestamp() if state.next_scheduled_at else None,
    )
    if not _cache_is_local():
        cache.set(SIGNAL_KEY, signal, None)
        return
    os.makedirs(settings.VAR_DIR, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=settings.VAR_DIR, prefix=".portal-")
    with os.fdopen(handle, "w") as out:
        out.write(f"{signal[0]} {signal[1] or ''}")
    os.replace(temporary, _signal_path())


def _read_signal() -> Signal | None:
    if not _cache_is_local():
        value: Signal | None = cache.get(SIGNAL_KEY)
        return value
    try:
        with open(_signal_path()) as source:
            version, _sep, next_at = source.read().partition(" ")
        return int(version), float(next_at) if next_at.strip() else None
    except (OSError, ValueError):
        return None


def _after_commit(callback: Callable[[], None]) -> None:
    """A reader must never see the new version before the new content (it would cache stale pages under it)."""
    transaction.on_commit(callback)


def _announce_after_commit() -> None:
    _after_commit(lambda: announce(SiteSettings.objects.get(singleton=1)))


def current_version() -> int:
    """The content version, from the announcement when it is fresh, else from the database."""
    signal = _read_signal()
    if signal is not None and (signal[1] is None or signal[1] > timezone.now().timestamp()):
        return signal[0]
    state = site_settings()
    announce(state)
    return state.content_version


def site_settings() -> SiteSettings:
    """The settings row (created on first use), renewing the cache once a scheduled article falls due."""
    state = SiteSettings.objects.filter(singleton=1).first()
    if state is None:
        state, _created = SiteSettings.objects.get_or_create(singleton=1)
    if state.next_scheduled_at is not None and state.next_scheduled_at <= timezone.now():
        _scheduled_article_fell_due(state)
    return state


def _scheduled_article_fell_due(state: SiteSettings) -> None:
    with transaction.atomic():
        upcoming = Article.objects.filter(status=ArticleStatus.PUBLISHED, publish_at__gt=timezone.now()).aggregate(
            first=Min("publish_at")
        )["first"]
        # Only the request that sees the old value renews the cache.
        SiteSettings.objects.filter(pk=state.pk, next_scheduled_at=state.next_scheduled_at).update(
            next_scheduled_at=upcoming, content_version=F("content_version") + 1
        )
        _announce_after_commit()
    state.refresh_from_db()


def bump_content_version() -> None:
    """Call inside a service's transaction whenever something readers see has changed."""
    upcoming = Article.objects.filter(status=ArticleStatus.PUBLISHED, publish_at__gt=timezone.now()).aggregate(
        first=Min("publish_at")
    )["first"]
    updated = SiteSettings.objects.filter(singleton=1).update(
        content_version=F("content_version") + 1, next_scheduled_at=upcoming
    )
    if not updated:
        SiteSettings.objects.get_or_create(singleton=1, defaults={"next_scheduled_at": upcoming})
    _announce_after_commit()


def with_csrf(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Put this reader's CSRF token where the page has the placeholder."""
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    return response


def _page_key(request: HttpRequest, version: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:page:{version}:{get_language()}:{digest}"


View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """Serve anonymous GETs from the cache; everyone else gets a fresh page. Either way the token is filled in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            return with_csrf(request, view(request, *args, **kwargs))
        key = _page_key(request, current_version())
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return with_csrf(request, HttpResponse(content, content_type=content_type))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return with_csrf(request, response)

    return wrapper


def _hit(key: str) -> int:
    if cache.add(key, 1, RATE_WINDOW):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RATE_WINDOW)
        return 1


def rate_limited(*, ip_address: str | None, email: str, per_ip: int, per_email: int) -> bool:
    """Count one attempt from this address and email; True when either is over its hourly limit."""
    over = False
    if ip_address:
        over = _hit(f"portal:rate:ip:{ip_address}") > per_ip
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return _hit(f"portal:rate:email:{email_key}") > per_email or over
