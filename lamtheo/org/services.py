"""Writes to the organisation tree and to people. Each is one transaction with one audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record, snapshot
from lamtheo.accounts.models import User
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import Membership, Person, SectorTag, Unit, UnitKind, UnitLink

UNIT_FIELDS = ("code", "name", "short_name", "kind", "active_from", "active_to", "merged_into")
PERSON_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "party_card_number",
    "position",
    "is_leader",
    "unit",
)
# Which kinds of unit may sit under which; ``None`` is the top of the tree. A directly subordinate
# committee may sit under another: a district's committee is directly subordinate to its province's.
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    UnitKind.BLOC: {None},
    UnitKind.SUBORDINATE_COMMITTEE: {UnitKind.BLOC, UnitKind.SUBORDINATE_COMMITTEE},
    UnitKind.GRASSROOTS_COMMITTEE: {UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE},
    UnitKind.CELL: {UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE},
    UnitKind.YOUTH_UNION: {None, UnitKind.BLOC, UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE},
    UnitKind.OTHER: {None, UnitKind.BLOC, UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE},
}


def _check_authority(acting_user: User | None, unit: Unit | None) -> None:
    """``acting_user`` None means the system itself (management commands, demo data)."""
    if acting_user is None:
        return
    if unit is None:
        if not acting_user.is_superuser:
            raise ValidationError(_("Only an administrator can create a top-level unit."))
        return
    require_capture(acting_user, unit)


def _check_placement(kind: str, parent: Unit | None) -> None:
    allowed = ALLOWED_PARENT_KINDS.get(kind, set())
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in allowed:
        raise ValidationError(
            _("A unit of kind “%(kind)s” cannot be placed under “%(parent)s”.")
            % {
                "kind": UnitKind(kind).label,
                "parent": parent.name if parent is not None else _("the top of the tree"),
            }
        )


def unit_create(
    *,
    acting_user: User | None,
    parent: Unit | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    sector_codes: Iterable[str] = (),
    active_from: dt.date | None = None,
    audit: bool = True,
) -> Unit:
    _check_authority(acting_user, parent)
    _check_placement(kind, parent)
    if Unit.objects.filter(code=code).exists():
        raise ValidationError(_("The unit code “%(code)s” is already in use.") % {"code": code})
    start = active_from or timezone.localdate()
    if parent is not None and parent.active_to is not None:
        raise ValidationError(_("“%(parent)s” is no longer active.") % {"parent": parent.name})
    unit = Unit(code=code, name=name, short_name=short_name, kind=kind, active_from=start)
    unit.refresh_search_text()
    with transaction.atomic():
        unit = (
            Unit.objects.add_child(parent, instance=unit)
            if parent is not None
            else Unit.objects.add_root(instance=unit)
        )
        tags = list(SectorTag.objects.filter(code__in=list(sector_codes)))
        if tags:
            unit.sector_tags.set(tags)
        UnitLink.objects.create(unit=unit, parent=parent, valid_from=start)
        if audit:
            audit_record(acting_user=acting_user, action="unit.create", obj=unit, after=snapshot(unit, UNIT_FIELDS))
    return unit


def unit_update(
    *,
    acting_user: User | None,
    unit: Unit,
    expected_version: int,
    name: str,
    short_name: str,
    sector_codes: Iterable[str],
) -> Unit:
    """Edit a unit's names and sectors. ``expected_version`` is the version the editor opened."""
    _check_authority(acting_user, unit)
    before = snapshot(unit, ("name", "short_name"))
    before["sectors"] = sorted(unit.sector_tags.values_list("code", flat=True))
    unit.name, unit.short_name = name, short_name
    unit.refresh_search_text()
    with transaction.atomic():
        updated = Unit.objects.filter(pk=unit.pk, version=expected_version).update(
            name=unit.name, short_name=unit.short_name, search_text=unit.search_text, version=F("version") + 1
        )
        if not updated:
            raise ConflictError(
                _("Someone else saved this unit after you opened it. Reload the page to see their changes.")
            )
        unit.sector_tags.set(SectorTag.objects.filter(code__in=list(sector_codes)))
        unit.refresh_from_db()
        after = snapshot(unit, ("name", "short_name"))
        after["sectors"] = sorted(unit.sector_tags.values_list("code", flat=True))
        audit_record(acting_user=acting_user, action="unit.update", obj=unit, before=before, after=after)
    return unit


