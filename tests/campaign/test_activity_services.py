from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lamtheo.campaign import services
from lamtheo.campaign.models import Activity, ActivityKind, Attendance
from lamtheo.campaign.services.activities import AttendanceEntry
from lamtheo.org.models import UnitKind
from tests.campaign.conftest import Campaign
from tests.campaign.factories import pdf_bytes, png_bytes, record_meeting
from tests.factories import make_person, make_unit


def test_a_secretary_records_a_meeting_with_attendance_per_person(campaign: Campaign) -> None:
    org = campaign.org
    today = timezone.localdate()
    activity = services.meeting_record(
        acting_user=org.cell_secretary,
        cell=org.cell_a1a,
        held_on=today,
        plan=campaign.committee_plan,
        attendance=[
            AttendanceEntry(org.member_person.pk, True),
            AttendanceEntry(campaign.old_member.pk, False, "Đi công tác"),
        ],
    )
    assert (activity.kind, activity.expected_count, activity.present_count) == (ActivityKind.CELL_MEETING, 2, 1)
    absent = Attendance.objects.get(activity=activity, present=False)
    assert absent.person == campaign.old_member and absent.absence_reason == "Đi công tác"
    assert activity.title == campaign.committee_plan.topic_title


def test_it_rejects_a_date_outside_the_plans_year(campaign: Campaign) -> None:
    with pytest.raises(ValidationError, match="outside the plan's year"):
        record_meeting(campaign.org.cell_a1a, campaign.plan_2016, dt.date(2015, 12, 30), [campaign.old_member], [])
    assert not Activity.objects.exists()


def test_it_rejects_attendance_for_someone_not_in_the_cell(campaign: Campaign) -> None:
    org = campaign.org
    stranger = make_person(org.cell_b1, given_name="Lạ", joined_on=dt.date(2010, 1, 1))
    with pytest.raises(ValidationError, match="Not members of") as error:
        record_meeting(org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, 1), [campaign.old_member, stranger], [])
    assert "Nguyễn Văn Lạ" in str(error.value)
    assert not Activity.objects.exists() and not Attendance.objects.exists()


def test_it_rejects_someone_who_joined_the_cell_after_the_meeting(campaign: Campaign) -> None:
    # The member persona joined today: in 2016 they were not yet in the cell.
    with pytest.raises(ValidationError, match="Not members of"):
        record_meeting(campaign.org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, 1), [campaign.org.member_person], [])


def test_it_rejects_a_meeting_in_the_future(campaign: Campaign) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        record_meeting(campaign.org.cell_a1a, campaign.committee_plan, tomorrow, [campaign.old_member], [])


def test_a_plan_of_another_branch_does_not_apply(campaign: Campaign) -> None:
    org = campaign.org
    member_b = make_person(org.cell_b1, given_name="Bé", joined_on=dt.date(2010, 1, 1))
    with pytest.raises(ValidationError, match="does not apply"):
        record_meeting(org.cell_b1, campaign.committee_plan, timezone.localdate(), [member_b], [])


def test_a_view_only_officer_cannot_record_a_meeting(campaign: Campaign) -> None:
    with pytest.raises(PermissionDenied):
        services.meeting_record(
            acting_user=campaign.org.viewer,
            cell=campaign.org.cell_a1a,
            held_on=dt.date(2016, 3, 1),
            plan=campaign.plan_2016,
            attendance=[AttendanceEntry(campaign.old_member.pk, True)],
        )


def test_a_youth_activity_is_co_organised_with_the_youth_union(campaign: Campaign) -> None:
    org = campaign.org
    youth_union = make_unit(org.bloc, kind=UnitKind.YOUTH_UNION, code="doan-khoi", name="Đoàn Khối")
    activity = services.activity_create(
        acting_user=org.support_officer,
        unit=org.bloc,
        kind=ActivityKind.YOUTH_ACTIVITY,
        held_on=dt.date(2016, 3, 26),
        title="Hội thi tìm hiểu",
        plan=campaign.plan_2016,
        co_organisers=[youth_union],
        present_count=320,
    )
    assert list(activity.co_organisers.all()) == [youth_union]


def test_holiday_propaganda_needs_a_holiday_of_the_same_year(campaign: Campaign) -> None:
    org = campaign.org
    with pytest.raises(ValidationError, match="holiday"):
        services.activity_create(
            acting_user=None, unit=org.committee_a, kind=ActivityKind.HOLIDAY_PROPAGANDA, held_on=dt.date(2016, 5, 18)
        )
    holiday = services.holiday_add(acting_user=None, day=dt.date(2015, 5, 19), name="Ngày sinh Bác")
    with pytest.raises(ValidationError, match="not in the year"):
        services.activity_create(
            acting_user=None,
            unit=org.committee_a,
            kind=ActivityKind.HOLIDAY_PROPAGANDA,
            held_on=dt.date(2016, 5, 18),
            holiday=holiday,
        )


def test_a_large_event_records_counts_and_refuses_more_present_than_expected(campaign: Campaign) -> None:
    org = campaign.org
    with pytest.raises(ValidationError, match="More people"):
        services.activity_create(
            acting_user=None,
            unit=org.committee_a,
            kind=ActivityKind.STUDY_SESSION,
            held_on=dt.date(2016, 4, 1),
            expected_count=100,
            present_count=120,
        )
    event = services.activity_create(
        acting_user=None,
        unit=org.committee_a,
        kind=ActivityKind.STUDY_SESSION,
        held_on=dt.date(2016, 4, 1),
        expected_count=120,
        present_count=100,
    )
    assert event.attendance_rate == pytest.approx(100 / 120)


def test_photos_must_be_images(campaign: Campaign) -> None:
    activity = record_meeting(campaign.org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, 1), [campaign.old_member], [])
    photo = services.activity_photo_add(
        acting_user=None, activity=activity, upload=SimpleUploadedFile("a.png", png_bytes())
    )
    assert photo.kind == "png"
    with pytest.raises(ValidationError, match="not an accepted type"):
        services.activity_photo_add(
            acting_user=None, activity=activity, upload=SimpleUploadedFile("a.pdf", pdf_bytes())
        )
    assert activity.photos.count() == 1
