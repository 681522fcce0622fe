from __future__ import annotations

import io

import openpyxl
from django.test import override_settings

from lamtheo.ops.jobs import run_next
from lamtheo.ops.models import Job, JobStatus
from tests.conftest import Org


@override_settings(EXPORT_SYNC_LIMIT=0)
def test_a_large_export_runs_in_the_worker_and_only_its_owner_downloads_it(org: Org, tmp_path: object) -> None:
    client = org.client_for(org.committee_officer)
    page = client.get(f"/app/units/{org.committee_a.code}/").content.decode()
    assert f"/app/units/{org.committee_a.code}/export/" in page  # the button now queues a job

    response = client.post(f"/app/units/{org.committee_a.code}/export/")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/app/jobs/{job.code}/"
    assert "Đang chờ" in client.get(f"/app/jobs/{job.code}/").content.decode()

    ran = run_next()
    assert ran is not None and ran.status == JobStatus.DONE
    download = client.get(f"/app/jobs/{job.code}/download/")
    assert download.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))  # type: ignore[attr-defined]
    codes = {row[0] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert {"gr-a1", "cell-a1a", "cell-a2"} <= codes
    assert "cell-b1" not in codes

    other = org.client_for(org.support_officer)
    assert other.get(f"/app/jobs/{job.code}/").status_code == 404
    assert other.get(f"/app/jobs/{job.code}/download/").status_code == 404


def test_an_export_job_outside_scope_fails_without_a_file(org: Org) -> None:
    client = org.client_for(org.outsider)
    assert client.post(f"/app/units/{org.committee_a.code}/export/").status_code == 404
    assert not Job.objects.exists()


def test_a_failing_job_is_recorded_as_failed(org: Org) -> None:
    from lamtheo.ops.jobs import job_enqueue

    job = job_enqueue(acting_user=org.outsider, kind="org.export_subtree", params={"unit": org.committee_a.code})
    ran = run_next()
    assert ran is not None and ran.pk == job.pk and ran.status == JobStatus.FAILED
    assert "Http404" in ran.error and not ran.result_file
    assert run_next() is None
