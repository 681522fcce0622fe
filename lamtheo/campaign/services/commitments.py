"""Commitments: register → self-assess → the cell's evaluation → the committee's approval (then locked)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.campaign.access import can_approve_in, require_commitment_writer
from lamtheo.campaign.models import Commitment, Rating, Stage
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import Person, Unit, UnitKind

COMMITMENT_FIELDS = (
    "person",
    "year",
    "unit",
    "is_leader",
    "items",
    "stage",
    "self_assessment",
    "self_rating",
    "cell_rating",
    "cell_comment",
    "approved_by",
)
MAX_ITEMS = 20
FIRST_YEAR = 2000


def clean_items(items: Sequence[str]) -> list[str]:
    cleaned = [item.strip()[:500] for item in items if item.strip()]
    if not cleaned:
        raise ValidationError(_("Write at least one thing you will study and follow."))
    if len(cleaned) > MAX_ITEMS:
        raise ValidationError(_("At most %(n)s items.") % {"n": MAX_ITEMS})
    return cleaned


def _check_not_locked(commitment: Commitment) -> None:
    if commitment.is_locked:
        raise ValidationError(_("This commitment was approved by the committee and is locked."))


def _save(
    commitment: Commitment, *, acting_user: User | None, expected_version: int, action: str, **changes: Any
) -> Commitment:
    """Write ``changes`` if nobody saved since ``expected_version`` was read; one audit entry."""
    before = snapshot(commitment, COMMITMENT_FIELDS)
    with transaction.atomic():
        updated = (
            Commitment.objects.filter(pk=commitment.pk, version=expected_version)
            .exclude(stage=Stage.APPROVED)
            .update(**changes, version=F("version") + 1)
        )
        if not updated:
            commitment.refresh_from_db()
            _check_not_locked(commitment)
            raise ConflictError(
                _("Someone else saved this commitment after you opened it. Reload the page to see their changes.")
            )
        commitment.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action=action,
            obj=commitment,
            before=before,
            after=snapshot(commitment, COMMITMENT_FIELDS),
        )
    return commitment


def commitment_register(*, acting_user: User | None, person: Person, year: int, items: Sequence[str]) -> Commitment:
    """The member (or their cell's secretary) registers what the member will study and follow in ``year``."""
    cell = person.unit
    if acting_user is not None:
        require_commitment_writer(acting_user, person, cell)
    if cell is None or cell.kind != UnitKind.CELL:
        raise ValidationError(_("Only a member of a party cell can register a commitment."))
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise ValidationError(_("Commitments can be registered for %(first)s to next year.") % {"first": FIRST_YEAR})
    cleaned = clean_items(items)
    if Commitment.objects.filter(person=person, year=year).exists():
        raise ValidationError(
            _("%(name)s has already registered a commitment for %(year)s.") % {"name": person.full_name, "year": year}
        )
    with transaction.atomic():
        try:
            commitment = Commitment.objects.create(
                person=person, year=year, unit=cell, is_leader=person.is_leader, items=cleaned
            )
        except IntegrityError as exc:  # registered at the same moment from another screen
            raise ValidationError(
                _("%(name)s has already registered a commitment for %(year)s.")
                % {"name": person.full_name, "year": year}
            ) from exc
        audit_record(
            acting_user=acting_user,
            action="commitment.register",
            obj=commitment,
            after=snapshot(commitment, COMMITMENT_FIELDS),
        )
    return commitment


def commitment_update_items(
    *, acting_user: User | None, commitment: Commitment, expected_version: int, items: Sequence[str]
) -> Commitment:
    if acting_user is not None:
        require_commitment_writer(acting_user, commitment.person, commitment.unit)
    _check_not_locked(commitment)
    if commitment.stage != Stage.REGISTERED:
        raise ValidationError(_("The commitment can no longer be changed once the year has been self-assessed."))
    return _save(
        commitment,
        acting_user=acting_user,
        expected_version=expected_version,
        action="commitment.update",
        items=clean_items(items),
    )


def commitment_self_assess(
    *, acting_user: User | None, commitment: Commitment, expected_version: int, self_assessment: str, self_rating: str
) -> Commitment:
    if acting_user is not None:
        require_commitment_writer(acting_user, commitment.person, commitment.unit)
    _check_not_locked(commitment)
    if commitment.stage not in (Stage.REGISTERED, Stage.SELF_ASSESSED):
        raise ValidationError(_("The cell has already evaluated this commitment; the self-assessment is closed."))
    if self_rating not in Rating.values:
        raise ValidationError(_("Choose a self-rating."))
    if not self_assessment.strip():
        raise ValidationError(_("Write the self-assessment."))
    return _save(
        commitment,
        acting_user=acting_user,
        expected_version=expected_version,
        action="commitment.self_assess",
        self_assessment=self_assessment.strip(),
        self_rating=self_rating,
        self_assessed_at=timezone.now(),
        stage=Stage.SELF_ASSESSED,
    )


def commitment_evaluate(
    *, acting_user: User | None, commitment: Commitment, expected_version: int, cell_rating: str, cell_comment: str = ""
) -> Commitment:
    """The cell's evaluation of a self-assessed commitment (it may be revised until the committee approves)."""
    if acting_user is not None:
        require_capture(acting_user, commitment.unit)
    _check_not_locked(commitment)
    if commitment.stage == Stage.REGISTERED:
        raise ValidationError(_("The member has not self-assessed yet."))
    if cell_rating not in Rating.values:
        raise ValidationError(_("Choose the cell's rating."))
    return _save(
        commitment,
        acting_user=acting_user,
        expected_version=expected_version,
        action="commitment.evaluate",
        cell_rating=cell_rating,
        cell_comment=cell_comment.strip(),
        evaluated_by=acting_user,
        evaluated_at=timezone.now(),
        stage=Stage.EVALUATED,
    )


def commitment_approve(*, acting_user: User | None, commitment: Commitment, expected_version: int) -> Commitment:
    """The committee approves the cell's rating; the commitment is locked from then on."""
    if acting_user is not None and not can_approve_in(acting_user, commitment.unit):
        raise PermissionDenied  # approval is the committee's, above the cell
    _check_not_locked(commitment)
    if commitment.stage != Stage.EVALUATED:
        raise ValidationError(_("The cell has not evaluated this commitment yet."))
    return _save(
        commitment,
        acting_user=acting_user,
        expected_version=expected_version,
        action="commitment.approve",
        approved_by=acting_user,
        approved_at=timezone.now(),
        stage=Stage.APPROVED,
    )


def commitment_approve_cell(*, acting_user: User | None, cell: Unit, year: int) -> int:
    """Approve every evaluated commitment of a cell for ``year`` at once; returns how many were locked."""
    if acting_user is not None and not can_approve_in(acting_user, cell):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        pending = Commitment.objects.filter(unit=cell, year=year, stage=Stage.EVALUATED)
        codes = [str(code) for code in pending.values_list("code", flat=True)]
        if not codes:
            raise ValidationError(_("No evaluated commitment is waiting for approval."))
        count = pending.update(stage=Stage.APPROVED, approved_by=acting_user, approved_at=now, version=F("version") + 1)
        audit_record(
            acting_user=acting_user,
            action="commitment.approve_cell",
            obj=cell,
            after={"year": year, "approved": codes},
        )
    return count
