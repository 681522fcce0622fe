"""What an import reports: its errors, by row and column, or how many records it created."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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


class Rejected(Exception):
    """The file cannot be imported; carries the errors to show."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


def file_error(message: str) -> Rejected:
    return Rejected([RowError(row=None, column="", message=message)])


def rejected_result(rejected: Rejected) -> ImportResult:
    return ImportResult(errors=sorted(rejected.errors, key=lambda e: e.row or 0))


def concurrent_change_result() -> ImportResult:
    message = _("Someone else changed the same data while the file was being imported. Nothing was saved; try again.")
    return ImportResult(errors=[RowError(None, "", message)])
