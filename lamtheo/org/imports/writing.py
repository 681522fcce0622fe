"""Inserting thousands of rows in a few statements.

``bulk_create`` builds a model instance per row and compiles each value through the ORM; for ten
thousand people that was most of the import's time. Here the caller gives plain values, converted
once per column (``db_conversion``), and they go to the database in batches: on PostgreSQL by
``COPY``, elsewhere by ``INSERT … VALUES … RETURNING``. As with ``bulk_create``, no signals are sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.db import NotSupportedError, connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

BULK_BATCH = 1000

Row = Sequence[Any]


def db_conversion(model: type[models.Model], name: str) -> Callable[[Any], Any]:
    """The field's own conversion of a Python value into what the database driver takes."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return partial(field.get_db_prep_save, connection=_connection(model))


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[Row]) -> None:
    """INSERT ``rows``, whose values are in the order of ``names``.

    ``names`` are the attribute names of every concrete field but the primary key, so that a field
    added to the model later fails loudly here rather than being left empty. Text, numbers,
    booleans and None go as they are; dates, times and UUIDs go through ``db_conversion`` first.
    """
    connection = _connection(model)
    fields = _fields(model, names)
    if connection.vendor == "postgresql":
        _copy(connection, model, fields, rows)
    else:
        _insert_values(connection, model, fields, rows)


def insert_returning_pks(model: type[models.Model], names: Sequence[str], rows: Sequence[Row]) -> list[Any]:
    """``insert_rows``, giving back the rows' new primary keys in the order of the rows."""
    connection = _connection(model)
    fields = _fields(model, names)
    if connection.vendor == "postgresql":
        pks = _next_pks(connection, model, len(rows))
        with_pks = [(pk, *row) for pk, row in zip(pks, rows, strict=True)]
        _copy(connection, model, [_pk_field(model), *fields], with_pks)
        return pks
    return _insert_values(connection, model, fields, rows, returning=True)


def _connection(model: type[models.Model]) -> BaseDatabaseWrapper:
    return connections[router.db_for_write(model)]


def _pk_field(model: type[models.Model]) -> models.Field[Any, Any]:
    pk_field = model._meta.pk
    if pk_field is None:
        raise NotSupportedError(f"{model.__name__} has no primary key")
    return pk_field


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    fields = [model._meta.get_field(name) for name in names]
    concrete = [f for f in fields if isinstance(f, models.Field) and f.concrete and not f.primary_key]
    expected = {f.attname for f in model._meta.concrete_fields if not f.primary_key}
    if len(concrete) != len(fields) or len(fields) != len(expected) or {f.attname for f in concrete} != expected:
        raise ValueError(f"Give a value for each of {sorted(expected)} of {model.__name__}, once.")
    return concrete


def _insert_values(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Sequence[Row],
    *,
    returning: bool = False,
) -> list[Any]:
    """``INSERT … VALUES (%s, …), (%s, …) [RETURNING pk]`` in batches the backend allows."""
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        raise NotSupportedError("Imports need a database that returns the keys of inserted rows.")
    ops = connection.ops
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    into = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES"
    suffix = ops.return_insert_columns([_pk_field(model)])[0] if returning else ""
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(1, min(BULK_BATCH, ops.bulk_batch_size(fields, rows)))
    pks: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            # Only names from the model's options and placeholders: the values travel as parameters.
            cursor.execute(f"{into} {', '.join([placeholders] * len(chunk))} {suffix}", [v for r in chunk for v in r])
            if returning:
                pks.extend(row[0] for row in cursor.fetchall())
    return pks


def _next_pks(connection: BaseDatabaseWrapper, model: type[models.Model], count: int) -> list[Any]:
    """PostgreSQL: ``count`` keys taken from the primary key's sequence, as the inserts would take them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), _pk_field(model).column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Sequence[Row],
) -> None:
    """PostgreSQL: ``COPY … FROM STDIN``, several times faster than INSERT for thousands of rows.

    psycopg's cursor does the copying (Django's cursor has no ``copy``), so errors are wrapped as
    Django's own here: a unique constraint broken by a concurrent write is still an ``IntegrityError``.
    """
    ops = connection.ops
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    sql = f"COPY {ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
