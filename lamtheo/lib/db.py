"""Database chores that differ between the engines."""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics() -> None:
    """Run ANALYZE on PostgreSQL after a bulk load, so the planner knows the tables are no longer empty.

    Without it, queries right after a load (the demo's roll-up refresh, the first pages) are planned for
    empty tables: nested loops that took ~1 s instead of ~5 ms on the demo Bloc. It sees the rows of the
    current transaction. SQLite plans well enough without statistics; nothing to do there.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
