"""The editors' and moderators' screens do their work through the services."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lamtheo.portal.demo_image import demo_photo_png
from lamtheo.portal.models import Article, Comment, CommentStatus, FeaturedProgramme, SiteSettings
from tests.portal.conftest import Portal
from tests.portal.factories import make_comment


def _article_data(portal: Portal, **overrides: str) -> dict[str, str]:
    data = {
        "title": "Biểu dương người tốt, việc tốt",
        "slug": "",
        "category": str(portal.category.pk),
        "lead": "Sapo",
        "body": "<p>Nội dung <script>alert(1)</script></p>",
        "tags": "Chỉ thị 03, Nêu gương",
        "byline": "Thanh Thanh",
        "status": "published",
        "publish_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def test_an_editor_previews_then_saves_an_article(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    response = client.post("/bien-tap/bai-viet/moi/", {**_article_data(portal), "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước: chưa lưu" in html
    assert "<script>alert(1)" not in html
    assert not Article.objects.filter(title="Biểu dương người tốt, việc tốt").exists()
    response = client.post("/bien-tap/bai-viet/moi/", {**_article_data(portal), "save": "1"})
    assert response.status_code == 302
    article = Article.objects.get(title="Biểu dương người tốt, việc tốt")
    assert article.author == portal.editor
    assert sorted(article.tags.values_list("name", flat=True)) == ["Chỉ thị 03", "Nêu gương"]
    assert article.slug == "bieu-duong-nguoi-tot-viec-tot"


def test_an_edit_from_an_old_version_keeps_the_editors_text(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    url = f"/bien-tap/bai-viet/{portal.article.code}/"
    data = {**_article_data(portal, title="Bản của tôi"), "version": str(portal.article.version - 1)}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Người khác đã lưu bài viết này" in html
    assert 'value="Bản của tôi"' in html


def test_an_editor_withdraws_and_republishes(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    url = f"/bien-tap/bai-viet/{portal.article.code}/trang-thai/"
    client.post(url, {"status": "withdrawn"})
    assert Article.objects.get(pk=portal.article.pk).status == "withdrawn"
    client.post(url, {"status": "published"})
    assert Article.objects.get(pk=portal.article.pk).status == "published"


def test_an_editor_adds_a_photo_with_a_caption_and_a_fake_one_is_refused(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    url = f"/bien-tap/bai-viet/{portal.article.code}/anh/"
    png = SimpleUploadedFile("a.png", demo_photo_png(16, 9), content_type="image/png")
    client.post(url, {"image": png, "caption": "Hội nghị - Ảnh: Thanh Thanh"})
    fake = SimpleUploadedFile("b.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(url, {"image": fake, "caption": ""}, follow=True)
    assert "Tệp không phải là ảnh PNG, JPEG, GIF hoặc WebP." in response.content.decode()
    assert list(portal.article.photos.values_list("caption", flat=True)) == ["Hội nghị - Ảnh: Thanh Thanh"]


def test_an_editor_edits_the_code_of_conduct(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    state = SiteSettings.objects.get()
    response = client.post(
        "/bien-tap/cai-dat/",
        {
            "version": state.version,
            "site_name": "Làm theo",
            "logo_name": "lamtheo",
            "challenge_text": "",
            "code_of_conduct": "Ý kiến phải lịch sự.",
            "rate_limit_per_ip": 10,
            "rate_limit_per_email": 5,
        },
    )
    assert response.status_code == 302
    assert "Ý kiến phải lịch sự." in client.get("/quy-dinh-ung-xu/").content.decode()


def test_an_editor_adds_and_removes_a_favourite_programme(portal: Portal) -> None:
    client = portal.org.client_for(portal.editor)
    client.post("/bien-tap/chuong-trinh/", {"title": "Người tốt, việc tốt", "url": "", "category": portal.category.pk})
    programme = FeaturedProgramme.objects.get()
    assert "Người tốt, việc tốt" in client.get("/").content.decode()
    client.post("/bien-tap/chuong-trinh/", {"delete": programme.pk})
    assert not FeaturedProgramme.objects.exists()


def test_a_moderator_approves_rejects_and_marks_spam_in_bulk(portal: Portal) -> None:
    comments = [make_comment(portal.article) for _ in range(4)]
    client = portal.org.client_for(portal.moderator)
    client.post("/bien-tap/binh-luan/", {"comment": [c.code for c in comments[:2]], "action": "approve"})
    response = client.post("/bien-tap/binh-luan/", {"comment": [comments[2].code], "action": "reject"}, follow=True)
    assert "Vui lòng nêu lý do từ chối." in response.content.decode()
    client.post("/bien-tap/binh-luan/", {"comment": [comments[2].code], "action": "reject", "reason": "Lạc đề"})
    client.post("/bien-tap/binh-luan/", {"comment": [comments[3].code], "action": "spam"})
    statuses = dict(Comment.objects.values_list("code", "status"))
    assert [statuses[c.code] for c in comments] == ["approved", "approved", "rejected", "spam"]
    html = client.get("/bien-tap/").content.decode()
    assert "Đã duyệt hôm nay" in html


def test_the_moderation_queue_reads_a_fixed_number_of_queries(portal: Portal, django_assert_max_num_queries) -> None:
    for _ in range(30):
        make_comment(portal.article)
    client = portal.org.client_for(portal.moderator)
    client.get("/bien-tap/binh-luan/")
    with django_assert_max_num_queries(12):
        response = client.get("/bien-tap/binh-luan/")
    assert response.content.decode().count('name="comment"') == 30
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() == 30
