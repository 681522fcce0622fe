"""Background jobs of the reports app (run by ``manage.py worker``)."""

from __future__ import annotations

from typing import Any

from lamtheo.ops.jobs import job_handler
from lamtheo.ops.models import Job
from lamtheo.org.models import Unit
from lamtheo.reports.summaries import refresh_summaries

REFRESH_KIND = "reports.refresh_summaries"


@job_handler(REFRESH_KIND)
def refresh(job: Job) -> dict[str, Any]:
    """Recompute the roll-ups of one subtree (``params["unit"]``, a unit code) or of every tree."""
    code = job.params.get("unit")
    root = Unit.objects.get(code=code) if code else None
    years = job.params.get("years")
    result = refresh_summaries(root, years)
    return {
        "unit": code or "",
        "rows": result.rows,
        "units": result.units,
        "years": result.years,
        "seconds": result.seconds,
    }
