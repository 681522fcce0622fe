"""The year's progress of a unit's subtree, and of each of its children.

Two ways to the same figures, chosen by the size of the subtree:

- *Live*, for a subtree of at most ``live_cell_limit()`` cells (a cell, a grassroots committee, a small
  committee), so that a secretary sees at once the meeting she has just recorded: the subtree's cells (one
  query, which also tells whether the subtree is small), then their memberships, meetings and commitments
  (three queries, each through an index on the cell), added up per child here (by the part of a cell's
  materialised path that names the child it lies under). Subtrees are *ranges* of paths, which the
  indexes serve on both engines: Django's ``startswith`` is a LIKE, which SQLite evaluates without case
  and so without an index; it made a cell's page read every meeting and commitment of the year.
- *From the summaries* for a larger subtree: the reports app's roll-ups (``lamtheo.reports.summaries``,
  one row per unit × calendar year × indicator, recomputed by a background job), read for the unit and its
  children: the cost follows the number of children, not the records under them, and the page says as
  of when the figures stand. The summaries count the cells active and the members on 31 December (live:
  the cells active at some time in the year with a member in it, the members on the reference day).

Either way a page costs the same few queries whether the unit has three children or sixty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.campaign.models import Activity, ActivityKind, Commitment, ProgressThreshold, Rating
from lamtheo.org.models import PATH_MAX_LENGTH, Membership, Person, Unit, UnitKind
from lamtheo.reports.summaries import last_refreshed, read_summaries, summary_years

STEPLEN = Unit.steplen
PARTY_KINDS = (UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE, UnitKind.CELL)

# Above this many cells a subtree's page reads the summaries. Measured on the synthetic country (PostgreSQL,
# 17 members a cell) and province (SQLite): the live figures cost about 0.1 ms a cell on PostgreSQL (most
# of it looking up whether each member is a leader) and 0.06 ms on SQLite, so 500 cells keep a live page
# near 100 ms: every grassroots committee and most districts stay live. Settings may change it
# (CAMPAIGN_PROGRESS_LIVE_CELLS).
LIVE_CELL_LIMIT = 500

LIVE = "live"
SUMMARIES = "summaries"

# The figures and the summary indicators that hold them (``lamtheo.reports.indicators``).
SUMMARY_INDICATORS = {
    "cells": "cells",
    "cells_met": "cells_met",
    "expected": "attendance_expected",
    "present": "attendance_present",
    "members": "members",
    "registered": "commitments",
    "evaluated": "evaluated",
    "leader_commitments": "leader_commitments",
    "leaders": "leaders",
    "self_assessed": "self_assessed",
    "approved": "approved",
}
RATING_INDICATORS = {rating: f"rating_{rating}" for rating in Rating.values}

COUNTED = (
    "cells",
    "cells_met",
    "expected",
    "present",
    "members",
    "leaders",
    "registered",
    "self_assessed",
    "evaluated",
    "approved",
    "leader_commitments",
)


def live_cell_limit() -> int:
    return int(getattr(settings, "CAMPAIGN_PROGRESS_LIVE_CELLS", LIVE_CELL_LIMIT))


def _percent(part: int | None, whole: int | None) -> float | None:
    if not whole or part is None:
        return None
    return min(100.0, 100.0 * part / whole)


@dataclass
class Figures:
    cells: int = 0
    cells_met: int = 0
    expected: int = 0
    present: int = 0
    members: int = 0
    leaders: int = 0
    registered: int = 0
    self_assessed: int = 0
    evaluated: int = 0
    approved: int = 0
    leader_commitments: int = 0
    ratings: dict[str, int] = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for rating, n in other.ratings.items():
            self.ratings[rating] = self.ratings.get(rating, 0) + n

    @property
    def meeting_share(self) -> float | None:
        return _percent(self.cells_met, self.cells)

    @property
    def attendance_rate(self) -> float | None:
        return _percent(self.present, self.expected)

    @property
    def registration_share(self) -> float | None:
        return _percent(self.registered, self.members)

    @property
    def self_assessed_share(self) -> float | None:
        return _percent(self.self_assessed, self.members)

    @property
    def leader_share(self) -> float | None:
        return _percent(self.leader_commitments, self.leaders)

    @property
    def rating_rows(self) -> list[tuple[str, str, int, float | None]]:
        """(value, label, count, share of the evaluated) for each rating, best first."""
        return [
            (value, str(label), self.ratings.get(value, 0), _percent(self.ratings.get(value, 0), self.evaluated))
            for value, label in Rating.choices
        ]


@dataclass
class Row:
    unit: Unit
    figures: Figures
    weak_reasons: list[str] = field(default_factory=list)

    @property
    def is_weak(self) -> bool:
        return bool(self.weak_reasons)


@dataclass
class Progress:
    unit: Unit
    year: int
    reference_day: dt.date
    total: Figures
    rows: list[Row]
    threshold: ProgressThreshold | None
    weak_reasons: list[str] = field(default_factory=list)
    source: str = LIVE
    cell_limit: int = LIVE_CELL_LIMIT
    refreshed_at: dt.datetime | None = None  # from the summaries: when they were last computed
    summaries_missing: bool = False  # from the summaries: none computed for the year yet

    @property
    def weak_rows(self) -> list[Row]:
        return [row for row in self.rows if row.is_weak]

    @property
    def from_summaries(self) -> bool:
        return self.source == SUMMARIES


@dataclass(frozen=True)
class Cell:
    pk: int
    path: str
    active_from: dt.date
    active_to: dt.date | None

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        return self.active_from <= end and (self.active_to is None or self.active_to >= start)


def _cells_under(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.CELL, path__range=Unit.subtree_range(unit.path)).order_by()


def subtree_cells(unit: Unit, limit: int) -> list[Cell]:
    """The cells at and under ``unit``, at most ``limit + 1`` of them: more than ``limit`` says the
    subtree is too large to count live."""
    rows = _cells_under(unit).values_list("pk", "path", "active_from", "active_to")[: limit + 1]
    return [Cell(*row) for row in rows]


def _cell_meetings() -> QuerySet[Activity]:
    """Cell meetings, to be read through the cells' index (activity_unit_held). PostgreSQL reads them
    from their partial index. SQLite cannot use that index (its condition is a parameter here), and
    given the kind it would read every meeting of the year through (kind, held_on) and keep the few
    of the cells asked for (250 ms for one cell of the province): the kind is checked on each row
    instead, through an expression no index holds."""
    if connection.vendor == "postgresql":
        return Activity.objects.filter(kind=ActivityKind.CELL_MEETING)
    return Activity.objects.alias(row_kind=Coalesce("kind", "kind")).filter(row_kind=ActivityKind.CELL_MEETING)


def _grouped_figures(
    unit: Unit, cells: list[Cell], year: int, reference_day: dt.date, prefix_len: int
) -> dict[str, Figures]:
    """Figures for every path prefix of length ``prefix_len`` of ``unit``'s ``cells`` (all of them):
    three queries, each reading the cells' own records through an index on the cell, so that it costs
    what the subtree holds; grouped by cell, then added up by prefix here."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_id = {cell.pk: cell for cell in cells}
    # The cells as a subquery rather than a list of ids: with a long list SQLite's planner reads every
    # meeting of the year instead (about 1,000 ids and more, measured on the synthetic province).
    ids = _cells_under(unit).values("pk")
    figures: dict[str, Figures] = {}

    def at(cell_id: int) -> Figures:
        # A cell created since ``cells`` was read counts on the next reading.
        cell = by_id.get(cell_id)
        return figures.setdefault(cell.path[:prefix_len], Figures()) if cell else Figures()

    # One pass over the cells' memberships gives the members on the reference day and the cells that
    # count: active during the year and with somebody in them during it (an empty cell cannot meet).
    # order_by(): the default orderings would split every group.
    current = Q(left_on__isnull=True) | Q(left_on__gt=reference_day)
    during = Q(left_on__isnull=True) | Q(left_on__gte=start)
    members = (
        Membership.objects.filter(current | during, unit_id__in=ids, joined_on__lte=reference_day)
        .order_by()
        .values("unit_id")
        .annotate(
            during=Count("id", filter=during),
            members=Count("id", filter=current),
            leaders=Count("id", filter=current & Q(person__is_leader=True)),
        )
        .values_list("unit_id", "during", "members", "leaders")
    )
    for cell_id, n_during, n, leaders in members:
        row = at(cell_id)
        cell = by_id.get(cell_id)
        row.cells += 1 if n_during and cell and cell.active_during(start, end) else 0
        row.members += n
        row.leaders += leaders

    meetings = (
        _cell_meetings()
        .filter(held_on__range=(start, end), unit_id__in=ids)
        .order_by()
        .values("unit_id")
        .annotate(expected=Sum("expected_count"), present=Sum("present_count"))
        .values_list("unit_id", "expected", "present")
    )
    for cell_id, expected, present in meetings:
        row = at(cell_id)
        row.cells_met += 1
        row.expected += expected or 0
        row.present += present or 0

    # Commitments are registered at the member's cell (``commitment_register``).
    # Counting ``unit`` rather than ``id`` leaves PostgreSQL the index-only scan of commitment_year_unit_counts.
    rating_counts = {value: Count("unit", filter=Q(cell_rating=value)) for value in Rating.values}
    commitments = (
        Commitment.objects.filter(year=year, unit_id__in=ids)
        .order_by()
        .values("unit_id")
        .annotate(
            registered=Count("unit"),
            self_assessed=Count("unit", filter=~Q(self_rating="")),
            evaluated=Count("unit", filter=~Q(cell_rating="")),
            approved=Count("unit", filter=Q(approved_at__isnull=False)),
            leader_commitments=Count("unit", filter=Q(is_leader=True)),
            **rating_counts,
        )
    )
    for values in commitments:
        row = at(values["unit_id"])
        row.registered += values["registered"]
        row.self_assessed += values["self_assessed"]
        row.evaluated += values["evaluated"]
        row.approved += values["approved"]
        row.leader_commitments += values["leader_commitments"]
        for value in Rating.values:
            if values[value]:
                row.ratings[value] = row.ratings.get(value, 0) + values[value]
    return figures


