"""The pages at work: bad input shown on the form with nothing changed, the second editor told with
their text kept, a locked report refused, and list pages whose queries do not grow with the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheo.org.models import UnitKind
from lamtheo.reports import services
from lamtheo.reports.models import ReportingCycle, ReportStatus, UnitReport
from lamtheo.reports.summaries import refresh_summaries
from tests.conftest import Org
from tests.factories import make_unit
from tests.reports.conftest import Reporting
from tests.reports.factories import make_template, open_cycle

pytestmark = pytest.mark.django_db
R = "/app/reports"


def test_a_deadline_before_the_period_is_shown_on_the_form_and_nothing_is_created(org: Org) -> None:
    template = make_template()
    client = org.client_for(org.support_officer)
    response = client.post(
        f"{R}/units/{org.bloc.code}/cycles/new/",
        {
            "title": "Báo cáo năm 2015",
            "template": template.pk,
            "period_kind": "year",
            "period_start": "2015-01-01",
            "period_end": "2015-12-31",
            "deadline": "2014-12-15",
            "assigned_kind": UnitKind.SUBORDINATE_COMMITTEE,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hạn gửi báo cáo rơi vào trước ngày bắt đầu kỳ báo cáo." in page
    assert 'value="Báo cáo năm 2015"' in page
    assert not ReportingCycle.objects.exists()


def test_a_cycle_is_opened_from_the_form(org: Org) -> None:
    template = make_template()
    response = org.client_for(org.support_officer).post(
        f"{R}/units/{org.bloc.code}/cycles/new/",
        {
            "title": "Báo cáo năm 2015",
            "template": template.pk,
            "period_kind": "year",
            "period_start": "2015-01-01",
            "period_end": "2015-12-31",
            "deadline": "2015-12-15",
            "assigned_kind": UnitKind.SUBORDINATE_COMMITTEE,
        },
    )
    cycle = ReportingCycle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{R}/cycles/{cycle.code}/"
    assert cycle.reports.count() == 2


def test_the_second_editor_is_told_and_keeps_what_they_typed(reporting: Reporting) -> None:
    org = reporting.org
    report = reporting.report_a
    url = f"{R}/reports/{report.code}/save/"
    first = org.client_for(org.committee_officer).post(url, {"version": report.version, "section_results": "Bản 1"})
    assert first.status_code == 302
    second = org.client_for(org.support_officer).post(
        url, {"version": report.version, "section_results": "Bản thứ hai, rất dài"}
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Người khác đã lưu báo cáo này sau khi bạn mở" in page
    assert "Bản thứ hai, rất dài" in page
    assert UnitReport.objects.get(pk=report.pk).narrative["results"] == "Bản 1"


def test_save_and_submit_then_return_and_accept_through_the_pages(reporting: Reporting) -> None:
    org = reporting.org
    report = reporting.report_a
    officer = org.client_for(org.committee_officer)
    data = {f"section_{k}": f"Nội dung {k}" for k in reporting.template.sections}
    response = officer.post(f"{R}/reports/{report.code}/save/", {"version": report.version, "submit": "1", **data})
    assert response.status_code == 302
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    bloc = org.client_for(org.support_officer)
    page = bloc.get(f"{R}/reports/{report.code}/").content.decode()
    assert "Tiếp nhận báo cáo" in page and "Trả lại để sửa" in page
    empty = bloc.post(f"{R}/reports/{report.code}/return/", {"comment": ""})
    assert "Hãy nêu lý do trả lại" in empty.content.decode()
    bloc.post(f"{R}/reports/{report.code}/return/", {"comment": "Bổ sung kết quả kiểm tra"})
    assert "Bổ sung kết quả kiểm tra" in officer.get(f"{R}/reports/{report.code}/").content.decode()
    version = UnitReport.objects.get(pk=report.pk).version
    officer.post(f"{R}/reports/{report.code}/save/", {"version": version, "submit": "1", **data})
    bloc.post(f"{R}/reports/{report.code}/accept/")
    stored = UnitReport.objects.get(pk=report.pk)
    assert stored.status == ReportStatus.ACCEPTED
    # Submitting after the lock is refused with a clear message, and nothing changes.
    response = officer.post(f"{R}/reports/{report.code}/submit/", {"version": stored.version}, follow=True)
    assert "Báo cáo này đã được tiếp nhận và đã khóa." in response.content.decode()
    assert UnitReport.objects.get(pk=report.pk).version == stored.version


def test_a_committee_cannot_accept_its_own_report(reporting: Reporting) -> None:
    org = reporting.org
    report = reporting.report_a
    services.report_save(
        acting_user=None,
        report=report,
        expected_version=report.version,
        narrative=dict.fromkeys(reporting.template.sections, "x"),
    )
    report.refresh_from_db()
    services.report_submit(acting_user=None, report=report, expected_version=report.version)
    response = org.client_for(org.committee_officer).post(f"{R}/reports/{report.code}/accept/")
    assert response.status_code == 403
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(captured)


def test_list_pages_do_not_grow_with_the_number_of_units(reporting: Reporting) -> None:
    org = reporting.org
    client = org.client_for(org.support_officer)
    cycle = reporting.cycle
    refresh_summaries(org.bloc, [2015])
    urls = [
        f"{R}/cycles/{cycle.code}/",
        f"{R}/cycles/{cycle.code}/compare/",
        f"{R}/units/{org.bloc.code}/dashboard/2015/",
        f"{R}/",
    ]
    before = [_queries(client, url) for url in urls]
    for n in range(6):
        make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, code=f"extra-{n}")
    bigger = services.cycle_open(
        acting_user=None,
        issuing_unit=org.bloc,
        template=cycle.template,
        title="Năm 2015 (bổ sung)",
        period_kind="year",
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        deadline=cycle.deadline,
    )
    refresh_summaries(org.bloc, [2015])
    after = [_queries(client, url.replace(str(cycle.code), str(bigger.code))) for url in urls]
    assert after == before


def test_side_by_side_compares_one_level_of_reporting_units_at_a_time(org: Org) -> None:
    grassroots = UnitKind.GRASSROOTS_COMMITTEE
    make_unit(org.committee_a, kind=grassroots, name="Đảng bộ Cục A2", code="gr-a2")
    make_unit(org.grassroots_a1, kind=grassroots, name="Đảng bộ Phòng A1-1", code="gr-a1-1")
    cycle = open_cycle(org.committee_a, kind=grassroots)
    assert UnitReport.objects.filter(cycle=cycle).count() == 3
    client = org.client_for(org.committee_officer)

    def columns(unit: str = "") -> list[str]:
        url = f"{R}/cycles/{cycle.code}/compare/" + (f"?unit={unit}" if unit else "")
        body = client.get(url).content.decode()
        names = ("Đảng bộ Cục A1", "Đảng bộ Cục A2", "Đảng bộ Phòng A1-1")
        return [name for name in names if f">{name}</a>" in body]

    # Committee A compares its two grassroots committees; the one under A1 is A1's to compare.
    assert columns() == ["Đảng bộ Cục A1", "Đảng bộ Cục A2"]
    assert columns(org.grassroots_a1.code) == ["Đảng bộ Cục A1", "Đảng bộ Phòng A1-1"]
