"""Importing units and people from XLSX files into a unit the user can capture (the scope root).

Every row is read and checked before anything is written; errors come back as a list of
(row as Excel numbers it, column header, message). Only a file whose every row passes is written,
in one transaction with one audit entry, using bulk inserts so that tens of thousands of rows fit
in one request.

The spreadsheet's sheet names, column headers and kind labels are Vietnamese literals: they are
the file format, shared with the downloadable templates and the export (``lamtheo.org.exports``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record
from lamtheo.accounts.models import User
from lamtheo.lib.text import fold
from lamtheo.org.models import Gender, Membership, Person, SectorTag, Unit, UnitKind, UnitLink
from lamtheo.org.services import ALLOWED_PARENT_KINDS

logger = logging.getLogger(__name__)

MAX_ROWS = 20_000
# A legitimate XLSX unpacks to a few times its size; far more is a "zip bomb".
MAX_UNPACK_RATIO = 20
# Blank rows are skipped, but a sheet is not scanned for ever.
MAX_SCANNED_ROWS = 5 * MAX_ROWS
# SQLite allows a limited number of parameters per query: look values up in chunks.
LOOKUP_CHUNK = 500
BULK_BATCH = 1000

SHEET_UNITS = "Đơn vị"
SHEET_PEOPLE = "Đảng viên"
SHEET_INSTRUCTIONS = "Hướng dẫn"

# The model's labels are English msgids; the file uses the party's own Vietnamese names.
KIND_LABELS: dict[str, str] = {
    UnitKind.BLOC: "Đảng ủy Khối",
    UnitKind.SUBORDINATE_COMMITTEE: "Đảng ủy trực thuộc",
    UnitKind.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    UnitKind.CELL: "Chi bộ",
    UnitKind.YOUTH_UNION: "Đoàn thanh niên",
    UnitKind.OTHER: "Tổ chức khác",
}
GENDER_LABELS: dict[str, str] = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
LEADER_YES, LEADER_NO = "Có", "Không"
DATE_FORMAT_EXCEL = "DD/MM/YYYY"

_KIND_BY_WORD = {fold(label): kind for kind, label in KIND_LABELS.items()} | {str(k): str(k) for k in UnitKind}
_GENDER_BY_WORD = {"nam": "m", "m": "m", "male": "m", "nu": "f", "f": "f", "female": "f"}
_YES_WORDS = {"co", "x", "yes", "y", "1", "true"}
_NO_WORDS = {"", "khong", "no", "n", "0", "false"}
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False  # every row needs a value
    max_length: int | None = None


UNIT_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã đơn vị", required=True, max_length=40),
    Column("name", "Tên đơn vị", required=True, max_length=255),
    Column("short_name", "Tên viết tắt", max_length=80),
    Column("kind", "Loại", required=True),
    Column("parent_code", "Mã đơn vị cấp trên", max_length=40),
    Column("sectors", "Lĩnh vực"),
    Column("active_from", "Hoạt động từ"),
)
PERSON_COLUMNS: tuple[Column, ...] = (
    Column("family_name", "Họ", required=True, max_length=60),
    Column("middle_name", "Tên đệm", max_length=80),
    Column("given_name", "Tên", required=True, max_length=60),
    Column("gender", "Giới tính", required=True),
    Column("birth_date", "Ngày sinh"),
    Column("party_card_number", "Số thẻ đảng viên", max_length=30),
    Column("position", "Chức vụ", max_length=160),
    Column("is_leader", "Lãnh đạo"),
    Column("unit_code", "Mã chi bộ", required=True, max_length=40),
    Column("joined_on", "Ngày vào chi bộ"),
)


@dataclass(frozen=True)
class RowError:
    """One problem in the file. ``row`` is the row number Excel shows (None: the whole file)."""

    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rejected(Exception):
    """The file cannot be imported; carries the errors to show."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _file_error(message: str) -> _Rejected:
    return _Rejected([RowError(row=None, column="", message=message)])


# --- Reading the workbook -------------------------------------------------------------------


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


