"""The year's progress of a unit's subtree, and of each of its children, in grouped SQL.

Every figure comes from four queries grouped by the child's path prefix (the part of a unit's
materialised path that names the child it lies under), so a page costs the same few queries whether
the unit has three children or sixty, and reads only its own subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.campaign.models import Activity, ActivityKind, Commitment, ProgressThreshold, Rating
from lamtheo.org.models import Membership, Person, Unit, UnitKind

STEPLEN = Unit.steplen
PARTY_KINDS = (UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE, UnitKind.CELL)


def _percent(part: int, whole: int) -> float | None:
    if not whole:
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
        for name in (
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
        ):
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

    @property
    def weak_rows(self) -> list[Row]:
        return [row for row in self.rows if row.is_weak]


def _grouped_figures(unit: Unit, year: int, reference_day: dt.date, prefix_len: int) -> dict[str, Figures]:
    """Figures for every path prefix of length ``prefix_len`` under ``unit``: four grouped queries."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    figures: dict[str, Figures] = {}

    def at(prefix: str) -> Figures:
        return figures.setdefault(prefix, Figures())

    # order_by(): the tree manager orders by path, which would split every group.
    # Cells that were active and had members during the year: a cell with nobody in it cannot meet.
    cells = (
        Unit.objects.filter(path__startswith=unit.path, kind=UnitKind.CELL, active_from__lte=end)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
        .filter(memberships__joined_on__lte=min(end, reference_day))
        .filter(Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=start))
        .annotate(prefix=Substr("path", 1, prefix_len))
        .order_by()
        .values("prefix")
        .annotate(n=Count("id", distinct=True))
        .values_list("prefix", "n")
    )
    for prefix, n in cells:
        at(prefix).cells = n

    meetings = (
        Activity.objects.filter(
            kind=ActivityKind.CELL_MEETING,
            held_on__gte=start,
            held_on__lte=end,
            unit__path__startswith=unit.path,
            unit__kind=UnitKind.CELL,
        )
        .annotate(prefix=Substr("unit__path", 1, prefix_len))
        .order_by()
        .values("prefix")
        .annotate(met=Count("unit", distinct=True), expected=Sum("expected_count"), present=Sum("present_count"))
        .values_list("prefix", "met", "expected", "present")
    )
    for prefix, met, expected, present in meetings:
        row = at(prefix)
        row.cells_met, row.expected, row.present = met, expected or 0, present or 0

    members = (
        Membership.objects.filter(
            unit__path__startswith=unit.path, unit__kind=UnitKind.CELL, joined_on__lte=reference_day
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=reference_day))
        .annotate(prefix=Substr("unit__path", 1, prefix_len))
        .order_by()
        .values("prefix")
        .annotate(n=Count("id"), leaders=Count("id", filter=Q(person__is_leader=True)))
        .values_list("prefix", "n", "leaders")
    )
    for prefix, n, leaders in members:
        row = at(prefix)
        row.members, row.leaders = n, leaders

    rating_counts = {value: Count("id", filter=Q(cell_rating=value)) for value in Rating.values}
    commitments = (
        Commitment.objects.filter(year=year, unit__path__startswith=unit.path)
        .annotate(prefix=Substr("unit__path", 1, prefix_len))
        .order_by()
        .values("prefix")
        .annotate(
            registered=Count("id"),
            self_assessed=Count("id", filter=~Q(self_rating="")),
            evaluated=Count("id", filter=~Q(cell_rating="")),
            approved=Count("id", filter=Q(approved_at__isnull=False)),
            leader_commitments=Count("id", filter=Q(is_leader=True)),
            **rating_counts,
        )
    )
    for values in commitments:
        row = at(values["prefix"])
        row.registered = values["registered"]
        row.self_assessed = values["self_assessed"]
        row.evaluated = values["evaluated"]
        row.approved = values["approved"]
        row.leader_commitments = values["leader_commitments"]
        row.ratings = {value: values[value] for value in Rating.values if values[value]}
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


def unit_progress(unit: Unit, year: int, *, today: dt.date | None = None) -> Progress:
    """The subtree's figures for ``year`` and one row per child (committees and cells), weak ones flagged."""
    today = today or timezone.localdate()
    reference_day = min(dt.date(year, 12, 31), today)
    prefix_len = (unit.depth + 1) * STEPLEN
    grouped = _grouped_figures(unit, year, reference_day, prefix_len)
    total = Figures()
    for figures in grouped.values():
        total.add(figures)
    threshold = threshold_for(unit, year)
    children = (
        Unit.objects.filter(
            path__startswith=unit.path, depth=unit.depth + 1, kind__in=PARTY_KINDS, active_from__lte=reference_day
        )
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=dt.date(year, 1, 1)))
        .order_by("name")
    )
    rows = []
    for child in children:
        figures = grouped.get(child.path, Figures())
        rows.append(Row(unit=child, figures=figures, weak_reasons=weak_reasons(figures, threshold)))
    return Progress(
        unit=unit,
        year=year,
        reference_day=reference_day,
        total=total,
        rows=rows,
        threshold=threshold,
        weak_reasons=weak_reasons(total, threshold) if unit.depth > 1 else [],
    )


@dataclass
class MemberLine:
    person: Person
    commitment: Commitment | None


def cell_members_with_commitments(cell: Unit, year: int, *, today: dt.date | None = None) -> list[MemberLine]:
    """A cell's members on the year's reference day, each with their commitment for the year: two queries."""
    today = today or timezone.localdate()
    reference_day = min(dt.date(year, 12, 31), today)
    people = list(
        Person.objects.filter(
            memberships__unit=cell,
            memberships__joined_on__lte=reference_day,
        )
        .filter(Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=reference_day))
        .distinct()
        .order_by("sort_key", "id")
    )
    commitments = {
        c.person_id: c
        for c in Commitment.objects.filter(year=year, person__in=[p.pk for p in people]).select_related("unit")
    }
    return [MemberLine(person=p, commitment=commitments.get(p.pk)) for p in people]
