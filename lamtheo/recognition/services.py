"""Writes for recognition: occasions, nominations and their review, decisions, exemplars.

Each is one transaction with one audit entry. ``acting_user`` None is the system (demo data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.inspections.uploads import checked_content_type
from lamtheo.lib.errors import ConflictError
from lamtheo.lib.text import fold
from lamtheo.org.models import Person, Unit
from lamtheo.recognition.models import (
    Commendation,
    CommendationForm,
    Decision,
    Exemplar,
    ExemplarStatus,
    Nomination,
    NominationStatus,
    Occasion,
)
from lamtheo.recognition.scope import require_support

NOMINATION_FIELDS = ("occasion", "nominating_unit", "nominee_unit", "nominee_person", "status", "return_reason")
EXEMPLAR_FIELDS = ("title", "person", "unit", "proposed_by", "status", "review_note", "published_url")


def _user(acting_user: User | None) -> User | None:
    return acting_user if acting_user is not None and acting_user.is_authenticated else None


def occasion_create(*, acting_user: User | None, unit: Unit, title: str, year_from: int, year_to: int) -> Occasion:
    require_support(acting_user, unit)
    title = title.strip()
    if not title:
        raise ValidationError(_("An occasion needs a title."))
    if year_to < year_from:
        raise ValidationError(_("The last year cannot come before the first."))
    if Occasion.objects.filter(unit=unit, title=title).exists():
        raise ValidationError(_("“%(title)s” already exists.") % {"title": title})
    occasion = Occasion(unit=unit, title=title, year_from=year_from, year_to=year_to)
    with transaction.atomic():
        occasion.save()
        audit_record(
            acting_user=acting_user,
            action="occasion.create",
            obj=occasion,
            after=snapshot(occasion, ("unit", "title", "year_from", "year_to")),
        )
    return occasion


def _check_nominee(
    acting_user: User | None, nominating_unit: Unit, nominee_unit: Unit | None, nominee_person: Person | None
) -> None:
    if (nominee_unit is None) == (nominee_person is None):
        raise ValidationError(_("Nominate either a unit or a person."))
    if nominee_unit is not None:
        if nominee_unit.pk == nominating_unit.pk:
            raise ValidationError(_("A unit cannot nominate itself."))
        if not nominee_unit.path.startswith(nominating_unit.path):
            raise ValidationError(
                _("“%(name)s” is not under “%(unit)s”.") % {"name": nominee_unit.name, "unit": nominating_unit.name}
            )
        if nominee_unit.active_to is not None:
            raise ValidationError(_("“%(name)s” is no longer active.") % {"name": nominee_unit.name})
    if nominee_person is not None:
        if acting_user is not None and nominee_person.user_id is not None and nominee_person.user_id == acting_user.pk:
            raise ValidationError(_("You cannot nominate yourself."))
        if nominee_person.unit is None or not nominee_person.unit.path.startswith(nominating_unit.path):
            raise ValidationError(
                _("%(name)s is not a member of “%(unit)s”.")
                % {"name": nominee_person.full_name, "unit": nominating_unit.name}
            )


def nomination_create(
    *,
    acting_user: User | None,
    occasion: Occasion,
    nominating_unit: Unit,
    nominee_unit: Unit | None = None,
    nominee_person: Person | None = None,
    proposed_form: str = CommendationForm.PRAISE,
    reasons: str,
    evidence: UploadedFile | None = None,
    submit: bool = False,
) -> Nomination:
    if acting_user is not None:
        require_capture(acting_user, nominating_unit)
    if not nominating_unit.path.startswith(occasion.unit.path):
        raise ValidationError(
            _("“%(unit)s” cannot nominate for “%(occasion)s”.")
            % {"unit": nominating_unit.name, "occasion": occasion.title}
        )
    if not occasion.is_open:
        raise ValidationError(_("“%(occasion)s” no longer takes nominations.") % {"occasion": occasion.title})
    _check_nominee(acting_user, nominating_unit, nominee_unit, nominee_person)
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for the nomination."))
    existing = Nomination.objects.filter(occasion=occasion)
    if (nominee_unit and existing.filter(nominee_unit=nominee_unit).exists()) or (
        nominee_person and existing.filter(nominee_person=nominee_person).exists()
    ):
        raise ValidationError(_("This nominee has already been nominated for this occasion."))
    if evidence is not None:
        checked_content_type(evidence)
    nomination = Nomination(
        occasion=occasion,
        nominating_unit=nominating_unit,
        nominee_unit=nominee_unit,
        nominee_person=nominee_person,
        proposed_form=proposed_form,
        reasons=reasons.strip(),
        status=NominationStatus.SUBMITTED if submit else NominationStatus.DRAFT,
        submitted_at=timezone.now() if submit else None,
        created_by=_user(acting_user),
    )
    try:
        with transaction.atomic():
            if evidence is not None:
                nomination.evidence.save(evidence.name or "evidence", evidence, save=False)
            nomination.save()
            audit_record(
                acting_user=acting_user,
                action="nomination.create",
                obj=nomination,
                after=snapshot(nomination, NOMINATION_FIELDS),
            )
    except IntegrityError as exc:
        raise ValidationError(_("This nominee has already been nominated for this occasion.")) from exc
    return nomination


def _move(
    acting_user: User | None,
    nomination: Nomination,
    expected_version: int,
    allowed_from: Iterable[str],
    action: str,
    **values: object,
) -> Nomination:
    before = snapshot(nomination, NOMINATION_FIELDS)
    with transaction.atomic():
        updated = Nomination.objects.filter(
            pk=nomination.pk, version=expected_version, status__in=list(allowed_from)
        ).update(version=F("version") + 1, **values)
        if not updated:
            raise ConflictError(
                _("Someone else changed this nomination after you opened it. Reload the page to see their changes.")
            )
        nomination.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action=action,
            obj=nomination,
            before=before,
            after=snapshot(nomination, NOMINATION_FIELDS),
        )
    return nomination


def nomination_submit(*, acting_user: User | None, nomination: Nomination, expected_version: int) -> Nomination:
    """The nominating unit sends a draft (or a returned nomination it has reworked) to the support unit."""
    if acting_user is not None:
        require_capture(acting_user, nomination.nominating_unit)
    allowed = (NominationStatus.DRAFT, NominationStatus.RETURNED)
    if nomination.status not in allowed:
        raise ValidationError(_("Only a draft or a returned nomination can be submitted."))
    return _move(
        acting_user,
        nomination,
        expected_version,
        allowed,
        "nomination.submit",
        status=NominationStatus.SUBMITTED,
        submitted_at=timezone.now(),
        return_reason="",
    )


def nomination_accept(*, acting_user: User | None, nomination: Nomination, expected_version: int) -> Nomination:
    require_support(acting_user, nomination.occasion.unit)
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted nomination can be accepted."))
    return _move(
        acting_user,
        nomination,
        expected_version,
        (NominationStatus.SUBMITTED,),
        "nomination.accept",
        status=NominationStatus.ACCEPTED,
        reviewed_at=timezone.now(),
    )


def nomination_return(
    *, acting_user: User | None, nomination: Nomination, expected_version: int, reason: str
) -> Nomination:
    require_support(acting_user, nomination.occasion.unit)
    allowed = (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED)
    if nomination.status not in allowed:
        raise ValidationError(_("Only a submitted or accepted nomination can be returned."))
    if not reason.strip():
        raise ValidationError(_("Say why the nomination is returned."))
    return _move(
        acting_user,
        nomination,
        expected_version,
        allowed,
        "nomination.return",
        status=NominationStatus.RETURNED,
        return_reason=reason.strip(),
        reviewed_at=timezone.now(),
    )


def normalise_number(number: str) -> str:
    """ "Số 123-QĐ/ĐUK" and "123-QĐ/ĐUK" are the same number."""
    value = " ".join(number.split())
    if value.lower().startswith("số "):
        value = value[3:].strip()
    return value


def decision_create(
    *,
    acting_user: User | None,
    occasion: Occasion,
    number: str,
    date: dt.date,
    signer_name: str,
    signer_title: str,
    form: str,
    nominations: Iterable[Nomination],
) -> Decision:
    """Record a commendation decision on accepted nominations, and a commendation for each."""
    require_support(acting_user, occasion.unit)
    number = normalise_number(number)
    if not number:
        raise ValidationError(_("Give the decision's number and symbol."))
    if Decision.objects.filter(number=number).exists():
        raise ValidationError(_("Decision number %(number)s is already recorded.") % {"number": number})
    chosen = list(nominations)
    if not chosen:
        raise ValidationError(_("Choose at least one accepted nomination."))
    for nomination in chosen:
        if nomination.occasion_id != occasion.pk:
            raise ValidationError(_("A nomination of another occasion cannot be decided here."))
        if nomination.status == NominationStatus.RETURNED:
            raise ValidationError(
                _("The nomination of %(name)s was returned; it cannot be decided.") % {"name": nomination.nominee_name}
            )
        if nomination.status == NominationStatus.DECIDED:
            raise ValidationError(
                _("The nomination of %(name)s has already been decided.") % {"name": nomination.nominee_name}
            )
        if nomination.status != NominationStatus.ACCEPTED:
            raise ValidationError(
                _("The nomination of %(name)s must be accepted first.") % {"name": nomination.nominee_name}
            )
    decision = Decision(
        occasion=occasion,
        issuing_unit=occasion.unit,
        number=number,
        date=date,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        form=form,
        created_by=_user(acting_user),
    )
    try:
        with transaction.atomic():
            decision.save()
            decided = Nomination.objects.filter(pk__in=[n.pk for n in chosen], status=NominationStatus.ACCEPTED).update(
                status=NominationStatus.DECIDED, version=F("version") + 1
            )
            if decided != len(chosen):
                raise ConflictError(_("Some nominations changed while you were deciding. Reload the page."))
            Commendation.objects.bulk_create(
                [
                    Commendation(
                        decision=decision,
                        nomination=n,
                        occasion=occasion,
                        nominee_unit=n.nominee_unit,
                        nominee_person=n.nominee_person,
                        nominating_unit=n.nominating_unit,
                        reason=n.reasons,
                    )
                    for n in chosen
                ]
            )
            after = snapshot(decision, ("number", "date", "signer_name", "form", "occasion"))
            after["nominations"] = [str(n.code) for n in chosen]
            audit_record(acting_user=acting_user, action="decision.create", obj=decision, after=after)
    except IntegrityError as exc:  # the same number recorded at the same moment
        raise ValidationError(_("Decision number %(number)s is already recorded.") % {"number": number}) from exc
    return decision


def exemplar_propose(
    *,
    acting_user: User | None,
    proposed_by: Unit,
    title: str,
    story: str,
    person: Person | None = None,
    unit: Unit | None = None,
    evidence: UploadedFile | None = None,
) -> Exemplar:
    if acting_user is not None:
        require_capture(acting_user, proposed_by)
    if (person is None) == (unit is None):
        raise ValidationError(_("Choose either a person or a collective."))
    if unit is not None and not unit.path.startswith(proposed_by.path):
        raise ValidationError(_("“%(name)s” is not under “%(unit)s”.") % {"name": unit.name, "unit": proposed_by.name})
    if person is not None and (person.unit is None or not person.unit.path.startswith(proposed_by.path)):
        raise ValidationError(
            _("%(name)s is not a member of “%(unit)s”.") % {"name": person.full_name, "unit": proposed_by.name}
        )
    if not title.strip() or not story.strip():
        raise ValidationError(_("Give a title and the story."))
    if evidence is not None:
        checked_content_type(evidence)
    subject = person.full_name if person is not None else unit.name if unit is not None else ""
    exemplar = Exemplar(
        proposed_by=proposed_by,
        person=person,
        unit=unit,
        title=title.strip(),
        story=story.strip(),
        search_text=fold(f"{title} {subject} {story} {proposed_by.name}"),
    )
    with transaction.atomic():
        if evidence is not None:
            exemplar.evidence.save(evidence.name or "evidence", evidence, save=False)
        exemplar.save()
        audit_record(
            acting_user=acting_user, action="exemplar.propose", obj=exemplar, after=snapshot(exemplar, EXEMPLAR_FIELDS)
        )
    return exemplar


# Which status may follow which.
EXEMPLAR_MOVES: dict[str, set[str]] = {
    ExemplarStatus.VERIFIED: {ExemplarStatus.PROPOSED},
    ExemplarStatus.REJECTED: {ExemplarStatus.PROPOSED, ExemplarStatus.VERIFIED},
    ExemplarStatus.PUBLISHED: {ExemplarStatus.VERIFIED},
}


def exemplar_review(
    *,
    acting_user: User | None,
    exemplar: Exemplar,
    expected_version: int,
    status: str,
    note: str = "",
    published_url: str = "",
) -> Exemplar:
    """The support unit verifies or rejects a proposal, and later links the published story."""
    require_support(acting_user, exemplar.proposed_by)
    allowed = EXEMPLAR_MOVES.get(status)
    if allowed is None or exemplar.status not in allowed:
        raise ValidationError(
            _("An exemplar that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": exemplar.get_status_display(),
                "new": ExemplarStatus(status).label if status in ExemplarStatus.values else status,
            }
        )
    if status == ExemplarStatus.PUBLISHED and not published_url.strip():
        raise ValidationError(_("Give the address of the published story."))
    before = snapshot(exemplar, EXEMPLAR_FIELDS)
    values: dict[str, object] = {"status": status}
    if note.strip():
        values["review_note"] = note.strip()
    if status == ExemplarStatus.PUBLISHED:
        values["published_url"] = published_url.strip()
    with transaction.atomic():
        updated = Exemplar.objects.filter(pk=exemplar.pk, version=expected_version, status__in=allowed).update(
            version=F("version") + 1, **values
        )
        if not updated:
            raise ConflictError(
                _("Someone else changed this exemplar after you opened it. Reload the page to see their changes.")
            )
        exemplar.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action=f"exemplar.{status}",
            obj=exemplar,
            before=before,
            after=snapshot(exemplar, EXEMPLAR_FIELDS),
        )
    return exemplar
