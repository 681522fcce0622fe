"""Public pages: the article as on the seed page, home, category, search, feeds and sitemap."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client

from lamtheo.portal.models import ArticleStatus
from tests.portal.conftest import Portal
from tests.portal.factories import make_article, make_category, make_comment

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_article_page_shows_time_category_and_approved_comments_only(portal: Portal) -> None:
    article = make_article(
        title="Tin có giờ đăng", category=portal.category, publish_at=dt.datetime(2016, 1, 4, 15, 29, tzinfo=TZ)
    )
    make_comment(article, status="approved", title="Đã duyệt", email="an@bi.mat")
    make_comment(article, title="Chờ duyệt")
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "04/01/2016 15:29" in html
    assert "Đảng Cộng sản" in html
    assert "Đã duyệt" in html
    assert "Chờ duyệt" not in html
    assert "an@bi.mat" not in html  # a reader's email is never shown


def test_drafts_scheduled_and_withdrawn_articles_are_not_public(portal: Portal) -> None:
    later = dt.datetime.now(TZ) + dt.timedelta(days=1)
    for article in (
        make_article(status=ArticleStatus.DRAFT, category=portal.category),
        make_article(publish_at=later, category=portal.category),
        make_article(status=ArticleStatus.WITHDRAWN, category=portal.category),
    ):
        assert Client().get(article.get_absolute_url()).status_code == 404
        assert article.title not in Client().get("/").content.decode()


def test_related_articles_share_the_category_or_a_tag(portal: Portal) -> None:
    other = make_category("Tuổi trẻ")
    same_category = make_article(title="Cùng chuyên mục", category=portal.category)
    same_tag = make_article(title="Cùng từ khóa", category=other, tag_names=["Nêu gương"])
    unrelated = make_article(title="Không liên quan", category=other)
    article = make_article(title="Bài chính", category=portal.category, tag_names=["Nêu gương"])
    html = Client().get(article.get_absolute_url()).content.decode()
    assert same_category.title in html and same_tag.title in html
    assert unrelated.title not in html.split("Tin liên quan")[1].split("Ý kiến bạn đọc")[0]


def test_search_ignores_diacritics_and_ranks_title_hits_first(portal: Portal) -> None:
    in_body = make_article(title="Tin hoạt động", body="<p>Đoàn kiểm tra làm việc.</p>", category=portal.category)
    in_title = make_article(title="Kiểm tra chi bộ", body="<p>Nội dung khác.</p>", category=portal.category)
    make_article(title="Không khớp", body="<p>Khác hẳn.</p>", category=portal.category)
    html = Client().get("/tim-kiem/", {"q": "kiem tra"}).content.decode()
    assert "Tìm thấy 2 bài viết" in html
    assert html.index(in_title.title) < html.index(in_body.title)
    assert "Không khớp" not in html
    assert "Kiểm tra chi bộ" in Client().get("/tim-kiem/", {"q": "KIỂM TRA"}).content.decode()


def test_home_category_and_search_pages_read_a_fixed_number_of_queries(
    portal: Portal,
    django_assert_max_num_queries,
) -> None:
    for n in range(25):
        make_article(title=f"Tin số {n}", category=portal.category, tag_names=["Chỉ thị"])
    anonymous = Client()
    for url in ("/", portal.category.get_absolute_url(), "/tim-kiem/?q=tin"):
        with django_assert_max_num_queries(12):
            assert anonymous.get(url).status_code == 200
        # Served from the cache the second time, without a query.
        with django_assert_max_num_queries(0):
            assert anonymous.get(url).status_code == 200


def test_the_article_page_reads_a_fixed_number_of_queries_with_fifty_comments(
    portal: Portal,
    django_assert_max_num_queries,
) -> None:
    for _ in range(50):
        make_comment(portal.article, status="approved")
    with django_assert_max_num_queries(12):
        html = Client().get(portal.article.get_absolute_url()).content.decode()
    assert html.count('class="pt-comment"') == 50


def test_feeds_and_sitemap_list_live_articles(portal: Portal) -> None:
    make_article(title="Bản nháp bí mật", status=ArticleStatus.DRAFT, category=portal.category)
    rss = Client().get("/rss/")
    atom = Client().get("/atom/")
    sitemap = Client().get("/sitemap.xml")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for response in (rss, atom, sitemap):
        body = response.content.decode()
        assert portal.article.slug in body
        assert "Bản nháp bí mật" not in body and "ban-nhap-bi-mat" not in body


def test_the_pages_are_in_vietnamese(portal: Portal) -> None:
    html = Client().get(portal.article.get_absolute_url()).content.decode()
    for text in ("Ý kiến bạn đọc", "Chương trình yêu thích", "Gửi ý kiến", "Đăng nhập", "Tin mới nhất"):
        assert text in html or text == "Tin mới nhất"
    assert "Reader comments" not in html and "Send comment" not in html
