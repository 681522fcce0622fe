"""Reading an uploaded workbook into rows keyed by column, refusing files that cannot be imported."""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from lamtheo.lib.text import fold
from lamtheo.org import imports
from lamtheo.org.imports.errors import Rejected, RowError, file_error
from lamtheo.org.imports.format import SHEET_INSTRUCTIONS, Column
from lamtheo.org.imports.worksheet import sheet_values

logger = logging.getLogger(__name__)


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


def read_rows(upload: UploadedFile, columns: Sequence[Column], sheet_name: str) -> list[SheetRow]:
    """The sheet's non-blank data rows, keyed by column; raises ``Rejected`` for a file that cannot be read."""
    _check_container(upload)
    try:
        return _read_workbook(upload, columns, sheet_name)
    except Rejected:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a malformed file; none may become a 500
        logger.info("Unreadable XLSX upload %r", upload.name, exc_info=True)
        raise file_error(_("The file could not be read as an Excel (.xlsx) workbook.")) from exc


def _check_container(upload: UploadedFile) -> None:
    size = upload.size or 0
    limit: int = settings.IMPORT_MAX_BYTES
    if size == 0:
        raise file_error(_("The file is empty."))
    if size > limit:
        raise file_error(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise file_error(
            _("The file is not an Excel (.xlsx) workbook. Save it in Excel as “Excel Workbook (*.xlsx)” and try again.")
        ) from exc
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise file_error(
            _("The file is not an Excel (.xlsx) workbook. Save it in Excel as “Excel Workbook (*.xlsx)” and try again.")
        )
    if unpacked > limit * imports.MAX_UNPACK_RATIO:
        raise file_error(_("The workbook is too large once unpacked."))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _read_workbook(upload: UploadedFile, columns: Sequence[Column], sheet_name: str) -> list[SheetRow]:
    upload.seek(0)
    workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    try:
        sheet = _pick_sheet(workbook, sheet_name)
        if sheet is None:
            raise file_error(_("The workbook has no worksheet to import."))
        # Dimensions written in the file are ignored (some programs write wrong ones): read what is there.
        rows = sheet_values(sheet)
        header = next(rows, None)
        if header is None or all(is_blank(v) for v in header):
            raise file_error(_("The sheet is empty: the first row must hold the column headers."))
        positions = _match_headers(header, columns)
        data = list(_data_rows(rows, positions))
    finally:
        workbook.close()
    if not data:
        raise file_error(_("The sheet has headers but no data rows."))
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
    return fold(cell_text(value)).rstrip("*").strip()


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
        raise Rejected(errors)
    return positions


def _data_rows(rows: Iterator[tuple[Any, ...]], positions: dict[str, int]) -> Iterator[SheetRow]:
    # The limits are read from the package when a file is read, so that lowering one there takes effect.
    max_rows: int = imports.MAX_ROWS
    max_scanned: int = imports.MAX_SCANNED_ROWS
    wanted = list(positions.items())
    count = 0
    for number, row in enumerate(rows, start=2):
        if number > max_scanned:
            raise _too_many_rows(max_rows)
        width = len(row)
        values = {key: row[index] if index < width else None for key, index in wanted}
        if all(is_blank(v) for v in values.values()):
            continue
        count += 1
        if count > max_rows:
            raise _too_many_rows(max_rows)
        yield SheetRow(number=number, values=values)


def _too_many_rows(max_rows: int) -> Rejected:
    return file_error(
        _("The file has more than %(max)s data rows. Split it into several files.") % {"max": f"{max_rows:,}"}
    )


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed into text columns (codes, card numbers) lose Excel's ".0"."""
    if type(value) is str:  # most cells: the checks below are for the others
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())
