from __future__ import annotations

import time
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.ops.models import Job, JobStatus


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed name exists only once collectstatic has run.
    return redirect(static("lamtheo/logo.svg"), permanent=True)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For monitors and load balancers: 200 when the database and the cache answer, else 503."""
    checks: dict[str, str] = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        cache.set("lamtheo:health", "ok", 10)
        checks["cache"] = "ok" if cache.get("lamtheo:health") == "ok" else "error: value not kept"
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    checks["queued_jobs"] = str(Job.objects.filter(status=JobStatus.QUEUED).count()) if healthy else "?"
    checks["milliseconds"] = f"{(time.perf_counter() - started) * 1000:.1f}"
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def _job_for_user(request: AuthenticatedRequest, code: UUID) -> Job:
    # A job and its file belong to the person who started it: anyone else gets 404.
    job = Job.objects.filter(code=code, created_by=request.user).first()
    if job is None:
        raise Http404
    return job


@login_required
@require_GET
def job_detail(request: AuthenticatedRequest, code: UUID) -> HttpResponse:
    job = _job_for_user(request, code)
    template = "ops/_job_status.html" if request.headers.get("HX-Request") else "ops/job.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def job_download(request: AuthenticatedRequest, code: UUID) -> FileResponse:
    job = _job_for_user(request, code)
    if job.status != JobStatus.DONE or not job.result_file:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / job.result_file
    if not path.is_file():
        raise Http404
    name = (job.result or {}).get("file_name", path.name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
