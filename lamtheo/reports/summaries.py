"""Precomputed roll-ups (after DHIS2's analytics tables): every count of the catalogue for every unit's
subtree and every calendar year, refreshed by a background job, the ``refresh_summaries`` command or
on demand. Dashboards read a few of these rows instead of counting records."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lamtheo.org.models import Unit
from lamtheo.reports.compute import compute
from lamtheo.reports.indicators import BY_CODE, CATALOGUE, COUNTS, counts_needed, ratio_value
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
    """The rows written as they are, without model instances (which would cost ten times the SQL): with
    COPY on PostgreSQL (a country's 13 million rows in minutes rather than a quarter of an hour of
    INSERTs), plain INSERTs in batches elsewhere."""
    table = connection.ops.quote_name(IndicatorSummary._meta.db_table)
    columns = "unit_id, period_key, indicator, value, refreshed_at"
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw: Any = connection.connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608  (names from the model)
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[offset : offset + BATCH])


SummaryFigures = dict[int, dict[str, dict[str, float | None]]]  # unit id → period key → code → value
Block = tuple[Iterable[int], Iterable[str]]  # some units × some period keys


def read_summaries(
    unit_ids: Iterable[int], period_keys: Iterable[str], codes: Sequence[str] | None = None
) -> SummaryFigures:
    """The stored counts of the units for the periods, with the ratios derived: one query.

    ``codes`` narrows the figures to those indicators and the counts behind them (a page shows a
    few of the catalogue's indicators); by default every indicator."""
    return read_summary_blocks([(unit_ids, period_keys)], codes)


def read_summary_blocks(blocks: Iterable[Block], codes: Sequence[str] | None = None) -> SummaryFigures:
    """``read_summaries`` of several blocks of units × periods in one query: a dashboard reads its
    unit over every year but its children over one. Every unit and period asked for is in the
    result, its missing counts zero."""
    wanted = [BY_CODE[code] for code in codes] if codes is not None else list(CATALOGUE)
    counts = counts_needed([indicator.code for indicator in wanted])
    ratios = [(indicator.code, *indicator.ratio) for indicator in wanted if indicator.ratio is not None]
    zero: dict[str, float | None] = dict.fromkeys(counts, 0.0)
    result: SummaryFigures = {}
    conditions: list[str] = []
    params: list[Any] = []
    for unit_ids, period_keys in blocks:
        ids, keys = list(unit_ids), list(period_keys)
        if not ids or not keys:
            continue
        conditions.append(f"(unit_id IN ({_marks(ids)}) AND period_key IN ({_marks(keys)}))")
        params.extend([*ids, *keys])
        for unit_id in ids:
            by_key = result.setdefault(unit_id, {})
            for key in keys:
                by_key.setdefault(key, zero.copy())
    if not conditions:
        return result
    # Plain SQL and tuples, as the roll-up writes them: a dashboard reads a thousand rows, and the ORM
    # would double the time of reading them.
    table = connection.ops.quote_name(IndicatorSummary._meta.db_table)
    sql = f"SELECT unit_id, period_key, indicator, value FROM {table} WHERE ({' OR '.join(conditions)})"  # noqa: S608  (names from the model, values as parameters)
    if codes is not None:
        sql += f" AND indicator IN ({_marks(counts)})"
        params.extend(counts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for unit_id, key, code, value in cursor.fetchall():
            result[unit_id][key][code] = value
    if ratios:
        for by_key in result.values():
            for figures in by_key.values():
                for code, numerator, denominator in ratios:
                    figures[code] = ratio_value(figures[numerator], figures[denominator])
    return result


def _marks(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def last_refreshed(unit: Unit) -> dt.datetime | None:
    row = IndicatorSummary.objects.filter(unit=unit).order_by("-refreshed_at").values_list("refreshed_at").first()
    return row[0] if row else None


def summary_years(unit: Unit) -> list[int]:
    keys = IndicatorSummary.objects.filter(unit=unit).order_by().values_list("period_key", flat=True).distinct()
    return sorted(int(k) for k in keys if k.isdigit())
