"""The public portal: categories, a few hundred articles over the years (exemplar stories among them)
and readers' comments, most approved, some waiting for the moderator."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.text import slugify

from lamtheo.demo.synthetic.bulk import BulkWriter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.recognition import PublishedExemplar
from lamtheo.demo.synthetic.tree import Period, Tree
from lamtheo.lib.text import fold
from lamtheo.portal import sanitize
from lamtheo.portal.cache import bump_content_version
from lamtheo.portal.models import (
    Article,
    ArticleStatus,
    Category,
    Comment,
    CommentStatus,
    FeaturedProgramme,
    SiteSettings,
    Tag,
)

CATEGORIES = (
    ("tin-hoat-dong", "Tin hoạt động"),
    ("hoc-tap-va-lam-theo-bac", "Học tập và làm theo Bác"),
    ("nguoi-tot-viec-tot", "Người tốt, việc tốt"),
    ("kiem-tra-giam-sat", "Kiểm tra, giám sát"),
    ("tuoi-tre", "Tuổi trẻ"),
)
TAGS = ("Chỉ thị 05-CT/TW", "Quy định 101-QĐ/TW", "Người tốt, việc tốt", "Sinh hoạt chi bộ", "Nêu gương")
HEADLINES = {
    "tin-hoat-dong": ("{unit} tổ chức hội nghị học tập chuyên đề năm {year}", "{unit} sơ kết 6 tháng năm {year}"),
    "hoc-tap-va-lam-theo-bac": (
        "{unit} lấy sinh hoạt chuyên đề làm khâu đột phá",
        "Đổi mới cách học tập chuyên đề ở {unit}",
    ),
    "kiem-tra-giam-sat": ("Kiểm tra việc thực hiện Chỉ thị 05-CT/TW tại {unit}", "{unit} khắc phục sau kiểm tra"),
    "tuoi-tre": ("Tuổi trẻ {unit} làm theo lời Bác", "Tháng Thanh niên năm {year} ở {unit}"),
}
PARAGRAPHS = (
    "Hội nghị đã quán triệt nội dung chuyên đề năm, gắn với nhiệm vụ chính trị của cơ quan, đơn vị.",
    "Các chi bộ đưa nội dung học tập và làm theo vào sinh hoạt thường kỳ, mỗi đảng viên đăng ký một việc làm cụ thể.",
    "Cấp ủy yêu cầu người đứng đầu gương mẫu, nói đi đôi với làm, tạo sức lan tỏa trong đơn vị.",
    "Nhiều cách làm hay, sáng tạo được ghi nhận và đề nghị nhân rộng.",
)
BYLINES = ("Thanh Thanh", "Minh Hà", "Quốc Việt", "Thu Trang", "Hoàng Long")
COMMENT_TITLES = (
    "Rất thiết thực",
    "Mong được nhân rộng",
    "Ý kiến của một đảng viên",
    "Đồng tình",
    "Cần làm thường xuyên",
)
COMMENT_BODIES = (
    "Bài viết rất thiết thực. Chi bộ chúng tôi cũng đã đưa việc học tập và làm theo Bác vào sinh hoạt thường kỳ.",
    "Đề nghị Ban Biên tập đăng nhiều hơn những tấm gương người tốt, việc tốt ở cơ sở.\nCảm ơn tòa soạn.",
    "Nêu gương phải bắt đầu từ người đứng đầu. Khi lãnh đạo làm trước thì cán bộ, đảng viên làm theo.",
    "Tôi mong các đơn vị còn yếu kém được giúp đỡ cụ thể hơn.",
)
READERS = ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hương", "Vũ Quang Huy", "Đỗ Ngọc Ánh")
STATUSES = Weighted(((ArticleStatus.PUBLISHED, 94), (ArticleStatus.DRAFT, 4), (ArticleStatus.WITHDRAWN, 2)))
COMMENT_STATUSES = Weighted(
    (
        (CommentStatus.APPROVED, 80),
        (CommentStatus.PENDING, 10),
        (CommentStatus.REJECTED, 6),
        (CommentStatus.SPAM, 4),
    )
)
ARTICLE_FIELDS = (
    "id", "code", "slug", "title", "lead", "body", "category", "byline", "status", "publish_at", "featured",
    "exemplar_code", "search_title", "search_text", "created_at", "updated_at",
)  # fmt: skip
COMMENT_FIELDS = (
    "code", "article", "title", "name", "email", "body", "body_html", "status", "reject_reason", "ip_address",
    "created_at", "moderated_at",
)  # fmt: skip


@dataclass
class Story:
    category: str
    title: str
    lead: str
    day: int
    exemplar: str | None = None


def write_portal(
    writer: BulkWriter,
    tree: Tree,
    period: Period,
    calendar: Calendar,
    rng: random.Random,
    count: int,
    exemplars: list[PublishedExemplar],
) -> list[str]:
    """Categories, tags, articles and comments; return the slugs of the published articles."""
    if not SiteSettings.objects.exists():
        writer.write(SiteSettings, ("singleton",), [(1,)])
    category_ids = writer.ids(Category)
    categories = {slug: category_ids.take() for slug, _name in CATEGORIES}
    writer.write(
        Category,
        ("id", "slug", "name", "order"),
        [(categories[slug], slug, name, order) for order, (slug, name) in enumerate(CATEGORIES)],
    )
    tag_ids = writer.ids(Tag)
    tags = [tag_ids.take() for _tag in TAGS]
    writer.write(
        Tag, ("id", "slug", "name"), [(tid, slugify(fold(name)), name) for tid, name in zip(tags, TAGS, strict=True)]
    )
    writer.write(
        FeaturedProgramme,
        ("title", "category", "order"),
        [(name, categories[slug], order) for order, (slug, name) in enumerate(CATEGORIES[1:4])],
    )
    stories = _stories(tree, period, rng, count, exemplars)
    article_ids = writer.ids(Article)
    rows: list[Row] = []
    live: list[tuple[int, int]] = []  # (article id, day published)
    slugs: list[str] = []
    for story in stories:
        article = article_ids.take()
        status = ArticleStatus.PUBLISHED if story.exemplar else STATUSES.draw(rng)
        slug = f"{slugify(fold(story.title))[:100].strip('-')}-{article}"
        body = "".join(f"<p>{escape(text)}</p>" for text in (story.lead, *rng.sample(PARAGRAPHS, 2)))
        published = calendar.stamp(story.day, rng.randint(7, 20), rng.choice((0, 15, 30, 45)))
        rows.append(
            (
                article,
                uuid_hex(rng),
                slug,
                story.title,
                story.lead,
                body,
                categories[story.category],
                rng.choice(BYLINES),
                status,
                published,
                rng.random() < 0.05,
                story.exemplar,
                fold(story.title),
                sanitize.search_text_of(story.lead, body),
                published,
                published,
            )
        )
        if status == ArticleStatus.PUBLISHED:
            slugs.append(slug)
            live.append((article, story.day))
    writer.write(Article, ARTICLE_FIELDS, rows)
    writer.write(
        Article.tags.through,
        ("article", "tag"),
        [(row[0], tag) for row in rows for tag in rng.sample(tags, rng.randint(0, 2))],
    )
    writer.write(Comment, COMMENT_FIELDS, _comments(live, calendar, rng))
    bump_content_version()
    return slugs


def _stories(
    tree: Tree, period: Period, rng: random.Random, count: int, exemplars: list[PublishedExemplar]
) -> list[Story]:
    """Exemplar stories first (at most a fifth of the articles), then news about units of the tree."""
    units = [tree.root, *tree.committees[0], *rng.sample(tree.grassroots, min(len(tree.grassroots), 200))]
    stories = [
        Story(
            "nguoi-tot-viec-tot",
            f"{e.subject}: {e.title}" if e.subject else e.title,
            e.story,
            _day(e.year, rng),
            e.code,
        )
        for e in exemplars[: count // 5]
    ]
    while len(stories) < count:
        category = rng.choice(list(HEADLINES))
        unit = rng.choice(units)
        year = rng.choice(list(period.years))
        title = rng.choice(HEADLINES[category]).format(unit=unit.short_name or unit.name, year=year)
        stories.append(Story(category, title, rng.choice(PARAGRAPHS), _day(year, rng)))
    return stories


def _day(year: int, rng: random.Random) -> int:
    return ordinal(year) + rng.randint(0, 364)


def _comments(live: list[tuple[int, int]], calendar: Calendar, rng: random.Random) -> Iterator[Row]:
    for article, day in live:
        for _n in range(int(rng.expovariate(1 / 6))):
            status = COMMENT_STATUSES.draw(rng)
            body = rng.choice(COMMENT_BODIES)
            at = day + rng.randint(0, 20)
            created = calendar.stamp(at, rng.randint(6, 22), rng.randint(0, 59))
            moderated = None if status == CommentStatus.PENDING else calendar.stamp(at + 1, 9)
            html = sanitize.render_comment(body) if status == CommentStatus.APPROVED else ""
            reason = "Không đúng chủ đề bài viết." if status == CommentStatus.REJECTED else ""
            yield (
                uuid_hex(rng),
                article,
                rng.choice(COMMENT_TITLES),
                rng.choice(READERS),
                f"bandoc{rng.randrange(10**6)}@example.vn",
                body,
                html,
                status,
                reason,
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                created,
                moderated,
            )
