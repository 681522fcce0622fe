"""Importing people: the file's rows become people of cells in the scope's subtree, with their memberships."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record
from lamtheo.accounts.models import User
from lamtheo.lib.text import fold, vietnamese_name_key
from lamtheo.org.imports.errors import (
    ImportResult,
    Rejected,
    RowError,
    concurrent_change_result,
    rejected_result,
)
from lamtheo.org.imports.format import GENDER_LABELS, PERSON_COLUMNS, SHEET_PEOPLE, header
from lamtheo.org.imports.reading import SheetRow, read_rows
from lamtheo.org.imports.validation import RowChecker, chunks, first_rows, in_scope, units_by_code
from lamtheo.org.imports.writing import db_conversion, insert_returning_pks, insert_rows
from lamtheo.org.models import Membership, Person, Unit

logger = logging.getLogger(__name__)

_GENDER_BY_WORD = {"nam": "m", "m": "m", "male": "m", "nu": "f", "f": "f", "female": "f"}


@dataclass
class _PersonRow:
    row: int
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    birth_date: dt.date | None
    party_card_number: str
    position: str
    is_leader: bool
    unit_code: str
    joined_on: dt.date | None
    unit: Unit | None = None


def _parse_person(row: SheetRow, errors: list[RowError], today: dt.date) -> _PersonRow:
    check = RowChecker(row, PERSON_COLUMNS, errors)
    person = _PersonRow(
        row=row.number,
        family_name=check.text("family_name"),
        middle_name=check.text("middle_name"),
        given_name=check.text("given_name"),
        gender=check.choice("gender", _GENDER_BY_WORD, GENDER_LABELS.values()),
        birth_date=check.date("birth_date"),
        party_card_number=check.text("party_card_number"),
        position=check.text("position"),
        is_leader=check.yes_no("is_leader"),
        unit_code=check.code("unit_code"),
        joined_on=check.date("joined_on"),
    )
    check.not_in_future("birth_date", person.birth_date, today)
    check.not_in_future("joined_on", person.joined_on, today)
    if person.birth_date and person.joined_on and person.joined_on < person.birth_date:
        check.error("joined_on", _("The joining date is before the birth date."))
    return person


def _check_person_rows(rows: list[_PersonRow], scope: Unit, errors: list[RowError]) -> None:
    card_header = header(PERSON_COLUMNS, "party_card_number")
    unit_header = header(PERSON_COLUMNS, "unit_code")
    _first, repeats = first_rows((r.row, r.party_card_number) for r in rows)
    for row_number, card, first_row in repeats:
        errors.append(
            RowError(
                row_number,
                card_header,
                _("The party card number %(card)s is already used in row %(other)d of this file.")
                % {"card": card, "other": first_row},
            )
        )
    cards = sorted({r.party_card_number for r in rows if r.party_card_number})
    taken: set[str] = set()
    for chunk in chunks(cards):
        taken.update(
            c
            for c in Person.objects.filter(party_card_number__in=chunk).values_list("party_card_number", flat=True)
            if c
        )
    units = units_by_code(r.unit_code for r in rows if r.unit_code)
    for row in rows:
        if row.party_card_number in taken:
            errors.append(
                RowError(
                    row.row,
                    card_header,
                    _("The party card number %(card)s is already in use.") % {"card": row.party_card_number},
                )
            )
        if not row.unit_code:
            continue
        unit = units.get(row.unit_code)
        if unit is None or not in_scope(unit, scope):
            errors.append(
                RowError(
                    row.row,
                    unit_header,
                    _("The unit “%(code)s” was not found in your scope.") % {"code": row.unit_code},
                )
            )
        elif unit.active_to is not None:
            errors.append(
                RowError(row.row, unit_header, _("The unit “%(code)s” is no longer active.") % {"code": row.unit_code})
            )
        else:
            row.unit = unit


# Every column of Person but the key, in the order of the values ``_write_people`` gives.
_PERSON_FIELDS = (
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "party_card_number",
    "position",
    "is_leader",
    "unit_id",
    "user_id",
    "sort_key",
    "search_text",
    "version",
    "created_at",
)
_MEMBERSHIP_FIELDS = ("person_id", "unit_id", "joined_on", "left_on")


def _write_people(rows: list[_PersonRow], today: dt.date) -> list[int]:
    """Insert the people and their memberships; the people's new primary keys, in the rows' order.

    The rows hold what ``Person`` would: the field defaults, and the sort key and search text as
    ``Person.refresh_derived`` computes them. (``writing`` says why this is not ``bulk_create``.)
    """
    code, birth_date, created_at = (db_conversion(Person, name) for name in ("code", "birth_date", "created_at"))
    new_code = Person._meta.get_field("code").get_default
    version = Person._meta.get_field("version").get_default()
    now = created_at(timezone.now())
    person_pks = insert_returning_pks(
        Person,
        _PERSON_FIELDS,
        [
            (
                code(new_code()),
                row.family_name,
                row.middle_name,
                row.given_name,
                row.gender,
                birth_date(row.birth_date),
                row.party_card_number or None,
                row.position,
                row.is_leader,
                _unit_pk(row),
                None,
                *_sort_key_and_search_text(row),
                version,
                now,
            )
            for row in rows
        ],
    )
    joined_on = db_conversion(Membership, "joined_on")
    insert_rows(
        Membership,
        _MEMBERSHIP_FIELDS,
        [
            (person_pk, _unit_pk(row), joined_on(row.joined_on or today), None)
            for person_pk, row in zip(person_pks, rows, strict=True)
        ],
    )
    return person_pks


def _unit_pk(row: _PersonRow) -> Any:
    if row.unit is None:
        raise AssertionError(f"row {row.row} has no unit")  # checked rows always have one
    return row.unit.pk


def _sort_key_and_search_text(row: _PersonRow) -> tuple[str, str]:
    """What ``Person.refresh_derived`` sets, for a row that is not (yet) a model instance."""
    full_name = " ".join(part for part in (row.family_name, row.middle_name, row.given_name) if part)
    return (
        vietnamese_name_key(row.family_name, row.middle_name, row.given_name),
        fold(f"{full_name} {row.party_card_number or ''}")[:300],
    )


def people_import(*, acting_user: User, scope: Unit, upload: UploadedFile) -> ImportResult:
    """Create the people listed in ``upload``, each in a unit of ``scope``'s subtree: all of them, or none."""
    require_capture(acting_user, scope)
    try:
        sheet_rows = read_rows(upload, PERSON_COLUMNS, SHEET_PEOPLE)
        errors: list[RowError] = []
        today = timezone.localdate()
        rows = [_parse_person(r, errors, today) for r in sheet_rows]
        _check_person_rows(rows, scope, errors)
        if errors:
            raise Rejected(errors)
        with transaction.atomic():
            person_pks = _write_people(rows, today)
            audit_record(
                acting_user=acting_user,
                action="person.import",
                obj=scope,
                after={"rows": len(person_pks), "file": upload.name, "ids": person_pks},
            )
    except Rejected as rejected:
        return rejected_result(rejected)
    except IntegrityError:
        logger.warning("People import into %s collided with a concurrent write", scope.code, exc_info=True)
        return concurrent_change_result()
    return ImportResult(created=len(person_pks))
