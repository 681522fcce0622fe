"""Users, the roles they hold on units, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Login protection counts failures on the account itself, so it holds across processes."""

    failed_login_count = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """Vietnamese order: family name (``last_name``) first, then middle and given name (``first_name``)."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    SUPPORT_STAFF = "support_staff", _("Support-unit staff")
    COMMITTEE_OFFICER = "committee_officer", _("Committee officer")
    CELL_SECRETARY = "cell_secretary", _("Cell secretary")
    MEMBER = "member", _("Member")
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")


class RoleAssignment(models.Model):
    """A role held on a unit. It reaches the unit's whole subtree; view and capture are separate rights."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    can_view = models.BooleanField(_("can view"), default=True)
    can_capture = models.BooleanField(_("can capture"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="roleassignment_unique"),
            models.CheckConstraint(
                condition=models.Q(can_view=True) | models.Q(can_capture=False),
                name="roleassignment_capture_needs_view",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class AuditEntry(models.Model):
    """One write made through a service: who, when, what, and the object before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            # An object's history page.
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
