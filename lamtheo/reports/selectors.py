"""Reads of the reports app: completeness and timeliness, side-by-side reports, dashboards.

Callers pass cycles and units already reached through ``lamtheo.reports.access``.

Completeness follows DHIS2: *expected* are the assigned units active on the last day of the period
(a unit merged or dissolved during the period reports through the unit that took it over, and one
founded after it has nothing to report), a report *counts* once its unit has explicitly submitted it
(submitted or accepted; a returned report counts again when resubmitted) and is *on time* when it was
first submitted by the deadline. A unit that is not expected is out of both the numerator and the
denominator, so no rate can exceed 100 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from lamtheo.org.models import Unit
from lamtheo.reports.indicators import BY_CODE, Indicator
from lamtheo.reports.models import (
    IndicatorSource,
    ReportingCycle,
    ReportStatus,
    ReportTemplate,
    TemplateIndicator,
    UnitReport,
)
from lamtheo.reports.summaries import read_summary_blocks

STEPLEN = Unit.steplen
COUNTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _percent(part: int, whole: int) -> float | None:
    return None if not whole else min(100.0, round(100.0 * part / whole, 1))


@dataclass
class Completeness:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    accepted: int = 0
    not_expected: int = 0  # assigned, but inactive at the end of the period

    @property
    def rate(self) -> float | None:
        return _percent(self.submitted, self.expected)

    @property
    def timeliness(self) -> float | None:
        return _percent(self.on_time, self.expected)

    @property
    def missing(self) -> int:
        return self.expected - self.submitted


def deadline_end(cycle: ReportingCycle) -> dt.datetime:
    """The first instant after the deadline day, in the organisation's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(cycle.deadline + dt.timedelta(days=1), dt.time.min, tzinfo=zone)


def expected_q(cycle: ReportingCycle, prefix: str = "unit__") -> Q:
    end = cycle.period_end
    return Q(**{f"{prefix}active_from__lte": end}) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": end})
    )


def _aggregates(cycle: ReportingCycle) -> dict[str, Count]:
    expected = expected_q(cycle)
    counted = expected & Q(status__in=COUNTED)
    return {
        "expected": Count("id", filter=expected),
        "submitted": Count("id", filter=counted),
        "on_time": Count("id", filter=counted & Q(first_submitted_at__lt=deadline_end(cycle))),
        "accepted": Count("id", filter=expected & Q(status=ReportStatus.ACCEPTED)),
        "not_expected": Count("id", filter=~expected),
    }


def _from(values: dict[str, int]) -> Completeness:
    return Completeness(
        expected=values["expected"] or 0,
        submitted=values["submitted"] or 0,
        on_time=values["on_time"] or 0,
        accepted=values["accepted"] or 0,
        not_expected=values["not_expected"] or 0,
    )


def completeness(cycle: ReportingCycle, unit: Unit) -> Completeness:
    """The cycle's completeness over ``unit``'s subtree (the unit itself included): one query."""
    values = UnitReport.objects.filter(cycle=cycle, unit__path__startswith=unit.path).aggregate(**_aggregates(cycle))
    return _from(values)


@dataclass
class ChildCompleteness:
    unit: Unit
    figures: Completeness
    report: UnitReport | None = None  # the child's own report, when the child itself is assigned


def completeness_by_child(cycle: ReportingCycle, unit: Unit) -> list[ChildCompleteness]:
    """The completeness of each child of ``unit`` that has assigned units under it: three queries."""
    prefix_len = (unit.depth + 1) * STEPLEN
    grouped = {
        row["prefix"]: _from(row)
        for row in UnitReport.objects.filter(cycle=cycle, unit__path__startswith=unit.path, unit__depth__gt=unit.depth)
        .annotate(prefix=Substr("unit__path", 1, prefix_len))
        .order_by()
        .values("prefix")
        .annotate(**_aggregates(cycle))
    }
    if not grouped:
        return []
    children = Unit.objects.filter(path__in=list(grouped)).order_by("name")
    own = {
        r.unit_id: r
        for r in UnitReport.objects.filter(cycle=cycle, unit__path__in=list(grouped)).only(
            "code", "status", "unit_id", "first_submitted_at", "submitted_at"
        )
    }
    return [ChildCompleteness(unit=child, figures=grouped[child.path], report=own.get(child.pk)) for child in children]


def overdue_reports(cycle: ReportingCycle, unit: Unit, *, today: dt.date | None = None) -> QuerySet[UnitReport]:
    """Expected reports in ``unit``'s subtree not submitted although the deadline has passed."""
    today = today or timezone.localdate()
    if today <= cycle.deadline:
        return UnitReport.objects.none()
    return (
        UnitReport.objects.filter(cycle=cycle, unit__path__startswith=unit.path)
        .filter(expected_q(cycle))
        .exclude(status__in=COUNTED)
        .select_related("unit")
        .order_by("unit__name")
    )


def is_expected(report: UnitReport) -> bool:
    return bool(report.unit.is_active_on(report.cycle.period_end))


def is_on_time(report: UnitReport) -> bool:
    return report.first_submitted_at is not None and report.first_submitted_at < deadline_end(report.cycle)


# --- Indicators of a template ----------------------------------------------------------------------


@dataclass
class IndicatorLine:
    code: str
    label: str
    definition: str
    manual: bool
    is_ratio: bool
    drill: str


