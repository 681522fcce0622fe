"""A trigram index for the people search on PostgreSQL (SQLite has none: it reads every row).

The search wants every word of the query somewhere in the name (``search_text LIKE '%word%'``), which
no B-tree answers. With the index, PostgreSQL finds a rare name among millions of people in
milliseconds; for a common one (Nguyễn Văn An) it still walks ``person_sort`` in order, which finds
the first page sooner than collecting hundreds of thousands of matches.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_search_trgm ON org_person USING gin (search_text gin_trgm_ops)",
)
DROP = ("DROP INDEX IF EXISTS person_search_trgm",)  # the extension stays: others may use it


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("org", "0002_subtree_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
