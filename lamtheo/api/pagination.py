"""Cursor pagination: stable under inserts, cheap at any depth (no OFFSET)."""

from __future__ import annotations

import base64
import json
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Field, IntegerField, Model, OrderBy, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lamtheo.accounts.access import sees_a_whole_tree
from lamtheo.org.models import Unit, in_subtree

M = TypeVar("M", bound=Model)
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(_("The cursor is not valid.")) from exc
    if not isinstance(values, list) or len(values) != size:
        raise ValidationError(_("The cursor is not valid."))
    return values


def _cursor_values(model: type[Model], order: tuple[str, ...], cursor: str) -> list[Any]:
    """The cursor's values, each checked against its field: a forged cursor is a 400, never a 500."""
    values = decode_cursor(cursor, len(order))
    checked = []
    for name, value in zip(order, values, strict=True):
        try:
            field = model._meta.get_field(name)
            if not isinstance(field, Field):
                raise TypeError(name)
            if value is None or isinstance(value, list | dict):
                raise ValueError(value)
            python_value = field.to_python(value)
            if isinstance(field, IntegerField) and not -(2**63) <= python_value < 2**63:
                raise OverflowError(value)
        except (FieldDoesNotExist, TypeError, ValueError, OverflowError, ValidationError) as exc:
            raise ValidationError(_("The cursor is not valid.")) from exc
        checked.append(python_value)
    return checked


def covers_whole_tree(user: Any, under: Unit | None) -> bool:
    """Whether a list of ``under``'s subtree (by default, of everything the user sees) covers a whole
    tree: its rows are then most of their table."""
    return under.depth == 1 if under is not None else sees_a_whole_tree(user)


def under_unit(relation: str, under: Unit, *, walk: bool) -> Q:
    """Rows whose unit (``relation``) lies at or under ``under``. For a list read through the subtree's
    units, a range of their paths (``in_subtree``). For a list that ``walk``s an index in its own order (a
    whole tree), no condition on the path at all when this tree is the only one, otherwise a prefix
    checked on each row as the walk reads it: given a condition on the units it can index, SQLite reads the
    whole tree through its units and sorts it (a province's commitments: one second)."""
    if not walk:
        return in_subtree(f"{relation}__path", under.path)
    if not Unit.objects.filter(depth=1).exclude(pk=under.pk).exists():
        return Q(**{f"{relation}__isnull": False})
    return Q(**{f"{relation}__path__startswith": under.path})


def page(
    queryset: QuerySet[M], order: tuple[str, ...], cursor: str | None, limit: int, *, sort_matches: bool = False
) -> tuple[list[M], str | None]:
    """One page of ``queryset`` in ``order`` (a unique key), after ``cursor``; and the next cursor.

    By default the database may walk an index in ``order`` until the page is full, which is right when
    most rows match (a whole tree). ``sort_matches`` makes it find the matching rows first and sort
    them: right for a subtree, whose few rows the walk would look for among all the others."""
    limit = max(1, min(limit, MAX_LIMIT))
    if cursor:
        after = _cursor_values(queryset.model, order, cursor)
        # Keyset condition for (a, b, …) > (x, y, …), written out for any database.
        condition = Q()
        for i in range(len(order)):
            step = Q(**{f"{order[i]}__gt": after[i]})
            for j in range(i):
                step &= Q(**{order[j]: after[j]})
            condition |= step
        queryset = queryset.filter(condition)
    if sort_matches:
        # Sort the keys alone (narrow rows, in memory), then read the page's rows. COALESCE(x, x)
        # sorts as x but matches no index, so no plan walks one (on every database).
        keys = queryset.order_by(*(OrderBy(Coalesce(F(name), F(name))) for name in order)).values("pk")
        queryset = queryset.filter(pk__in=keys[: limit + 1])
    rows = list(queryset.order_by(*order)[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, name) for name in order])
