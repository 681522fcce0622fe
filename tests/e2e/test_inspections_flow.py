"""The support unit plans inspections, records one with a good practice and a recommendation; the
inspected committee answers, the support unit closes it; a committee nominates, the support unit
decides, and the certificate downloads."""

from __future__ import annotations

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from lamtheo.inspections.models import Recommendation, RecommendationStatus
from lamtheo.org.models import SectorTag
from tests.conftest import PASSWORD, Org
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào", exact=False)).to_be_visible()


def test_plan_inspect_follow_up_nominate_decide_and_download(page: Page, live_server: object, org: Org) -> None:
    base = str(live_server)
    school = SectorTag.objects.create(code="school", name="Trường, học viện")
    org.committee_b.sector_tags.add(school)

    # The support unit plans the year.
    login(page, base, "an")
    page.goto(f"{base}/app/inspections/units/{org.bloc.code}/plans/new/")
    page.locator("[name=year]").fill("2016")
    page.get_by_label("Trường, học viện").check()
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("heading", name="Kế hoạch kiểm tra năm 2016")).to_be_visible()
    # Committee B is proposed first: never inspected and in a priority sector.
    expect(page.get_by_text("khối ưu tiên: Trường, học viện").first).to_be_visible()
    form = page.locator("form[action$='/items/']")
    form.get_by_label("Đơn vị").select_option(org.committee_a.code)
    form.get_by_label("Tháng").select_option("3")
    form.get_by_label("Lý do ưu tiên").fill("Chưa được kiểm tra từ năm 2013")
    form.get_by_role("button", name="Thêm vào kế hoạch").click()
    expect(page.get_by_text("Đã thêm đơn vị vào kế hoạch.")).to_be_visible()
    screenshot(page, "inspections-plan")

    # … records the visit with a good practice and a recommendation.
    page.get_by_role("link", name="Ghi nhận", exact=True).click()
    expect(page.get_by_role("heading", name="Ghi nhận cuộc kiểm tra")).to_be_visible()
    page.get_by_label("Ngày bắt đầu").fill("2016-03-10")
    page.get_by_label("Ngày kết thúc").fill("2016-03-11")
    page.get_by_label("Thành viên khác của đoàn").fill("Đ/c An, Bộ phận giúp việc")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận cuộc kiểm tra.")).to_be_visible()
    finding = page.locator("form[action$='/findings/']")
    finding.get_by_label("Loại kết luận").select_option("good_practice")
    finding.locator("[name=title]").fill("Sổ tay “Làm theo lời Bác” của đảng viên")
    finding.get_by_role("button", name="Thêm kết luận").click()
    expect(page.get_by_text("Đã thêm kết luận.")).to_be_visible()
    rec = page.locator("form[action$='/recommendations/']")
    rec.get_by_label("Kiến nghị").fill("Xây dựng kế hoạch thực hiện chuyên đề năm.")
    rec.locator("[name=due_date]").fill("2016-03-01")  # before the visit: refused, nothing saved
    rec.get_by_role("button", name="Thêm kiến nghị").click()
    expect(page.get_by_text("Hạn thực hiện không thể trước ngày kết thúc kiểm tra")).to_be_visible()
    assert not Recommendation.objects.exists()
    rec = page.locator("form[action$='/recommendations/']")
    expect(rec.get_by_label("Kiến nghị")).to_have_value("Xây dựng kế hoạch thực hiện chuyên đề năm.")
    rec.locator("[name=due_date]").fill("2016-05-31")
    rec.get_by_role("button", name="Thêm kiến nghị").click()
    expect(page.get_by_text("Đã thêm kiến nghị.")).to_be_visible()
    screenshot(page, "inspections-inspection")

    # The inspected committee answers …
    login(page, base, "binh")
    page.goto(f"{base}/app/inspections/recommendations/?status=overdue")
    expect(page.get_by_text("Xây dựng kế hoạch thực hiện chuyên đề năm.")).to_be_visible()
    page.get_by_label("Kết quả khắc phục của đơn vị").fill("Đảng ủy đã ban hành kế hoạch số 12-KH/ĐU.")
    page.get_by_role("button", name="Báo cáo", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận báo cáo khắc phục.")).to_be_visible()
    screenshot(page, "inspections-recommendation-answered")

    # … the support unit closes it, and sees the coverage board.
    login(page, base, "an")
    page.goto(f"{base}/app/inspections/recommendations/")
    page.get_by_role("button", name="Chấp nhận và kết thúc").click()
    expect(page.get_by_text("Đã kết thúc kiến nghị.")).to_be_visible()
    assert Recommendation.objects.get().status == RecommendationStatus.CLOSED
    page.goto(f"{base}/app/inspections/")
    page.get_by_role("link", name="Độ phủ").first.click()
    expect(page.get_by_test_id("coverage-headline")).to_have_text("1/2")
    expect(page.get_by_text("đơn vị đã được kiểm tra năm 2016")).to_be_visible()
    screenshot(page, "inspections-coverage")

    # The good practice is in the library, found without diacritics.
    page.goto(f"{base}/app/inspections/good-practices/?q=so+tay+lam+theo")
    expect(page.get_by_text("Sổ tay “Làm theo lời Bác” của đảng viên")).to_be_visible()

    # The support unit opens an occasion; committee A nominates one of its members.
    page.goto(f"{base}/app/recognition/units/{org.bloc.code}/occasions/new/")
    page.locator("[name=title]").fill("Năm 2016")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_text("Đã tạo đợt khen thưởng.")).to_be_visible()

    login(page, base, "binh")
    page.goto(f"{base}/app/units/{org.committee_a.code}/")
    page.get_by_role("link", name="Đề nghị khen thưởng").click()
    page.get_by_label("… hoặc cá nhân (số thẻ đảng viên)").fill(org.member_person.party_card_number or "")
    page.get_by_label("Hình thức đề nghị").select_option("certificate")
    page.get_by_label("Lý do và thành tích").fill("Có sáng kiến cải cách thủ tục hành chính.")
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect(page.get_by_text("Đã lưu đề nghị khen thưởng.")).to_be_visible()
    expect(page.get_by_text("Đã gửi", exact=True)).to_be_visible()

    # The support unit accepts and decides; the certificate downloads and names the member.
    login(page, base, "an")
    page.goto(f"{base}/app/recognition/occasions/")
    page.get_by_role("link", name="Năm 2016").click()
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_text("Đã chấp nhận đề nghị.")).to_be_visible()
    page.locator("[name=number]").fill("123-QĐ/ĐUK")
    page.locator("[name=signer_name]").fill("Nguyễn Văn Thành")
    page.locator("[name=signer_title]").fill("Phó Bí thư")
    page.locator("select[name=form]").select_option("certificate")
    screenshot(page, "recognition-occasion-decide")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.get_by_text("Đã ghi nhận quyết định.")).to_be_visible()
    screenshot(page, "recognition-decision")
    with page.expect_download() as info:
        page.get_by_role("link", name="Giấy khen").first.click()
    path = info.value.path()
    document = Document(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    assert any("Trần Văn Dũng" in p.text for p in document.paragraphs)
    assert info.value.suggested_filename.endswith(".docx")
