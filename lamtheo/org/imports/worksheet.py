"""The cell values of one worksheet, read straight from its XML.

openpyxl's read-only worksheet builds a dictionary per cell and, for text stored in the cell itself
(as openpyxl and many other programs write it), a rich-text object per cell: that was two thirds of
the time of importing ten thousand people. Here expat streams the sheet's XML into plain values.
The workbook around it (which sheet, the shared strings, which styles are dates, the 1900 or 1904
epoch) is still read by openpyxl.

``sheet_values(sheet)`` yields what ``sheet.iter_rows(values_only=True)`` yields after
``sheet.reset_dimensions()`` with the workbook opened ``data_only``: one tuple per row from row 1,
empty for a row the file leaves out, each as long as the row's last cell; cached values of formulas.
The rules below follow openpyxl's ``WorkSheetParser.parse_cell`` and ``ReadOnlyWorksheet._get_row``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterator, Sequence
from typing import Any
from xml.parsers import expat

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHEET_MAIN_NS

# expat names a namespaced element "<namespace URI> <local name>".
_ROW = f"{SHEET_MAIN_NS} row"
_VALUE = f"{SHEET_MAIN_NS} v"
_INLINE = f"{SHEET_MAIN_NS} is"
_TEXT = f"{SHEET_MAIN_NS} t"
_RUN = f"{SHEET_MAIN_NS} r"

_CHUNK = 64 * 1024

Cells = list[tuple[int, Any]]  # (column number, value) in the order of the file


def sheet_values(sheet: ReadOnlyWorksheet) -> Iterator[tuple[Any, ...]]:
    """Every row of ``sheet`` as a tuple of cell values (see the module's docstring)."""
    workbook = sheet.parent
    # openpyxl keeps what the cells refer to in attributes its type stubs do not declare.
    handler = _SheetHandler(
        shared_strings=sheet._shared_strings,  # type: ignore[attr-defined]
        date_styles=workbook._date_formats,  # type: ignore[attr-defined]
        duration_styles=workbook._timedelta_formats,  # type: ignore[attr-defined]
        epoch=workbook.epoch,
    )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    next_row = 1
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        while True:
            chunk = source.read(_CHUNK)
            parser.Parse(chunk, not chunk)
            for number, cells in handler.rows:
                while next_row < number:  # rows the file leaves out
                    next_row += 1
                    yield ()
                if next_row <= number:  # a row numbered below one already read is dropped
                    next_row += 1
                    yield _row_tuple(cells)
            handler.rows.clear()
            if not chunk:
                return


def _row_tuple(cells: Cells) -> tuple[Any, ...]:
    """The row as wide as its last cell, with None where the file has no cell."""
    if not cells:
        return ()
    width = cells[-1][0]
    values: list[Any] = [None] * width
    for column, value in cells:
        if column <= width:
            values[column - 1] = value
    return tuple(values)


class _SheetHandler:
    """expat's callbacks: collect each ``<row>``'s cells into ``rows`` as the XML streams by.

    Depths tell the elements apart as ElementTree's ``find`` would: a cell is any child of a row,
    its value the text of its first ``<v>`` child, or for inline text its first ``<is>`` child,
    whose last ``<t>`` and the last ``<t>`` of each ``<r>`` run make the string. An element's text
    is what comes before its first child element, as ElementTree's ``.text``.
    """

    def __init__(
        self,
        *,
        shared_strings: Sequence[str],
        date_styles: Container[int],
        duration_styles: Container[int],
        epoch: dt.datetime,
    ) -> None:
        self.shared_strings = shared_strings
        self.date_styles = date_styles
        self.duration_styles = duration_styles
        self.epoch = epoch
        self.rows: list[tuple[int, Cells]] = []  # finished rows, taken away by the reader
        self.depth = 0
        self.row_depth = 0  # depth of the open <row>; 0: none open
        self.row_number = 0
        self.column = 0
        self.cells: Cells = []
        self.cell: dict[str, str] = {}  # attributes of the open cell
        self.value: list[str] | None = None  # text of the cell's <v>
        self.inline_depth = 0  # depth of the cell's <is>; 0: none
        self.plain: list[str] | None = None  # text of the <is>'s <t>
        self.runs: list[str] = []
        self.run_depth = 0  # depth of the open <r>; 0: none open
        self.run_text: list[str] | None = None
        self.collect: list[str] | None = None  # where character data goes now
        self.column_numbers: dict[str, int] = {}  # "AB" → 28

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.collect = None
        depth = self.depth = self.depth + 1
        row_depth = self.row_depth
        if not row_depth:
            if name == _ROW:
                self._open_row(depth, attributes)
        elif depth == row_depth + 1:
            self._open_cell(attributes)
        elif depth == row_depth + 2:
            if name == _VALUE:
                if self.value is None:
                    self.value = self.collect = []
            elif name == _INLINE and not self.inline_depth:
                self.inline_depth = depth
        elif self.inline_depth and depth == self.inline_depth + 1:
            if name == _TEXT:
                self.plain = self.collect = []
            elif name == _RUN:
                self.run_depth = depth
                self.run_text = None
        elif self.run_depth and depth == self.run_depth + 1 and name == _TEXT:
            self.run_text = self.collect = []

    def end(self, name: str) -> None:
        self.collect = None
        depth = self.depth
        self.depth = depth - 1
        if depth == self.row_depth:
            self.rows.append((self.row_number, self.cells))
            self.row_depth = 0
        elif depth == self.row_depth + 1:
            self.cells.append((self.column, self._cell_value()))
        elif depth == self.run_depth:
            if self.run_text is not None:
                self.runs.append("".join(self.run_text))
            self.run_depth = 0

    def data(self, text: str) -> None:
        if self.collect is not None:
            self.collect.append(text)

    def _open_row(self, depth: int, attributes: dict[str, str]) -> None:
        self.row_depth = depth
        number = attributes.get("r")
        self.row_number = _row_number(number) if number is not None else self.row_number + 1
        self.column = 0
        self.cells = []

    def _open_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        self.column = self._column_number(reference) if reference else self.column + 1
        self.cell = attributes
        self.value = None
        self.inline_depth = 0
        self.plain = None
        self.runs = []

    def _column_number(self, reference: str) -> int:
        """The column of a reference such as "AB12", as openpyxl's ``coordinate_to_tuple`` reads it."""
        letters = reference.rstrip("0123456789")
        number = self.column_numbers.get(letters)
        if number is None or len(letters) == len(reference):
            number = coordinate_to_tuple(reference)[1]  # raises for a reference openpyxl refuses
            self.column_numbers[letters] = number
        return number

    def _cell_value(self) -> Any:
        kind = self.cell.get("t", "n")
        style = self.cell.get("s")
        style_id = int(style) if style else 0
        if kind == "inlineStr":
            if not self.inline_depth:
                return None
            plain = "".join(self.plain) if self.plain is not None else ""
            return plain + "".join(self.runs)
        value = "".join(self.value) if self.value is not None else ""
        if not value:
            return None
        if kind == "n":
            return self._number(value, style_id)
        if kind == "s":
            return self.shared_strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text) and "e" (an error such as #N/A) as written

    def _number(self, text: str, style_id: int) -> Any:
        number = float(text) if "." in text or "E" in text or "e" in text else int(text)
        if style_id not in self.date_styles:
            return number
        try:
            return from_excel(number, self.epoch, timedelta=style_id in self.duration_styles)
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial number beyond the dates Excel can show, as openpyxl reads it


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if number.is_integer():
            return int(number)
        raise ValueError(f"{text} is not a valid row number") from None
