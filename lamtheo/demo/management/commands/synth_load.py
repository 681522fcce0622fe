"""``manage.py synth_load --size bloc``: fill an empty database with seeded synthetic data for benchmarks.

Sizes are in ``lamtheo.demo.synthetic.sizes``; ``docs/bench.md`` says how long each takes to load.
"""

from __future__ import annotations

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lamtheo.demo.synthetic.loader import NotEmptyError, default_manifest_path, synth_load, write_manifest
from lamtheo.demo.synthetic.sizes import DEFAULT_YEARS, SIZES

YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def parse_years(value: str) -> tuple[int, int]:
    match = YEARS.match(value.strip())
    if match is None:
        raise CommandError(_("Give the years as 2016-2018 (or one year, 2016)."))
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first or first < 1990 or last > 2090:
        raise CommandError(_("Give the years as 2016-2018 (or one year, 2016)."))
    return first, last


class Command(BaseCommand):
    help = "Fill an empty, migrated database with a seeded synthetic organisation for benchmarks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--size", choices=list(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument("--years", default=f"{DEFAULT_YEARS[0]}-{DEFAULT_YEARS[1]}")
        parser.add_argument("--manifest", type=Path, default=None, help="Where to write the JSON manifest.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = parse_years(options["years"])
        size, seed = options["size"], options["seed"]

        def report(phase: str, seconds: float) -> None:
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {phase}: {seconds:.1f} s")

        try:
            manifest = synth_load(size, seed=seed, years=years, report=report)
        except NotEmptyError as exc:
            raise CommandError(str(exc)) from exc
        path = options["manifest"] or default_manifest_path(size, seed)
        write_manifest(manifest, path)
        self.stdout.write(
            _("Loaded the %(size)s size in %(seconds).1f s; manifest: %(path)s")
            % {"size": size, "seconds": manifest["seconds"]["total"], "path": path}
        )
