"""The reader-comment form: every bad input gets a Vietnamese message keeping what was typed; bots get silence."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lamtheo.portal import services
from lamtheo.portal.models import ArticleStatus, Comment, SiteSettings
from tests.portal.conftest import Portal


def _post(portal: Portal, client: Client | None = None, **overrides: str) -> tuple[int, str]:
    client = client or Client()
    url = f"/tin/{portal.article.slug}/binh-luan/"
    response = client.post(url, portal.valid_comment(**overrides))
    return response.status_code, response.content.decode()


def test_the_form_has_the_seed_pages_fields(portal: Portal) -> None:
    html = Client().get(portal.article.get_absolute_url()).content.decode()
    for label in (
        "Tiêu đề (*)",
        "Họ tên (*)",
        "Email (*)",
        "Nội dung (*)",
        "Tôi đã xem Quy định ứng xử",
        "(Nhập tên logo bằng chữ thường)",
    ):
        assert label in html
    assert 'href="/quy-dinh-ung-xu/"' in html
    assert 'src="/logo.svg"' in html
    assert 'name="website"' in html


def test_a_good_comment_is_stored_for_moderation_and_the_reader_is_told(portal: Portal) -> None:
    client = Client()
    response = client.post(f"/tin/{portal.article.slug}/binh-luan/", portal.valid_comment())
    assert response.status_code == 302
    assert response["Location"].endswith("?da-gui=1#binh-luan")
    comment = Comment.objects.get()
    assert (comment.status, comment.email, comment.ip_address) == ("pending", "bandoc@example.vn", "127.0.0.1")
    page = client.get(response["Location"]).content.decode()
    assert "đang chờ Ban Biên tập duyệt" in page
    assert "Ý kiến của tôi" not in page  # not shown before approval


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Vui lòng nhập tiêu đề."),
        ({"name": "  "}, "Vui lòng nhập họ tên."),
        ({"email": ""}, "Vui lòng nhập địa chỉ email."),
        ({"body": ""}, "Vui lòng nhập nội dung ý kiến."),
        ({"title": "x" * 201}, "Tiêu đề quá dài (tối đa 200 ký tự)."),
        ({"name": "x" * 101}, "Họ tên quá dài (tối đa 100 ký tự)."),
        ({"body": "x" * 3001}, "Nội dung quá dài (tối đa 3000 ký tự)."),
        ({"email": "khong-phai-email"}, "Địa chỉ email không hợp lệ."),
        ({"challenge": "dukcqtw"}, "Tên logo chưa đúng."),
        ({"challenge": "LAMTHEO"}, "Tên logo chưa đúng."),
        ({"challenge": ""}, "Vui lòng nhập tên logo bằng chữ thường."),
        ({"conduct": ""}, "Vui lòng xác nhận bạn đã xem Quy định ứng xử."),
    ],
    ids=[
        "empty-title",
        "blank-name",
        "empty-email",
        "empty-body",
        "long-title",
        "long-name",
        "long-body",
        "bad-email",
        "wrong-answer",
        "upper-case-answer",
        "no-answer",
        "box-not-ticked",
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(
    portal: Portal, overrides: dict[str, str], message: str
) -> None:
    data: dict[str, Any] = {"title": "Tiêu đề giữ lại", "body": "Nội dung giữ lại"}
    data.update(overrides)
    status, html = _post(portal, **data)
    assert status == 400
    assert message in html
    assert "Ý kiến của bạn chưa được gửi" in html
    if "title" not in overrides:
        assert 'value="Tiêu đề giữ lại"' in html
    if "body" not in overrides:
        assert "Nội dung giữ lại</textarea>" in html
    assert Comment.objects.count() == 0


def test_a_filled_honeypot_is_refused_silently(portal: Portal) -> None:
    response = Client().post(f"/tin/{portal.article.slug}/binh-luan/", portal.valid_comment(website="http://spam"))
    assert response.status_code == 302
    assert "da-gui=1" in response["Location"]
    assert Comment.objects.count() == 0


def test_a_flood_from_one_address_is_stopped_with_a_message(portal: Portal) -> None:
    SiteSettings.objects.update(rate_limit_per_ip=2)
    client = Client()
    for n in range(2):
        assert _post(portal, client, email=f"a{n}@example.vn")[0] == 302
    status, html = _post(portal, client, email="b@example.vn", title="Lần thứ ba")
    assert status == 400
    assert "Bạn đã gửi quá nhiều ý kiến" in html
    assert 'value="Lần thứ ba"' in html
    assert Comment.objects.count() == 2


def test_a_closed_thread_refuses_comments(portal: Portal) -> None:
    services.article_thread_set_closed(acting_user=None, article=portal.article, closed=True)
    status, html = _post(portal)
    assert status == 400
    assert "Bài viết này đã khóa ý kiến bạn đọc." in html
    assert Comment.objects.count() == 0


def test_a_withdrawn_article_refuses_comments_and_gives_back_the_text(portal: Portal) -> None:
    services.article_set_status(acting_user=None, article=portal.article, status=ArticleStatus.WITHDRAWN)
    status, html = _post(portal, body="Điều tôi muốn nói")
    assert status == 410
    assert "Bài viết này không còn được đăng" in html
    assert "Điều tôi muốn nói" in html
    assert Comment.objects.count() == 0


def test_an_unknown_article_is_404(portal: Portal) -> None:
    assert Client().post("/tin/khong-co/binh-luan/", portal.valid_comment()).status_code == 404


def test_the_form_is_protected_against_cross_site_posts(portal: Portal) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/tin/{portal.article.slug}/binh-luan/", portal.valid_comment())
    assert response.status_code == 403
    page = client.get(portal.article.get_absolute_url()).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(
        f"/tin/{portal.article.slug}/binh-luan/", {**portal.valid_comment(), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_challenge_answer_follows_the_settings(portal: Portal) -> None:
    SiteSettings.objects.update(logo_name="dukcq", challenge_text="Gõ tên logo")
    html = Client().get(portal.article.get_absolute_url()).content.decode()
    assert "Gõ tên logo" in html
    assert _post(portal, challenge="lamtheo")[0] == 400
    assert _post(portal, challenge="dukcq")[0] == 302
    assert "dukcq" in Client().get("/logo.svg").content.decode()
