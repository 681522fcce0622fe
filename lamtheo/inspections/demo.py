"""Demo inspections of the Bloc: 2015 history (six visits, good practices, follow-up) and a 2016 plan.

Writes go through the services (acting_user None: the system), so the demo is what users would
have recorded. A few hundred rows: well under a second.
"""

from __future__ import annotations

import datetime as dt
import random

from lamtheo.inspections import services
from lamtheo.inspections.models import (
    CoverageRule,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
    PlannedInspection,
)
from lamtheo.org.models import Person, Unit, UnitKind

BLOC_CODE = "dukcqtw"
PLAN_YEAR = 2016
DONE_IN_2016 = 25
WEAK_COUNT = 3

GOOD_PRACTICES = (
    (
        "Sinh hoạt chuyên đề gắn với nhiệm vụ chính trị của cơ quan",
        "Mỗi quý chi bộ chọn một việc cụ thể của đơn vị để liên hệ với chuyên đề; "
        "đảng viên đăng ký việc làm theo và báo cáo kết quả tại kỳ sinh hoạt sau.",
    ),
    (
        "Sổ tay “Làm theo lời Bác” của từng đảng viên",
        "Đảng viên ghi việc đã làm theo mỗi tháng; bí thư chi bộ xem và nhận xét tại sinh hoạt chi bộ.",
    ),
    (
        "Góc học tập và làm theo tấm gương đạo đức Hồ Chí Minh tại cơ quan",
        "Trưng bày tài liệu, gương người tốt việc tốt của cơ quan, cập nhật hằng tháng.",
    ),
    (
        "Phối hợp với Đoàn thanh niên tổ chức “Tháng thanh niên làm theo lời Bác”",
        "Đoàn viên nhận việc khó tại phòng, ban; kết quả được đưa vào bình xét cuối năm.",
    ),
    (
        "Cam kết nêu gương của cán bộ lãnh đạo theo Quy định 101-QĐ/TW",
        "Cán bộ chủ chốt công khai cam kết tại hội nghị cán bộ, công chức và tự kiểm điểm mỗi sáu tháng.",
    ),
    (
        "Đưa nội dung làm theo vào tiêu chí đánh giá, xếp loại đảng viên",
        "Kết quả thực hiện cam kết là một tiêu chí khi chi bộ đánh giá, xếp loại đảng viên cuối năm.",
    ),
    (
        "Tuyên truyền trên trang tin nội bộ về gương người tốt, việc tốt",
        "Mỗi tuần một bài ngắn về một cán bộ, đảng viên tiêu biểu của cơ quan.",
    ),
)
SHORTCOMINGS = (
    (
        "Sinh hoạt chuyên đề còn hình thức, chưa gắn với việc làm cụ thể",
        "Một số chi bộ chỉ đọc tài liệu, chưa thảo luận và chưa đề ra việc làm theo.",
    ),
    ("Chưa xây dựng kế hoạch thực hiện chuyên đề năm", "Đảng ủy chưa ban hành kế hoạch riêng cho năm."),
    (
        "Một bộ phận cán bộ chưa đáp ứng yêu cầu về đạo đức công vụ",
        "Còn tình trạng chậm giải quyết hồ sơ, thái độ phục vụ chưa tốt.",
    ),
    ("Việc nêu gương của cán bộ lãnh đạo chưa thuyết phục", "Cam kết nêu gương chưa được kiểm điểm định kỳ."),
)
PUBLIC_OPINION = (
    (
        "Dư luận bức xúc về thủ tục hành chính kéo dài",
        "Phản ánh của người dân và doanh nghiệp về thời gian giải quyết hồ sơ.",
    ),
)
RECOMMENDATIONS = (
    "Xây dựng kế hoạch thực hiện chuyên đề năm và gửi về Đảng ủy Khối.",
    "Đổi mới nội dung sinh hoạt chi bộ, gắn chuyên đề với nhiệm vụ chính trị của cơ quan.",
    "Tổ chức cho cán bộ lãnh đạo đăng ký và kiểm điểm việc nêu gương theo Quy định 101-QĐ/TW.",
    "Rà soát, chấn chỉnh đạo đức công vụ ở các phòng giải quyết thủ tục hành chính.",
)
ANSWERS = (
    "Đảng ủy đã ban hành kế hoạch và gửi về Đảng ủy Khối.",
    "Các chi bộ đã đưa nội dung liên hệ chuyên đề vào sinh hoạt thường kỳ.",
)
TEAM_NOTE = "Đ/c Phạm Thu Hà, Bộ phận giúp việc Đảng ủy Khối"


def _team(rng: random.Random, leaders: list[Person]) -> list[Person]:
    return rng.sample(leaders, k=min(2, len(leaders)))