def read_rows(upload: UploadedFile, columns: Sequence[Column], sheet_name: str) -> list[SheetRow]:
    """The sheet's non-blank data rows, keyed by column; raises ``_Rejected`` for a file that cannot be read."""
    _check_container(upload)
    try:
        return _read_workbook(upload, columns, sheet_name)
    except _Rejected:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a malformed file; none may become a 500
        logger.info("Unreadable XLSX upload %r", upload.name, exc_info=True)
        raise _file_error(_("The file could not be read as an Excel (.xlsx) workbook.")) from exc


def _check_container(upload: UploadedFile) -> None:
    size = upload.size or 0
    limit: int = settings.IMPORT_MAX_BYTES
    if size == 0:
        raise _file_error(_("The file is empty."))
    if size > limit:
        raise _file_error(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _file_error(
            _("The file is not an Excel (.xlsx) workbook. Save it in Excel as “Excel Workbook (*.xlsx)” and try again.")
        ) from exc
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise _file_error(
            _("The file is not an Excel (.xlsx) workbook. Save it in Excel as “Excel Workbook (*.xlsx)” and try again.")
        )
    if unpacked > limit * MAX_UNPACK_RATIO:
        raise _file_error(_("The workbook is too large once unpacked."))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _read_workbook(upload: UploadedFile, columns: Sequence[Column], sheet_name: str) -> list[SheetRow]:
    upload.seek(0)
    workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    try:
        sheet = _pick_sheet(workbook, sheet_name)
        if sheet is None:
            raise _file_error(_("The workbook has no worksheet to import."))
        sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        # types-openpyxl gives ReadOnlyWorksheet.iter_rows the signature of Worksheet's.
        rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)  # type: ignore[misc]
        header = next(rows, None)
        if header is None or all(_is_blank(v) for v in header):
            raise _file_error(_("The sheet is empty: the first row must hold the column headers."))
        positions = _match_headers(header, columns)
        data = list(_data_rows(rows, positions))
    finally:
        workbook.close()
    if not data:
        raise _file_error(_("The sheet has headers but no data rows."))
    return data


def _pick_sheet(workbook: openpyxl.Workbook, sheet_name: str) -> ReadOnlyWorksheet | None:
    """The sheet named like ``sheet_name``; else the first sheet that is not the instructions."""
    sheets = [s for s in workbook.worksheets if isinstance(s, ReadOnlyWorksheet)]
    wanted = fold(sheet_name)
    named = [s for s in sheets if fold(s.title) == wanted]
    others = [s for s in sheets if fold(s.title) != fold(SHEET_INSTRUCTIONS)]
    candidates = named or others
    return candidates[0] if candidates else None


def _header_key(value: Any) -> str:
    return fold(_text(value)).rstrip("*").strip()


