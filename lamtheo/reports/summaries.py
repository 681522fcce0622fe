"""Precomputed roll-ups (after DHIS2's analytics tables): every count of the catalogue for every unit's
subtree and every calendar year, refreshed by a background job, the ``refresh_summaries`` command or
on demand. Dashboards read a few of these rows instead of counting records."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lamtheo.org.models import Unit
from lamtheo.reports.compute import compute
from lamtheo.reports.indicators import COUNTS, RATIOS, ratio_value
from lamtheo.reports.models import IndicatorSummary, ReportingCycle

BATCH = 2000
Row = tuple[int, str, str, float, Any]  # unit id, period key, indicator, value, refreshed at (as the database takes it)


@dataclass
class RefreshResult:
    rows: int
    units: int
    years: list[int]
    seconds: float


def default_years() -> list[int]:
    """The years the reporting cycles cover, and this year."""
    years = {timezone.localdate().year}
    for start, end in ReportingCycle.objects.values_list("period_start", "period_end"):
        years.update(range(start.year, end.year + 1))
    return sorted(years)


def refresh_summaries(root: Unit | None = None, years: Iterable[int] | None = None) -> RefreshResult:
    """Recompute the summaries of ``root``'s subtree (every tree when None) for ``years``."""
    started = time.perf_counter()
    year_list = sorted(set(years)) if years is not None else default_years()
    roots = [root] if root is not None else list(Unit.objects.filter(depth=1).order_by("path"))
    codes = [indicator.code for indicator in COUNTS]
    total_rows = total_units = 0
    now = timezone.now()
    for top in roots:
        units = list(Unit.objects.filter(path__startswith=top.path).order_by("path"))
        total_units += len(units)
        rows: list[Row] = []
        stamp = connection.ops.adapt_datetimefield_value(now)
        for year in year_list:
            figures = compute(top, units, dt.date(year, 1, 1), dt.date(year, 12, 31), codes)
            for code, by_unit in figures.items():
                rows.extend((unit_id, str(year), code, value, stamp) for unit_id, value in by_unit.items() if value)
        with transaction.atomic():
            IndicatorSummary.objects.filter(
                unit__path__startswith=top.path, period_key__in=[str(y) for y in year_list]
            ).delete()
            _insert(rows)
        total_rows += len(rows)
    return RefreshResult(
        rows=total_rows, units=total_units, years=year_list, seconds=round(time.perf_counter() - started, 2)
    )


def _insert(rows: list[Row]) -> None:
    """Plain INSERTs in batches: tens of thousands of rows, where building model instances would cost
    ten times the SQL."""
    table = connection.ops.quote_name(IndicatorSummary._meta.db_table)
    sql = (
        f"INSERT INTO {table} (unit_id, period_key, indicator, value, refreshed_at) "  # noqa: S608  (names from the model)
        "VALUES (%s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[offset : offset + BATCH])


SummaryFigures = dict[int, dict[str, dict[str, float | None]]]  # unit id → period key → code → value


def read_summaries(unit_ids: Iterable[int], period_keys: Iterable[str]) -> SummaryFigures:
    """The stored counts of the units for the periods, with the ratios derived: one query."""
    result: SummaryFigures = defaultdict(lambda: defaultdict(dict))
    ids, keys = list(unit_ids), list(period_keys)
    for unit_id, key, code, value in IndicatorSummary.objects.filter(unit_id__in=ids, period_key__in=keys).values_list(
        "unit_id", "period_key", "indicator", "value"
    ):
        result[unit_id][key][code] = value
    for unit_id in ids:
        for key in keys:
            figures = result[unit_id][key]
            for indicator in COUNTS:
                figures.setdefault(indicator.code, 0.0)
            for indicator in RATIOS:
                if indicator.ratio is None:
                    continue
                numerator, denominator = indicator.ratio
                figures[indicator.code] = ratio_value(figures.get(numerator), figures.get(denominator))
    return result


def last_refreshed(unit: Unit) -> dt.datetime | None:
    row = IndicatorSummary.objects.filter(unit=unit).order_by("-refreshed_at").values_list("refreshed_at").first()
    return row[0] if row else None


def summary_years(unit: Unit) -> list[int]:
    keys = IndicatorSummary.objects.filter(unit=unit).order_by().values_list("period_key", flat=True).distinct()
    return sorted(int(k) for k in keys if k.isdigit())
