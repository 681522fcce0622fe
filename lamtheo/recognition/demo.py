"""Demo recognition: the four-year review of Directive 03 (71 grassroots committees commended, as in
the seed), the year 2015, nominations for 2016 in every state, and exemplars in every status."""

from __future__ import annotations

import datetime as dt
import random

from lamtheo.org.models import Person, Unit, UnitKind
from lamtheo.recognition import services
from lamtheo.recognition.models import CommendationForm, ExemplarStatus, Nomination, Occasion

BLOC_CODE = "dukcqtw"
REVIEW_TITLE = "Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW"
COMMENDED_IN_REVIEW = 71
SIGNER = ("Nguyễn Văn Thành", "T/M Ban Thường vụ, Phó Bí thư")

UNIT_REASONS = (
    "Có nhiều cách làm hay, sáng tạo trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, "
    "gắn với thực hiện nhiệm vụ chính trị của cơ quan.",
    "Đưa việc học tập chuyên đề vào sinh hoạt chi bộ thường kỳ; 100% đảng viên đăng ký và thực hiện cam kết làm theo.",
    "Cán bộ lãnh đạo gương mẫu nêu gương theo Quy định 101-QĐ/TW; đơn vị hoàn thành xuất sắc nhiệm vụ.",
)
PERSON_REASONS = (
    "Gương mẫu, tận tụy với công việc, được cán bộ, đảng viên và nhân dân tin yêu.",
    "Có sáng kiến cải cách thủ tục hành chính, tiết kiệm thời gian cho người dân và doanh nghiệp.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, tích cực giúp đỡ đồng nghiệp khó khăn.",
)
EXEMPLARS = (
    (
        "Nữ cán bộ 20 năm tận tụy với công tác tiếp dân",
        "Chị luôn lắng nghe, giải quyết thấu đáo đơn thư của người dân.",
    ),
    ("Người đảng viên trẻ với sáng kiến số hóa hồ sơ", "Anh đề xuất và tự xây dựng phần mềm quản lý hồ sơ đảng viên."),
    (
        "Chi bộ ba năm liền trong sạch, vững mạnh tiêu biểu",
        "Chi bộ duy trì sinh hoạt chuyên đề hằng quý, có nội dung thiết thực.",
    ),
    ("Tấm gương tiết kiệm, chống lãng phí", "Đồng chí đề xuất giải pháp tiết kiệm 15% chi phí hành chính của đơn vị."),
    ("Hết lòng vì học trò vùng khó", "Nhiều năm tình nguyện tham gia chương trình hỗ trợ học sinh vùng cao."),
    ("Tập thể đi đầu trong cải cách hành chính", "Đơn vị rút ngắn một nửa thời gian giải quyết thủ tục."),
    ("Cựu chiến binh gương mẫu trong sinh hoạt chi bộ", "Đồng chí luôn đi đầu trong phê bình và tự phê bình."),
    ("Nhà báo trung thực, dấn thân", "Nhiều loạt bài phản ánh kịp thời dư luận bức xúc, góp phần giải quyết vụ việc."),
)
STATUSES = (
    ExemplarStatus.PROPOSED,
    ExemplarStatus.PROPOSED,
    ExemplarStatus.VERIFIED,
    ExemplarStatus.VERIFIED,
    ExemplarStatus.PUBLISHED,
    ExemplarStatus.PUBLISHED,
    ExemplarStatus.REJECTED,
    ExemplarStatus.PROPOSED,
)


def _committee_of(unit: Unit, committees: dict[str, Unit]) -> Unit:
    return committees[unit.path[: 2 * Unit.steplen]]


def _decide(occasion: Occasion, nominations: list[Nomination], number: str, date: dt.date, form: str) -> None:
    for nomination in nominations:
        services.nomination_accept(acting_user=None, nomination=nomination, expected_version=nomination.version)
    services.decision_create(
        acting_user=None,
        occasion=occasion,
        number=number,
        date=date,
        signer_name=SIGNER[0],
        signer_title=SIGNER[1],
        form=form,
        nominations=nominations,
    )


