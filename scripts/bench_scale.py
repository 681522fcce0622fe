"""`make bench` at scale: lamtheo on synthetic data of a bloc, a province and the whole country.

For each size (BENCH_SIZES, default "bloc province"; add "country" for the 5-million-member run) and
each engine (SQLite always; PostgreSQL when DATABASE_URL points at a PostgreSQL server), a child
process opens a database of its own (var/bench/<size>.sqlite3, or the database bench_<size>), fills
it with ``synth_load`` unless the one there was generated from the current migrations, and measures:
pages at every level (p50/p95 over BENCH_REPEAT requests, in-process through Django's test client:
the application's cost without network or TLS), the dashboard against the raw SQL reading the same
summaries, the API list endpoints, the XLSX import (rolled back), the review DOCX, and the portal's
article page and comment POST under gunicorn with wrk. The parent prints one table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.benchlib import (  # noqa: E402 (the path above first)
    Measure,
    database_url_for,
    prepare_environment,
    print_table,
)

SIZES = os.environ.get("BENCH_SIZES", "bloc province").split()
SEED = int(os.environ.get("BENCH_SEED", "2016"))


def engines() -> list[str]:
    found = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        found.append("postgresql")
    return [e for e in found if e in os.environ.get("BENCH_ENGINES", "sqlite postgresql").split()]


def main() -> None:
    columns: list[str] = []
    results: dict[str, dict[str, Measure]] = {}
    started = time.perf_counter()
    for size in SIZES:
        for engine in engines():
            column = f"{size} · {engine}"
            print(f"== {column}", flush=True)
            env = {**os.environ, "BENCH_CHILD_URL": database_url_for(size, engine)}
            done = subprocess.run(
                [sys.executable, __file__, "--child", size],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
            lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
            if done.returncode != 0 or not lines:
                print(done.stdout[-3000:])
                raise SystemExit(f"the {column} run failed ({done.returncode})")
            columns.append(column)
            results[column] = {name: Measure(**m) for name, m in json.loads(lines[-1][7:]).items()}
    print_table(columns, results, cores=os.cpu_count() or 0, minutes=(time.perf_counter() - started) / 60)


def child(size: str) -> None:
    from scripts.bench_measures import measure_all

    prepare_environment(os.environ["BENCH_CHILD_URL"])
    import django

    django.setup()
    measures = measure_all(size, SEED)
    print("RESULT " + json.dumps({name: m.as_json() for name, m in measures.items()}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