def indicator_lines(template: ReportTemplate) -> list[IndicatorLine]:
    lines = []
    for row in TemplateIndicator.objects.filter(template=template).order_by("position", "id"):
        catalogue: Indicator | None = BY_CODE.get(row.code) if row.source == IndicatorSource.COMPUTED else None
        lines.append(
            IndicatorLine(
                code=row.code,
                label=row.label or (str(catalogue.label) if catalogue else row.code),
                definition=row.definition or (str(catalogue.definition) if catalogue else ""),
                manual=row.source == IndicatorSource.MANUAL,
                is_ratio=bool(catalogue and catalogue.is_ratio),
                drill=catalogue.drill if catalogue else "",
            )
        )
    return lines


@dataclass
class SideBySide:
    lines: list[IndicatorLine]
    reports: list[UnitReport]
    rows: list[tuple[IndicatorLine, list[float | None]]] = field(default_factory=list)


def side_by_side(cycle: ReportingCycle, unit: Unit) -> SideBySide:
    """The reports of ``unit`` and of the highest reporting units under it as columns, one row per
    indicator: three queries.

    A level at a time, as the cycle page drills down: a report whose unit lies under another reporting
    unit is that unit's to compare (``?unit=``). All of a country's 765 committees side by side would
    be a table no one reads and a page no server renders in time."""
    lines = indicator_lines(cycle.template)
    found = sorted(
        UnitReport.objects.filter(cycle=cycle, unit__path__startswith=unit.path).values_list("unit__path", "pk")
    )
    shown: list[int] = []
    highest = None  # the last path kept: in path order, the units under it follow it
    for path, pk in found:
        if path == unit.path:
            shown.append(pk)
        elif highest is None or not path.startswith(highest):
            shown.append(pk)
            highest = path
    reports = list(UnitReport.objects.filter(pk__in=shown).select_related("unit", "cycle").order_by("unit__name"))
    rows = [(line, [r.values.get(line.code) for r in reports]) for line in lines]
    return SideBySide(lines=lines, reports=reports, rows=rows)


def accepted_reports(cycle: ReportingCycle) -> QuerySet[UnitReport]:
    return (
        UnitReport.objects.filter(cycle=cycle, status=ReportStatus.ACCEPTED)
        .select_related("unit")
        .order_by("unit__name")
    )


# --- Dashboards --------------------------------------------------------------------------------------

DASHBOARD_CODES = (
    "cells",
    "members",
    "topic_meetings",
    "meeting_share",
    "attendance_rate",
    "commitments",
    "registration_share",
    "evaluated",
    "rating_excellent",
    "rating_good",
    "rating_complete",
    "rating_not_complete",
    "inspections_received",
    "inspected_subordinate",
    "subordinate_units",
    "inspection_coverage",
    "good_practices",
    "commendations",
    "exemplars",
)
TREND_CODES = ("topic_meetings", "commitments", "inspections_received", "commendations", "exemplars")  # of the above


@dataclass
class DashboardRow:
    unit: Unit
    figures: dict[str, float | None]


@dataclass
class Dashboard:
    unit: Unit
    year: int
    years: list[int]
    total: dict[str, float | None]
    rows: list[DashboardRow]
    trend: dict[int, dict[str, float | None]]

    @property
    def children_inspected(self) -> int:
        return sum(1 for row in self.rows if row.figures.get("inspections_received"))


# What the dashboard, its charts and the review document read of a child (and the tree needs).
DASHBOARD_UNIT_FIELDS = ("id", "path", "depth", "numchild", "code", "name", "short_name", "kind")


def active_children(unit: Unit, year: int) -> list[Unit]:
    """``unit``'s children active at some time in ``year``, by name: the next depth in the children's
    path interval (one range of the index on (depth, path)). Written in SQL: building this query with
    the ORM cost more than running it (1.3 of a dashboard's 5 ms)."""
    low, high = Unit._get_children_path_interval(unit.path)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Unit._meta.get_field(name).column) for name in DASHBOARD_UNIT_FIELDS)
    sql = (
        f"SELECT {columns} FROM {quote(Unit._meta.db_table)}"  # noqa: S608  (names from the model, values as parameters)
        " WHERE depth = %s AND path >= %s AND path <= %s AND active_from <= %s"
        " AND (active_to IS NULL OR active_to >= %s) ORDER BY name"
    )
    return list(Unit.objects.raw(sql, [unit.depth + 1, low, high, dt.date(year, 12, 31), dt.date(year, 1, 1)]))


def dashboard(unit: Unit, year: int, years: list[int]) -> Dashboard:
    """The year at a glance for ``unit``'s subtree and each active child, and the trend over ``years``,
    read from the summaries: two queries whatever the size of the subtree."""
    children = active_children(unit, year)
    this_year = str(year)
    # Only what the page shows: the unit over the years of the trend, its children over the year.
    figures = read_summary_blocks(
        [([unit.pk], sorted({this_year, *(str(y) for y in years)})), ([c.pk for c in children], [this_year])],
        DASHBOARD_CODES,
    )
    return Dashboard(
        unit=unit,
        year=year,
        years=years,
        total=figures[unit.pk][this_year],
        rows=[DashboardRow(unit=c, figures=figures[c.pk][this_year]) for c in children],
        trend={y: figures[unit.pk][str(y)] for y in years},
    )