SUMMARY_CODES = [*SUMMARY_INDICATORS.values(), *RATING_INDICATORS.values()]


def _from_summary(values: Mapping[str, float | None]) -> Figures:
    figures = Figures()
    for name, code in SUMMARY_INDICATORS.items():
        setattr(figures, name, round(values.get(code) or 0))
    for rating, code in RATING_INDICATORS.items():
        if n := round(values.get(code) or 0):
            figures.ratings[rating] = n
    return figures


def threshold_for(unit: Unit, year: int) -> ProgressThreshold | None:
    """The thresholds set at the unit or the nearest unit above it for the year."""
    paths = [unit.path[:i] for i in range(STEPLEN, len(unit.path) + 1, STEPLEN)]
    return (
        ProgressThreshold.objects.filter(year=year, unit__path__in=paths)
        .select_related("unit")
        .order_by("-unit__depth")
        .first()
    )


def weak_reasons(figures: Figures, threshold: ProgressThreshold | None) -> list[str]:
    if threshold is None or not figures.cells:
        return []
    reasons: list[str] = []
    checks = (
        (figures.meeting_share, threshold.min_meeting_share, _("cells meeting on the topic %(value)s%% < %(min)s%%")),
        (figures.attendance_rate, threshold.min_attendance, _("attendance %(value)s%% < %(min)s%%")),
        (figures.registration_share, threshold.min_registration, _("members registered %(value)s%% < %(min)s%%")),
    )
    for value, minimum, message in checks:
        # No meeting means no attendance to judge: the meetings figure already says so.
        if value is not None and value < minimum:
            reasons.append(message % {"value": f"{value:.0f}", "min": minimum})
    return reasons


