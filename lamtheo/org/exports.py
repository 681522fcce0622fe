"""XLSX files going out: the import templates, and the export of a subtree in the same columns.

An export of a subtree can be imported again into an empty unit: the subtree's top unit is
written with an empty parent code, which the importer reads as "directly under the unit you
import into".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal

import openpyxl
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lamtheo.org.imports import (
    DATE_FORMAT_EXCEL,
    GENDER_LABELS,
    KIND_LABELS,
    LEADER_NO,
    LEADER_YES,
    PERSON_COLUMNS,
    SHEET_INSTRUCTIONS,
    SHEET_PEOPLE,
    SHEET_UNITS,
    UNIT_COLUMNS,
    Column,
)
from lamtheo.org.models import Membership, Person, SectorTag, Unit, UnitKind

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TemplateKind = Literal["units", "people"]

_HEADER_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", start_color="FDE2E1")
_HEADER_FILL = PatternFill("solid", start_color="EEEEEE")
_WIDTHS = {"name": 40, "parent_code": 22, "sectors": 24, "position": 30, "unit_code": 22}
# Columns holding codes or card numbers: Excel must keep them as text ("007" stays "007").
_TEXT_COLUMNS = {"code", "parent_code", "party_card_number", "unit_code"}
_DATE_COLUMNS = {"active_from", "birth_date", "joined_on"}


@dataclass(frozen=True)
class ColumnHelp:
    description: str
    allowed: str
    example: Any


# --- Templates ------------------------------------------------------------------------------


def write_template(kind: TemplateKind, stream: IO[bytes]) -> None:
    """An empty import sheet with the headers, and a "Hướng dẫn" sheet describing every column."""
    columns, sheet_name, helps = (
        (UNIT_COLUMNS, SHEET_UNITS, _unit_help()) if kind == "units" else (PERSON_COLUMNS, SHEET_PEOPLE, _person_help())
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # noqa: S101 - a new workbook always has one worksheet
    sheet.title = sheet_name
    _write_header(sheet, columns)
    _add_validations(sheet, columns)
    _write_instructions(workbook.create_sheet(SHEET_INSTRUCTIONS), sheet_name, columns, helps)
    workbook.save(stream)


def _write_header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(column.key, 16)
        if column.key in _TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
        elif column.key in _DATE_COLUMNS:
            sheet.column_dimensions[letter].number_format = DATE_FORMAT_EXCEL
    sheet.freeze_panes = "A2"


def _add_validations(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """Drop-down lists in the columns that take a fixed set of values (typing other values stays possible)."""
    choices = {
        "kind": KIND_LABELS.values(),
        "gender": GENDER_LABELS.values(),
        "is_leader": (LEADER_YES, LEADER_NO),
    }
    for index, column in enumerate(columns, start=1):
        if column.key not in choices:
            continue
        validation = DataValidation(
            type="list", formula1='"' + ",".join(choices[column.key]) + '"', allow_blank=True, showErrorMessage=False
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}20001")
        sheet.add_data_validation(validation)


def _write_instructions(
    sheet: Worksheet, sheet_name: str, columns: Sequence[Column], helps: dict[str, ColumnHelp]
) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([_("How to fill in the sheet “%(sheet)s”") % {"sheet": sheet_name}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [_("Keep the headers in the first row. Each following row is one record. Columns marked “yes” are required.")]
    )
    sheet.append([_("Nothing is saved unless every row is correct; the errors are listed by row and column.")])
    sheet.append([])
    sheet.append([_("Column"), _("Required"), _("Description"), _("Allowed values"), _("Example")])
    for cell in sheet[sheet.max_row]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for column in columns:
        help_ = helps[column.key]
        sheet.append(
            [column.header, _("yes") if column.required else "", help_.description, help_.allowed, help_.example]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    sheet.append([])
    sheet.append([_("Example row")])
    sheet.cell(row=sheet.max_row, column=1).font = _HEADER_FONT
    sheet.append([c.header for c in columns])
    for cell in sheet[sheet.max_row]:
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if _is_required(columns, str(cell.value)) else _HEADER_FILL
    sheet.append([helps[c.key].example for c in columns])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT_EXCEL
    for letter, width in zip("ABCDE", (22, 10, 60, 40, 22), strict=True):
        sheet.column_dimensions[letter].width = width


def _is_required(columns: Sequence[Column], header: str) -> bool:
    return any(c.header == header and c.required for c in columns)


def _unit_help() -> dict[str, ColumnHelp]:
    kinds = "; ".join(f"{label} ({code})" for code, label in KIND_LABELS.items())
    sectors = "; ".join(f"{code} ({name})" for code, name in SectorTag.objects.values_list("code", "name"))
    return {
        "code": ColumnHelp(
            _("The unit's own code, unique in the whole system; at most 40 characters."),
            _("letters, digits, hyphens (-) and underscores (_); no spaces"),
            "chi-bo-van-phong",
        ),
        "name": ColumnHelp(_("The unit's full name; at most 255 characters."), "", "Chi bộ Văn phòng"),
        "short_name": ColumnHelp(_("A short name; at most 80 characters."), "", "CB Văn phòng"),
        "kind": ColumnHelp(_("The kind of unit."), kinds, KIND_LABELS[UnitKind.CELL]),
        "parent_code": ColumnHelp(
            _(
                "The code of the unit above it: an existing unit inside the unit you import into, or a unit in "
                "another row of this file. Empty: directly under the unit you import into."
            ),
            _("a unit code"),
            "dang-bo-co-quan-a",
        ),
        "sectors": ColumnHelp(
            _("Sector codes, separated by commas."), sectors or _("(no sectors are defined yet)"), ""
        ),
        "active_from": ColumnHelp(
            _("The date the unit starts its activity. Empty: today."), "dd/mm/yyyy", dt.date(2024, 1, 1)
        ),
    }


def _person_help() -> dict[str, ColumnHelp]:
    return {
        "family_name": ColumnHelp(_("Family name; at most 60 characters."), "", "Nguyễn"),
        "middle_name": ColumnHelp(_("Middle name; at most 80 characters."), "", "Thị Minh"),
        "given_name": ColumnHelp(_("Given name; at most 60 characters."), "", "Hà"),
        "gender": ColumnHelp(_("Gender."), ", ".join(GENDER_LABELS.values()), GENDER_LABELS["f"]),
        "birth_date": ColumnHelp(_("Date of birth."), "dd/mm/yyyy", dt.date(1985, 8, 15)),
        "party_card_number": ColumnHelp(
            _("Party card number; no two people may share one. Empty if not yet issued."), "", "01234567"
        ),
        "position": ColumnHelp(_("Position or job title; at most 160 characters."), "", "Phó Vụ trưởng"),
        "is_leader": ColumnHelp(
            _("Whether the person is a leader (Regulation 101 applies)."),
            f"{LEADER_YES}, {LEADER_NO} " + _("(or x / empty)"),
            LEADER_YES,
        ),
        "unit_code": ColumnHelp(
            _("The code of the party cell (or other unit) the person belongs to, inside the unit you import into."),
            _("a unit code"),
            "chi-bo-van-phong",
        ),
        "joined_on": ColumnHelp(
            _("The date the person joined that cell. Empty: today."), "dd/mm/yyyy", dt.date(2020, 3, 2)
        ),
    }


# --- Export of a subtree --------------------------------------------------------------------


def write_subtree(unit: Unit, stream: IO[bytes]) -> None:
    """The active units of ``unit``'s subtree and the people in it, in the import templates' columns.

    Written in openpyxl's write-only mode, rows read from the database in chunks, so memory
    stays flat however large the subtree.
    """
    workbook = openpyxl.Workbook(write_only=True)
    units_sheet = workbook.create_sheet(SHEET_UNITS)
    _write_rows(units_sheet, UNIT_COLUMNS, _unit_rows(unit))
    people_sheet = workbook.create_sheet(SHEET_PEOPLE)
    _write_rows(people_sheet, PERSON_COLUMNS, _person_rows(unit))
    workbook.save(stream)


def _write_rows(sheet: Any, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column.key, 16)
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = _HEADER_FONT
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet)
        cell.value = value
        cell.number_format = DATE_FORMAT_EXCEL
        return cell
    return value


def _unit_rows(top: Unit) -> Iterable[list[Any]]:
    sectors: dict[int, list[str]] = defaultdict(list)
    through = Unit.sector_tags.through
    for unit_id, code in (
        through.objects.filter(unit__path__startswith=top.path)
        .order_by("sectortag__code")
        .values_list("unit_id", "sectortag__code")
    ):
        sectors[unit_id].append(code)
    codes_by_path: dict[str, str] = {}
    units = (
        Unit.objects.filter(path__startswith=top.path)
        .filter(Q(pk=top.pk) | Q(active_to__isnull=True))
        .order_by("path")
        .values_list("id", "code", "name", "short_name", "kind", "path", "active_from")
    )
    for pk, code, name, short_name, kind, path, active_from in units.iterator(chunk_size=2000):
        codes_by_path[path] = code
        parent_code = "" if pk == top.pk else codes_by_path.get(path[: -Unit.steplen], "")
        yield [code, name, short_name, KIND_LABELS.get(kind, kind), parent_code, ", ".join(sectors[pk]), active_from]


def _person_rows(top: Unit) -> Iterable[list[Any]]:
    joined = Membership.objects.filter(person=OuterRef("pk"), left_on__isnull=True).values("joined_on")[:1]
    people = (
        Person.objects.filter(unit__path__startswith=top.path)
        .annotate(joined=Subquery(joined))
        .order_by("sort_key", "id")
        .values_list(
            "family_name",
            "middle_name",
            "given_name",
            "gender",
            "birth_date",
            "party_card_number",
            "position",
            "is_leader",
            "unit__code",
            "joined",
        )
    )
    for family, middle, given, gender, birth, card, position, leader, unit_code, joined_on in people.iterator(
        chunk_size=2000
    ):
        yield [
            family,
            middle,
            given,
            GENDER_LABELS.get(gender, gender),
            birth,
            card or "",
            position,
            LEADER_YES if leader else LEADER_NO,
            unit_code,
            joined_on,
        ]
