"""The portal's demo: the seed article first, with its category, time, caption and comments."""

from __future__ import annotations

import random

from django.test import Client

from lamtheo.portal.demo import load_demo
from lamtheo.portal.models import Article, Comment, CommentStatus
from tests.portal.conftest import Portal


def test_the_demo_puts_the_seed_article_first_and_loads_once(portal: Portal) -> None:
    load_demo(random.Random(1))
    articles = Article.objects.count()
    load_demo(random.Random(1))
    assert Article.objects.count() == articles
    # The fixture's own article is dated today; among the demo's stories the seed is the newest.
    seed = Article.objects.live().exclude(pk=portal.article.pk).order_by("-publish_at").first()
    assert seed is not None
    assert seed.title.startswith("Đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh trong Khối")
    assert seed.category.name == "Đảng Cộng sản"
    assert seed.comments.filter(status=CommentStatus.APPROVED).count() == 50
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() >= 4
    photo = seed.photos.get()
    assert photo.caption.startswith("Việc thực hiện Chỉ thị 03-CT/TW đã thực sự trở thành việc làm thường xuyên")
    assert photo.image.read(8) == b"\x89PNG\r\n\x1a\n"
    html = Client().get(seed.get_absolute_url()).content.decode()
    assert "04/01/2016 15:29" in html
    assert "Ảnh: Thanh Thanh" in html
    assert "63/63 đảng bộ trực thuộc" in html
    assert articles >= 30
