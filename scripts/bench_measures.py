"""The measures of ``bench_scale.py`` on one size and engine (runs in the child, after django.setup())."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from scripts.benchlib import (
    BENCH_DIR,
    TARGET_DASHBOARD_RATIO,
    TARGET_IMPORT_ROWS_S,
    TARGET_P95_MS,
    Measure,
    p50,
    p95,
    people_workbook,
    queries_of_one_request,
    timings_ms,
)

IMPORT_ROWS = 10_000


def measure_all(size: str, seed: int) -> dict[str, Measure]:
    manifest, generated = ensure_database(size, seed)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG is off: hashed names
    seconds = manifest["seconds"]
    people = manifest["counts"]["org_person"]
    measures = {
        "people · units": Measure(f"{people:,} · {manifest['counts']['org_unit']:,}"),
        "database size": Measure(f"{manifest['database_bytes'] / 2**30:.1f} GiB"),
        "generation (synth_load)": Measure(
            f"{seconds['generation']:.0f} s", "" if generated else "generated in an earlier run, reused"
        ),
        "roll-up refresh (all units, 3 years)": Measure(
            f"{seconds['rollup_refresh']:.1f} s", f"{manifest['rollup_refresh']['rows']:,} summary rows"
        ),
    }
    users = {u["level"]: u for u in manifest["users"]}
    # The levels between the root and the member: committee (bloc), district (province), province and
    # district (country), grassroots, cell.
    middle = [u["level"] for u in manifest["users"] if u["level"] not in ("root", "member")]
    users["second"] = users[middle[0]]
    year = manifest["years"][1]
    measures.update(_pages(users, middle, manifest, year))
    measures.update(_dashboard_against_sql(users["root"]["unit"], year, manifest["years"]))
    measures.update(_api(manifest, users, year))
    measures.update(_import(users))
    measures.update(_review_docx(users["root"]["unit"]))
    measures.update(_portal(manifest))
    return measures


# --- The database ---------------------------------------------------------------------------------


def _manifest_path(size: str) -> Path:
    return BENCH_DIR / f"{size}-{connection.vendor}.json"


def _migrated() -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def ensure_database(size: str, seed: int) -> tuple[dict[str, Any], bool]:
    """The manifest of the bench database of ``size``, generating it unless a complete one is there."""
    from lamtheo.demo.synthetic.bulk import analyze
    from lamtheo.demo.synthetic.loader import synth_load, write_manifest
    from lamtheo.demo.synthetic.sizes import DEFAULT_YEARS

    path = _manifest_path(size)
    if path.exists() and _database_exists():
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("seed") == seed:
            if not _migrated():
                call_command("migrate", verbosity=0)  # new indexes and the like, on the data already there
                analyze()  # SQLite plans with no statistics for a new index as if it did not help
            return manifest, False
    _recreate_database()
    call_command("migrate", verbosity=0)
    manifest = synth_load(size, seed=seed, years=DEFAULT_YEARS)
    write_manifest(manifest, path)
    return manifest, True


def _database_exists() -> bool:
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        return Path(name).exists()
    return _on_server(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == [(1,)]


def _recreate_database() -> None:
    name = str(connection.settings_dict["NAME"])
    connection.close()
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _on_server(f'CREATE DATABASE "{name}"')


def _on_server(sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        cursor = admin.execute(sql)  # our own literal
        return cursor.fetchall() if cursor.description else []


# --- Pages ----------------------------------------------------------------------------------------


def _client(username: str) -> Client:
    from lamtheo.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _page(label: str, client: Client, url: str) -> tuple[str, Measure]:
    queries = queries_of_one_request(client, url)
    times = timings_ms(lambda: client.get(url))
    slowest = p95(times)
    return label, Measure(f"{p50(times):.0f} / {slowest:.0f} ms", f"{queries} queries", slowest < TARGET_P95_MS)


def _pages(
    users: dict[str, dict[str, Any]], levels: list[str], manifest: dict[str, Any], year: int
) -> dict[str, Measure]:
    from lamtheo.inspections.models import InspectionPlan
    from lamtheo.reports.models import PeriodKind, ReportingCycle

    root = users["root"]["unit"]
    plan = InspectionPlan.objects.filter(unit__code=root).order_by("-year").first()
    cycle = (
        ReportingCycle.objects.filter(issuing_unit__code=root, period_kind=PeriodKind.YEAR)
        .order_by("-period_end")
        .first()
    )
    pages: list[tuple[str, str, str]] = [
        ("root", "home page", "/app/"),
        ("root", "unit page: root", reverse("org:unit", args=[root])),
        ("root", "tree children: root", reverse("org:children", args=[root])),
        ("root", "people search", reverse("org:people_search") + "?q=nguyen+van+an"),
        ("root", "campaign progress: root", reverse("campaign:progress", args=[root, year])),
        ("root", "dashboard: root", reverse("reports:dashboard", args=[root, year])),
    ]
    if cycle is not None:
        pages.append(("root", "reports side by side: root", reverse("reports:cycle_compare", args=[cycle.code])))
    if plan is not None:
        pages.append(("root", "inspection coverage: root", reverse("inspections:coverage", args=[plan.code])))
    for level in levels:
        code = users[level]["unit"]
        pages.append((level, f"unit page: {level}", reverse("org:unit", args=[code])))
        pages.append((level, f"campaign progress: {level}", reverse("campaign:progress", args=[code, year])))
    second = users["second"]
    pages.append(("second", f"dashboard: {second['level']}", reverse("reports:dashboard", args=[second["unit"], year])))
    cell = users["cell"]["unit"]
    pages.append(("cell", "cell commitments", reverse("campaign:cell_commitments", args=[cell, year])))
    clients = {level: _client(user["username"]) for level, user in users.items()}
    measures = dict(_page(label, clients[level], url) for level, label, url in pages)
    article = manifest["articles"][0]
    measures.update([_page("portal article (anonymous)", Client(), reverse("portal:article", args=[article]))])
    return measures


# --- The dashboard against its SQL ----------------------------------------------------------------


def _dashboard_against_sql(root_code: str, year: int, years: list[int]) -> dict[str, Measure]:
    """The dashboard's reading (``selectors.dashboard``) against hand-written SQL reading the same rows:
    the active children, the root's indicators over the trend years and the children's over the year."""
    from lamtheo.org.models import Unit
    from lamtheo.reports import selectors

    root = Unit.objects.get(code=root_code)
    span = list(range(years[0], years[1] + 1))
    this_year = str(year)
    keys = sorted({this_year, *(str(y) for y in span)})
    codes = list(selectors.DASHBOARD_CODES)
    low, high = Unit._get_children_path_interval(root.path)

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, code, name FROM org_unit WHERE depth = %s AND path >= %s AND path <= %s"
                " AND active_from <= %s AND (active_to IS NULL OR active_to >= %s) ORDER BY name",
                [root.depth + 1, low, high, dt.date(year, 12, 31), dt.date(year, 1, 1)],
            )
            children = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT unit_id, period_key, indicator, value FROM reports_indicatorsummary"
                f" WHERE ((unit_id = %s AND period_key IN ({_marks(keys)}))"
                f" OR (unit_id IN ({_marks(children)}) AND period_key = %s))"
                f" AND indicator IN ({_marks(codes)})",
                [root.pk, *keys, *children, this_year, *codes],
            )
            cursor.fetchall()

    selector = p50(timings_ms(lambda: selectors.dashboard(root, year, span)))
    sql = p50(timings_ms(raw))
    ratio = selector / sql
    return {
        "dashboard reading vs its raw SQL": Measure(
            f"{ratio:.2f}×", f"selector {selector:.1f} ms, SQL {sql:.1f} ms", ratio <= TARGET_DASHBOARD_RATIO
        )
    }


def _marks(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values)) or "NULL"


# --- API ------------------------------------------------------------------------------------------


def _api(manifest: dict[str, Any], users: dict[str, dict[str, Any]], year: int) -> dict[str, Measure]:
    client = Client(headers={"Authorization": f"Bearer {manifest['api_token']}"})
    root = users["root"]["unit"]
    district = users["second"]["unit"]
    urls = [
        ("API: people under root, 100", f"/api/v1/people?under={root}&limit=100"),
        ("API: units under root, 100", f"/api/v1/units?under={root}&limit=100"),
        ("API: activities under a level-2 unit, 100", f"/api/v1/activities?under={district}&year={year}&limit=100"),
        ("API: commitments under root, 100", f"/api/v1/commitments?under={root}&year={year}&limit=100"),
    ]
    return dict(_page(label, client, url) for label, url in urls)


# --- Import, review document, portal throughput ---------------------------------------------------


class _Rollback(Exception):
    pass


def _import(users: dict[str, dict[str, Any]]) -> dict[str, Measure]:
    from lamtheo.accounts.models import User
    from lamtheo.org.imports import people_import
    from lamtheo.org.models import Unit

    cell = users["cell"]["unit"]
    scope = Unit.objects.get(code=users["second"]["unit"])
    user = User.objects.get(username=users["root"]["username"])
    content = people_workbook(IMPORT_ROWS, cell)

    def import_once() -> None:
        try:
            with transaction.atomic():
                upload = SimpleUploadedFile("people.xlsx", content)
                result = people_import(acting_user=user, scope=scope, upload=upload)
                if not result.ok:
                    raise SystemExit(f"import refused: {result.errors[:3]}")
                raise _Rollback  # leave the bench database as it was
        except _Rollback:
            pass

    # Like the pages: after a first run (whose cold index pages a 5-million-person table makes slow), the
    # median of a few; the first run is in the note.
    runs = []
    for _ in range(4):
        started = time.perf_counter()
        import_once()
        runs.append(time.perf_counter() - started)
    first, seconds = runs[0], p50(runs[1:])
    rate = IMPORT_ROWS / seconds
    return {
        "XLSX import, 10,000 people": Measure(
            f"{rate:,.0f} rows/s",
            f"{seconds:.2f} s read, check, write; the first run {IMPORT_ROWS / first:,.0f} rows/s",
            rate >= TARGET_IMPORT_ROWS_S,
        )
    }


def _review_docx(root_code: str) -> dict[str, Measure]:
    from lamtheo.reports.documents.review import review_docx
    from lamtheo.reports.models import ReviewDraft

    review = ReviewDraft.objects.filter(cycle__issuing_unit__code=root_code).order_by("-id").first()
    if review is None:
        return {"review DOCX": Measure("—", "no review draft in the data")}
    times = timings_ms(lambda: review_docx(review), repeat=3)
    return {"review DOCX (root)": Measure(f"{p50(times) / 1000:.1f} s")}


def _portal(manifest: dict[str, Any]) -> dict[str, Measure]:
    """Article page and comment POST under gunicorn (2 workers × 4 threads) with wrk, c=10."""
    if shutil.which("wrk") is None:
        note = "wrk is not installed (apt-get install wrk)"
        return {"portal article page, gunicorn + wrk": Measure("skipped", note)}
    _give_an_article_50_comments(manifest["articles"][0])
    out = io.StringIO()
    call_command("portal_bench", duration=os.environ.get("BENCH_DURATION", "10s"), threads=4, stdout=out)
    text = out.getvalue()

    def rate(pattern: str) -> str:
        found = re.search(pattern + r".*?: ([\d.]+) req/s", text)
        return f"{float(found.group(1)):,.0f} req/s" if found else "?"

    return {
        "portal article page, gunicorn + wrk c=10": Measure(rate("article page")),
        "comment POST, gunicorn + wrk c=10": Measure(rate("comment POST")),
    }


def _give_an_article_50_comments(slug: str) -> None:
    """The portal benchmark reads an article with 50 approved comments, as the demo's seed article has."""
    from django.db.models import Count, Q

    from lamtheo.portal.models import Article, Comment, CommentStatus

    best = (
        Article.objects.live()
        .annotate(n=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
        .order_by("-n")
        .first()
    )
    if best is not None and best.n >= 50:  # type: ignore[attr-defined]  # the annotation
        return
    article = Article.objects.get(slug=slug)
    Comment.objects.bulk_create(
        Comment(
            article=article,
            title=f"Ý kiến {n}",
            name=f"Bạn đọc {n}",
            email=f"ban-doc-{n}@example.invalid",
            body="Bài viết rất thiết thực.",
            body_html="<p>Bài viết rất thiết thực.</p>",
            status=CommentStatus.APPROVED,
        )
        for n in range(50)
    )