def _match_headers(header: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    """Column key → position in the row. Unknown columns are ignored; missing required ones are an error."""
    by_header = {_header_key(c.header): c for c in columns}
    positions: dict[str, int] = {}
    duplicates: list[str] = []
    for index, value in enumerate(header):
        column = by_header.get(_header_key(value))
        if column is None:
            continue
        if column.key in positions:
            duplicates.append(column.header)
        positions[column.key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    errors: list[RowError] = []
    if missing:
        errors.append(
            RowError(
                row=1,
                column="",
                message=_("Missing columns: %(columns)s. Use the headers of the template in the first row.")
                % {"columns": ", ".join(f"“{h}”" for h in missing)},
            )
        )
    if duplicates:
        errors.append(
            RowError(
                row=1,
                column="",
                message=_("Columns appear more than once: %(columns)s.")
                % {"columns": ", ".join(f"“{h}”" for h in duplicates)},
            )
        )
    if errors:
        raise _Rejected(errors)
    return positions


def _data_rows(rows: Iterator[tuple[Any, ...]], positions: dict[str, int]) -> Iterator[SheetRow]:
    count = 0
    for number, row in enumerate(rows, start=2):
        if number > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        values = {key: row[index] if index < len(row) else None for key, index in positions.items()}
        if all(_is_blank(v) for v in values.values()):
            continue
        count += 1
        if count > MAX_ROWS:
            raise _too_many_rows()
        yield SheetRow(number=number, values=values)


def _too_many_rows() -> _Rejected:
    return _file_error(
        _("The file has more than %(max)s data rows. Split it into several files.") % {"max": f"{MAX_ROWS:,}"}
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """A cell as text: numbers typed into text columns (codes, card numbers) lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


# --- Checking cell values -------------------------------------------------------------------


class _RowChecker:
    """Turns one row's cells into values, collecting an error for every bad cell."""

    def __init__(self, row: SheetRow, columns: Sequence[Column], errors: list[RowError]) -> None:
        self.row = row
        self.columns = {c.key: c for c in columns}
        self.errors = errors

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(row=self.row.number, column=self.columns[key].header, message=message))

    def text(self, key: str) -> str:
        column = self.columns[key]
        value = _text(self.row.values.get(key))
        if column.required and not value:
            self.error(key, _("This value is required."))
        elif column.max_length is not None and len(value) > column.max_length:
            self.error(
                key,
                _("Too long: at most %(max)d characters (this has %(length)d).")
                % {"max": column.max_length, "length": len(value)},
            )
        return value

    def code(self, key: str) -> str:
        value = self.text(key)
        if value and not _SLUG.match(value):
            self.error(
                key,
                _("“%(value)s” is not a valid code: use letters, digits, hyphens and underscores, no spaces.")
                % {"value": value},
            )
        return value

    def choice(self, key: str, words: dict[str, str], allowed: Iterable[str]) -> str:
        raw = self.text(key)
        if not raw:
            return ""
        value = words.get(fold(raw))
        if value is None:
            self.error(
                key,
                _("“%(value)s” is not allowed here; use one of: %(allowed)s.")
                % {"value": raw, "allowed": ", ".join(allowed)},
            )
            return ""
        return value

    def yes_no(self, key: str) -> bool:
        value = self.row.values.get(key)
        if isinstance(value, bool):
            return value
        word = fold(_text(value))
        if word in _YES_WORDS:
            return True
        if word not in _NO_WORDS:
            self.error(
                key,
                _("“%(value)s” is not allowed here; use “%(yes)s” or “%(no)s”.")
                % {"value": _text(value), "yes": LEADER_YES, "no": LEADER_NO},
            )
        return False

    def date(self, key: str) -> dt.date | None:
        value = self.row.values.get(key)
        if _is_blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        match = _DATE_TEXT.match(_text(value))
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
        self.error(
            key,
            _("“%(value)s” is not a date: enter it as dd/mm/yyyy (for example 03/02/1930).") % {"value": _text(value)},
        )
        return None

    def not_in_future(self, key: str, day: dt.date | None, today: dt.date) -> None:
        if day is not None and day > today:
            self.error(key, _("The date %(date)s is in the future.") % {"date": day.strftime("%d/%m/%Y")})


def _chunks(values: Sequence[str], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _units_by_code(codes: Iterable[str]) -> dict[str, Unit]:
    wanted = sorted(set(codes))
    found: dict[str, Unit] = {}
    for chunk in _chunks(wanted):
        for unit in Unit.objects.filter(code__in=chunk).only(
            "id", "code", "name", "kind", "path", "depth", "numchild", "active_to"
        ):
            found[unit.code] = unit
    return found


def _in_scope(unit: Unit, scope: Unit) -> bool:
    return bool(unit.path.startswith(scope.path))


def _first_rows(items: Iterable[tuple[int, str]]) -> tuple[dict[str, int], list[tuple[int, str, int]]]:
    """First row of each value, and (row, value, first row) for every repeat."""
    first: dict[str, int] = {}
    repeats: list[tuple[int, str, int]] = []
    for row, value in items:
        if not value:
            continue
        if value in first:
            repeats.append((row, value, first[value]))
        else:
            first[value] = row
    return first, repeats


# --- Units ----------------------------------------------------------------------------------


@dataclass
class _UnitRow:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    sector_codes: list[str]
    active_from: dt.date
    # Resolved while checking: an existing parent inside the scope, or another row of the file.
    parent_unit: Unit | None = None
    parent_row: _UnitRow | None = None


def _header(columns: Sequence[Column], key: str) -> str:
    return next(c.header for c in columns if c.key == key)


def _parse_unit(row: SheetRow, errors: list[RowError], sectors: dict[str, str], today: dt.date) -> _UnitRow:
    check = _RowChecker(row, UNIT_COLUMNS, errors)
    code = check.code("code")
    name = check.text("name")
    short_name = check.text("short_name")
    kind = check.choice("kind", _KIND_BY_WORD, KIND_LABELS.values())
    parent_code = check.code("parent_code")
    sector_codes: list[str] = []
    for word in (w.strip() for w in _text(row.values.get("sectors")).split(",")):
        if not word:
            continue
        sector = sectors.get(fold(word))
        if sector is None:
            check.error("sectors", _("Unknown sector “%(value)s”.") % {"value": word})
        elif sector not in sector_codes:
            sector_codes.append(sector)
    active_from = check.date("active_from") or today
    return _UnitRow(
        row=row.number,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent_code=parent_code,
        sector_codes=sector_codes,
        active_from=active_from,
    )


def _sector_words() -> dict[str, str]:
    """Folded sector code or name → code."""
    words: dict[str, str] = {}
    for code, name in SectorTag.objects.values_list("code", "name"):
        words.setdefault(fold(name), code)
    for code in SectorTag.objects.values_list("code", flat=True):
        words[fold(code)] = code
    return words


def _check_unit_rows(rows: list[_UnitRow], scope: Unit, errors: list[RowError]) -> None:
    """Rules across rows and against the database: duplicates, parents, cycles, placement."""
    code_header = _header(UNIT_COLUMNS, "code")
    parent_header = _header(UNIT_COLUMNS, "parent_code")

    def fail(row: _UnitRow, column: str, message: str) -> None:
        errors.append(RowError(row=row.row, column=column, message=message))

    first, repeats = _first_rows((r.row, r.code) for r in rows)
    by_row = {r.row: r for r in rows}
    for row_number, code, first_row in repeats:
        fail(
            by_row[row_number],
            code_header,
            _("The code “%(code)s” is already used in row %(other)d of this file.")
            % {"code": code, "other": first_row},
        )
    in_file = {r.code: r for r in rows if r.code and first.get(r.code) == r.row}
    existing = _units_by_code([r.code for r in rows] + [r.parent_code for r in rows if r.parent_code])

    for row in rows:
        if row.code in existing:
            fail(row, code_header, _("The unit code “%(code)s” is already in use.") % {"code": row.code})
    for row in rows:
        problem = _resolve_parent(row, scope, in_file, existing)
        if problem:
            fail(row, parent_header, problem)
    for cycle in _cycles(rows):
        listed = ", ".join(str(r.row) for r in cycle)
        for row in cycle:
            fail(
                row,
                parent_header,
                _("The parent units of rows %(rows)s refer to each other in a cycle.") % {"rows": listed},
            )
            row.parent_row = None
    for row in rows:
        problem = _placement_problem(row)
        if problem:
            fail(row, _header(UNIT_COLUMNS, "kind"), problem)


def _resolve_parent(row: _UnitRow, scope: Unit, in_file: dict[str, _UnitRow], existing: dict[str, Unit]) -> str:
    """Set the row's parent (blank: the scope itself); return what is wrong with it, if anything."""
    if not row.parent_code:
        row.parent_unit = scope
    elif row.parent_code in in_file:
        row.parent_row = in_file[row.parent_code]
    elif row.parent_code in existing and _in_scope(existing[row.parent_code], scope):
        row.parent_unit = existing[row.parent_code]
    else:
        # Units outside the scope are reported exactly like units that do not exist.
        return _("The parent unit “%(code)s” was not found in your scope.") % {"code": row.parent_code}
    if row.parent_unit is not None and row.parent_unit.active_to is not None:
        return _("The parent unit “%(code)s” is no longer active.") % {"code": row.parent_unit.code}
    return ""


def _cycles(rows: list[_UnitRow]) -> list[list[_UnitRow]]:
    """Groups of rows whose parents (through other rows of the file) lead back to themselves."""
    state: dict[int, str] = {}  # row → "open" while being followed, "done" once settled
    cycles: list[list[_UnitRow]] = []
    for start in rows:
        trail: list[_UnitRow] = []
        current: _UnitRow | None = start
        while current is not None and current.row not in state:
            state[current.row] = "open"
            trail.append(current)
            current = current.parent_row
        if current is not None and state.get(current.row) == "open":
            cycles.append(trail[trail.index(current) :])
        for row in trail:
            state[row.row] = "done"
    return cycles


def _placement_problem(row: _UnitRow) -> str:
    if not row.kind:
        return ""
    if row.parent_unit is not None:
        parent_kind, parent_name = row.parent_unit.kind, row.parent_unit.name
    elif row.parent_row is not None and row.parent_row.kind:
        parent_kind, parent_name = row.parent_row.kind, row.parent_row.name
    else:
        return ""  # the parent is already reported as a problem
    if parent_kind in ALLOWED_PARENT_KINDS.get(row.kind, set()):
        return ""
    return _("A unit of kind “%(kind)s” cannot be placed under “%(parent)s” (%(parent_kind)s).") % {
        "kind": UnitKind(row.kind).label,
        "parent": parent_name,
        "parent_kind": UnitKind(parent_kind).label,
    }


def _parents_first(rows: list[_UnitRow]) -> list[_UnitRow]:
    """The rows ordered so that a row defining a parent comes before its children."""
    depth: dict[int, int] = {}
    for row in rows:
        chain: list[_UnitRow] = []
        current: _UnitRow | None = row
        while current is not None and current.row not in depth:
            chain.append(current)
            current = current.parent_row
        base = depth[current.row] if current is not None else 0
        for link in reversed(chain):
            base += 1
            depth[link.row] = base
    return sorted(rows, key=lambda r: (depth[r.row], r.row))


def _last_child_steps(parents: list[Unit], scope: Unit) -> dict[str, int]:
    """Existing parent path → the step of its current last child (0: none). One query per chunk."""
    steps: dict[str, int] = {}
    paths = [p.path for p in parents if p.numchild]
    for chunk in _chunks(paths):
        last = (
            Unit.objects.filter(path__startswith=scope.path, depth__in={p.depth + 1 for p in parents})
            .annotate(parent_path=Substr("path", 1, Length("path") - Unit.steplen))
            .filter(parent_path__in=chunk)
            .values("parent_path")
            .annotate(last=Max("path"))
            .values_list("parent_path", "last")
        )
        for parent_path, last_path in last:
            steps[parent_path] = Unit._str2int(last_path[-Unit.steplen :])
    return steps


def _write_units(rows: list[_UnitRow], scope: Unit) -> list[Unit]:
    """Insert the rows as units with materialised paths computed here, in a handful of queries.

    New children go after the parent's current last child, as treebeard's ``add_child`` puts them.
    """
    parent_pks = {r.parent_unit.pk for r in rows if r.parent_unit is not None}
    # Lock the existing parents (as add_child does) so that concurrent additions queue up.
    parents = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=parent_pks)}
    last_step = Counter(_last_child_steps(list(parents.values()), scope))
    new_children: Counter[int] = Counter()
    created: dict[str, Unit] = {}
    for row in _parents_first(rows):
        parent = parents[row.parent_unit.pk] if row.parent_unit is not None else created[_parent_row(row).code]
        last_step[parent.path] += 1
        unit = Unit(
            code=row.code,
            name=row.name,
            short_name=row.short_name,
            kind=row.kind,
            active_from=row.active_from,
            depth=parent.depth + 1,
            path=_child_path(row, parent, last_step[parent.path]),
            numchild=0,
        )
        unit.refresh_search_text()
        if parent.pk is None:
            parent.numchild += 1
        else:
            new_children[parent.pk] += 1
        created[row.code] = unit
    Unit.objects.bulk_create(created.values(), batch_size=BULK_BATCH)
    _add_children_counts(new_children)
    UnitLink.objects.bulk_create(
        (
            UnitLink(
                unit=created[r.code],
                parent=r.parent_unit if r.parent_unit is not None else created[_parent_row(r).code],
                valid_from=r.active_from,
            )
            for r in rows
        ),
        batch_size=BULK_BATCH,
    )
    through = Unit.sector_tags.through
    tag_ids = dict(SectorTag.objects.values_list("code", "id"))
    through.objects.bulk_create(
        (through(unit_id=created[r.code].pk, sectortag_id=tag_ids[c]) for r in rows for c in r.sector_codes),
        batch_size=BULK_BATCH,
    )
    return [created[r.code] for r in rows]


def _parent_row(row: _UnitRow) -> _UnitRow:
    if row.parent_row is None:
        raise AssertionError(f"row {row.row} has no parent")  # checked rows always have one
    return row.parent_row


def _child_path(row: _UnitRow, parent: Unit, step: int) -> str:
    if step >= len(Unit.alphabet) ** Unit.steplen:
        raise _Rejected([RowError(row.row, "", _("“%(name)s” has too many sub-units.") % {"name": parent.name})])
    path: str = Unit._get_path(parent.path, parent.depth + 1, step)
    if len(path) > Unit._meta.get_field("path").max_length:
        raise _Rejected([RowError(row.row, "", _("The tree is too deep under “%(name)s”.") % {"name": parent.name})])
    return path


def _add_children_counts(new_children: Counter[Any]) -> None:
    """``numchild += n`` on existing parents: one UPDATE per distinct n, atomic in the database."""
    by_increment: dict[int, list[Any]] = defaultdict(list)
    for pk, increment in new_children.items():
        by_increment[increment].append(pk)
    for increment, pks in by_increment.items():
        for chunk in _chunks(pks):
            Unit.objects.filter(pk__in=chunk).update(numchild=F("numchild") + increment)


def units_import(*, acting_user: User, scope: Unit, upload: UploadedFile) -> ImportResult:
    """Create the units listed in ``upload`` inside ``scope``'s subtree: all of them, or none."""
    require_capture(acting_user, scope)
    try:
        sheet_rows = read_rows(upload, UNIT_COLUMNS, SHEET_UNITS)
        errors: list[RowError] = []
        today = timezone.localdate()
        sectors = _sector_words()
        rows = [_parse_unit(r, errors, sectors, today) for r in sheet_rows]
        _check_unit_rows(rows, scope, errors)
        if errors:
            raise _Rejected(errors)
        with transaction.atomic():
            units = _write_units(rows, scope)
            audit_record(
                acting_user=acting_user,
                action="unit.import",
                obj=scope,
                after={"rows": len(units), "file": upload.name, "codes": [u.code for u in units]},
            )
    except _Rejected as rejected:
        return ImportResult(errors=_sorted(rejected.errors))
    except IntegrityError:
        logger.warning("Unit import into %s collided with a concurrent write", scope.code, exc_info=True)
        return ImportResult(errors=[RowError(None, "", _concurrent_change())])
    return ImportResult(created=len(units))


def _concurrent_change() -> str:
    return _("Someone else changed the same data while the file was being imported. Nothing was saved; try again.")


def _sorted(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda e: e.row or 0)


# --- People ---------------------------------------------------------------------------------


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
    check = _RowChecker(row, PERSON_COLUMNS, errors)
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
    card_header = _header(PERSON_COLUMNS, "party_card_number")
    unit_header = _header(PERSON_COLUMNS, "unit_code")
    _first, repeats = _first_rows((r.row, r.party_card_number) for r in rows)
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
    for chunk in _chunks(cards):
        taken.update(
            c
            for c in Person.objects.filter(party_card_number__in=chunk).values_list("party_card_number", flat=True)
            if c
        )
    units = _units_by_code(r.unit_code for r in rows if r.unit_code)
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
        if unit is None or not _in_scope(unit, scope):
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


def _write_people(rows: list[_PersonRow], today: dt.date) -> list[Person]:
    people: list[Person] = []
    for row in rows:
        person = Person(
            family_name=row.family_name,
            middle_name=row.middle_name,
            given_name=row.given_name,
            gender=row.gender,
            birth_date=row.birth_date,
            party_card_number=row.party_card_number or None,
            position=row.position,
            is_leader=row.is_leader,
            unit=row.unit,
        )
        person.refresh_derived()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=BULK_BATCH)
    Membership.objects.bulk_create(
        (
            Membership(person=person, unit=row.unit, joined_on=row.joined_on or today)
            for person, row in zip(people, rows, strict=True)
        ),
        batch_size=BULK_BATCH,
    )
    return people


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
            raise _Rejected(errors)
        with transaction.atomic():
            people = _write_people(rows, today)
            audit_record(
                acting_user=acting_user,
                action="person.import",
                obj=scope,
                after={"rows": len(people), "file": upload.name, "ids": [p.pk for p in people]},
            )
    except _Rejected as rejected:
        return ImportResult(errors=_sorted(rejected.errors))
    except IntegrityError:
        logger.warning("People import into %s collided with a concurrent write", scope.code, exc_info=True)
        return ImportResult(errors=[RowError(None, "", _concurrent_change())])
    return ImportResult(created=len(people))
