"""``manage.py worker``: run background jobs (exports, imports, roll-up refresh) outside the web processes."""

from __future__ import annotations

import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from lamtheo.ops.jobs import requeue_abandoned, run_next


class Command(BaseCommand):
    help = "Run queued background jobs until stopped (or, with --once, until the queue is empty)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument("--sleep", type=float, default=1.0, help="Seconds to wait when the queue is empty.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True  # finish the current job, then leave

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        requeued = requeue_abandoned()
        if requeued:
            self.stdout.write(f"requeued {requeued} abandoned job(s)")
        self.stdout.write("worker ready")
        while not stopping:
            close_old_connections()  # survive a database restart between jobs
            try:
                job = run_next()
            except Exception as exc:  # the database is down: wait and try again
                self.stderr.write(f"cannot reach the job queue: {exc}")
                time.sleep(options["sleep"])
                continue
            if job is not None:
                self.stdout.write(f"{job.kind} {job.code}: {job.status}")
                continue
            if options["once"]:
                break
            time.sleep(options["sleep"])
