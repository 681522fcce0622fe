"""A committee officer logs in, browses the tree, searches without diacritics and opens a unit."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, Org
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", name="Đăng nhập lamtheo")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_browses_searches_and_opens_a_unit(page: Page, live_server: object, org: Org) -> None:
    base = str(live_server)
    login(page, base, "binh")
    expect(page.get_by_role("heading", name="Xin chào, Bình")).to_be_visible()
    screenshot(page, "home-committee-officer")

    page.get_by_role("link", name="Tổ chức", exact=True).first.click()
    expect(page.get_by_role("heading", name="Cây tổ chức")).to_be_visible()
    # Expand the committee lazily, then the grassroots committee under it.
    page.locator("#kids-committee-a").locator("xpath=..").get_by_role("button", name="Mở rộng").click()
    expect(page.get_by_role("link", name="Đảng bộ Cục A1")).to_be_visible()
    page.locator("#kids-gr-a1").locator("xpath=..").get_by_role("button", name="Mở rộng").click()
    expect(page.get_by_role("link", name="Chi bộ Phòng Kiểm tra")).to_be_visible()
    # The other committee is outside this officer's scope and never shown.
    expect(page.get_by_text("Đảng ủy Bộ B")).to_have_count(0)
    screenshot(page, "tree-expanded")
    # A second click folds the branch away without reloading it; a third unfolds it.
    committee_toggle = page.locator("button[hx-target='#kids-committee-a']")
    committee_toggle.click()
    expect(page.get_by_role("link", name="Đảng bộ Cục A1")).to_be_hidden()
    committee_toggle.click()
    expect(page.get_by_role("link", name="Đảng bộ Cục A1")).to_be_visible()

    page.get_by_placeholder("Tìm đơn vị…").fill("kiem tra")
    result = page.locator("#search-list").get_by_role("link", name="Chi bộ Phòng Kiểm tra")
    expect(result).to_be_visible()
    screenshot(page, "tree-search-without-diacritics")
    result.click()

    expect(page.get_by_role("heading", name="Chi bộ Phòng Kiểm tra")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("link", name="Trần Văn Dũng")).to_be_visible()
    screenshot(page, "unit-page")


def test_outsider_cannot_open_another_subtree(page: Page, live_server: object, org: Org) -> None:
    base = str(live_server)
    login(page, base, "giang")
    expect(page.get_by_role("heading", name="Xin chào, Giang")).to_be_visible()
    response = page.goto(f"{base}/app/units/{org.cell_a1a.code}/")
    assert response is not None and response.status == 404


def test_the_unit_page_fits_a_phone(phone_page: Page, live_server: object, org: Org) -> None:
    base = str(live_server)
    login(phone_page, base, "chi")
    phone_page.goto(f"{base}/app/units/{org.cell_a1a.code}/")
    expect(phone_page.get_by_role("heading", name="Chi bộ Phòng Kiểm tra")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "unit-page-phone")
