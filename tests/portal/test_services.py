"""Services: articles, photos, comments, moderation and settings, each checking who may act."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lamtheo.accounts.models import AuditEntry
from lamtheo.lib.errors import ConflictError
from lamtheo.portal import services
from lamtheo.portal.demo_image import demo_photo_png
from lamtheo.portal.models import Article, ArticleStatus, Comment, CommentStatus, SiteSettings
from tests.portal.conftest import Portal
from tests.portal.factories import make_article, make_comment


def _submit(portal: Portal, ip: str = "10.0.0.1", **overrides: str) -> Comment:
    values: dict[str, Any] = {"title": "Tiêu đề", "name": "Bạn đọc", "email": "a@example.vn", "body": "Nội dung"}
    values.update(overrides)
    return services.comment_submit(article=portal.article, ip_address=ip, **values)


def test_it_sanitises_the_body_and_folds_the_search_columns(portal: Portal) -> None:
    article = services.article_create(
        acting_user=portal.editor,
        title="Kiểm tra Đảng",
        category=portal.category,
        body='<p onclick="x()">Chi bộ <script>alert(1)</script><a href="javascript:alert(1)">xem</a></p>',
    )
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert article.search_title == "kiem tra dang"
    assert "chi bo" in article.search_text
    assert AuditEntry.objects.filter(action="article.create", object_id=str(article.pk)).count() == 1


def test_it_keeps_the_markup_editors_need(portal: Portal) -> None:
    html = (
        '<h2>Mục</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://dukcqtw.vn">liên kết</a></p>'
        '<ul><li>một</li></ul><blockquote>trích</blockquote><figure><img src="/media/a.png" alt="ảnh">'
        "<figcaption>chú thích</figcaption></figure>"
    )
    article = services.article_create(acting_user=portal.editor, title="T", category=portal.category, body=html)
    for tag in ("<h2>", "<strong>", "<em>", 'href="https://dukcqtw.vn"', "<ul>", "<blockquote>", "<figcaption>"):
        assert tag in article.body
    assert 'src="/media/a.png"' in article.body


def test_only_editors_write_articles(portal: Portal) -> None:
    for user in (portal.moderator, portal.org.committee_officer):
        with pytest.raises(PermissionDenied):
            services.article_create(acting_user=user, title="T", category=portal.category)


def test_a_second_editor_saving_an_old_version_is_told_of_the_conflict(portal: Portal) -> None:
    article = portal.article
    opened = article.version
    common: dict[str, Any] = {
        "title": "Sửa lần một",
        "category": portal.category,
        "lead": "",
        "body": "",
        "tag_names": ["Chỉ thị 03"],
        "byline": "",
        "status": ArticleStatus.PUBLISHED,
        "publish_at": article.publish_at,
        "featured": False,
        "exemplar_code": None,
    }
    updated = services.article_update(acting_user=portal.editor, article=article, expected_version=opened, **common)
    assert updated.title == "Sửa lần một"
    assert updated.slug == portal.article.slug
    assert list(updated.tags.values_list("name", flat=True)) == ["Chỉ thị 03"]
    with pytest.raises(ConflictError):
        services.article_update(
            acting_user=portal.editor,
            article=Article.objects.get(pk=article.pk),
            expected_version=opened,
            **{**common, "title": "Sửa lần hai"},
        )
    assert Article.objects.get(pk=article.pk).title == "Sửa lần một"


def test_slugs_are_unique(portal: Portal) -> None:
    first = make_article(title="Cùng một tiêu đề", category=portal.category)
    second = make_article(title="Cùng một tiêu đề", category=portal.category)
    assert first.slug == "cung-mot-tieu-e" or first.slug.startswith("cung-mot-tieu")
    assert second.slug == f"{first.slug}-2"


def test_a_scheduled_article_is_not_live_until_its_time(portal: Portal) -> None:
    later = timezone.now() + dt.timedelta(hours=2)
    article = make_article(title="Hẹn giờ", category=portal.category, publish_at=later)
    assert not article.is_live
    assert not Article.objects.live().filter(pk=article.pk).exists()
    assert SiteSettings.objects.get().next_scheduled_at == later


def test_withdrawing_hides_the_article(portal: Portal) -> None:
    services.article_set_status(acting_user=portal.editor, article=portal.article, status=ArticleStatus.WITHDRAWN)
    assert not Article.objects.live().filter(pk=portal.article.pk).exists()
    assert AuditEntry.objects.filter(action="article.withdrawn").exists()


def test_photos_are_checked_by_their_first_bytes(portal: Portal) -> None:
    png = SimpleUploadedFile("anh.png", demo_photo_png(32, 18), content_type="image/png")
    photo = services.article_photo_add(acting_user=portal.editor, article=portal.article, upload=png, caption="Ảnh")
    assert photo.image.name.endswith(".png")
    fake = SimpleUploadedFile("anh.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    with pytest.raises(ValidationError):
        services.article_photo_add(acting_user=portal.editor, article=portal.article, upload=fake, caption="")
    assert portal.article.photos.count() == 1


def test_a_comment_waits_for_moderation_and_keeps_no_html(portal: Portal) -> None:
    comment = _submit(portal, body="<b>Xin chào</b>")
    assert comment.status == CommentStatus.PENDING
    assert comment.body_html == ""


def test_approval_renders_the_comment_once_escaped_with_line_breaks(portal: Portal) -> None:
    comment = _submit(portal, body="Dòng một\nDòng <script>alert(1)</script>\n\nĐoạn hai")
    changed = services.comments_moderate(acting_user=portal.moderator, comments=[comment], action="approve")
    comment.refresh_from_db()
    assert changed == 1
    assert comment.status == CommentStatus.APPROVED
    assert comment.body_html == "<p>Dòng một<br>Dòng &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Đoạn hai</p>"
    assert comment.moderated_by == portal.moderator
    assert AuditEntry.objects.filter(action="comment.approve", object_id=str(comment.pk)).exists()


def test_rejecting_needs_a_reason(portal: Portal) -> None:
    comment = _submit(portal)
    with pytest.raises(ValidationError):
        services.comments_moderate(acting_user=portal.moderator, comments=[comment], action="reject")
    services.comments_moderate(acting_user=portal.moderator, comments=[comment], action="reject", reason="Lạc đề")
    comment.refresh_from_db()
    assert (comment.status, comment.reject_reason) == (CommentStatus.REJECTED, "Lạc đề")


def test_moderation_works_in_bulk(portal: Portal) -> None:
    comments = [make_comment(portal.article) for _ in range(5)]
    changed = services.comments_moderate(acting_user=portal.moderator, comments=comments, action="spam")
    assert changed == 5
    assert Comment.objects.filter(status=CommentStatus.SPAM).count() == 5


def test_only_moderators_moderate(portal: Portal) -> None:
    comment = _submit(portal)
    for user in (portal.editor, portal.org.support_officer):
        with pytest.raises(PermissionDenied):
            services.comments_moderate(acting_user=user, comments=[comment], action="approve")


def test_comments_are_refused_on_a_closed_thread_or_a_withdrawn_article(portal: Portal) -> None:
    services.article_thread_set_closed(acting_user=portal.moderator, article=portal.article, closed=True)
    with pytest.raises(ValidationError):
        _submit(portal)
    services.article_thread_set_closed(acting_user=portal.moderator, article=portal.article, closed=False)
    services.article_set_status(acting_user=portal.editor, article=portal.article, status=ArticleStatus.WITHDRAWN)
    portal.article.refresh_from_db()
    with pytest.raises(ValidationError):
        _submit(portal)
    assert Comment.objects.count() == 0


def test_a_flood_from_one_address_or_one_email_is_stopped(portal: Portal) -> None:
    SiteSettings.objects.update(rate_limit_per_ip=3, rate_limit_per_email=2)
    _submit(portal, ip="10.0.0.1", email="mot@example.vn")
    _submit(portal, ip="10.0.0.2", email="MOT@example.vn")
    with pytest.raises(ValidationError) as caught:
        _submit(portal, ip="10.0.0.3", email="mot@example.vn")  # the third from the same email
    assert caught.value.code == "rate_limited"
    for n in range(3):
        _submit(portal, ip="10.0.0.9", email=f"khac{n}@example.vn")
    with pytest.raises(ValidationError):
        _submit(portal, ip="10.0.0.9", email="nua@example.vn")  # the fourth from the same address
    assert Comment.objects.count() == 5


def test_settings_need_a_lower_case_logo_name_and_the_version_opened(portal: Portal) -> None:
    state = SiteSettings.objects.get()
    common: dict[str, Any] = {
        "site_name": "Làm theo",
        "challenge_text": "",
        "code_of_conduct": "Quy định",
        "rate_limit_per_ip": 10,
        "rate_limit_per_email": 5,
    }
    with pytest.raises(ValidationError):
        services.site_settings_update(
            acting_user=portal.editor, expected_version=state.version, logo_name="LamTheo", **common
        )
    services.site_settings_update(
        acting_user=portal.editor, expected_version=state.version, logo_name="dukcq", **common
    )
    with pytest.raises(ConflictError):
        services.site_settings_update(
            acting_user=portal.editor, expected_version=state.version, logo_name="khac", **common
        )
    with pytest.raises(PermissionDenied):
        services.site_settings_update(
            acting_user=portal.moderator, expected_version=state.version + 1, logo_name="x", **common
        )
    assert SiteSettings.objects.get().logo_name == "dukcq"


def test_a_programme_needs_a_link_or_a_category(portal: Portal) -> None:
    with pytest.raises(ValidationError):
        services.programme_create(acting_user=portal.editor, title="Trống")
    with pytest.raises(ValidationError):
        services.programme_create(acting_user=portal.editor, title="Lạ", url="javascript:alert(1)")
    programme = services.programme_create(acting_user=portal.editor, title="Chuyên mục", category=portal.category)
    assert programme.href == portal.category.get_absolute_url()
