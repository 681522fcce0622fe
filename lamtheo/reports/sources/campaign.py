"""Figures from the campaign app: topic meetings and attendance, other activities, commitments and ratings.

The campaign app's ``selectors.progress`` computes the same figures, but only per calendar year and
per child of one unit. It could offer ``selectors.progress.figures_by_unit(prefix, start, end)``
(these figures for the records each unit owns, any period) to replace this module.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum

from lamtheo.campaign.models import Activity, ActivityKind, Commitment, Rating
from lamtheo.org.models import UnitKind
from lamtheo.reports.sources import shared


@shared
def _meetings(prefix: str, start: dt.date, end: dt.date) -> list[tuple[int, int, int, int]]:
    return list(
        Activity.objects.filter(
            kind=ActivityKind.CELL_MEETING,
            held_on__gte=start,
            held_on__lte=end,
            unit__path__startswith=prefix,
            unit__kind=UnitKind.CELL,
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"), expected=Sum("expected_count"), present=Sum("present_count"))
        .values_list("unit_id", "n", "expected", "present")
    )


def topic_meetings(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return {unit_id: float(n) for unit_id, n, _e, _p in _meetings(prefix, start, end)}


def cells_met(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """1 for each cell that held at least one meeting on the topic in the period."""
    return {unit_id: 1.0 for unit_id, _n, _e, _p in _meetings(prefix, start, end)}


def attendance_expected(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return {unit_id: float(e or 0) for unit_id, _n, e, _p in _meetings(prefix, start, end) if e}


def attendance_present(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return {unit_id: float(p or 0) for unit_id, _n, _e, p in _meetings(prefix, start, end) if p}


def other_activities(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Study sessions, holiday propaganda, youth and other activities organised by each unit."""
    rows = (
        Activity.objects.filter(held_on__gte=start, held_on__lte=end, unit__path__startswith=prefix)
        .exclude(kind=ActivityKind.CELL_MEETING)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows}


# The commitment counts, each a condition on the rows: one grouped query counts them all.
_COMMITMENT_COUNTS = {
    "all": Q(),
    "leader": Q(is_leader=True),
    "self_assessed": ~Q(self_rating=""),
    "evaluated": ~Q(cell_rating=""),
    "approved": Q(approved_at__isnull=False),
    **{rating: Q(cell_rating=rating) for rating in Rating.values},
}


@shared
def _commitment_counts(prefix: str, start: dt.date, end: dt.date) -> dict[str, dict[int, float]]:
    """Commitments of the years the period touches, counted at the cell that evaluates them: for each
    count of ``_COMMITMENT_COUNTS``, unit id → number."""
    rows = (
        Commitment.objects.filter(year__gte=start.year, year__lte=end.year, unit__path__startswith=prefix)
        .order_by()
        .values("unit_id")
        .annotate(**{f"n_{name}": Count("id", filter=condition) for name, condition in _COMMITMENT_COUNTS.items()})
        .values_list("unit_id", *(f"n_{name}" for name in _COMMITMENT_COUNTS))
    )
    counts: dict[str, dict[int, float]] = {name: {} for name in _COMMITMENT_COUNTS}
    for unit_id, *numbers in rows:
        for name, n in zip(_COMMITMENT_COUNTS, numbers, strict=True):
            if n:
                counts[name][unit_id] = float(n)
    return counts


def _commitments(prefix: str, start: dt.date, end: dt.date, count: str) -> dict[int, float]:
    return _commitment_counts(prefix, start, end)[count]


def commitments(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, "all")


def leader_commitments(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, "leader")


def self_assessed(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, "self_assessed")


def evaluated(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, "evaluated")


def approved(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, "approved")


def rating_excellent(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, Rating.EXCELLENT)


def rating_good(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, Rating.GOOD)


def rating_complete(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, Rating.COMPLETE)


def rating_not_complete(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    return _commitments(prefix, start, end, Rating.NOT_COMPLETE)