def _move_children(unit: Unit, new_parent: Unit, on_date: dt.date) -> None:
    for child in Unit.objects.get_children(Unit.objects.get(pk=unit.pk)):
        UnitLink.objects.filter(unit=child, valid_to__isnull=True).update(valid_to=on_date)
        UnitLink.objects.create(unit=child, parent=new_parent, valid_from=on_date)
        # Paths change on every move, so re-read both nodes before each one.
        Unit.objects.move(Unit.objects.get(pk=child.pk), Unit.objects.get(pk=new_parent.pk), pos="last-child")


def _move_members(unit: Unit, new_unit: Unit, on_date: dt.date) -> None:
    for person in Person.objects.filter(unit=unit):
        Membership.objects.filter(person=person, left_on__isnull=True).update(left_on=on_date)
        Membership.objects.create(person=person, unit=new_unit, joined_on=on_date)
    Person.objects.filter(unit=unit).update(unit=new_unit, version=F("version") + 1)


def unit_merge(*, acting_user: User | None, unit: Unit, into: Unit, on_date: dt.date) -> Unit:
    """Merge ``unit`` into ``into`` from ``on_date``: its sub-units and members move, its history stays."""
    _check_authority(acting_user, unit)
    _check_authority(acting_user, into)
    if unit.pk == into.pk or into.path.startswith(unit.path):
        raise ValidationError(_("A unit cannot be merged into itself or into one of its own sub-units."))
    if unit.active_to is not None or into.active_to is not None:
        raise ValidationError(_("Only active units can be merged."))
    if on_date <= unit.active_from or on_date < into.active_from:
        raise ValidationError(_("The merger date must be after both units were founded."))
    before = snapshot(unit, UNIT_FIELDS)
    with transaction.atomic():
        _move_children(unit, into, on_date)
        _move_members(unit, into, on_date)
        Unit.objects.filter(pk=unit.pk).update(
            active_to=on_date - dt.timedelta(days=1), merged_into=into, version=F("version") + 1
        )
        UnitLink.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=on_date)
        unit = Unit.objects.get(pk=unit.pk)
        audit_record(
            acting_user=acting_user, action="unit.merge", obj=unit, before=before, after=snapshot(unit, UNIT_FIELDS)
        )
    return unit


def unit_dissolve(*, acting_user: User | None, unit: Unit, on_date: dt.date) -> Unit:
    _check_authority(acting_user, unit)
    if unit.active_to is not None:
        raise ValidationError(_("This unit is already closed."))
    if on_date <= unit.active_from:
        raise ValidationError(_("The dissolution date must be after the unit was founded."))
    if Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1, active_to__isnull=True).exists():
        raise ValidationError(_("Move or close its active sub-units before dissolving this unit."))
    if Person.objects.filter(unit=unit).exists():
        raise ValidationError(_("Transfer its members to another cell before dissolving this unit."))
    before = snapshot(unit, UNIT_FIELDS)
    with transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(active_to=on_date - dt.timedelta(days=1), version=F("version") + 1)
        UnitLink.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=on_date)
        unit = Unit.objects.get(pk=unit.pk)
        audit_record(
            acting_user=acting_user, action="unit.dissolve", obj=unit, before=before, after=snapshot(unit, UNIT_FIELDS)
        )
    return unit


def _check_person_values(values: dict[str, Any], *, exclude_pk: int | None = None) -> None:
    card = values.get("party_card_number") or None
    if card:
        clash = Person.objects.filter(party_card_number=card)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            raise ValidationError(
                _("The party card number %(card)s already belongs to another person.") % {"card": card}
            )
    unit = values.get("unit")
    if unit is not None and unit.active_to is not None:
        raise ValidationError(_("“%(unit)s” is no longer active.") % {"unit": unit.name})


