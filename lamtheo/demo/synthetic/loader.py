"""``synth_load``: fill an empty database with one synthetic size, phase by phase, and describe the result.

One transaction holds the whole load, so a failure leaves the database as it was. On PostgreSQL the
tables' indexes and foreign keys are dropped while rows stream in by COPY and rebuilt afterwards; on
SQLite the rows go in by ``executemany`` with the journal kept in memory and no fsync (restored
afterwards). Then planner statistics, the reports' roll-up refresh (its own figure), the reporting
cycles (whose figures are the refreshed roll-ups) and the logins. Each phase is timed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from lamtheo.accounts.models import User
from lamtheo.campaign.models import Activity, Attendance, Commitment, Holiday, PlanTask, Programme, YearPlan
from lamtheo.demo.synthetic import campaign, inspections, people, portal, recognition, reports, tree, users
from lamtheo.demo.synthetic.bulk import BulkWriter, analyze, indexes_deferred, reset_sequences
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import phase_rng
from lamtheo.demo.synthetic.sizes import SIZES, Size
from lamtheo.inspections.models import Finding, Inspection, InspectionPlan, PlannedInspection, Recommendation
from lamtheo.org.models import Membership, Person, SectorTag, Unit, UnitLink
from lamtheo.portal.models import Article, Category, Comment, Tag
from lamtheo.recognition.models import Commendation, Decision, Exemplar, Nomination, Occasion
from lamtheo.reports.models import ReportingCycle, UnitReport
from lamtheo.reports.summaries import refresh_summaries

# Tables that must be empty before a load: the load's own rows would clash with what is there.
MUST_BE_EMPTY: tuple[type[Model], ...] = (
    Unit,
    Person,
    Programme,
    Holiday,
    InspectionPlan,
    Occasion,
    ReportingCycle,
    Article,
    Category,
    Tag,
)
# The tables written in bulk, whose indexes and foreign keys PostgreSQL rebuilds after the copy.
BULK_MODELS: tuple[type[Model], ...] = (
    SectorTag,
    Unit,
    Unit.sector_tags.through,
    UnitLink,
    Person,
    Membership,
    Programme,
    Holiday,
    YearPlan,
    PlanTask,
    Activity,
    Activity.co_organisers.through,
    Attendance,
    Commitment,
    InspectionPlan,
    InspectionPlan.priority_sectors.through,
    InspectionPlan.weak_units.through,
    PlannedInspection,
    Inspection,
    Inspection.team.through,
    Finding,
    Recommendation,
    Occasion,
    Nomination,
    Decision,
    Commendation,
    Exemplar,
    Category,
    Tag,
    Article,
    Article.tags.through,
    Comment,
)


class NotEmptyError(Exception):
    """The database already holds data: a synthetic load needs an empty, migrated one."""


@dataclass
class Timer:
    """Seconds per phase, in order, reported as each ends."""

    report: Callable[[str, float], None] | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    started: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def start(self, name: str) -> None:
        self.started[name] = time.perf_counter()

    def stop(self, name: str) -> None:
        elapsed = round(time.perf_counter() - self.started.pop(name), 2)
        self.seconds[name] = elapsed
        if self.report is not None:
            self.report(name, elapsed)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.start(name)
        yield
        self.stop(name)


def check_empty() -> None:
    """Refuse to load on top of existing data (a few users, an administrator's say, are fine)."""
    found = [
        f"{model._meta.verbose_name_plural}: {model._default_manager.count()}"
        for model in MUST_BE_EMPTY
        if model._default_manager.exists()
    ]
    taken = list(User.objects.filter(username__startswith=users.ROOT_USER).values_list("username", flat=True)[:5])
    if taken:
        found.append(f"{User._meta.verbose_name_plural}: {', '.join(taken)}")
    if found:
        raise NotEmptyError(
            _("The database already holds data (%(found)s): synth_load fills an empty, migrated database.")
            % {"found": "; ".join(found)}
        )


@contextmanager
def fast_sqlite() -> Iterator[None]:
    """SQLite without fsync and with its rollback journal in memory while loading; back to WAL after.

    Skipped inside an outer transaction (tests), where the journal mode cannot change."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB of page cache while indexes grow
        cursor.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")


def _session_settings() -> None:
    """Inside a transaction on PostgreSQL: UTC (time stamps are written as naive UTC text), no waiting on WAL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")
            cursor.execute("SET LOCAL synchronous_commit = off")


@dataclass
class _Loaded:
    tree: tree.Tree
    members: people.Members
    articles: list[str]


def _load_data(writer: BulkWriter, size: Size, period: tree.Period, seed: int, timer: Timer) -> _Loaded:
    """The bulk phases, in one transaction, with the indexes rebuilt at its end."""
    calendar = writer.calendar
    with transaction.atomic():
        _session_settings()
        with indexes_deferred(BULK_MODELS):
            with timer.phase("tree"):
                rng = phase_rng(seed, "tree")
                planned = tree.plan_tree(size, period, rng)
                tags = tree.write_sector_tags(writer)
                tree.write_tree(writer, planned, calendar, tags)
            with timer.phase("people"):
                rng = phase_rng(seed, "people")
                members = people.plan_members(planned, size, period, rng, writer.ids(Person).next)
                people.write_people(writer, planned, members, period, calendar, rng)
            with timer.phase("campaign"):
                rng = phase_rng(seed, "campaign")
                campaign.write_campaign(writer, planned, members, size, period, calendar, rng)
            with timer.phase("inspections"):
                rng = phase_rng(seed, "inspections")
                inspections.write_inspections(writer, planned, members, period, calendar, rng, tags)
            with timer.phase("recognition"):
                rng = phase_rng(seed, "recognition")
                published = recognition.write_recognition(
                    writer, planned, members, period, calendar, rng, size.exemplars
                )
            with timer.phase("portal"):
                rng = phase_rng(seed, "portal")
                articles = portal.write_portal(writer, planned, period, calendar, rng, size.articles, published)
            timer.start("indexes")
        reset_sequences(writer.models)
    timer.stop("indexes")  # the rebuild and the commit
    return _Loaded(planned, members, articles)


def synth_load(
    size_name: str,
    *,
    seed: int,
    years: tuple[int, int],
    report: Callable[[str, float], None] | None = None,
) -> dict[str, Any]:
    """Load the size into the (empty) default database; return the manifest.

    The bulk data commits first; the roll-up refresh then runs as the worker runs it (its own
    transaction, timed with its commit), and the reports and logins follow in a last transaction."""
    size = SIZES[size_name]
    period = tree.Period(*years)
    if period.last_year < period.first_year:
        raise ValueError("the period ends before it starts")
    check_empty()
    calendar = Calendar()
    writer = BulkWriter(stamp=calendar.stamp(ordinal(period.last_year + 1, 1, 20), 9), calendar=calendar)
    timer = Timer(report)
    started = time.perf_counter()
    with fast_sqlite():
        loaded = _load_data(writer, size, period, seed, timer)
        with timer.phase("analyze"):
            analyze()
        with timer.phase("rollup_refresh"):
            refreshed = refresh_summaries(Unit.objects.get(pk=loaded.tree.root.id), list(period.years))
        with timer.phase("reports"), transaction.atomic():
            _session_settings()
            reports.write_reports(writer, loaded.tree, period, calendar, phase_rng(seed, "reports"))
            reset_sequences([ReportingCycle, UnitReport])
        with timer.phase("users"), transaction.atomic():
            logins = users.create_logins(loaded.tree, loaded.members, size.style)
        with timer.phase("vacuum_analyze"):
            analyze(vacuum=True)
    timer.seconds["total"] = round(time.perf_counter() - started, 2)
    timer.seconds["generation"] = round(timer.seconds["total"] - timer.seconds["rollup_refresh"], 2)
    return {
        "size": size.name,
        "seed": seed,
        "years": [period.first_year, period.last_year],
        "engine": connection.vendor,
        "database": str(connection.settings_dict["NAME"]),
        "database_bytes": database_bytes(),
        "seconds": timer.seconds,
        "rollup_refresh": {"rows": refreshed.rows, "units": refreshed.units, "years": refreshed.years},
        "counts": table_counts(writer.counts),
        **logins.as_json(),
        "articles": loaded.articles[:5],
    }


def table_counts(written: dict[str, int]) -> dict[str, int]:
    """Rows per table: those written in bulk as counted, every other table of the apps by a COUNT."""
    counts = dict(written)
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in counts or model._meta.app_label not in APP_LABELS:
            continue
        counts[table] = model._default_manager.count()
    return dict(sorted(counts.items()))


APP_LABELS = ("accounts", "org", "campaign", "inspections", "recognition", "reports", "portal", "api")


def database_bytes() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def default_manifest_path(size: str, seed: int) -> Path:
    return Path(settings.VAR_DIR) / f"synth-{size}-{seed}.json"


def write_manifest(manifest: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
