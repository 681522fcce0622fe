"""``manage.py demo_load``: load the demo data once and print the demo logins (``make run`` calls it)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from lamtheo.demo.loader import demo_load
from lamtheo.demo.report import render


class Command(BaseCommand):
    help = "Load the demo Bloc, its people and persona logins (once), then print the logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Address printed with the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load()
        for line in render(summary, options["base_url"]):
            self.stdout.write(line)
