"""``manage.py restore <archive>``: put back a backup made by ``manage.py backup``."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lamtheo.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and uploaded files with those in a backup archive. Stop the app first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"no such file: {archive}")
        if not options["yes"]:
            answer = input(f"Replace ALL current data with {archive}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("restore cancelled")
        try:
            manifest = backup_restore(archive)
        except (BackupError, OSError) as exc:
            raise CommandError(f"restore failed: {exc}") from exc
        self.stdout.write(f"restored the backup of {manifest['created_at']} ({manifest['engine']})")
