"""Importing units and people from XLSX files into a unit the user can capture (the scope root).

Every row is read and checked before anything is written; errors come back as a list of
(row as Excel numbers it, column header, message). Only a file whose every row passes is written,
in one transaction with one audit entry, using bulk inserts so that tens of thousands of rows fit
in one request.

- ``format``: sheet names, column headers and cell words (the file format, shared with the export);
- ``reading`` and ``worksheet``: the upload into rows keyed by column, or the reason it cannot be read;
- ``validation``: checking cell values, looking up codes; ``errors``: what an import reports;
- ``units`` and ``people``: the two imports; ``writing``: bulk inserts.
"""

from __future__ import annotations

from lamtheo.org.imports.errors import ImportResult, RowError
from lamtheo.org.imports.format import (
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
from lamtheo.org.imports.people import people_import
from lamtheo.org.imports.reading import SheetRow, read_rows
from lamtheo.org.imports.units import units_import
from lamtheo.org.imports.validation import LOOKUP_CHUNK
from lamtheo.org.imports.writing import BULK_BATCH

# Limits on one file. ``reading`` looks them up here each time it reads a file.
MAX_ROWS = 20_000
# A legitimate XLSX unpacks to a few times its size; far more is a "zip bomb".
MAX_UNPACK_RATIO = 20
# Blank rows are skipped, but a sheet is not scanned for ever.
MAX_SCANNED_ROWS = 5 * MAX_ROWS

__all__ = [
    "BULK_BATCH",
    "DATE_FORMAT_EXCEL",
    "GENDER_LABELS",
    "KIND_LABELS",
    "LEADER_NO",
    "LEADER_YES",
    "LOOKUP_CHUNK",
    "MAX_ROWS",
    "MAX_SCANNED_ROWS",
    "MAX_UNPACK_RATIO",
    "PERSON_COLUMNS",
    "SHEET_INSTRUCTIONS",
    "SHEET_PEOPLE",
    "SHEET_UNITS",
    "UNIT_COLUMNS",
    "Column",
    "ImportResult",
    "RowError",
    "SheetRow",
    "people_import",
    "read_rows",
    "units_import",
]
