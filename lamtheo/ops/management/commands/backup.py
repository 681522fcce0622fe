"""``manage.py backup``: the database and uploaded files into one archive."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lamtheo.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (SQLite or PostgreSQL) and the uploaded files into a .tar.gz archive."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", type=Path, help="Archive to write (default: var/backups/…).")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = options["output"] or Path(settings.VAR_DIR) / "backups" / f"lamtheo-{stamp}.tar.gz"
        try:
            manifest = backup_create(output)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        self.stdout.write(f"{output} ({manifest['engine']}, {manifest['media_files']} uploaded files)")
