"""Background jobs of the org app (run by ``manage.py worker``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from lamtheo.accounts.access import get_unit_for_user
from lamtheo.ops.jobs import job_handler, job_progress
from lamtheo.ops.models import Job
from lamtheo.org.exports import write_subtree

EXPORT_DIR = "exports"


@job_handler("org.export_subtree")
def export_subtree(job: Job) -> dict[str, Any]:
    # Scope is checked again in the worker: the job runs with its creator's rights, as of now.
    unit = get_unit_for_user(job.created_by, job.params["unit"])
    relative = f"{EXPORT_DIR}/{job.code}.xlsx"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    job_progress(job, 10)
    with path.open("wb") as stream:
        write_subtree(unit, stream)
    Job.objects.filter(pk=job.pk).update(result_file=relative)
    return {"unit": unit.code, "file_name": f"{unit.code}.xlsx", "bytes": path.stat().st_size}
