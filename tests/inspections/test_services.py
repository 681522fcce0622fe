"""Inspection services: authority, bad input refused without a change, the follow-up of recommendations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lamtheo.accounts.models import AuditEntry
from lamtheo.inspections import services
from lamtheo.inspections.models import (
    Inspection,
    InspectionKind,
    InspectionPlan,
    Recommendation,
    RecommendationStatus,
)
from lamtheo.lib.errors import ConflictError
from lamtheo.org.models import UnitKind
from tests.conftest import Org
from tests.factories import make_person, make_unit
from tests.inspections.factories import make_finding, make_inspection, make_recommendation

pytestmark = pytest.mark.django_db


def test_it_records_an_inspection_with_its_team_and_an_audit_entry(org: Org) -> None:
    member = make_person(org.cell_a2, given_name="Hà", party_card_number="TD1")
    inspection = services.inspection_record(
        acting_user=org.committee_officer,
        inspecting_unit=org.committee_a,
        target=org.grassroots_a1,
        kind=InspectionKind.SUPERVISION,
        start_date=dt.date(2016, 4, 4),
        end_date=dt.date(2016, 4, 5),
        team=[member],
    )
    assert list(inspection.team.all()) == [member]
    assert AuditEntry.objects.filter(action="inspection.record", object_id=str(inspection.pk)).exists()


def test_it_refuses_to_inspect_a_unit_outside_the_inspecting_units_subtree(org: Org) -> None:
    with pytest.raises(ValidationError, match="not under"):
        make_inspection(org.committee_a, org.cell_b1)
    with pytest.raises(ValidationError, match="not under"):
        make_inspection(org.committee_a, org.committee_a)
    assert not Inspection.objects.exists()


def test_an_officer_cannot_inspect_for_a_unit_outside_their_scope(org: Org) -> None:
    with pytest.raises(Http404):
        services.inspection_record(
            acting_user=org.outsider,
            inspecting_unit=org.committee_a,
            target=org.cell_a2,
            kind=InspectionKind.INSPECTION,
            start_date=dt.date(2016, 1, 5),
            end_date=dt.date(2016, 1, 5),
        )
    with pytest.raises(PermissionDenied):
        services.inspection_record(
            acting_user=org.viewer,
            inspecting_unit=org.committee_a,
            target=org.cell_a2,
            kind=InspectionKind.INSPECTION,
            start_date=dt.date(2016, 1, 5),
            end_date=dt.date(2016, 1, 5),
        )
    assert not Inspection.objects.exists()


def test_it_refuses_an_inspection_ending_before_it_starts_or_of_a_closed_unit(org: Org) -> None:
    with pytest.raises(ValidationError, match="end before"):
        make_inspection(org.bloc, org.committee_a, dt.date(2016, 3, 3), days=-1)
    later = make_unit(org.committee_a, kind=UnitKind.CELL, active_from=dt.date(2017, 1, 1))
    with pytest.raises(ValidationError, match="not active"):
        make_inspection(org.bloc, later, dt.date(2016, 3, 3))


def test_a_team_member_must_belong_to_the_inspecting_unit(org: Org) -> None:
    stranger = make_person(org.cell_b1, given_name="Giao")
    with pytest.raises(ValidationError, match="does not belong"):
        services.inspection_record(
            acting_user=None,
            inspecting_unit=org.committee_a,
            target=org.cell_a2,
            kind=InspectionKind.INSPECTION,
            start_date=dt.date(2016, 1, 5),
            end_date=dt.date(2016, 1, 5),
            team=[stranger],
        )


def test_it_refuses_a_recommendation_due_before_the_inspection_ended(org: Org) -> None:
    inspection = make_inspection(org.bloc, org.committee_a, dt.date(2016, 3, 10), days=2)
    with pytest.raises(ValidationError, match="due date"):
        make_recommendation(inspection, due=dt.date(2016, 3, 11))
    assert not Recommendation.objects.exists()


def test_the_responsible_unit_must_be_the_inspected_unit_or_below_it(org: Org) -> None:
    inspection = make_inspection(org.bloc, org.committee_a)
    with pytest.raises(ValidationError, match="responsible unit"):
        services.recommendation_add(
            acting_user=None,
            inspection=inspection,
            text="Khắc phục",
            responsible_unit=org.committee_b,
            due_date=dt.date(2016, 6, 1),
        )


def test_the_inspected_unit_answers_and_the_inspector_closes(org: Org) -> None:
    inspection = make_inspection(org.bloc, org.committee_a)
    rec = make_recommendation(inspection)
    rec = services.recommendation_answer(
        acting_user=org.committee_officer, recommendation=rec, expected_version=1, answer="Đã ban hành kế hoạch."
    )
    assert rec.status == RecommendationStatus.ANSWERED
    assert rec.answered_by == org.committee_officer
    rec = services.recommendation_close(acting_user=org.support_officer, recommendation=rec, expected_version=2)
    assert rec.status == RecommendationStatus.CLOSED
    assert rec.closed_by == org.support_officer


def test_the_inspected_unit_cannot_close_and_the_inspector_cannot_answer(org: Org) -> None:
    rec = make_recommendation(make_inspection(org.bloc, org.committee_a))
    with pytest.raises(PermissionDenied):
        services.recommendation_answer(acting_user=org.viewer, recommendation=rec, expected_version=1, answer="x")
    with pytest.raises(Http404):
        services.recommendation_answer(acting_user=org.outsider, recommendation=rec, expected_version=1, answer="x")
    services.recommendation_answer(
        acting_user=org.committee_officer, recommendation=rec, expected_version=1, answer="x"
    )
    with pytest.raises(Http404):
        services.recommendation_close(acting_user=org.committee_officer, recommendation=rec, expected_version=2)


def test_an_open_recommendation_cannot_be_closed_and_a_closed_one_cannot_be_answered(org: Org) -> None:
    rec = make_recommendation(make_inspection(org.bloc, org.committee_a))
    with pytest.raises(ValidationError, match="answered"):
        services.recommendation_close(acting_user=None, recommendation=rec, expected_version=1)
    services.recommendation_answer(acting_user=None, recommendation=rec, expected_version=1, answer="Xong")
    services.recommendation_close(acting_user=None, recommendation=rec, expected_version=2)
    with pytest.raises(ValidationError, match="closed"):
        services.recommendation_answer(acting_user=None, recommendation=rec, expected_version=3, answer="Lại")


def test_a_stale_answer_is_refused_and_nothing_is_lost(org: Org) -> None:
    rec = make_recommendation(make_inspection(org.bloc, org.committee_a))
    stale = Recommendation.objects.get(pk=rec.pk)
    services.recommendation_answer(acting_user=None, recommendation=rec, expected_version=1, answer="Bản đầu")
    with pytest.raises(ConflictError):
        services.recommendation_answer(acting_user=None, recommendation=stale, expected_version=1, answer="Bản sau")
    assert Recommendation.objects.get(pk=rec.pk).answer == "Bản đầu"


def test_a_unit_has_one_plan_a_year(org: Org) -> None:
    services.plan_create(acting_user=org.support_officer, unit=org.bloc, year=2016)
    with pytest.raises(ValidationError, match="already has"):
        services.plan_create(acting_user=org.support_officer, unit=org.bloc, year=2016)
    assert InspectionPlan.objects.count() == 1


def test_a_plan_edit_on_a_stale_version_is_refused(org: Org) -> None:
    plan = services.plan_create(acting_user=None, unit=org.bloc, year=2016)
    kwargs = {"coverage_rule": "subordinate", "priority_sector_codes": [], "weak_units": [org.committee_b], "notes": ""}
    services.plan_update(acting_user=org.support_officer, plan=plan, expected_version=1, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ConflictError):
        services.plan_update(acting_user=org.support_officer, plan=plan, expected_version=1, **kwargs)  # type: ignore[arg-type]
    assert list(plan.weak_units.all()) == [org.committee_b]


def test_a_planned_visit_needs_a_unit_below_and_a_month_of_the_year(org: Org) -> None:
    plan = services.plan_create(acting_user=None, unit=org.committee_a, year=2016)
    with pytest.raises(ValidationError, match="not under"):
        services.planned_inspection_add(acting_user=None, plan=plan, target=org.cell_b1, month=3)
    with pytest.raises(ValidationError, match="month"):
        services.planned_inspection_add(acting_user=None, plan=plan, target=org.cell_a2, month=13)
    services.planned_inspection_add(acting_user=None, plan=plan, target=org.cell_a2, month=3)
    with pytest.raises(ValidationError, match="already in the plan"):
        services.planned_inspection_add(acting_user=None, plan=plan, target=org.cell_a2, month=5)


def test_a_planned_visit_must_be_carried_out_in_its_year(org: Org) -> None:
    plan = services.plan_create(acting_user=None, unit=org.bloc, year=2016)
    item = services.planned_inspection_add(acting_user=None, plan=plan, target=org.committee_a, month=3)
    with pytest.raises(ValidationError, match="must start in 2016"):
        services.inspection_record(
            acting_user=None,
            inspecting_unit=org.bloc,
            target=org.committee_a,
            kind=InspectionKind.INSPECTION,
            start_date=dt.date(2017, 1, 5),
            end_date=dt.date(2017, 1, 5),
            planned=item,
        )


def test_a_good_practice_is_stored_with_folded_text_for_search(org: Org) -> None:
    finding = make_finding(make_inspection(org.bloc, org.committee_a), "Sổ tay “Làm theo lời Bác”")
    assert "so tay" in finding.search_text
    assert "dang uy bo a" in finding.search_text


def test_documents_must_be_what_their_name_says(org: Org) -> None:
    inspection = make_inspection(org.bloc, org.committee_a)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="does not match"):
        services.document_attach(acting_user=None, inspection=inspection, title="Biên bản", upload=fake)
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="Only PDF"):
        services.document_attach(acting_user=None, inspection=inspection, title="", upload=exe)
    real = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    document = services.document_attach(acting_user=None, inspection=inspection, title="Biên bản", upload=real)
    assert document.content_type == "application/pdf"
    assert inspection.documents.count() == 1
