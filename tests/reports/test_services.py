"""Templates, cycles and the life of a unit report: draft → submitted → returned or accepted (locked)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lamtheo.accounts.models import AuditEntry, User
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import UnitKind
from lamtheo.reports import services
from lamtheo.reports.models import (
    SECTION_VALUES,
    PeriodKind,
    ReportingCycle,
    ReportStatus,
    ReportTemplate,
    UnitReport,
)
from tests.conftest import Org
from tests.factories import make_unit
from tests.reports.conftest import Reporting
from tests.reports.factories import make_template

pytestmark = pytest.mark.django_db

NARRATIVE = {key: f"Nội dung {key}" for key in SECTION_VALUES}


def _fill(reporting: Reporting, report: UnitReport, user: User | None = None) -> UnitReport:
    return services.report_save(
        acting_user=user or reporting.org.committee_officer,
        report=report,
        expected_version=report.version,
        narrative=NARRATIVE,
        manual_values={"propaganda_articles": 12},
    )


def test_it_refuses_a_template_with_an_indicator_without_a_definition(org: Org) -> None:
    with pytest.raises(ValidationError, match="không có định nghĩa"):
        services.template_create(
            acting_user=None,
            code="bad",
            name="Thiếu định nghĩa",
            indicators=[
                services.IndicatorSpec("topic_meetings"),
                services.IndicatorSpec("x", source="manual", label="X"),
            ],
            sections=["results"],
        )
    assert not ReportTemplate.objects.filter(code="bad").exists()


def test_it_refuses_an_indicator_the_records_cannot_compute(org: Org) -> None:
    with pytest.raises(ValidationError):
        services.template_create(
            acting_user=None, code="bad", name="X", indicators=[services.IndicatorSpec("nonsense")], sections=[]
        )
    assert not ReportTemplate.objects.exists()


def test_it_refuses_a_template_from_a_committee_officer(org: Org) -> None:
    with pytest.raises(ValidationError):
        services.template_create(
            acting_user=org.committee_officer, code="t", name="X", indicators=[], sections=["results"]
        )


def _open(org: Org, template: ReportTemplate, **overrides: object) -> ReportingCycle:
    values: dict[str, object] = {
        "acting_user": org.support_officer,
        "issuing_unit": org.bloc,
        "template": template,
        "title": "Năm 2015",
        "period_kind": PeriodKind.YEAR,
        "period_start": dt.date(2015, 1, 1),
        "period_end": dt.date(2015, 12, 31),
        "deadline": dt.date(2015, 12, 15),
        "assigned_kind": UnitKind.SUBORDINATE_COMMITTEE,
    }
    values.update(overrides)
    return services.cycle_open(**values)  # type: ignore[arg-type]


def test_opening_a_cycle_gives_every_assigned_unit_a_prefilled_draft(org: Org) -> None:
    from tests.reports.conftest import add_records

    add_records(org)
    cycle = _open(org, make_template())
    reports = {r.unit.code: r for r in cycle.reports.select_related("unit")}
    assert set(reports) == {"committee-a", "committee-b"}
    a = reports["committee-a"]
    assert a.status == ReportStatus.DRAFT
    assert a.values["topic_meetings"] == 3
    assert a.values["attendance_rate"] == round(100 * 22 / 26, 1)
    assert a.values["commitments"] == 3
    assert a.values["rating_excellent"] == 1
    assert a.values["inspections_received"] == 1
    assert a.values["good_practices"] == 1
    assert a.values["commendations"] == 1
    assert a.values["propaganda_articles"] is None  # typed in by the unit
    # The 2016 meeting of committee B is outside the period.
    assert reports["committee-b"].values["topic_meetings"] == 0
    assert AuditEntry.objects.filter(action="reporting_cycle.open").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadline": dt.date(2014, 12, 1)}, "Hạn gửi"),
        ({"period_end": dt.date(2014, 6, 1)}, "kết thúc trước"),
        ({"assigned_kind": UnitKind.YOUTH_UNION}, "sẽ không có đơn vị"),
        ({"title": "  "}, "tiêu đề"),
    ],
    ids=["deadline-before-start", "end-before-start", "no-units", "no-title"],
)
def test_it_refuses_a_bad_cycle_and_changes_nothing(org: Org, overrides: dict[str, object], message: str) -> None:
    template = make_template()
    with pytest.raises(ValidationError, match=message):
        _open(org, template, **overrides)
    assert not ReportingCycle.objects.exists()
    assert not UnitReport.objects.exists()


def test_only_those_who_capture_the_issuing_unit_open_a_cycle(org: Org) -> None:
    template = make_template()
    with pytest.raises(Http404):
        _open(org, template, acting_user=org.committee_officer)
    grassroots = {"issuing_unit": org.committee_a, "assigned_kind": UnitKind.GRASSROOTS_COMMITTEE}
    with pytest.raises(PermissionDenied):
        _open(org, template, acting_user=org.viewer, **grassroots)
    with pytest.raises(Http404):
        _open(org, template, acting_user=org.outsider, **grassroots)
    assert not ReportingCycle.objects.exists()


def test_the_unit_fills_submits_and_the_parent_accepts_which_locks_it(reporting: Reporting) -> None:
    org = reporting.org
    report = _fill(reporting, reporting.report_a)
    assert report.values["propaganda_articles"] == 12
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at is not None
    report = services.report_accept(acting_user=org.support_officer, report=report)
    assert report.status == ReportStatus.ACCEPTED and report.is_locked
    with pytest.raises(ValidationError, match="đã khóa"):
        services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    with pytest.raises(ValidationError):
        services.report_save(
            acting_user=org.committee_officer, report=report, expected_version=report.version, narrative={}
        )
    report.refresh_from_db()
    assert report.narrative == NARRATIVE and report.status == ReportStatus.ACCEPTED


def test_a_returned_report_is_fixed_and_resubmitted_keeping_its_first_submission(reporting: Reporting) -> None:
    org = reporting.org
    report = _fill(reporting, reporting.report_a)
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    first = report.first_submitted_at
    with pytest.raises(ValidationError):
        services.report_return(acting_user=org.support_officer, report=report, comment="  ")
    report = services.report_return(acting_user=org.support_officer, report=report, comment="Bổ sung số liệu")
    assert report.status == ReportStatus.RETURNED and report.review_comment == "Bổ sung số liệu"
    report = _fill(reporting, report)
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    assert report.first_submitted_at == first
    assert report.submitted_at is not None and first is not None and report.submitted_at > first


def test_it_refuses_to_submit_with_an_empty_section(reporting: Reporting) -> None:
    report = reporting.report_a
    with pytest.raises(ValidationError):
        services.report_submit(
            acting_user=reporting.org.committee_officer, report=report, expected_version=report.version
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_second_editor_is_told_and_nothing_is_lost(reporting: Reporting) -> None:
    org = reporting.org
    opened = reporting.report_a.version
    first = UnitReport.objects.get(pk=reporting.report_a.pk)
    second = UnitReport.objects.get(pk=reporting.report_a.pk)
    services.report_save(
        acting_user=org.committee_officer, report=first, expected_version=opened, narrative={"results": "Bản của Bình"}
    )
    with pytest.raises(ConflictError):
        services.report_save(
            acting_user=org.support_officer, report=second, expected_version=opened, narrative={"results": "Bản của An"}
        )
    stored = UnitReport.objects.get(pk=reporting.report_a.pk)
    assert stored.narrative["results"] == "Bản của Bình"
    assert stored.version == opened + 1


def test_only_the_issuing_unit_accepts_and_an_outsider_is_not_found(reporting: Reporting) -> None:
    org = reporting.org
    report = _fill(reporting, reporting.report_a)
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    with pytest.raises(Http404):
        services.report_accept(acting_user=org.outsider, report=report)
    with pytest.raises(PermissionDenied):
        services.report_accept(acting_user=org.committee_officer, report=report)
    with pytest.raises(Http404):
        services.report_save(
            acting_user=org.outsider, report=report, expected_version=report.version, narrative=NARRATIVE
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_submitted_report_cannot_be_accepted_twice(reporting: Reporting) -> None:
    org = reporting.org
    report = _fill(reporting, reporting.report_a)
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    stale = UnitReport.objects.get(pk=report.pk)
    services.report_accept(acting_user=org.support_officer, report=report)
    with pytest.raises(ValidationError):
        services.report_return(acting_user=org.support_officer, report=stale, comment="Muộn")
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_a_manual_figure_cannot_overwrite_a_computed_one(reporting: Reporting) -> None:
    report = reporting.report_a
    with pytest.raises(ValidationError):
        services.report_save(
            acting_user=reporting.org.committee_officer,
            report=report,
            expected_version=report.version,
            narrative=NARRATIVE,
            manual_values={"topic_meetings": 99},
        )
    report.refresh_from_db()
    assert report.values["topic_meetings"] == 3


def test_refreshing_the_figures_reads_records_added_since(reporting: Reporting) -> None:
    from tests.reports.factories import meeting

    org = reporting.org
    report = _fill(reporting, reporting.report_a)
    meeting(org.cell_a2, dt.date(2015, 11, 5))
    report = services.report_refresh_figures(
        acting_user=org.committee_officer, report=report, expected_version=report.version
    )
    assert report.values["topic_meetings"] == 4
    assert report.values["propaganda_articles"] == 12


def test_a_grassroots_cycle_of_a_committee_reaches_its_own_subtree_only(org: Org) -> None:
    make_unit(org.committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, code="gr-a3")
    cycle = _open(
        org,
        make_template(),
        acting_user=org.committee_officer,
        issuing_unit=org.committee_a,
        assigned_kind=UnitKind.GRASSROOTS_COMMITTEE,
    )
    assert sorted(cycle.reports.values_list("unit__code", flat=True)) == ["gr-a1", "gr-a3"]
