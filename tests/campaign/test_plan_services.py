from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lamtheo.accounts.models import AuditEntry
from lamtheo.campaign import services
from lamtheo.campaign.models import PlanDocument, YearPlan
from lamtheo.campaign.selectors.plans import current_plan_for_unit, plan_for_unit
from lamtheo.campaign.uploads import MAX_UPLOAD_BYTES
from lamtheo.lib.errors import ConflictError
from tests.campaign.conftest import Campaign
from tests.campaign.factories import docx_bytes, pdf_bytes, png_bytes, xlsx_bytes, zip_bytes


def test_a_committee_adopts_the_blocs_plan_and_cells_see_its_topic(campaign: Campaign) -> None:
    org = campaign.org
    assert campaign.committee_plan.parent_plan == campaign.bloc_plan
    assert campaign.committee_plan.topic_title == campaign.bloc_plan.topic_title
    assert plan_for_unit(org.cell_a1a, campaign.year) == campaign.committee_plan
    assert plan_for_unit(org.cell_b1, campaign.year) == campaign.bloc_plan
    assert current_plan_for_unit(org.cell_a1a, dt.date(campaign.year, 6, 1)) == campaign.committee_plan


def test_it_refuses_a_second_plan_for_the_same_unit_programme_and_year(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_adopt(acting_user=None, unit=campaign.org.committee_a, parent_plan=campaign.bloc_plan)
    assert YearPlan.objects.filter(unit=campaign.org.committee_a).count() == 1


def test_a_unit_cannot_adopt_a_plan_from_another_branch(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="above it"):
        services.plan_adopt(acting_user=None, unit=campaign.org.committee_b, parent_plan=campaign.committee_plan)


def test_only_those_who_capture_on_the_unit_create_or_adopt_plans(campaign: Campaign) -> None:
    org = campaign.org
    with pytest.raises(PermissionDenied):
        services.plan_adopt(acting_user=org.viewer, unit=org.committee_a, parent_plan=campaign.plan_2016)
    with pytest.raises(Http404):
        services.plan_adopt(acting_user=org.outsider, unit=org.committee_a, parent_plan=campaign.plan_2016)
    plan = services.plan_adopt(acting_user=org.committee_officer, unit=org.committee_a, parent_plan=campaign.plan_2016)
    assert AuditEntry.objects.filter(action="plan.adopt", object_id=str(plan.pk), actor=org.committee_officer).exists()


def test_a_plan_year_must_lie_in_the_programmes_period(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="outside the period"):
        services.plan_create(
            acting_user=None, unit=campaign.org.bloc, programme=campaign.programme, year=2009, topic_title="X"
        )


def test_a_task_due_outside_the_plans_year_is_refused(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="outside the plan's year"):
        services.plan_task_add(acting_user=None, plan=campaign.plan_2016, title="Tổng kết", due_on=dt.date(2017, 1, 5))
    task = services.plan_task_add(
        acting_user=None, plan=campaign.plan_2016, title="Tổng kết", due_on=dt.date(2016, 12, 5)
    )
    services.plan_task_set_status(acting_user=None, task=task, status="done")
    task.refresh_from_db()
    assert task.status == "done"


def test_two_editors_of_a_plan_the_second_is_told_to_reload(campaign: Campaign) -> None:
    plan = campaign.bloc_plan
    opened = plan.version
    services.plan_update(acting_user=None, plan=plan, expected_version=opened, topic_title="Mới", goals="")
    with pytest.raises(ConflictError):
        services.plan_update(acting_user=None, plan=plan, expected_version=opened, topic_title="Khác", goals="")
    plan.refresh_from_db()
    assert plan.topic_title == "Mới"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("ke-hoach.pdf", pdf_bytes(), "pdf"),
        ("ke-hoach.docx", docx_bytes(), "docx"),
        ("chi-tieu.xlsx", xlsx_bytes(), "xlsx"),
        ("anh.png", png_bytes(), "png"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "jpeg"),
    ],
)
def test_accepted_documents_are_stored_with_their_type(
    campaign: Campaign, name: str, content: bytes, kind: str
) -> None:
    document = services.plan_document_add(
        acting_user=campaign.org.support_officer,
        plan=campaign.bloc_plan,
        title="",
        upload=SimpleUploadedFile(name, content),
    )
    assert document.kind == kind
    assert document.size == len(content)
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_a_stored_docx_and_xlsx_open_and_read_back(campaign: Campaign) -> None:
    from docx import Document
    from openpyxl import load_workbook

    docx = services.plan_document_add(
        acting_user=None,
        plan=campaign.bloc_plan,
        title="KH",
        upload=SimpleUploadedFile("kh.docx", docx_bytes("Chuyên đề 2016")),
    )
    xlsx = services.plan_document_add(
        acting_user=None,
        plan=campaign.bloc_plan,
        title="CT",
        upload=SimpleUploadedFile("ct.xlsx", xlsx_bytes("Chỉ tiêu 63/63")),
    )
    with docx.file.open("rb") as handle:
        assert Document(handle).paragraphs[0].text == "Chuyên đề 2016"
    with xlsx.file.open("rb") as handle:
        sheet = load_workbook(handle).active
        assert sheet is not None and sheet["A1"].value == "Chỉ tiêu 63/63"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf"),  # the name lies about the content
        ("anh.pdf", png_bytes()),  # a real PNG under a PDF name
        ("goi.docx", zip_bytes()),  # a zip that is not an Office document
        ("ghi-chu.txt", b"plain text"),
        ("rong.pdf", b""),
    ],
)
def test_it_refuses_a_file_of_the_wrong_type_and_stores_nothing(campaign: Campaign, name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        services.plan_document_add(
            acting_user=None, plan=campaign.bloc_plan, title="", upload=SimpleUploadedFile(name, content)
        )
    assert not PlanDocument.objects.exists()


def test_it_refuses_a_file_over_ten_megabytes(campaign: Campaign) -> None:
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="too large"):
        services.plan_document_add(acting_user=None, plan=campaign.bloc_plan, title="", upload=big)
    assert not PlanDocument.objects.exists()


def test_holidays_are_edited_by_the_support_unit_only(campaign: Campaign) -> None:
    org = campaign.org
    holiday = services.holiday_add(acting_user=org.support_officer, day=dt.date(2016, 5, 19), name="Ngày sinh Bác")
    with pytest.raises(PermissionDenied):
        services.holiday_add(acting_user=org.committee_officer, day=dt.date(2016, 9, 2), name="Quốc khánh")
    with pytest.raises(ValidationError, match="already on the list"):
        services.holiday_add(acting_user=org.support_officer, day=dt.date(2016, 5, 19), name="Ngày sinh Bác")
    services.holiday_delete(acting_user=org.support_officer, holiday=holiday)


def test_thresholds_are_percentages(campaign: Campaign) -> None:
    with pytest.raises(ValidationError):
        services.threshold_set(
            acting_user=None,
            unit=campaign.org.bloc,
            year=2016,
            min_meeting_share=120,
            min_attendance=80,
            min_registration=80,
        )
