"""`make bench`: measure lamtheo on the demo Bloc and print a table of figures.

Runs against a throw-away database (SQLite under a temporary directory, or the PostgreSQL of
DATABASE_URL when it is set, in a database of its own), loads the demo data, then times pages
through Django's test client (in-process: the application's cost, without network or TLS),
the XLSX import and export, and the tree as of a date. Figures are medians of several runs.
"""

from __future__ import annotations

import functools
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.benchlib import people_workbook, queries_of_one_request  # noqa: E402 (the path above first)

REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


def _prepare_environment() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheo.settings")
    os.environ["DEBUG"] = "0"
    os.environ["HTTPS"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["LAMTHEO_VAR_DIR"] = tempfile.mkdtemp(prefix="lamtheo-bench-")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS lamtheo_bench WITH (FORCE)")
            admin.execute("CREATE DATABASE lamtheo_bench")
        os.environ["DATABASE_URL"] = f"{base}/lamtheo_bench"
        return "PostgreSQL"
    return "SQLite"


def _median_ms(action: Callable[[], object], repeat: int = REPEAT) -> float:
    action()  # warm caches and connections
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    engine = _prepare_environment()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    rows: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rows.append(("migrate (empty database)", f"{time.perf_counter() - started:.1f} s", ""))
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    rows.append(("collectstatic (hashed, compressed)", f"{time.perf_counter() - started:.1f} s", ""))
    started = time.perf_counter()
    call_command("demo_load", stdout=io.StringIO())
    rows.append(("demo_load (Bloc: 2,500 units, 7,276 people)", f"{time.perf_counter() - started:.1f} s", ""))

    client = Client()
    if not client.login(username="bophan", password="demo-2016"):
        raise SystemExit("cannot log in as bophan")
    pages = [
        ("home (Bloc officer)", "/app/"),
        ("tree browser", "/app/units/"),
        ("unit page: the Bloc", "/app/units/dukcqtw/"),
        ("tree children: the Bloc's 64", "/app/units/dukcqtw/children/"),
        ("unit page: a subordinate committee", "/app/units/du-bo-tu-phap/"),
        ("unit page: a cell", "/app/units/du-bo-tu-phap-cb-01-02/"),
        ("unit search 'kiem tra'", "/app/units/search/?q=kiem+tra"),
        ("people search 'nguyen van an'", "/app/people/?q=nguyen+van+an"),
        ("tree as of 2015-06-01: the Bloc", "/app/units/dukcqtw/as-of/?date=2015-06-01"),
        ("tree as of 2015-06-01: a committee", "/app/units/du-bo-tu-phap/as-of/?date=2015-06-01"),
    ]
    for label, path in pages:
        queries = queries_of_one_request(client, path)
        milliseconds = _median_ms(functools.partial(client.get, path))
        rows.append((label, f"{milliseconds:.1f} ms", f"{queries} queries"))

    rows.extend(_import_export())
    width = max(len(label) for label, _, _ in rows)
    print(f"\nlamtheo bench — {engine}, {os.cpu_count()} cores, median of {REPEAT}")
    print(f"{'measure':{width}}  {'figure':>10}  notes")
    print(f"{'-' * width}  {'-' * 10}  -----")
    for label, figure, note in rows:
        print(f"{label:{width}}  {figure:>10}  {note}")
    _portal_throughput()


def _portal_throughput() -> None:
    """The portal's article page and comment POST under gunicorn with wrk, beside the anchors' figures."""
    import shutil

    from django.core.management import call_command

    if shutil.which("wrk") is None:
        print("\nportal throughput: skipped, wrk is not installed (apt-get install -y wrk)")
        return
    anchors = ROOT.parent / "shared" / "anchors" / "results"
    options: dict[str, object] = {"duration": os.environ.get("BENCH_DURATION", "15s"), "threads": 4}
    if anchors.is_dir():
        options["anchors"] = anchors
    print()
    call_command("portal_bench", **options)


def _import_export() -> list[tuple[str, str, str]]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from lamtheo.accounts.models import User
    from lamtheo.org.exports import write_subtree
    from lamtheo.org.imports import people_import
    from lamtheo.org.models import Unit

    user = User.objects.get(username="bophan")
    scope = Unit.objects.get(code="du-bo-tu-phap")
    content = people_workbook(10_000, "du-bo-tu-phap-cb-01-02")

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    try:
        with transaction.atomic():
            result = people_import(acting_user=user, scope=scope, upload=SimpleUploadedFile("people.xlsx", content))
            if not result.ok:
                raise SystemExit(f"import refused: {result.errors[:3]}")
            raise Rollback  # leave the demo as it was
    except Rollback:
        pass
    seconds = time.perf_counter() - started
    bloc = Unit.objects.get(code="dukcqtw")
    export_ms = _median_ms(lambda: write_subtree(bloc, io.BytesIO()), repeat=3)
    return [
        ("XLSX import: 10,000 people (read, check, write)", f"{seconds:.1f} s", f"{10_000 / seconds:,.0f} rows/s"),
        ("XLSX export: the whole Bloc", f"{export_ms / 1000:.1f} s", "2,500 units + 7,276 people"),
    ]


if __name__ == "__main__":
    main()
