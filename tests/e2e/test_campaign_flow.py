"""A cell secretary records a meeting on a phone; a member registers and self-assesses; the secretary evaluates;
the cell's progress page follows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lamtheo.campaign import services
from lamtheo.campaign.models import Commitment, Stage
from tests.conftest import Org
from tests.e2e.conftest import screenshot
from tests.e2e.test_browse_tree import login
from tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year(org: Org) -> int:
    this_year = timezone.localdate().year
    programme = services.programme_create(
        acting_user=None, code="05-ct-tw", title="Chỉ thị 05-CT/TW", issued_on=dt.date(2016, 5, 15)
    )
    plan = services.plan_create(
        acting_user=None,
        unit=org.bloc,
        programme=programme,
        year=this_year,
        topic_title="Học tập và làm theo phong cách, tác phong công tác của người đứng đầu",
    )
    services.plan_adopt(acting_user=None, unit=org.committee_a, parent_plan=plan)
    make_person(org.cell_a1a, family_name="Lê", middle_name="Thị", given_name="Hoa", joined_on=dt.date(2010, 1, 1))
    return this_year


def figure(page: Page, name: str) -> str:
    return page.locator(f"[data-figure='{name}']").inner_text()


def test_meeting_commitment_and_evaluation_move_the_progress_page(
    phone_page: Page, live_server: object, org: Org, year: int
) -> None:
    base = str(live_server)
    page = phone_page
    progress_url = f"{base}/app/campaign/units/{org.cell_a1a.code}/progress/{year}/"

    # The cell secretary, on a phone: nothing recorded yet.
    login(page, base, "chi")
    page.goto(progress_url)
    expect(
        page.get_by_role("heading", name=f"Tiến độ học tập và làm theo năm {year}: Chi bộ Phòng Kiểm tra")
    ).to_be_visible()
    assert figure(page, "meeting_share") == "0%"
    assert figure(page, "registration_share") == "0%"
    screenshot(page, "campaign-progress-cell-before")

    # Record a meeting: everyone is ticked; untick Hoa and say why.
    page.get_by_role("link", name="Ghi sinh hoạt chi bộ").first.click()
    expect(page.get_by_role("heading", name="Ghi sinh hoạt chi bộ")).to_be_visible()
    expect(page.get_by_label("Ngày")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("checkbox", name="Lê Thị Hoa").uncheck()
    page.get_by_label("Lý do vắng của Lê Thị Hoa").fill("Đi công tác")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "campaign-record-meeting-phone")
    page.get_by_role("button", name="Lưu buổi sinh hoạt").click()
    expect(page.get_by_text("Đã ghi buổi sinh hoạt: 1/2 đảng viên có mặt.")).to_be_visible()
    expect(page.get_by_role("cell", name="Đi công tác")).to_be_visible()
    screenshot(page, "campaign-meeting-recorded")
    page.context.clear_cookies()

    # The member registers their commitment and self-assesses, from their own page.
    login(page, base, "dung")
    page.goto(f"{base}/app/people/{org.member_person.code}/")
    page.get_by_role("link", name=f"Đăng ký cam kết năm {year}").click()
    page.get_by_label("Nội dung tôi đăng ký học tập và làm theo trong năm").fill(
        "Đọc và làm theo tác phẩm “Sửa đổi lối làm việc”\nĐúng giờ, đúng hẹn với nhân dân"
    )
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_text(f"Đã lưu cam kết năm {year}.")).to_be_visible()
    page.get_by_role("link", name="Tự đánh giá").click()
    page.get_by_role("textbox", name="Tự đánh giá").fill("Đã thực hiện đầy đủ hai nội dung đăng ký.")
    page.get_by_label("Hoàn thành tốt nhiệm vụ").check()
    screenshot(page, "campaign-self-assessment-phone")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu phần tự đánh giá.")).to_be_visible()
    screenshot(page, "campaign-commitment-self-assessed")
    page.context.clear_cookies()

    # The secretary evaluates from the cell's list.
    login(page, base, "chi")
    page.goto(f"{base}/app/campaign/units/{org.cell_a1a.code}/commitments/{year}/")
    page.get_by_role("link", name="Đánh giá").click()
    page.get_by_label("Hoàn thành xuất sắc nhiệm vụ").check()
    page.get_by_label("Nhận xét").fill("Gương mẫu, tận tụy.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu đánh giá của chi bộ.")).to_be_visible()
    screenshot(page, "campaign-cell-commitments")
    commitment = Commitment.objects.get(person=org.member_person, year=year)
    assert (commitment.stage, commitment.cell_rating) == (Stage.EVALUATED, "excellent")

    # The progress page now tells what happened.
    page.goto(progress_url)
    assert figure(page, "meeting_share") == "100%"
    assert figure(page, "attendance_rate") == "50%"
    assert figure(page, "registration_share") == "50%"
    assert figure(page, "self_assessed_share") == "50%"
    expect(page.locator("[data-rating='excellent']")).to_have_text("1")
    screenshot(page, "campaign-progress-cell-after")


def test_the_blocs_progress_page_drills_down_to_a_cell(page: Page, live_server: object, org: Org, year: int) -> None:
    base = str(live_server)
    login(page, base, "an")
    page.goto(f"{base}/app/campaign/units/{org.bloc.code}/progress/{year}/")
    expect(page.locator("#children").get_by_role("link", name="Đảng ủy Bộ A")).to_be_visible()
    page.locator("#children").get_by_role("link", name="Đảng ủy Bộ A").click()
    page.locator("#children").get_by_role("link", name="Đảng bộ Cục A1").click()
    page.locator("#children").get_by_role("link", name="Chi bộ Phòng Kiểm tra").click()
    expect(
        page.get_by_role("heading", name=f"Tiến độ học tập và làm theo năm {year}: Chi bộ Phòng Kiểm tra")
    ).to_be_visible()
    expect(page.locator("#members").get_by_text("Trần Văn Dũng")).to_be_visible()
    screenshot(page, "campaign-progress-drilldown-cell")
