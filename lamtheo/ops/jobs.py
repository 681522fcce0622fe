"""The background-job queue: enqueue from a request, claim and run in ``manage.py worker``.

Jobs live in the database, so every app process and worker on any machine sees the same queue;
a job is claimed in a transaction (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite's
write lock serialises the claim), so two workers never run the same job.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lamtheo.accounts.models import User
from lamtheo.ops.models import Job, JobStatus

logger = logging.getLogger(__name__)

Handler = Callable[[Job], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind``; it returns the job's result (JSON)."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        return handler

    return register


def job_enqueue(*, acting_user: User | None, kind: str, params: dict[str, Any]) -> Job:
    if kind not in _HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    return Job.objects.create(kind=kind, params=params, created_by=acting_user)


def job_progress(job: Job, percent: int) -> None:
    Job.objects.filter(pk=job.pk).update(progress=max(0, min(100, percent)))


def _claim() -> Job | None:
    with transaction.atomic():
        queued = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        job = queued.first()
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        job.started_at = timezone.now()
        job.worker = f"{socket.gethostname()}:{os.getpid()}"
        job.save(update_fields=["status", "started_at", "worker"])
        return job


def run_next() -> Job | None:
    """Claim and run the oldest queued job; return it, or None when the queue is empty."""
    job = _claim()
    if job is None:
        return None
    handler = _HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        result = handler(job)
    except Exception as exc:
        logger.exception("Job %s failed", job.code)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc(limit=5)}",
            finished_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, result=result, progress=100, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def requeue_abandoned(*, older_than_minutes: int = 30) -> int:
    """Put back jobs whose worker died mid-run (a killed worker leaves them 'running')."""
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    return Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=cutoff).update(
        status=JobStatus.QUEUED, started_at=None, worker="", progress=0
    )
