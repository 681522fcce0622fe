"""Recompute the reports' roll-ups: ``manage.py refresh_summaries [--unit CODE] [--year 2015 …]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lamtheo.org.models import Unit
from lamtheo.reports.summaries import refresh_summaries


class Command(BaseCommand):
    help = "Recompute the precomputed figures (summaries) that dashboards read."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", default="", help="code of the subtree's top unit (default: every tree)")
        parser.add_argument("--year", type=int, action="append", dest="years", help="a year (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        root = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(f"No unit with code {options['unit']!r}.")
        result = refresh_summaries(root, options["years"])
        self.stdout.write(
            f"{result.rows} rows for {result.units} units, years {', '.join(map(str, result.years))}, "
            f"in {result.seconds} s"
        )
