"""Importing units: the file's rows become units of the scope's subtree, with their links and sectors."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import require_capture
from lamtheo.accounts.audit import audit_record
from lamtheo.accounts.models import User
from lamtheo.lib.text import fold
from lamtheo.org.imports.errors import (
    ImportResult,
    Rejected,
    RowError,
    concurrent_change_result,
    rejected_result,
)
from lamtheo.org.imports.format import KIND_LABELS, SHEET_UNITS, UNIT_COLUMNS, header
from lamtheo.org.imports.reading import SheetRow, cell_text, read_rows
from lamtheo.org.imports.validation import RowChecker, chunks, first_rows, in_scope, units_by_code
from lamtheo.org.imports.writing import BULK_BATCH
from lamtheo.org.models import SectorTag, Unit, UnitKind, UnitLink
from lamtheo.org.services import ALLOWED_PARENT_KINDS

logger = logging.getLogger(__name__)

_KIND_BY_WORD = {fold(label): kind for kind, label in KIND_LABELS.items()} | {str(k): str(k) for k in UnitKind}


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


def _parse_unit(row: SheetRow, errors: list[RowError], sectors: dict[str, str], today: dt.date) -> _UnitRow:
    check = RowChecker(row, UNIT_COLUMNS, errors)
    code = check.code("code")
    name = check.text("name")
    short_name = check.text("short_name")
    kind = check.choice("kind", _KIND_BY_WORD, KIND_LABELS.values())
    parent_code = check.code("parent_code")
    sector_codes: list[str] = []
    for word in (w.strip() for w in cell_text(row.values.get("sectors")).split(",")):
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
    code_header = header(UNIT_COLUMNS, "code")
    parent_header = header(UNIT_COLUMNS, "parent_code")

    def fail(row: _UnitRow, column: str, message: str) -> None:
        errors.append(RowError(row=row.row, column=column, message=message))

    first, repeats = first_rows((r.row, r.code) for r in rows)
    by_row = {r.row: r for r in rows}
    for row_number, code, first_row in repeats:
        fail(
            by_row[row_number],
            code_header,
            _("The code “%(code)s” is already used in row %(other)d of this file.")
            % {"code": code, "other": first_row},
        )
    in_file = {r.code: r for r in rows if r.code and first.get(r.code) == r.row}
    existing = units_by_code([r.code for r in rows] + [r.parent_code for r in rows if r.parent_code])

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
            fail(row, header(UNIT_COLUMNS, "kind"), problem)


def _resolve_parent(row: _UnitRow, scope: Unit, in_file: dict[str, _UnitRow], existing: dict[str, Unit]) -> str:
    """Set the row's parent (blank: the scope itself); return what is wrong with it, if anything."""
    if not row.parent_code:
        row.parent_unit = scope
    elif row.parent_code in in_file:
        row.parent_row = in_file[row.parent_code]
    elif row.parent_code in existing and in_scope(existing[row.parent_code], scope):
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
    for chunk in chunks(paths):
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
        raise Rejected([RowError(row.row, "", _("“%(name)s” has too many sub-units.") % {"name": parent.name})])
    path: str = Unit._get_path(parent.path, parent.depth + 1, step)
    if len(path) > Unit._meta.get_field("path").max_length:
        raise Rejected([RowError(row.row, "", _("The tree is too deep under “%(name)s”.") % {"name": parent.name})])
    return path


def _add_children_counts(new_children: Counter[Any]) -> None:
    """``numchild += n`` on existing parents: one UPDATE per distinct n, atomic in the database."""
    by_increment: dict[int, list[Any]] = defaultdict(list)
    for pk, increment in new_children.items():
        by_increment[increment].append(pk)
    for increment, pks in by_increment.items():
        for chunk in chunks(pks):
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
            raise Rejected(errors)
        with transaction.atomic():
            units = _write_units(rows, scope)
            audit_record(
                acting_user=acting_user,
                action="unit.import",
                obj=scope,
                after={"rows": len(units), "file": upload.name, "codes": [u.code for u in units]},
            )
    except Rejected as rejected:
        return rejected_result(rejected)
    except IntegrityError:
        logger.warning("Unit import into %s collided with a concurrent write", scope.code, exc_info=True)
        return concurrent_change_result()
    return ImportResult(created=len(units))
