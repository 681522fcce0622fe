"""Back up, change data and files, restore: every table's rows and every file are as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from lamtheo.ops.backup import BackupError, backup_create, backup_restore
from lamtheo.org import services
from lamtheo.org.models import Person, Unit
from tests.factories import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def _all_rows() -> dict[str, list[tuple[Any, ...]]]:
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_backup_and_restore_round_trip(org: Any, tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4 ke hoach 2016")
    with override_settings(MEDIA_ROOT=media):
        make_person(org.cell_a2, given_name="Trước")
        before_rows, before_files = _all_rows(), _files(media)
        archive = tmp_path / "backup.tar.gz"
        manifest = backup_create(archive)
        assert manifest["media_files"] == 1

        # Change everything a restore must undo: new rows, edited rows, deleted and added files.
        make_person(org.cell_a1a, given_name="Sau")
        services.unit_update(
            acting_user=None, unit=Unit.objects.get(pk=org.cell_a2.pk), expected_version=1,
            name="Đã đổi tên", short_name="", sector_codes=[],
        )  # fmt: skip
        (media / "documents" / "ke-hoach.pdf").unlink()
        (media / "moi.txt").write_text("mới")
        assert _all_rows() != before_rows

        backup_restore(archive)
        assert _all_rows() == before_rows
        assert _files(media) == before_files
        assert not Person.objects.filter(given_name="Sau").exists()


def test_a_damaged_archive_is_refused_and_changes_nothing(org: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not a tar file")
    before = _all_rows()
    with pytest.raises((BackupError, OSError, EOFError)):
        backup_restore(bad)
    assert _all_rows() == before
