"""Nominations → decisions → commendations of units and people; exemplars ("good people, good deeds")."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Exactly one of the two nominee columns is set.
_ONE_NOMINEE = (Q(nominee_unit__isnull=False) & Q(nominee_person__isnull=True)) | (
    Q(nominee_unit__isnull=True) & Q(nominee_person__isnull=False)
)


class CommendationForm(models.TextChoices):
    PRAISE = "praise", _("Praise")
    CERTIFICATE_OF_MERIT = "certificate", _("Certificate of merit")
    HIGHER_CERTIFICATE = "higher_certificate", _("Higher certificate of merit")


class Occasion(models.Model):
    """What commendations are given for: a year, or a multi-year review of a directive."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="recognition_occasions", verbose_name=_("organising unit")
    )
    title = models.CharField(_("title"), max_length=255)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    is_open = models.BooleanField(_("open for nominations"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        ordering = ["-year_to", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(year_to__gte=F("year_from")), name="occasion_years_ordered"),
            models.UniqueConstraint(fields=["unit", "title"], name="occasion_unique_title_per_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return str(self.year_to) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("nomination status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("nomination status", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("nomination status", "Accepted")
    RETURNED = "returned", pgettext_lazy("nomination status", "Returned")
    DECIDED = "decided", pgettext_lazy("nomination status", "Decided")


def _evidence_path(instance: models.Model, filename: str) -> str:
    return f"recognition/{instance._meta.model_name}/{uuid.uuid4().hex}-{filename[-80:]}"


class Nomination(models.Model):
    """A unit proposes one of its sub-units or one of its people for an occasion."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occasion = models.ForeignKey(Occasion, on_delete=models.PROTECT, related_name="nominations")
    nominating_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="nominations_made", verbose_name=_("nominating unit")
    )
    nominee_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    nominee_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    proposed_form = models.CharField(
        _("proposed form"), max_length=20, choices=CommendationForm.choices, default=CommendationForm.PRAISE
    )
    reasons = models.TextField(_("reasons"))
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_NOMINEE, name="nomination_exactly_one_nominee"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="nomination_returned_has_reason"
            ),
            models.UniqueConstraint(
                fields=["occasion", "nominee_unit"],
                condition=Q(nominee_unit__isnull=False),
                name="nomination_unit_once_per_occasion",
            ),
            models.UniqueConstraint(
                fields=["occasion", "nominee_person"],
                condition=Q(nominee_person__isnull=False),
                name="nomination_person_once_per_occasion",
            ),
        ]
        indexes = [
            # An occasion's nominations by status (the support unit's review queue).
            models.Index(fields=["occasion", "status"], name="nomination_occasion_status"),
        ]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.nominee_person_id:
            return self.nominee_person.full_name if self.nominee_person else ""
        return self.nominee_unit.name if self.nominee_unit else ""


class Decision(models.Model):
    """A commendation decision, numbered and signed, deciding one or more accepted nominations."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occasion = models.ForeignKey(Occasion, on_delete=models.PROTECT, related_name="decisions")
    issuing_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="commendation_decisions", verbose_name=_("issuing unit")
    )
    number = models.CharField(_("number and symbol"), max_length=60, unique=True)
    date = models.DateField(_("date"))
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=120)
    form = models.CharField(_("form"), max_length=20, choices=CommendationForm.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Số {self.number}"


class Commendation(models.Model):
    """The recorded result for one nominee: which decision commended whom, for what."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="commendations")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="commendation")
    occasion = models.ForeignKey(Occasion, on_delete=models.PROTECT, related_name="commendations")
    nominee_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nominee_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="commendations"
    )
    # The unit whose subtree the commended belongs to, for "by unit" lists and scope.
    nominating_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["decision", "id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_NOMINEE, name="commendation_exactly_one_nominee"),
        ]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.nominee_person_id:
            return self.nominee_person.full_name if self.nominee_person else ""
        return self.nominee_unit.name if self.nominee_unit else ""


class ExemplarStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("exemplar status", "Proposed")
    VERIFIED = "verified", pgettext_lazy("exemplar status", "Verified")
    REJECTED = "rejected", pgettext_lazy("exemplar status", "Rejected")
    PUBLISHED = "published", pgettext_lazy("exemplar status", "Published")


class Exemplar(models.Model):
    """A good person or a good collective ("good people, good deeds"), their story and its checking."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("collective")
    )
    title = models.CharField(_("title"), max_length=255)
    story = models.TextField(_("story"))
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="exemplars_proposed", verbose_name=_("proposed by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExemplarStatus.choices, default=ExemplarStatus.PROPOSED
    )
    review_note = models.TextField(_("note"), blank=True)
    published_url = models.URLField(_("published story"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="exemplar_person_or_collective",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | ~Q(published_url=""), name="exemplar_published_has_url"
            ),
        ]
        indexes = [
            # The exemplar list filtered by status, newest first.
            models.Index(fields=["status", "-created_at"], name="exemplar_status_created"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        if self.person_id:
            return self.person.full_name if self.person else ""
        return self.unit.name if self.unit else ""
