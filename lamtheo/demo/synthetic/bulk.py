"""Rows straight into the tables: COPY on PostgreSQL, ``executemany`` of plain INSERTs on SQLite.

Generators yield tuples of values every backend takes as they are: ints, strings, booleans and
None; dates as ISO strings, times as naive UTC strings (see ``dates``), UUIDs as 32 hex digits and
JSON already serialised. Table and column names come from the models' ``_meta``; a NOT NULL column
the generator leaves out gets the field's default (``auto_now`` fields: the load's time stamp), and
one without a default is an error before any row is written. Model instances are never built: for
millions of rows they would cost ten times the SQL.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, DateTimeField, Field, JSONField, Model
from django.db.models.fields import AutoFieldMixin

from lamtheo.demo.synthetic.dates import Calendar

Row = tuple[Any, ...]


class IdCounter:
    """The next primary key of a table: the generators choose ids, so rows can point at each other."""

    __slots__ = ("next",)

    def __init__(self, start: int) -> None:
        self.next = start

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


class BulkWriter:
    """Writes generated rows into one database (Django's default connection) and counts them per table."""

    def __init__(self, *, stamp: str, calendar: Calendar) -> None:
        if connection.vendor not in ("postgresql", "sqlite"):
            raise ValueError(f"synthetic loads write to PostgreSQL or SQLite, not {connection.vendor}")
        self.vendor = connection.vendor
        self.stamp = stamp  # naive UTC time given to auto_now(_add) fields and timezone.now defaults
        self.calendar = calendar
        self.counts: Counter[str] = Counter()
        self.models: list[type[Model]] = []
        self._ids: dict[type[Model], IdCounter] = {}

    def ids(self, model: type[Model]) -> IdCounter:
        """The table's id counter, starting after the highest id already there."""
        counter = self._ids.get(model)
        if counter is None:
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX({column}) FROM {table}")  # noqa: S608  (names from the model)
                highest = cursor.fetchone()
            counter = self._ids[model] = IdCounter((highest[0] if highest and highest[0] else 0) + 1)
        return counter

    def write(self, model: type[Model], fields: Sequence[str], rows: Iterable[Row]) -> int:
        """Insert ``rows`` (values of ``fields``, in that order); return how many were written.

        Rows whose generator gives no id get the next ids of the table's counter: ids never depend
        on the database's sequences, so one seed gives the same ids on every engine."""
        columns, constants = self._columns(model, fields)
        pk = model._meta.pk
        numbered = pk.name not in fields and pk.attname not in fields
        if numbered:
            columns.insert(0, pk.column)
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        full_rows = self._complete(rows, self.ids(model).take if numbered else None, constants)
        connection.ensure_connection()
        raw: Any = connection.connection
        if self.vendor == "postgresql":
            written = 0
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in full_rows:
                    copy.write_row(row)
                    written += 1
        else:  # SQLite
            marks = ", ".join("?" * len(columns))
            cursor = raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", full_rows)  # noqa: S608
            written = max(cursor.rowcount, 0)
        self.counts[model._meta.db_table] += written
        if model not in self.models:
            self.models.append(model)
        return written

    @staticmethod
    def _complete(rows: Iterable[Row], take: Callable[[], int] | None, constants: Row) -> Iterable[Row]:
        if take is not None:
            return ((take(), *row, *constants) for row in rows)
        if constants:
            return ((*row, *constants) for row in rows)
        return rows

    def _columns(self, model: type[Model], fields: Sequence[str]) -> tuple[list[str], Row]:
        """The columns to fill: the given fields', then every other NOT NULL column with its constant."""
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        given_names = {field.name for field in given}
        columns = [field.column for field in given if isinstance(field, Field)]
        if len(columns) != len(given):
            raise ValueError(f"{model.__name__}: only concrete fields can be written ({fields})")
        extra_columns: list[str] = []
        constants: list[Any] = []
        for field in opts.concrete_fields:
            if field.name in given_names or field.null:
                continue
            if field.primary_key:
                if not isinstance(field, AutoFieldMixin):
                    raise ValueError(f"{model.__name__}: the generator must give the primary key {field.name}")
                continue  # ``write`` numbers the rows
            extra_columns.append(field.column)
            constants.append(self._constant(model, field))
        return columns + extra_columns, tuple(constants)

    def _constant(self, model: type[Model], field: Field[Any, Any]) -> Any:
        if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add or callable(field.default)):
            return self.stamp
        if field.has_default():
            if callable(field.default) and field.unique:
                raise ValueError(f"{model.__name__}.{field.name} is unique: the generator must give each row its own")
            value = field.get_default()
        elif field.empty_strings_allowed:
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.name} is NOT NULL and the generator gives it no value")
        if isinstance(field, JSONField):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(field, DateField) and value is not None:
            return value.isoformat()
        return value


@contextmanager
def indexes_deferred(models: Sequence[type[Model]]) -> Iterator[None]:
    """Drop the tables' secondary indexes (on PostgreSQL also their foreign keys and unique constraints)
    while rows stream in, and build them again afterwards, as ``pg_restore`` does.

    Every index otherwise grows one random insert at a time, and on PostgreSQL Django's foreign keys,
    checked at commit, would queue a trigger event and a single-row look-up per row and key: rebuilt
    afterwards, each index is one sort and each key one join. It runs inside the load's transaction,
    so a failure restores everything. SQLite keeps the unique constraints declared in its tables
    (they cannot be dropped) and checks foreign keys cheaply by itself.
    """
    tables = [model._meta.db_table for model in models]
    if connection.vendor == "postgresql":
        restore = _drop_postgresql(tables)
    elif connection.vendor == "sqlite":
        restore = _drop_sqlite(tables)
    else:
        restore = []
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in restore:
            cursor.execute(statement)


def _drop_postgresql(tables: list[str]) -> list[str]:
    """Drop foreign keys, unique constraints and other non-primary indexes; return the SQL that restores them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u') ORDER BY contype, conname",
            [tables],
        )
        constraints: list[tuple[str, str, str, str]] = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
            "  AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
            [tables],
        )
        indexes: list[tuple[str, str]] = cursor.fetchall()
        # Foreign keys first ('f' sorts before 'u'): they may lean on the unique constraints.
        for table, name, _kind, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    restore = [definition for _name, definition in indexes]
    # Unique constraints before the foreign keys.
    for table, name, _kind, definition in sorted(constraints, key=lambda c: c[2] == "f"):
        restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
    return restore


def _drop_sqlite(tables: list[str]) -> list[str]:
    """Drop the indexes created apart from their tables; return their CREATE statements."""
    marks = ", ".join(["%s"] * len(tables))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",  # noqa: S608
            tables,
        )
        indexes: list[tuple[str, str]] = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [sql for _name, sql in indexes]


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """PostgreSQL's id sequences continue after the ids the generators chose (SQLite's AUTOINCREMENT
    follows explicit ids by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyze(*, vacuum: bool = False) -> None:
    """Fresh planner statistics: a query planned on empty-table statistics can take minutes.

    With ``vacuum`` on PostgreSQL (outside a transaction), VACUUM too: it sets the rows' hint bits and
    the visibility map once, so the first benchmark reads neither rewrite every page nor miss
    index-only scans, as they would on tables nobody has vacuumed yet."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Sample each index instead of reading all of it.
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
        elif vacuum and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
