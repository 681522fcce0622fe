"""The campaign's "do" half: programmes and year plans, activities and attendance, commitments and evaluations."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A directive that founds the campaign for a period (e.g. Directive 03-CT/TW, 2011–2016)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("issued_on")),
                name="programme_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class YearPlan(models.Model):
    """A unit's plan for one year of a programme: the thematic topic, goals and tasks.

    The Bloc's plan has no parent; a subordinate committee that adopts it gets its own plan with
    ``parent_plan`` pointing up, to which it adds its own tasks.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="plans")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="year_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    parent_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("adopted from"),
    )
    topic_title = models.CharField(_("thematic topic"), max_length=500)
    goals = models.TextField(_("goals"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = _("year plan")
        verbose_name_plural = _("year plans")
        constraints = [
            models.UniqueConstraint(fields=["unit", "programme", "year"], name="yearplan_one_per_unit_programme_year"),
            models.CheckConstraint(condition=Q(year__gte=1930) & Q(year__lte=2200), name="yearplan_year_plausible"),
        ]
        indexes = [
            # plan_for_unit(): the plans of a unit's ancestors for one year.
            models.Index(fields=["year", "unit"], name="yearplan_year_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.topic_title}"


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"


class PlanDocument(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="campaign/plans/%Y/")
    kind = models.CharField(_("type"), max_length=10, choices=DocumentKind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    DONE = "done", _("Done")


class PlanTask(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=500)
    owner_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    owner_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        if self.owner_unit is not None:
            return self.owner_unit.short_name or self.owner_unit.name
        if self.owner_person is not None:
            return self.owner_person.full_name
        return "—"


class Holiday(models.Model):
    """A major holiday of the year, for which units carry out propaganda. The list is edited each year."""

    day = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["day", "name"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        constraints = [models.UniqueConstraint(fields=["day", "name"], name="holiday_unique_day_name")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class ActivityKind(models.TextChoices):
    CELL_MEETING = "cell_meeting", _("Party-cell meeting on the topic")
    STUDY_SESSION = "study_session", _("Thematic study session")
    HOLIDAY_PROPAGANDA = "holiday_propaganda", _("Propaganda for a major holiday")
    YOUTH_ACTIVITY = "youth_activity", _("Youth activity")
    OTHER = "other", _("Other activity")


class Activity(models.Model):
    """Something a unit did for the campaign. A cell meeting records attendance per person and keeps
    the counts here (``expected_count`` members, ``present_count`` present); a large event records
    only the counts."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="activities", verbose_name=_("organiser")
    )
    co_organisers = models.ManyToManyField(
        "org.Unit", blank=True, related_name="co_organised_activities", verbose_name=_("co-organisers")
    )
    plan = models.ForeignKey(
        YearPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="activities", verbose_name=_("topic")
    )
    holiday = models.ForeignKey(
        Holiday, null=True, blank=True, on_delete=models.PROTECT, related_name="activities", verbose_name=_("holiday")
    )
    expected_count = models.PositiveIntegerField(_("expected"), default=0)
    present_count = models.PositiveIntegerField(_("attended"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(present_count__lte=models.F("expected_count")) | Q(expected_count=0),
                name="activity_present_within_expected",
            ),
        ]
        indexes = [
            # A unit's activities in a year (list pages); progress joins on the organiser's path.
            models.Index(fields=["unit", "held_on"], name="activity_unit_held"),
            # Progress: cell meetings of a year.
            models.Index(fields=["kind", "held_on"], name="activity_kind_held"),
            # Live progress of a subtree: its cells' meetings in a year, read from the index alone (the
            # counts are in it), at a cost that follows the subtree and not the country.
            models.Index(
                fields=["unit", "held_on", "expected_count", "present_count"],
                condition=Q(kind="cell_meeting"),
                name="activity_cell_meeting_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def attendance_rate(self) -> float | None:
        return self.present_count / self.expected_count if self.expected_count else None


class ActivityPhoto(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="campaign/photos/%Y/")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or str(self.code)


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="attendances")
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="attendance_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.activity_id}: {self.present}"


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Completed tasks excellently")
    GOOD = "good", _("Completed tasks well")
    COMPLETE = "complete", _("Completed tasks")
    NOT_COMPLETE = "not_complete", _("Did not complete tasks")


class Stage(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    EVALUATED = "evaluated", _("Evaluated by the cell")
    APPROVED = "approved", _("Approved (locked)")


RATING_VALUES = [value for value, _label in Rating.choices]


class Commitment(models.Model):
    """What a member will study and follow in a year, and how the year went: self-assessment, the cell's
    evaluation, the committee's approval (which locks it)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="commitments")
    year = models.PositiveSmallIntegerField(_("year"))
    # The cell the member belonged to when registering: it evaluates them and the year's figures count them there.
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("cell"))
    is_leader = models.BooleanField(_("leader (Regulation 101)"), default=False)
    items = models.JSONField(_("commitments"), default=list)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.REGISTERED)
    self_assessment = models.TextField(_("self-assessment"), blank=True)
    self_rating = models.CharField(_("self-rating"), max_length=20, choices=Rating.choices, blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    cell_rating = models.CharField(_("cell's rating"), max_length=20, choices=Rating.choices, blank=True)
    cell_comment = models.TextField(_("cell's comment"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="commitment_one_per_person_year"),
            models.CheckConstraint(
                condition=Q(self_rating="") | Q(self_rating__in=RATING_VALUES), name="commitment_self_rating_valid"
            ),
            models.CheckConstraint(
                condition=Q(cell_rating="") | Q(cell_rating__in=RATING_VALUES), name="commitment_cell_rating_valid"
            ),
            # Approval locks an evaluated commitment: it needs the cell's rating.
            models.CheckConstraint(
                condition=~Q(stage="approved") | (Q(approved_at__isnull=False) & ~Q(cell_rating="")),
                name="commitment_approved_is_rated",
            ),
        ]
        indexes = [
            # Progress and the reports' roll-ups: a year's commitments of a set of cells, counted by stage
            # and rating from the index alone on PostgreSQL (INCLUDE; SQLite keeps the two key columns).
            models.Index(
                fields=["year", "unit"],
                include=["self_rating", "cell_rating", "approved_at", "is_leader"],
                name="commitment_year_unit_counts",
            ),
            # A year's commitments a page at a time in the order they were registered (the API's list):
            # walked in order instead of sorting a whole year of a country's commitments.
            models.Index(fields=["year", "id"], name="commitment_year_id"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.year}"

    @property
    def is_locked(self) -> bool:
        return self.stage == Stage.APPROVED

    @property
    def final_rating(self) -> str:
        return self.cell_rating or ""


class ProgressThreshold(models.Model):
    """Minimum shares (in per cent) below which a unit under ``unit`` is flagged weak for the year."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="progress_thresholds")
    year = models.PositiveSmallIntegerField(_("year"))
    min_meeting_share = models.PositiveSmallIntegerField(_("cells meeting on the topic, at least (%)"), default=80)
    min_attendance = models.PositiveSmallIntegerField(_("attendance, at least (%)"), default=80)
    min_registration = models.PositiveSmallIntegerField(_("members registered, at least (%)"), default=90)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("progress threshold")
        verbose_name_plural = _("progress thresholds")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="threshold_one_per_unit_year"),
            models.CheckConstraint(
                condition=Q(min_meeting_share__lte=100) & Q(min_attendance__lte=100) & Q(min_registration__lte=100),
                name="threshold_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.year}"