def child_paths(unit: Unit) -> list[str]:
    """The paths one step below ``unit``'s, found by one index seek per child (a loose index scan, as a
    recursive query): filtering the subtree on ``depth`` instead reads every unit under it, 100 ms and
    more at a country's root. A child's path sorts just before its own subtree, so the next child is the
    first path after the previous child's subtree."""
    low, high = Unit.subtree_range(unit.path)
    past_subtree = Unit.alphabet[-1] * (PATH_MAX_LENGTH - len(unit.path) - STEPLEN)
    table = connection.ops.quote_name(Unit._meta.db_table)
    sql = (
        f"WITH RECURSIVE child(path) AS ("  # noqa: S608  (the table's name from the model; values as parameters)
        f" SELECT MIN(path) FROM {table} WHERE path > %s AND path <= %s"
        " UNION ALL"
        f" SELECT (SELECT MIN(u.path) FROM {table} u WHERE u.path > child.path || %s AND u.path <= %s)"
        " FROM child WHERE child.path IS NOT NULL"
        ") SELECT path FROM child WHERE path IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [low, high, past_subtree, high])
        return [path for (path,) in cursor.fetchall()]


def _children(unit: Unit, year: int, reference_day: dt.date) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(path__in=child_paths(unit), kind__in=PARTY_KINDS, active_from__lte=reference_day)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=dt.date(year, 1, 1)))
        .order_by("name")
    )


