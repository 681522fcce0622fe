"""Read-only queries into other apps' tables, one module per source app, each function
``(prefix, start, end) -> {unit_id: value}``: the figure for the records each unit owns itself
(not its subtree), computed with one grouped SQL query over the subtree under ``prefix``.

This is the one place where the reports app reads other apps' tables; each function names the
selector its app should grow to replace it (see the module docstrings).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")

_memo: contextvars.ContextVar[dict[tuple[Any, ...], Any] | None] = contextvars.ContextVar(
    "reports_sources_memo", default=None
)


@contextlib.contextmanager
def one_reading() -> Iterator[None]:
    """Within this block a shared query (``shared``) runs once per (prefix, start, end): one roll-up
    computes several counts from the same rows (meetings, attendance; commitments by rating)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def shared(query: Callable[[str, dt.date, dt.date], Result]) -> Callable[[str, dt.date, dt.date], Result]:
    """A grouped query that several sources read: remembered within ``one_reading``, run anew outside."""

    @wraps(query)
    def remembered(prefix: str, start: dt.date, end: dt.date) -> Result:
        memo = _memo.get()
        if memo is None:
            return query(prefix, start, end)
        key = (query.__qualname__, prefix, start, end)
        if key not in memo:
            memo[key] = query(prefix, start, end)
        result: Result = memo[key]
        return result

    return remembered
