"""Reporting cycles, their templates, unit reports, the precomputed roll-ups and the review drafts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NarrativeSection(models.TextChoices):
    RESULTS = "results", _("Results")
    SHORTCOMINGS = "shortcomings", _("Shortcomings and weaknesses")
    CAUSES = "causes", _("Causes")
    LESSONS = "lessons", _("Lessons learnt")
    NEXT_TASKS = "next_tasks", _("Tasks for the next period")


SECTION_VALUES = [value for value, _label in NarrativeSection.choices]


class ReportTemplate(models.Model):
    """What a unit report contains: indicators (figures) and narrative sections (text)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    sections = models.JSONField(_("narrative sections"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.name


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", _("Computed from the records")
    MANUAL = "manual", _("Entered by the unit")


class TemplateIndicator(models.Model):
    """One indicator of a template. A computed one names an indicator of the catalogue
    (``lamtheo.reports.indicators``), whose translated label and definition are used unless
    overridden here; a manual one carries its own label and definition."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=40)
    source = models.CharField(_("source"), max_length=10, choices=IndicatorSource.choices)
    label = models.CharField(_("label"), max_length=255, blank=True)
    definition = models.TextField(_("definition"), blank=True)

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="templateindicator_unique_code"),
            # A manual indicator has nothing to fall back on: it must say what it counts.
            models.CheckConstraint(
                condition=Q(source="computed") | (~Q(label="") & ~Q(definition="")),
                name="templateindicator_manual_defined",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PeriodKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")
    MULTI_YEAR = "multi_year", _("Several years")


class CycleStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("cycle status", "Open")
    CLOSED = "closed", pgettext_lazy("cycle status", "Closed")


class ReportingCycle(models.Model):
    """A call for reports: which units report on which period, by when, on which template."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    issuing_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="reporting_cycles", verbose_name=_("issuing unit")
    )
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="cycles")
    period_kind = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    deadline = models.DateField(_("deadline"))
    assigned_kind = models.CharField(_("units that report"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="cycle_period_ordered"),
            models.CheckConstraint(condition=Q(deadline__gte=F("period_start")), name="cycle_deadline_after_start"),
        ]
        indexes = [
            # The cycles list: the cycles issued by the units in a user's scope, newest first.
            models.Index(fields=["issuing_unit", "period_end"], name="cycle_issuer_end"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start.year, self.period_end.year + 1))


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")


class UnitReport(models.Model):
    """One assigned unit's report for a cycle; the row exists from the cycle's opening, so completeness
    is a count of rows. ``values`` holds the figures ({indicator code: number or None}), pre-filled from
    the records; ``narrative`` the sections' text ({section: text})."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="unit_reports")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    values = models.JSONField(_("figures"), default=dict)
    narrative = models.JSONField(_("narrative"), default=dict)
    values_computed_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "unit__path"]
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="unitreport_one_per_cycle_unit"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_comment=""), name="unitreport_returned_has_comment"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="returned") | Q(first_submitted_at__isnull=False),
                name="unitreport_submitted_has_time",
            ),
        ]
        indexes = [
            # Completeness: a cycle's reports by status.
            models.Index(fields=["cycle", "status"], name="unitreport_cycle_status"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.unit_id}"

    @property
    def is_locked(self) -> bool:
        return self.status == ReportStatus.ACCEPTED

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class IndicatorSummary(models.Model):
    """A precomputed figure: one indicator for one unit's subtree over one period (a calendar year,
    ``period_key`` "2015"). Dashboards read these instead of counting records; ``refresh_summaries``
    rewrites them. Zero values are not stored."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    indicator = models.CharField(max_length=40)
    value = models.FloatField()
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_key", "indicator"], name="summary_unique"),
        ]
        indexes = [
            # Dashboards: every figure of a few units (a unit and its children) for a set of years.
            models.Index(fields=["period_key", "unit"], name="summary_period_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_key} {self.indicator}={self.value}"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review status", "Draft")
    FINAL = "final", pgettext_lazy("review status", "Final")


class ReviewDraft(models.Model):
    """The review document of a cycle (annual or multi-year), its text editable until finalised."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.OneToOneField(ReportingCycle, on_delete=models.PROTECT, related_name="review")
    number = models.CharField(_("number and symbol"), max_length=60)
    place = models.CharField(_("place"), max_length=80, default="Hà Nội")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=400)
    sections = models.JSONField(_("sections"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    document = models.FileField(_("document"), upload_to="reports/reviews/", blank=True, max_length=300)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(finalised_at__isnull=False) & ~Q(document="")),
                name="review_final_has_document",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == ReviewStatus.FINAL