def unit_progress(unit: Unit, year: int, *, today: dt.date | None = None, cell_limit: int | None = None) -> Progress:
    """The subtree's figures for ``year`` and one row per child (committees and cells), weak ones flagged:
    live for a subtree of at most ``cell_limit`` cells (default ``live_cell_limit()``), else from the
    summaries."""
    today = today or timezone.localdate()
    limit = live_cell_limit() if cell_limit is None else cell_limit
    reference_day = min(dt.date(year, 12, 31), today)
    threshold = threshold_for(unit, year)
    children = list(_children(unit, year, reference_day))
    progress = Progress(
        unit=unit,
        year=year,
        reference_day=reference_day,
        total=Figures(),
        rows=[],
        threshold=threshold,
        cell_limit=limit,
    )
    cells = subtree_cells(unit, limit)
    if len(cells) <= limit:
        grouped = _grouped_figures(unit, cells, year, reference_day, (unit.depth + 1) * STEPLEN)
        for figures in grouped.values():
            progress.total.add(figures)
        by_child = {child.pk: grouped.get(child.path, Figures()) for child in children}
    else:
        progress.source = SUMMARIES
        progress.refreshed_at = last_refreshed(unit)
        progress.summaries_missing = year not in summary_years(unit)
        key = str(year)
        stored = read_summaries([unit.pk, *(child.pk for child in children)], [key], codes=SUMMARY_CODES)
        progress.total = _from_summary(stored.get(unit.pk, {}).get(key, {}))
        by_child = {child.pk: _from_summary(stored.get(child.pk, {}).get(key, {})) for child in children}
    progress.rows = [
        Row(unit=child, figures=by_child[child.pk], weak_reasons=weak_reasons(by_child[child.pk], threshold))
        for child in children
    ]
    if unit.depth > 1:
        progress.weak_reasons = weak_reasons(progress.total, threshold)
    return progress


@dataclass
class MemberLine:
    person: Person
    commitment: Commitment | None


def cell_members_with_commitments(cell: Unit, year: int, *, today: dt.date | None = None) -> list[MemberLine]:
    """A cell's members on the year's reference day, each with their commitment for the year: two queries."""
    today = today or timezone.localdate()
    reference_day = min(dt.date(year, 12, 31), today)
    people = list(
        # One filter(): the conditions must hold for the same membership (a person who moved from this
        # cell to another has one that ended here and one still running there).
        Person.objects.filter(
            Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=reference_day),
            memberships__unit=cell,
            memberships__joined_on__lte=reference_day,
        )
        .distinct()
        .order_by("sort_key", "id")
    )
    commitments = {
        c.person_id: c
        for c in Commitment.objects.filter(year=year, person__in=[p.pk for p in people]).select_related("unit")
    }
    return [MemberLine(person=p, commitment=commitments.get(p.pk)) for p in people]
