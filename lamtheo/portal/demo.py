"""The portal's demo: the seed article as the lead story, thirty more, fifty approved comments and a few to moderate."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape

from lamtheo.portal import sanitize, services
from lamtheo.portal.cache import bump_content_version
from lamtheo.portal.demo_image import demo_photo_png
from lamtheo.portal.models import (
    Article,
    ArticlePhoto,
    ArticleStatus,
    Category,
    Comment,
    CommentStatus,
    FeaturedProgramme,
    SiteSettings,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED_FILE = Path(__file__).parent / "demo_data" / "seed-article.vi.txt"
SEED_CATEGORY = "Đảng Cộng sản"
SEED_TIME = dt.datetime(2016, 1, 4, 15, 29, tzinfo=TZ)

CATEGORIES = [
    ("dang-cong-san", SEED_CATEGORY),
    ("hoc-tap-va-lam-theo-bac", "Học tập và làm theo Bác"),
    ("nguoi-tot-viec-tot", "Người tốt, việc tốt"),
    ("kiem-tra-giam-sat", "Kiểm tra, giám sát"),
    ("tuoi-tre", "Tuổi trẻ Khối"),
]

CODE_OF_CONDUCT = """Quy định ứng xử khi gửi ý kiến bạn đọc

1. Ý kiến phải dùng tiếng Việt có dấu, ngôn từ lịch sự, đúng chủ đề của bài viết.
2. Không đăng nội dung trái với đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước;
không xúc phạm danh dự, nhân phẩm của tổ chức, cá nhân.
3. Không quảng cáo, không đưa đường dẫn đến trang khác, không gửi lặp lại một nội dung.
4. Họ tên và địa chỉ email phải là thật; địa chỉ email không được công bố.
5. Mọi ý kiến đều được Ban Biên tập xem xét trước khi đăng;
Ban Biên tập có thể biên tập lại hoặc không đăng ý kiến không phù hợp."""

# (category slug, title, lead) of the other demo stories.
STORIES = [
    ("hoc-tap-va-lam-theo-bac", "Chi bộ lấy sinh hoạt chuyên đề làm khâu đột phá",
     "Mỗi quý một chuyên đề gắn với nhiệm vụ chính trị của cơ quan, mỗi đảng viên một việc làm cụ thể."),
    ("hoc-tap-va-lam-theo-bac", "Học tập chuyên đề năm 2016 về trung thực, gắn bó với nhân dân",
     "Các đảng ủy trực thuộc tổ chức quán triệt chuyên đề đến từng chi bộ trong quý I."),
    ("nguoi-tot-viec-tot", "Người cán bộ văn thư hai mươi năm không để sai sót một văn bản",
     "Tận tụy, cẩn thận, chị được đồng nghiệp gọi là “bộ nhớ” của cơ quan."),
    ("nguoi-tot-viec-tot", "Kỹ sư trẻ tình nguyện lên vùng cao dạy chữ cho đồng bào",
     "Những chuyến đi cuối tuần của một đoàn viên đã thành lớp học tình thương cho ba mươi em nhỏ."),
    ("kiem-tra-giam-sat", "Kiểm tra việc thực hiện Chỉ thị 03-CT/TW tại 6 đảng bộ",
     "Đoàn kiểm tra ghi nhận nhiều cách làm hay, đồng thời chỉ ra những hạn chế cần khắc phục."),
    ("kiem-tra-giam-sat", "Bảo đảm 63/63 đảng bộ trực thuộc được kiểm tra, nắm tình hình",
     "Kế hoạch kiểm tra năm 2016 chú trọng các đơn vị còn yếu kém."),
    ("tuoi-tre", "Đoàn Khối ra quân Tháng Thanh niên",
     "Hàng nghìn đoàn viên tham gia hiến máu, dọn vệ sinh môi trường và giúp đỡ gia đình chính sách."),
    ("tuoi-tre", "Tuổi trẻ học tập và làm theo Bác bằng những việc làm cụ thể",
     "Mỗi chi đoàn đăng ký một công trình thanh niên gắn với nhiệm vụ chuyên môn."),
    ("dang-cong-san", "Nâng cao chất lượng sinh hoạt chi bộ trong các cơ quan Trung ương",
     "Sinh hoạt chi bộ phải thiết thực, tránh hình thức, gắn với nhiệm vụ chính trị."),
    ("dang-cong-san", "Nêu gương của cán bộ, đảng viên theo Quy định 101-QĐ/TW",
     "Người đứng đầu phải gương mẫu trước, cán bộ chủ chốt phải làm trước."),
    ("hoc-tap-va-lam-theo-bac", "Đổi mới phương pháp học tập, lấy chi bộ làm địa bàn trọng điểm",
     "Bộ phận giúp việc hướng dẫn các chi bộ xây dựng kế hoạch làm theo sát với thực tế."),
    ("nguoi-tot-viec-tot", "Biểu dương 71 đảng bộ cơ sở có thành tích xuất sắc",
     "Những tập thể tiêu biểu trong bốn năm thực hiện Chỉ thị 03-CT/TW được khen thưởng."),
    ("kiem-tra-giam-sat", "Giám sát việc giải quyết những vấn đề dư luận bức xúc",
     "Cấp ủy nắm chắc tình hình tư tưởng, giải quyết kịp thời những vấn đề dư luận quan tâm."),
    ("dang-cong-san", "Quán triệt Nghị quyết Đại hội XII trong Đảng bộ Khối",
     "Học tập và làm theo Bác là một nội dung của Chương trình hành động thực hiện Nghị quyết."),
    ("nguoi-tot-viec-tot", "Nữ bác sĩ nhiều năm khám bệnh miễn phí cho người nghèo",
     "Mỗi chủ nhật, phòng khám nhỏ của chị đón hàng chục người bệnh không có tiền chữa trị."),
    ("hoc-tap-va-lam-theo-bac", "Đạo đức công vụ: nói đi đôi với làm",
     "Cơ quan công khai quy trình, rút ngắn thời gian giải quyết hồ sơ cho người dân."),
    ("tuoi-tre", "Hội thi tìm hiểu tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Hơn hai trăm đội thi đến từ các đoàn cơ sở trong Khối."),
    ("kiem-tra-giam-sat", "Đôn đốc các đảng ủy trực thuộc hoàn thành báo cáo sơ kết",
     "Báo cáo đúng hạn, số liệu đầy đủ giúp tổng hợp kết quả toàn Đảng bộ Khối."),
    ("dang-cong-san", "Tuyên truyền các ngày lễ lớn năm 2015",
     "Nhiều hình thức tuyên truyền phong phú, thu hút đông đảo cán bộ, đảng viên tham gia."),
    ("nguoi-tot-viec-tot", "Người đảng viên trả lại tài sản nhặt được",
     "Chiếc cặp có nhiều giấy tờ quan trọng đã được anh tìm cách trả lại cho người đánh rơi."),
    ("hoc-tap-va-lam-theo-bac", "Các trường, học viện đưa tấm gương đạo đức của Bác vào bài giảng",
     "Giảng viên lồng ghép nội dung học tập và làm theo Bác trong các môn học phù hợp."),
    ("tuoi-tre", "Thanh niên cơ quan báo chí với phong trào “Ba trách nhiệm”",
     "Các phóng viên trẻ đi cơ sở, phản ánh kịp thời những điển hình tiên tiến."),
    ("kiem-tra-giam-sat", "Giúp đỡ, hướng dẫn các đơn vị còn yếu kém",
     "Đoàn công tác làm việc trực tiếp với cấp ủy để tìm nguyên nhân và giải pháp."),
    ("dang-cong-san", "Xây dựng Đảng trong sạch, vững mạnh từ chi bộ",
     "Chi bộ mạnh là nền tảng để đảng bộ cơ sở hoàn thành tốt nhiệm vụ."),
    ("nguoi-tot-viec-tot", "Tổ công đoàn mười năm quyên góp xây nhà tình nghĩa",
     "Từ những đóng góp nhỏ mỗi tháng, đã có mười hai ngôi nhà được trao tặng."),
    ("hoc-tap-va-lam-theo-bac", "Cam kết làm theo của mỗi đảng viên đầu năm",
     "Mỗi đảng viên đăng ký một việc làm cụ thể và tự đánh giá vào cuối năm."),
    ("tuoi-tre", "Đoàn viên trẻ với sáng kiến cải cách hành chính",
     "Phần mềm theo dõi văn bản do nhóm đoàn viên xây dựng đã được áp dụng toàn cơ quan."),
    ("kiem-tra-giam-sat", "Tổng hợp kết quả kiểm tra năm 2015",
     "Những kiến nghị sau kiểm tra được theo dõi đến khi hoàn thành."),
    ("dang-cong-san", "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy viên cơ sở",
     "Lớp bồi dưỡng tập trung vào kỹ năng tổ chức sinh hoạt chi bộ và công tác kiểm tra."),
    ("nguoi-tot-viec-tot", "Gương sáng thầy giáo già dạy học không lấy tiền",
     "Ba mươi năm, lớp học buổi tối của thầy đã giúp hàng trăm học trò nghèo đến trường."),
]  # fmt: skip

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn Hùng", "Thị Lan", "Minh Tuấn", "Thu Hương", "Quang Huy", "Thị Mai", "Đức Anh", "Ngọc Ánh", "Văn Nam"]
COMMENT_TITLES = [
    "Rất thiết thực",
    "Mong được nhân rộng",
    "Ý kiến của một đảng viên",
    "Cần tuyên truyền nhiều hơn",
    "Đồng tình",
    "Làm theo Bác từ việc nhỏ",
    "Chi bộ là nơi quan trọng nhất",
]
COMMENT_BODIES = [
    "Bài viết rất thiết thực. Chi bộ chúng tôi cũng đã đưa việc học tập và làm theo Bác vào sinh hoạt thường kỳ.",
    "Đề nghị Ban Biên tập đăng nhiều hơn những tấm gương người tốt, việc tốt ở cơ sở.\nCảm ơn tòa soạn.",
    "Việc lấy chi bộ làm địa bàn trọng điểm là rất đúng, vì chi bộ gần gũi với từng đảng viên nhất.",
    "Tôi mong các đơn vị còn yếu kém được giúp đỡ cụ thể hơn, có người theo dõi đến cùng.",
    "Nêu gương phải bắt đầu từ người đứng đầu. Khi lãnh đạo làm trước thì cán bộ, nhân viên làm theo.",
    "Đạo đức công vụ thể hiện ở từng hồ sơ giải quyết cho người dân, không phải ở khẩu hiệu.",
]


def _seed_parts() -> tuple[str, str, str, list[str]]:
    """Title, lead, caption and body paragraphs of the seed article, as published."""
    lines = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    title, lead, caption = lines[0], lines[2], lines[4]
    end = lines.index(SEED_CATEGORY)
    paragraphs = [line for line in lines[5:end] if line.replace("\xa0", "").strip()]
    return title, lead, caption, paragraphs


def _comment(rng: random.Random, article: Article, at: dt.datetime, status: str) -> Comment:
    family, given = rng.choice(FAMILY), rng.choice(GIVEN)
    body = rng.choice(COMMENT_BODIES)
    approved = status == CommentStatus.APPROVED
    return Comment(
        article=article,
        title=rng.choice(COMMENT_TITLES),
        name=f"{family} {given}",
        email=f"bandoc{rng.randrange(10**6)}@example.vn",
        body=body,
        body_html=sanitize.render_comment(body) if approved else "",
        status=status,
        ip_address=f"10.0.{rng.randrange(256)}.{rng.randrange(1, 255)}",
        created_at=at,
        moderated_at=at + dt.timedelta(hours=2) if approved else None,
    )


@transaction.atomic
def load_demo(rng: random.Random) -> None:
    title, lead, caption, paragraphs = _seed_parts()
    if Article.objects.filter(title=title).exists():
        return
    SiteSettings.objects.get_or_create(singleton=1)
    SiteSettings.objects.filter(singleton=1).update(code_of_conduct=CODE_OF_CONDUCT)
    categories = {
        slug: Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})[0]
        for order, (slug, name) in enumerate(CATEGORIES)
    }
    for order, (slug, name) in enumerate(CATEGORIES[1:4]):
        FeaturedProgramme.objects.get_or_create(title=name, defaults={"category": categories[slug], "order": order})
    FeaturedProgramme.objects.get_or_create(
        title="Học tập và làm theo tấm gương đạo đức Hồ Chí Minh", defaults={"url": "/tim-kiem/?q=lam+theo", "order": 9}
    )

    for index, (slug, story_title, story_lead) in enumerate(STORIES):
        at = SEED_TIME - dt.timedelta(days=2 * index + 1, hours=rng.randrange(8), minutes=rng.randrange(60))
        body = "".join(
            f"<p>{escape(text)}</p>"
            for text in (story_lead, rng.choice(paragraphs), "Đây là bài viết minh họa của dữ liệu mẫu.")
        )
        services.article_create(
            acting_user=None,
            title=story_title,
            category=categories[slug],
            lead=story_lead,
            body=body,
            byline=rng.choice(["Thanh Thanh", "Minh Hà", "Quốc Việt", "Thu Trang"]),
            status=ArticleStatus.PUBLISHED,
            publish_at=at,
            featured=index in (2, 3, 4),
            tag_names=["Chỉ thị 03-CT/TW"] if index % 3 == 0 else [],
        )

    seed = services.article_create(
        acting_user=None,
        title=title,
        category=categories["dang-cong-san"],
        lead=lead,
        body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        byline="Thanh Thanh",
        status=ArticleStatus.PUBLISHED,
        publish_at=SEED_TIME,
        featured=True,
        tag_names=["Chỉ thị 03-CT/TW", "Người tốt, việc tốt"],
    )
    ArticlePhoto.objects.create(
        article=seed, image=ContentFile(demo_photo_png(), name="chi-thi-03.png"), caption=caption
    )
    comments = [
        _comment(rng, seed, SEED_TIME + dt.timedelta(hours=3 * i + 1), CommentStatus.APPROVED) for i in range(50)
    ]
    comments += [
        _comment(rng, seed, SEED_TIME + dt.timedelta(days=8, hours=i), CommentStatus.PENDING) for i in range(4)
    ]
    other = Article.objects.exclude(pk=seed.pk).order_by("-publish_at").first()
    if other is not None:
        comments.append(_comment(rng, other, SEED_TIME + dt.timedelta(days=9), CommentStatus.PENDING))
    Comment.objects.bulk_create(comments)
    bump_content_version()
