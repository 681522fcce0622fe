"""A reader comments on an article (a wrong challenge answer first), a moderator approves, the comment appears."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from lamtheo.accounts.models import Role
from lamtheo.accounts.services import role_grant
from lamtheo.portal.models import SiteSettings
from tests.conftest import PASSWORD, Org
from tests.e2e.conftest import screenshot
from tests.factories import make_user
from tests.portal.factories import make_article, make_category, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_cache(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path
    cache.clear()


def test_a_reader_comments_and_a_moderator_approves(page: Page, browser: Browser, live_server: Any, org: Org) -> None:
    base = str(live_server)
    moderator = make_user(username="kiemduyet", first_name="Thịnh", last_name="Vũ Đức")
    role_grant(acting_user=None, user=moderator, unit=org.bloc, role=Role.MODERATOR, can_view=False)
    SiteSettings.objects.get_or_create(singleton=1)
    category = make_category("Đảng Cộng sản", slug="dang-cong-san")
    article = make_article(
        title="Đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh trong Khối các cơ quan TƯ",
        lead="Bộ phận giúp việc thực hiện Chỉ thị 03-CT/TW đã tổng kết công tác năm 2015.",
        body="<p>Năm 2016, tăng cường tuyên truyền, biểu dương tấm gương “người tốt, việc tốt”.</p>",
        category=category,
    )
    make_comment(article, status="approved", title="Rất thiết thực", name="Nguyễn Văn Hùng")

    page.goto(f"{base}{article.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Ý kiến bạn đọc")).to_be_visible()
    page.get_by_label("Tiêu đề (*)").fill("Mong được nhân rộng")
    page.get_by_label("Họ tên (*)").fill("Trần Thị Lan")
    page.get_by_label("Email (*)").fill("lan@example.vn")
    page.get_by_label("Nội dung (*)").fill("Đề nghị đăng nhiều hơn những tấm gương người tốt, việc tốt.")
    page.get_by_label("Tôi đã xem Quy định ứng xử").check()
    page.get_by_label("(Nhập tên logo bằng chữ thường)").fill("LAMTHEO")
    page.get_by_role("button", name="Gửi ý kiến").click()

    expect(page.get_by_text("Tên logo chưa đúng.")).to_be_visible()
    expect(page.get_by_label("Tiêu đề (*)")).to_have_value("Mong được nhân rộng")
    expect(page.get_by_label("Nội dung (*)")).to_have_value(
        "Đề nghị đăng nhiều hơn những tấm gương người tốt, việc tốt."
    )
    screenshot(page, "portal-comment-wrong-answer")
    page.get_by_label("(Nhập tên logo bằng chữ thường)").fill("lamtheo")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_text("Ý kiến của bạn đã được tiếp nhận và đang chờ Ban Biên tập duyệt.")).to_be_visible()
    expect(page.get_by_text("Mong được nhân rộng")).to_have_count(0)

    staff = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    moderator_page = staff.new_page()
    moderator_page.goto(f"{base}/accounts/login/?next=/bien-tap/binh-luan/")
    moderator_page.get_by_label("Tên đăng nhập").fill("kiemduyet")
    moderator_page.get_by_label("Mật khẩu").fill(PASSWORD)
    moderator_page.get_by_role("button", name="Đăng nhập").click()
    expect(moderator_page.get_by_role("heading", name="Quản trị cổng thông tin")).to_be_visible()
    expect(moderator_page.get_by_text("lan@example.vn", exact=False)).to_be_visible()
    screenshot(moderator_page, "portal-moderation-queue")
    moderator_page.get_by_label("Chọn Mong được nhân rộng").check()
    moderator_page.get_by_role("button", name="Duyệt đăng").click()
    expect(moderator_page.get_by_text("Đã cập nhật 1 ý kiến.")).to_be_visible()
    staff.close()

    page.goto(f"{base}{article.get_absolute_url()}")
    expect(page.get_by_text("Mong được nhân rộng")).to_be_visible()
    expect(page.get_by_text("Trần Thị Lan")).to_be_visible()
    expect(page.get_by_text("lan@example.vn")).to_have_count(0)
    screenshot(page, "portal-article-page")