def _add_findings(rng: random.Random, inspection: Inspection, *, answered_ratio: float, closed_ratio: float) -> None:
    for title, text in rng.sample(GOOD_PRACTICES, k=rng.randint(1, 2)):
        services.finding_add(
            acting_user=None, inspection=inspection, kind=FindingKind.GOOD_PRACTICE, title=title, description=text
        )
    title, text = rng.choice(SHORTCOMINGS)
    shortcoming = services.finding_add(
        acting_user=None, inspection=inspection, kind=FindingKind.SHORTCOMING, title=title, description=text
    )
    if rng.random() < 0.25:
        title, text = PUBLIC_OPINION[0]
        services.finding_add(
            acting_user=None, inspection=inspection, kind=FindingKind.PUBLIC_OPINION, title=title, description=text
        )
    recommendation = services.recommendation_add(
        acting_user=None,
        inspection=inspection,
        text=rng.choice(RECOMMENDATIONS),
        responsible_unit=inspection.target,
        due_date=inspection.end_date + dt.timedelta(days=rng.choice((30, 45, 60, 90))),
        finding=shortcoming,
    )
    roll = rng.random()
    if roll < answered_ratio:
        services.recommendation_answer(
            acting_user=None, recommendation=recommendation, expected_version=1, answer=rng.choice(ANSWERS)
        )
        if roll < closed_ratio:
            services.recommendation_close(acting_user=None, recommendation=recommendation, expected_version=2)


def _visit(
    rng: random.Random,
    bloc: Unit,
    target: Unit,
    start: dt.date,
    kind: str,
    leaders: list[Person],
    *,
    summary: str = "",
    planned: PlannedInspection | None = None,
) -> Inspection:
    return services.inspection_record(
        acting_user=None,
        inspecting_unit=bloc,
        target=target,
        kind=kind,
        start_date=start,
        end_date=start + dt.timedelta(days=rng.choice((0, 1, 2))),
        team=_team(rng, leaders),
        team_note=TEAM_NOTE,
        summary=summary,
        planned=planned,
    )


def load_demo(rng: random.Random) -> None:
    bloc = Unit.objects.filter(code=BLOC_CODE).first()
    if bloc is None or InspectionPlan.objects.filter(unit=bloc, year=PLAN_YEAR).exists():
        return
    committees = list(
        Unit.objects.filter(path__startswith=bloc.path, depth=bloc.depth + 1, kind=UnitKind.SUBORDINATE_COMMITTEE)
        .filter(active_to__isnull=True)
        .prefetch_related("sector_tags")
        .order_by("path")
    )
    leaders = list(Person.objects.filter(unit__path__startswith=bloc.path, is_leader=True).order_by("id")[:40])

    # Older history, so that "not inspected for longest" has something to say.
    for year in (2012, 2013, 2014):
        for committee in rng.sample(committees, k=8):
            _visit(rng, bloc, committee, dt.date(year, rng.randint(3, 11), rng.randint(1, 25)), "inspection", leaders)

    # 2015: six visits to committees and cells, good practices found (as in the seed article).
    targets_2015: list[Unit] = []
    for committee in rng.sample(committees, k=3):
        targets_2015.append(committee)
        child = (
            Unit.objects.filter(path__startswith=committee.path, depth=committee.depth + 1, active_to__isnull=True)
            .exclude(kind=UnitKind.CELL)
            .order_by("path")
            .first()
        )
        cell = Unit.objects.filter(path__startswith=committee.path, kind=UnitKind.CELL, active_to__isnull=True).first()
        targets_2015.append(child or cell or committee)
    for index, target in enumerate(targets_2015):
        kind = InspectionKind.INSPECTION if index % 2 == 0 else InspectionKind.SITUATION_GRASPING
        inspection = _visit(
            rng,
            bloc,
            target,
            dt.date(2015, 3 + index, rng.randint(5, 20)),
            kind,
            leaders,
            summary="Kiểm tra việc thực hiện Chỉ thị 03-CT/TW và chuyên đề năm 2015.",
        )
        _add_findings(rng, inspection, answered_ratio=0.7, closed_ratio=0.4)

    # 2016: every directly subordinate committee, schools and press first, some flagged weak.
    plan = services.plan_create(
        acting_user=None,
        unit=bloc,
        year=PLAN_YEAR,
        coverage_rule=CoverageRule.SUBORDINATE,
        priority_sector_codes=["school", "press"],
        notes="Bảo đảm 63/63 đảng ủy trực thuộc được kiểm tra; quan tâm các trường, học viện và cơ quan báo chí.",
    )
    weak = rng.sample(committees, k=WEAK_COUNT)
    plan.weak_units.set(weak)
    weak_ids = {u.pk for u in weak}

    def priority(unit: Unit) -> tuple[int, str]:
        sectors = {tag.code for tag in unit.sector_tags.all()}
        return (0 if unit.pk in weak_ids else 1 if sectors & {"school", "press"} else 2, unit.path)

    ordered = sorted(committees, key=priority)
    items = []
    for position, committee in enumerate(ordered):
        month = 2 + position * 10 // len(ordered)  # February to November
        reasons = []
        if committee.pk in weak_ids:
            reasons.append("đơn vị yếu kém")
        if {tag.code for tag in committee.sector_tags.all()} & {"school", "press"}:
            reasons.append("khối trường, học viện, báo chí")
        item = services.planned_inspection_add(
            acting_user=None,
            plan=plan,
            target=committee,
            month=month,
            kind=InspectionKind.INSPECTION,
            team=_team(rng, leaders),
            team_note=TEAM_NOTE,
            reasons="; ".join(reasons),
        )
        items.append(item)
    for item in items[:DONE_IN_2016]:
        start = dt.date(PLAN_YEAR, item.month, rng.randint(4, 22))
        inspection = _visit(rng, bloc, item.target, start, item.kind, leaders, planned=item)
        if rng.random() < 0.6:
            _add_findings(rng, inspection, answered_ratio=0.5, closed_ratio=0.2)
