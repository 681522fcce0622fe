"""Backup and restore of the database and uploaded files, as one ``.tar.gz``.

SQLite is copied with its online backup API (consistent while the app runs); PostgreSQL with
``pg_dump``/``pg_restore`` in custom format. Uploaded files (``MEDIA_ROOT``) go in beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {vendor} databases are not supported")
    return vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db: dict[str, Any] = connection.settings_dict
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432), "-U", str(db["USER"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        if not candidates:
            raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
        found = str(candidates[-1])
    return found


def _dump_database(target: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / "db.sqlite3") as copy:
            connection.connection.backup(copy)
        return "db.sqlite3"
    args, env = _pg_env()
    subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [_tool("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", "-f", str(target / "db.dump"),
         str(connection.settings_dict["NAME"])],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return "db.dump"


def backup_create(output: Path) -> dict[str, Any]:
    """Write a backup archive to ``output``; return its manifest."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        database_file = _dump_database(work)
        migrations = sorted(MigrationRecorder.Migration.objects.values_list("app", "name"))
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": _engine(),
            "database_file": database_file,
            "django": django.get_version(),
            "migrations": migrations,
            "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(work / database_file, arcname=database_file)
            if media.is_dir():
                archive.add(media, arcname="media")
        partial.replace(output)  # a half-written archive never carries the final name
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        if member.name.startswith(("/", "..")) or ".." in Path(member.name).parts or member.issym() or member.islnk():
            raise BackupError(f"unsafe path in archive: {member.name}")
    return members


def backup_restore(archive_path: Path) -> dict[str, Any]:
    """Replace the database and uploaded files with the archive's. The archive is checked first."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(work, members=_safe_members(archive))  # noqa: S202 - members checked above
            manifest = json.loads((work / "manifest.json").read_text())
        except (tarfile.TarError, EOFError, ValueError, FileNotFoundError) as exc:
            raise BackupError(f"{archive_path} is not a lamtheo backup: {exc}") from exc
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("unknown backup format")
        if manifest["engine"] != _engine():
            raise BackupError(f"this backup is of a {manifest['engine']} database, not {_engine()}")
        _restore_database(work / manifest["database_file"])
        _restore_media(work / "media")
    return dict(manifest)


def _restore_database(source: Path) -> None:
    if _engine() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        return
    connection.close()  # pg_restore drops the tables; hold no locks on them
    args, env = _pg_env()
    subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "-d", str(connection.settings_dict["NAME"]), str(source)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip


def _restore_media(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    old = media.with_name(media.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media.exists():
        media.rename(old)
    if source.is_dir():
        shutil.copytree(source, media)
    else:
        media.mkdir(parents=True)
    if old.exists():
        shutil.rmtree(old)
