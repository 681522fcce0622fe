from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lamtheo.campaign.models import Activity, Attendance, Commitment, PlanDocument, Stage
from lamtheo.org.models import UnitKind
from tests.campaign.conftest import LONG_AGO, Campaign
from tests.campaign.factories import commitment_through, record_meeting
from tests.factories import make_person, make_unit


def test_the_meeting_screen_lists_the_cells_members_ticked_with_todays_date_and_topic(campaign: Campaign) -> None:
    org = campaign.org
    response = org.client_for(org.cell_secretary).get(f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/")
    html = response.content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert f'<option value="{campaign.committee_plan.code}" selected>' in html
    assert html.count('class="form-check-input lt-present" type="checkbox"') == 2
    assert f'name="present_{org.member_person.pk}" id="present_{org.member_person.pk}" checked' in html


def test_the_meeting_screen_lists_members_on_the_chosen_date(campaign: Campaign) -> None:
    org = campaign.org
    url = f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/?held_on=2016-03-01"
    html = org.client_for(org.cell_secretary).get(url).content.decode()
    assert "Lê Thị Hoa" in html and "Trần Văn Dũng" not in html  # Dũng joined the cell only now


def test_a_secretary_records_a_meeting_in_one_post(campaign: Campaign) -> None:
    org = campaign.org
    member, old = org.member_person, campaign.old_member
    response = org.client_for(org.cell_secretary).post(
        f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/",
        {
            "held_on": timezone.localdate().isoformat(),
            "plan": str(campaign.committee_plan.code),
            "place": "Phòng họp",
            "person": [member.pk, old.pk],
            f"present_{member.pk}": "on",
            f"reason_{old.pk}": "Nghỉ ốm",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/app/campaign/activities/{activity.code}/"
    assert (activity.expected_count, activity.present_count) == (2, 1)
    assert Attendance.objects.get(person=old).absence_reason == "Nghỉ ốm"


def test_a_meeting_with_a_stranger_is_refused_in_vietnamese_and_keeps_the_input(campaign: Campaign) -> None:
    org = campaign.org
    stranger = make_person(org.cell_b1, family_name="Phan", middle_name="Văn", given_name="Lạ", joined_on=LONG_AGO)
    response = org.client_for(org.cell_secretary).post(
        f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/",
        {
            "held_on": "2016-03-01",
            "plan": str(campaign.plan_2016.code),
            "place": "Phòng họp tầng 3",
            "person": [campaign.old_member.pk, stranger.pk],
            f"present_{campaign.old_member.pk}": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không phải đảng viên của Chi bộ Phòng Kiểm tra vào ngày 01/03/2016: Phan Văn Lạ." in html
    assert 'value="Phòng họp tầng 3"' in html
    assert not Activity.objects.exists()


def test_a_date_outside_the_plan_year_is_refused_in_vietnamese(campaign: Campaign) -> None:
    org = campaign.org
    response = org.client_for(org.cell_secretary).post(
        f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/",
        {"held_on": "2015-06-01", "plan": str(campaign.plan_2016.code), "person": [campaign.old_member.pk]},
    )
    assert "nằm ngoài năm 2016 của kế hoạch" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_member_registers_and_self_assesses_through_the_pages(campaign: Campaign) -> None:
    org = campaign.org
    client = org.client_for(org.member)
    url = f"/app/campaign/people/{org.member_person.code}/commitments/2016/"
    response = client.post(url, {"items": "Đọc sách về Bác\nĐúng giờ\n"})
    commitment = Commitment.objects.get(person=org.member_person)
    assert response.status_code == 302 and commitment.items == ["Đọc sách về Bác", "Đúng giờ"]
    second = client.post(url, {"items": "Khác", "version": ""})
    assert second.status_code == 200 and "Ai đó đã lưu" in second.content.decode()
    response = client.post(
        f"/app/campaign/commitments/{commitment.code}/self-assess/",
        {"version": commitment.version, "self_assessment": "Đã làm tốt", "self_rating": "good"},
    )
    commitment.refresh_from_db()
    assert response.status_code == 302 and commitment.stage == Stage.SELF_ASSESSED
    # A member may not evaluate their own commitment.
    assert client.get(f"/app/campaign/commitments/{commitment.code}/evaluate/").status_code == 403


def test_the_person_page_shows_commitments_and_the_members_own_buttons(campaign: Campaign) -> None:
    org = campaign.org
    commitment_through(org.member_person, 2015, stage="approved", rating="excellent")
    own = org.client_for(org.member).get(f"/app/people/{org.member_person.code}/").content.decode()
    assert "Cam kết và xếp loại" in own and "Hoàn thành xuất sắc nhiệm vụ" in own
    assert f"/app/campaign/people/{org.member_person.code}/commitments/{campaign.year}/" in own
    other = org.client_for(org.viewer).get(f"/app/people/{org.member_person.code}/").content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in other
    assert f"/app/campaign/people/{org.member_person.code}/commitments/{campaign.year}/" not in other


def test_an_edit_after_the_lock_is_refused_and_changes_nothing(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(org.member_person, 2016, stage="approved")
    response = org.client_for(org.cell_secretary).post(
        f"/app/campaign/commitments/{c.code}/evaluate/", {"version": c.version, "cell_rating": "not_complete"}
    )
    assert "đã được đảng ủy phê duyệt và đã khóa" in response.content.decode()
    c.refresh_from_db()
    assert c.cell_rating == "good"


def test_the_committee_approves_from_the_cells_list(campaign: Campaign) -> None:
    org = campaign.org
    c = commitment_through(campaign.old_member, 2016, stage="evaluated")
    page = org.client_for(org.committee_officer).get(f"/app/campaign/units/{org.cell_a1a.code}/commitments/2016/")
    assert "Phê duyệt 1 cam kết đã đánh giá" in page.content.decode()
    secretary_page = org.client_for(org.cell_secretary).get(
        f"/app/campaign/units/{org.cell_a1a.code}/commitments/2016/"
    )
    assert "Phê duyệt" not in secretary_page.content.decode()
    org.client_for(org.committee_officer).post(f"/app/campaign/units/{org.cell_a1a.code}/commitments/2016/approve/")
    c.refresh_from_db()
    assert c.is_locked


def test_a_wrong_upload_is_refused_with_a_vietnamese_message(campaign: Campaign) -> None:
    org = campaign.org
    response = org.client_for(org.committee_officer).post(
        f"/app/campaign/plans/{campaign.committee_plan.code}/documents/",
        {"title": "KH", "file": SimpleUploadedFile("ke-hoach.pdf", b"not really a pdf")},
    )
    assert response.status_code == 400
    assert "không thuộc loại được chấp nhận" in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_a_committee_adopts_the_plan_from_its_plans_page(campaign: Campaign) -> None:
    org = campaign.org
    client = org.client_for(org.committee_officer)
    page = client.get(f"/app/campaign/units/{org.committee_a.code}/plans/").content.decode()
    assert f"/plans/adopt/{campaign.plan_2016.code}/" in page
    response = client.post(f"/app/campaign/units/{org.committee_a.code}/plans/adopt/{campaign.plan_2016.code}/")
    assert response.status_code == 302
    assert org.committee_a.year_plans.filter(year=2016, parent_plan=campaign.plan_2016).exists()


def test_the_progress_page_costs_the_same_whatever_the_number_of_children(campaign: Campaign) -> None:
    org = campaign.org
    client = org.client_for(org.support_officer)
    url = f"/app/campaign/units/{org.bloc.code}/progress/2016/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    before = count()
    for n in range(5):
        committee = make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name=f"Đảng ủy {n}")
        cell = make_unit(committee, kind=UnitKind.CELL)
        person = make_person(cell, given_name=f"Người{n}", joined_on=LONG_AGO)
        record_meeting(cell, campaign.plan_2016, dt.date(2016, 4, 4), [person], [])
        commitment_through(person, 2016, stage="registered")
    assert count() == before


def test_the_activities_list_costs_the_same_whatever_the_number_of_rows(campaign: Campaign) -> None:
    org = campaign.org
    client = org.client_for(org.committee_officer)
    url = f"/app/campaign/units/{org.committee_a.code}/activities/"
    record_meeting(org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, 1), [campaign.old_member], [])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for day in range(2, 8):
        record_meeting(org.cell_a1a, campaign.plan_2016, dt.date(2016, 3, day), [campaign.old_member], [])
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second.captured_queries) == len(first.captured_queries)


def test_unit_links_and_the_home_section(campaign: Campaign) -> None:
    org = campaign.org
    secretary = org.client_for(org.cell_secretary)
    unit_page = secretary.get(f"/app/units/{org.cell_a1a.code}/").content.decode()
    assert f"/app/campaign/units/{org.cell_a1a.code}/meetings/new/" in unit_page
    assert f"/app/campaign/units/{org.cell_a1a.code}/progress/" in unit_page
    viewer_page = org.client_for(org.viewer).get(f"/app/units/{org.cell_a1a.code}/").content.decode()
    assert "/meetings/new/" not in viewer_page
    home = secretary.get("/app/").content.decode()
    assert "Chuyên đề năm nay" in home
    member_home = org.client_for(org.member).get("/app/").content.decode()
    assert "Cam kết của tôi năm" in member_home


@pytest.mark.parametrize("year", [2016])
def test_the_progress_page_flags_weak_units_with_reasons(campaign: Campaign, year: int) -> None:
    org = campaign.org
    record_meeting(
        org.cell_b1,
        campaign.plan_2016,
        dt.date(year, 3, 1),
        [make_person(org.cell_b1, given_name="B", joined_on=LONG_AGO)],
        [],
    )
    client = org.client_for(org.support_officer)
    client.post(
        f"/app/campaign/units/{org.bloc.code}/thresholds/{year}/",
        {"min_meeting_share": 75, "min_attendance": 80, "min_registration": 0},
    )
    html = client.get(f"/app/campaign/units/{org.bloc.code}/progress/{year}/").content.decode()
    assert "Yếu kém" in html and "chi bộ sinh hoạt chuyên đề 0% &lt; 75%" in html