def person_create(
    *,
    acting_user: User | None,
    unit: Unit | None,
    family_name: str,
    given_name: str,
    gender: str,
    middle_name: str = "",
    birth_date: dt.date | None = None,
    party_card_number: str | None = None,
    position: str = "",
    is_leader: bool = False,
    joined_on: dt.date | None = None,
    audit: bool = True,
) -> Person:
    if unit is not None:
        _check_authority(acting_user, unit)
    elif acting_user is not None and not acting_user.is_superuser:
        raise ValidationError(_("Choose the cell this person belongs to."))
    values = {"party_card_number": party_card_number, "unit": unit}
    _check_person_values(values)
    person = Person(
        family_name=family_name.strip(),
        middle_name=middle_name.strip(),
        given_name=given_name.strip(),
        gender=gender,
        birth_date=birth_date,
        party_card_number=(party_card_number or "").strip() or None,
        position=position.strip(),
        is_leader=is_leader,
        unit=unit,
    )
    person.refresh_derived()
    with transaction.atomic():
        try:
            person.save()
        except IntegrityError as exc:  # a concurrent insert of the same card number
            raise ValidationError(_("The party card number is already in use.")) from exc
        if unit is not None:
            Membership.objects.create(person=person, unit=unit, joined_on=joined_on or timezone.localdate())
        if audit:
            audit_record(
                acting_user=acting_user, action="person.create", obj=person, after=snapshot(person, PERSON_FIELDS)
            )
    return person


def person_update(*, acting_user: User | None, person: Person, expected_version: int, **changes: Any) -> Person:
    """Edit a person's details (not their cell: see ``person_transfer``)."""
    if person.unit is not None:
        _check_authority(acting_user, person.unit)
    allowed = set(PERSON_FIELDS) - {"unit"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"person_update cannot change {sorted(unknown)}")
    if "party_card_number" in changes:
        changes["party_card_number"] = (changes["party_card_number"] or "").strip() or None
    _check_person_values(changes, exclude_pk=person.pk)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in changes.items():
        setattr(person, name, value)
    person.refresh_derived()
    with transaction.atomic():
        try:
            updated = Person.objects.filter(pk=person.pk, version=expected_version).update(
                **changes, sort_key=person.sort_key, search_text=person.search_text, version=F("version") + 1
            )
        except IntegrityError as exc:
            raise ValidationError(_("The party card number is already in use.")) from exc
        if not updated:
            raise ConflictError(
                _("Someone else saved this person after you opened the form. Reload the page to see their changes.")
            )
        person.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="person.update",
            obj=person,
            before=before,
            after=snapshot(person, PERSON_FIELDS),
        )
    return person


def person_transfer(*, acting_user: User | None, person: Person, to_unit: Unit, on_date: dt.date) -> Person:
    """Move a person to another cell from ``on_date``, closing the current membership."""
    if person.unit is not None:
        _check_authority(acting_user, person.unit)
    _check_authority(acting_user, to_unit)
    if to_unit.active_to is not None:
        raise ValidationError(_("“%(unit)s” is no longer active.") % {"unit": to_unit.name})
    current = Membership.objects.filter(person=person, left_on__isnull=True).first()
    if current is not None and on_date < current.joined_on:
        raise ValidationError(_("The transfer date is before the person joined their current cell."))
    before = snapshot(person, PERSON_FIELDS)
    with transaction.atomic():
        if current is not None:
            Membership.objects.filter(pk=current.pk).update(left_on=on_date)
        Membership.objects.create(person=person, unit=to_unit, joined_on=on_date)
        Person.objects.filter(pk=person.pk).update(unit=to_unit, version=F("version") + 1)
        person.refresh_from_db()
        audit_record(
            acting_user=acting_user,
            action="person.transfer",
            obj=person,
            before=before,
            after=snapshot(person, PERSON_FIELDS),
        )
    return person
