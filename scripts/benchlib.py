"""What the bench scripts share: the environment of a throw-away database, timing, the import
workbook, and the printed table."""

from __future__ import annotations

import io
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
TARGET_P95_MS = 300.0  # every page at the country size on PostgreSQL (the target)
TARGET_IMPORT_ROWS_S = 5000.0
TARGET_DASHBOARD_RATIO = 1.5


@dataclass
class Measure:
    """One cell of the table: a figure with its unit, a note, and whether it meets its target (if any)."""

    figure: str
    note: str = ""
    ok: bool | None = None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def database_url_for(size: str, engine: str) -> str:
    """The bench database of ``size``: a file under var/bench, or ``bench_<size>`` on the PostgreSQL server
    (BENCH_PG_DATABASE, e.g. ``synth_{size}``, names databases loaded beforehand with ``synth_load``)."""
    if engine == "sqlite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{BENCH_DIR / f'{size}.sqlite3'}"
    base, _name = os.environ["DATABASE_URL"].rsplit("/", 1)
    return f"{base}/" + os.environ.get("BENCH_PG_DATABASE", "bench_{size}").format(size=size)


def prepare_environment(database_url: str) -> None:
    """Production-like settings (DEBUG off, no HTTPS redirect) on the given database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheo.settings")
    os.environ["DEBUG"] = "0"
    os.environ["HTTPS"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["DATABASE_URL"] = database_url
    var = BENCH_DIR / ("var-" + database_url.rsplit("/", 1)[-1].replace(".sqlite3", ""))
    var.mkdir(parents=True, exist_ok=True)
    os.environ["LAMTHEO_VAR_DIR"] = str(var)


def queries_of_one_request(client: Any, url: str) -> int:
    """How many queries one request of ``url`` runs, counted by a wrapper (the debug query log is off with
    DEBUG off, as in production); the bench stops unless the page answers 200."""
    from django.db import connection

    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    return len(executed)


def timings_ms(action: Callable[[], object], repeat: int = REPEAT) -> list[float]:
    """Wall times of ``repeat`` runs after one warm-up run (caches, connections); 3 runs when the
    warm-up took over 2 s (a figure that slow misses every target anyway)."""
    started = time.perf_counter()
    action()
    if time.perf_counter() - started > 2:
        repeat = min(repeat, 3)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p50(times: list[float]) -> float:
    return statistics.median(times)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def people_workbook(rows: int, cell_code: str) -> bytes:
    """An import file of ``rows`` new members of one cell, in the import template's columns."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đảng viên"
    sheet.append(
        ["Họ", "Tên đệm", "Tên", "Giới tính", "Ngày sinh", "Số thẻ đảng viên", "Chức vụ", "Lãnh đạo", "Mã chi bộ"]
    )
    for n in range(rows):
        # Twelve-digit card numbers: no generated or demo member has one this long.
        sheet.append(["Trần", "Thị", f"Thử {n}", "Nữ", "02/09/1985", f"77{n:010d}", "Chuyên viên", "", cell_code])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def print_table(columns: list[str], results: dict[str, dict[str, Measure]], *, cores: int, minutes: float) -> None:
    labels: list[str] = []
    for column in columns:
        labels.extend(label for label in results[column] if label not in labels)
    width = max(len(label) for label in labels)
    cell = max(28, *(len(c) for c in columns))
    print(f"\nlamtheo bench at scale — {cores} cores, p50 / p95 of {REPEAT} requests, {minutes:.0f} min in all")
    print("(!) marks a figure that misses its target: page p95 < 300 ms, import ≥ 5,000 rows/s, dashboard ≤ 1.5× SQL")
    print(f"{'measure':{width}}  " + "  ".join(f"{c:>{cell}}" for c in columns))
    print(f"{'-' * width}  " + "  ".join("-" * cell for _ in columns))
    for label in labels:
        figures = []
        for column in columns:
            measure = results[column].get(label)
            text = "" if measure is None else measure.figure + (" (!)" if measure.ok is False else "")
            figures.append(f"{text:>{cell}}")
        print(f"{label:{width}}  " + "  ".join(figures))
    print()
    for column in columns:
        notes = [f"  {label}: {m.note}" for label, m in results[column].items() if m.note]
        if notes:
            print(f"{column}:")
            print("\n".join(notes))