def load_demo(rng: random.Random) -> None:
    bloc = Unit.objects.filter(code=BLOC_CODE).first()
    if bloc is None or Occasion.objects.filter(unit=bloc, title=REVIEW_TITLE).exists():
        return
    committees = {
        u.path: u
        for u in Unit.objects.filter(
            path__startswith=bloc.path, depth=bloc.depth + 1, kind=UnitKind.SUBORDINATE_COMMITTEE
        ).filter(active_to__isnull=True)
    }
    grassroots = list(
        Unit.objects.filter(path__startswith=bloc.path, kind=UnitKind.GRASSROOTS_COMMITTEE, active_to__isnull=True)
        .filter(active_from__lte=dt.date(2011, 1, 1))
        .order_by("path")
    )

    # The four-year review: each committee nominates some of its grassroots committees; 71 commended.
    review = services.occasion_create(acting_user=None, unit=bloc, title=REVIEW_TITLE, year_from=2011, year_to=2015)
    chosen = sorted(rng.sample(grassroots, k=min(COMMENDED_IN_REVIEW, len(grassroots))), key=lambda u: u.path)
    review_nominations = [
        services.nomination_create(
            acting_user=None,
            occasion=review,
            nominating_unit=_committee_of(unit, committees),
            nominee_unit=unit,
            proposed_form=CommendationForm.CERTIFICATE_OF_MERIT,
            reasons=rng.choice(UNIT_REASONS),
            submit=True,
        )
        for unit in chosen
    ]
    half = len(review_nominations) // 2
    _decide(
        review, review_nominations[:half], "215-QĐ/ĐUK", dt.date(2015, 5, 12), CommendationForm.CERTIFICATE_OF_MERIT
    )
    _decide(
        review, review_nominations[half:], "216-QĐ/ĐUK", dt.date(2015, 5, 12), CommendationForm.CERTIFICATE_OF_MERIT
    )
    review.is_open = False
    review.save(update_fields=["is_open"])

    # The year 2015: a few people praised.
    year_2015 = services.occasion_create(acting_user=None, unit=bloc, title="Năm 2015", year_from=2015, year_to=2015)
    leaders = list(
        Person.objects.filter(unit__path__startswith=bloc.path, is_leader=False, user__isnull=True)
        .select_related("unit")
        .order_by("id")[:400]
    )
    people_2015 = rng.sample(leaders, k=12)
    nominations_2015 = [
        services.nomination_create(
            acting_user=None,
            occasion=year_2015,
            nominating_unit=_committee_of(person.unit, committees),
            nominee_person=person,
            proposed_form=CommendationForm.PRAISE,
            reasons=rng.choice(PERSON_REASONS),
            submit=True,
        )
        for person in people_2015
        if person.unit is not None
    ]
    _decide(year_2015, nominations_2015, "301-QĐ/ĐUK", dt.date(2016, 1, 8), CommendationForm.PRAISE)

    # 2016, under way: nominations in every state.
    year_2016 = services.occasion_create(acting_user=None, unit=bloc, title="Năm 2016", year_from=2016, year_to=2016)
    others = [p for p in leaders if p not in people_2015]
    for index, person in enumerate(rng.sample(others, k=8)):
        assert person.unit is not None  # noqa: S101 - the query above reads people with a cell
        nomination = services.nomination_create(
            acting_user=None,
            occasion=year_2016,
            nominating_unit=_committee_of(person.unit, committees),
            nominee_person=person,
            proposed_form=CommendationForm.PRAISE,
            reasons=rng.choice(PERSON_REASONS),
            submit=index > 0,
        )
        if index in (2, 3, 4):
            services.nomination_accept(acting_user=None, nomination=nomination, expected_version=nomination.version)
        elif index == 5:
            services.nomination_return(
                acting_user=None,
                nomination=nomination,
                expected_version=nomination.version,
                reason="Chưa có minh chứng về thành tích; đề nghị bổ sung nhận xét của chi bộ.",
            )

    # Good people, good deeds.
    for (title, story), status in zip(EXEMPLARS, STATUSES, strict=True):
        person = rng.choice(others)
        collective = "Chi bộ" in title or "Tập thể" in title
        assert person.unit is not None  # noqa: S101
        committee = _committee_of(person.unit, committees)
        exemplar = services.exemplar_propose(
            acting_user=None,
            proposed_by=committee,
            person=None if collective else person,
            unit=person.unit if collective else None,
            title=title,
            story=story,
        )
        if status in (ExemplarStatus.VERIFIED, ExemplarStatus.PUBLISHED, ExemplarStatus.REJECTED):
            exemplar = services.exemplar_review(
                acting_user=None,
                exemplar=exemplar,
                expected_version=exemplar.version,
                status=ExemplarStatus.REJECTED if status == ExemplarStatus.REJECTED else ExemplarStatus.VERIFIED,
                note="Đã xác minh với cấp ủy cơ sở." if status != ExemplarStatus.REJECTED else "Chưa đủ căn cứ.",
            )
        if status == ExemplarStatus.PUBLISHED:
            services.exemplar_review(
                acting_user=None,
                exemplar=exemplar,
                expected_version=exemplar.version,
                status=ExemplarStatus.PUBLISHED,
                published_url=f"https://dangbo.example.vn/nguoi-tot-viec-tot/{exemplar.code}",
            )
