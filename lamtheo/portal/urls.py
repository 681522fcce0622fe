from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from lamtheo.portal.cache import public_page
from lamtheo.portal.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from lamtheo.portal.views import editor, moderation, public

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.home, name="home"),
    path("chuyen-muc/<slug:slug>/", public.category, name="category"),
    path("tin/<slug:slug>/", public.article, name="article"),
    path("tin/<slug:slug>/binh-luan/", public.comment_post, name="comment_post"),
    path("tim-kiem/", public.search, name="search"),
    path("quy-dinh-ung-xu/", public.code_of_conduct, name="code_of_conduct"),
    path("logo.svg", public.logo, name="logo"),
    path("rss/", public_page(LatestArticlesFeed()), name="feed_rss"),
    path("atom/", public_page(LatestArticlesAtomFeed()), name="feed_atom"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
    # The back office of the portal: editors and moderators.
    path("bien-tap/", editor.dashboard, name="editor_home"),
    path("bien-tap/bai-viet/", editor.article_list, name="editor_articles"),
    path("bien-tap/bai-viet/moi/", editor.article_edit, name="editor_article_new"),
    path("bien-tap/bai-viet/<uuid:code>/", editor.article_edit, name="editor_article_edit"),
    path("bien-tap/bai-viet/<uuid:code>/trang-thai/", editor.article_status, name="editor_article_status"),
    path("bien-tap/bai-viet/<uuid:code>/binh-luan/", editor.article_thread, name="editor_article_thread"),
    path("bien-tap/bai-viet/<uuid:code>/anh/", editor.photo_add, name="editor_photo_add"),
    path("bien-tap/bai-viet/<uuid:code>/anh/<int:photo_id>/xoa/", editor.photo_remove, name="editor_photo_remove"),
    path("bien-tap/cai-dat/", editor.settings_edit, name="editor_settings"),
    path("bien-tap/chuong-trinh/", editor.programmes, name="editor_programmes"),
    path("bien-tap/binh-luan/", moderation.queue, name="moderation"),
]
