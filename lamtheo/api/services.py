"""Creating and revoking API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.audit import audit_record
from lamtheo.accounts.models import User
from lamtheo.api.models import ApiToken

PREFIX_LENGTH = 12
MAX_ACTIVE_TOKENS = 10


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, acting_user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``acting_user``; return it and the secret, which is never stored or shown again."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, e.g. the system that will use it."))
    if ApiToken.objects.filter(user=acting_user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You already have %(n)d active tokens; revoke one first.") % {"n": MAX_ACTIVE_TOKENS})
    key = "lt_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=acting_user, name=name[:80], prefix=key[:PREFIX_LENGTH], key_hash=_hash(key)
        )
        audit_record(acting_user=acting_user, action="api_token.create", obj=token, after={"name": token.name})
    return token, key


def token_revoke(*, acting_user: User, token: ApiToken) -> None:
    if token.user_id != acting_user.pk:
        raise ValidationError(_("This is not your token."))
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit_record(acting_user=acting_user, action="api_token.revoke", obj=token)


def token_user(key: str) -> User | None:
    """The active user a presented token belongs to, or None."""
    if len(key) < PREFIX_LENGTH:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=key[:PREFIX_LENGTH], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(key)) or not token.user.is_active:
        return None
    # Record use at most once a minute: a busy client should not write on every request.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
