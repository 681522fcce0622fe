"""The reporting cycle end to end: the Bloc opens a cycle; Committee A's officer fills and submits its
report; the Bloc returns it with a comment, the officer fixes and resubmits it, the Bloc accepts it;
the Bloc's dashboard shows the branch complete; the Bloc drafts the review and downloads the DOCX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from lamtheo.ops.jobs import run_next
from tests.conftest import PASSWORD, Org
from tests.e2e.conftest import screenshot
from tests.reports.conftest import add_records
from tests.reports.factories import make_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào", exact=False)).to_be_visible()


def test_a_cycle_from_opening_to_the_review_document(
    page: Page, browser: Browser, live_server: object, org: Org, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    base = str(live_server)
    add_records(org)
    make_template()

    # The Bloc's support unit opens the 2015 cycle for the directly subordinate committees.
    login(page, base, "an")
    page.goto(f"{base}/app/units/{org.bloc.code}/")
    page.get_by_role("link", name="Mở đợt báo cáo").click()
    page.get_by_label("Tiêu đề").fill("Báo cáo kết quả năm 2015")
    page.get_by_label("Mẫu báo cáo").select_option(label="Báo cáo năm")
    page.get_by_label("Từ ngày").fill("2015-01-01")
    page.get_by_label("Đến ngày").fill("2015-12-31")
    page.get_by_label("Hạn gửi").fill("2015-12-15")
    screenshot(page, "reports-cycle-form")
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    expect(page.get_by_role("heading", name="Báo cáo kết quả năm 2015")).to_be_visible()
    expect(page.locator("#completeness")).to_contain_text("0/2")
    cycle_url = page.url

    # Committee A's officer fills the narrative and submits.
    officer_context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    officer = officer_context.new_page()
    login(officer, base, "binh")
    officer.goto(f"{base}/app/reports/")
    officer.get_by_role("link", name="Báo cáo kết quả năm 2015").first.click()
    expect(officer.get_by_role("heading", name="Đảng ủy Bộ A")).to_be_visible()
    expect(officer.locator("#figures")).to_contain_text("Sinh hoạt chi bộ theo chuyên đề")
    for label in ("Kết quả đạt được", "Hạn chế, khuyết điểm", "Nguyên nhân", "Bài học kinh nghiệm"):
        officer.get_by_label(label).fill(f"{label} của Đảng ủy Bộ A trong năm 2015.")
    officer.get_by_label("Phương hướng, nhiệm vụ kỳ tới").fill("Tăng cường kiểm tra, giám sát.")
    officer.get_by_label("Bài viết tuyên truyền").fill("14")
    screenshot(officer, "reports-report-form")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.get_by_text("Đã gửi báo cáo.")).to_be_visible()

    # The Bloc sees the count change and returns the report with a comment.
    page.goto(cycle_url)
    expect(page.locator("#completeness")).to_contain_text("1/2")
    screenshot(page, "reports-cycle-completeness")
    page.get_by_role("link", name="Đảng ủy Bộ A").first.click()
    page.get_by_label("Nội dung cần bổ sung, sửa chữa").fill("Bổ sung kết quả kiểm tra tại Cục A1.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.get_by_text("Đã trả lại báo cáo cho đơn vị")).to_be_visible()

    # The officer sees why, fixes and resubmits.
    officer.reload()
    expect(officer.get_by_text("Bổ sung kết quả kiểm tra tại Cục A1.")).to_be_visible()
    screenshot(officer, "reports-report-returned")
    officer.get_by_label("Kết quả đạt được").fill("Đã kiểm tra Cục A1: phát hiện một cách làm hay.")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    officer_context.close()

    # The Bloc accepts it: the report is locked.
    page.reload()
    page.get_by_role("button", name="Tiếp nhận báo cáo").click()
    expect(page.get_by_text("Đã tiếp nhận: báo cáo đã khóa.")).to_be_visible()
    screenshot(page, "reports-report-accepted")

    # The dashboard, its figures recomputed by the background job, shows branch A complete.
    page.goto(f"{base}/app/reports/units/{org.bloc.code}/dashboard/2015/")
    page.get_by_role("button", name="Tính lại số liệu").click()
    job = run_next()
    assert job is not None and job.status == "done", job and job.error
    page.goto(f"{base}/app/reports/units/{org.bloc.code}/dashboard/2015/")
    row = page.locator("#by-unit tr", has_text="Đảng ủy Bộ A")
    expect(row).to_contain_text("1/1")
    expect(page.locator("#reporting")).to_contain_text("1/2")
    expect(page.locator("#glance")).to_contain_text("1/2")  # subordinate committees inspected
    for image in page.locator("img.lt-chart").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("i => i.naturalWidth") > 100
    screenshot(page, "reports-dashboard-bloc")

    # The review: drafted from the data and the accepted report, then downloaded as DOCX.
    page.goto(cycle_url)
    page.get_by_role("link", name="Dự thảo báo cáo tổng kết").click()
    page.get_by_label("Số, ký hiệu").fill("12-BC/ĐUK")
    page.get_by_label("Ngày").fill("2016-01-04")
    page.get_by_role("button", name="Lập dự thảo").click()
    expect(page.get_by_text("Đã lập dự thảo báo cáo tổng kết")).to_be_visible()
    screenshot(page, "reports-review-draft")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về (.docx)").click()
    target = tmp_path / "review.docx"
    download_info.value.save_as(target)
    text = "\n".join(p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "BÁO CÁO" in text
    assert "Đã kiểm tra Cục A1: phát hiện một cách làm hay." in text
