"""Yearly inspection plans, inspections of units, their findings and the follow-up of recommendations."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISION = "supervision", _("Supervision")
    SITUATION_GRASPING = "situation_grasping", _("Situation-grasping visit")


class CoverageRule(models.TextChoices):
    SUBORDINATE = "subordinate", _("Every directly subordinate committee each year")
    GRASSROOTS = "grassroots", _("Every grassroots committee in the subtree each year")
    PLANNED = "planned", _("Only the units in the plan")


class InspectionPlan(models.Model):
    """One inspecting unit's plan for one year, with the coverage it must reach."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="inspection_plans", verbose_name=_("inspecting unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    coverage_rule = models.CharField(
        _("coverage rule"), max_length=20, choices=CoverageRule.choices, default=CoverageRule.SUBORDINATE
    )
    priority_sectors = models.ManyToManyField(
        "org.SectorTag", blank=True, related_name="+", verbose_name=_("priority sectors")
    )
    weak_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("units flagged as weak")
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="inspectionplan_one_per_unit_year"),
            models.CheckConstraint(condition=Q(year__gte=1930) & Q(year__lte=2200), name="inspectionplan_year_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"


class PlannedInspection(models.Model):
    """A line of the plan: which unit, in which month, what kind of visit, by whom, and why now."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="items")
    target = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    month = models.PositiveSmallIntegerField(_("month"))
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.INSPECTION)
    team = models.ManyToManyField("org.Person", blank=True, related_name="+", verbose_name=_("team"))
    team_note = models.CharField(_("team (other members)"), max_length=255, blank=True)
    reasons = models.CharField(_("priority reasons"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planned inspection")
        verbose_name_plural = _("planned inspections")
        ordering = ["month", "target__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "target", "kind"], name="plannedinspection_unique_target_kind"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="plannedinspection_month"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.target_id} · {self.month}"


class Inspection(models.Model):
    """An inspection, supervision or situation-grasping visit of one unit by another above it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspecting_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="inspections_made", verbose_name=_("inspecting unit")
    )
    target = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="inspections_received", verbose_name=_("inspected unit")
    )
    planned = models.ForeignKey(
        PlannedInspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.INSPECTION)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    team = models.ManyToManyField("org.Person", blank=True, related_name="inspections", verbose_name=_("team"))
    team_note = models.CharField(_("team (other members)"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="inspection_dates_ordered"),
        ]
        indexes = [
            # Coverage board and "not inspected for longest": inspections of a set of units by date.
            models.Index(fields=["target", "start_date"], name="inspection_target_start"),
            # A unit's own inspections by year.
            models.Index(fields=["inspecting_unit", "start_date"], name="inspection_inspector_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.target} · {self.start_date:%d/%m/%Y}"


def _document_path(instance: InspectionDocument, filename: str) -> str:
    return f"inspections/{instance.inspection.code}/{uuid.uuid4().hex}-{filename[-80:]}"


class InspectionDocument(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class FindingKind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", _("Good practice")
    SHORTCOMING = "shortcoming", _("Shortcoming")
    PUBLIC_OPINION = "public_opinion", _("Public-opinion issue")


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["kind", "id"]
        indexes = [
            # The good-practice library: findings of one kind, newest first.
            models.Index(fields=["kind", "-created_at"], name="finding_kind_created"),
        ]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("recommendation status", "Open")
    ANSWERED = "answered", pgettext_lazy("recommendation status", "Answered")
    CLOSED = "closed", pgettext_lazy("recommendation status", "Closed")


class Recommendation(models.Model):
    """What the inspected side must put right, by when; it answers, the inspector closes."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    responsible_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("responsible unit")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | ~Q(answer=""), name="recommendation_answered_has_answer"
            ),
        ]
        indexes = [
            # "Overdue recommendations in my scope": open ones by due date.
            models.Index(fields=["status", "due_date"], name="recommendation_status_due"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
