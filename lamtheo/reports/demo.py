"""The reports' demo data: the 2015 annual cycle of the 63 directly subordinate committees (most
submitted, some late, a few missing, many accepted), an open 2016 half-year cycle, the 4-year review
of Directive 03-CT/TW, drafts of the two review documents, and the roll-ups computed."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.conf import settings

from lamtheo.org.models import Unit, UnitKind
from lamtheo.reports import services
from lamtheo.reports.documents.narrative import assemble_sections
from lamtheo.reports.indicators import STANDARD_INDICATORS
from lamtheo.reports.models import (
    SECTION_VALUES,
    PeriodKind,
    ReportingCycle,
    ReportStatus,
    ReportTemplate,
    ReviewDraft,
    UnitReport,
)
from lamtheo.reports.summaries import refresh_summaries

BLOC_CODE = "dukcqtw"
TEMPLATE_CODE = "bao-cao-chi-thi-03"
PERSONA_COMMITTEE = "du-bo-tu-phap"
ZONE = ZoneInfo(settings.TIME_ZONE)

PHRASES: dict[str, tuple[str, ...]] = {
    "results": (
        "Đảng ủy đã ban hành kế hoạch học tập chuyên đề năm, gắn với nhiệm vụ chính trị của cơ quan; "
        "100% chi bộ đưa nội dung chuyên đề vào sinh hoạt định kỳ.",
        "Các chi bộ tổ chức sinh hoạt chuyên đề nghiêm túc, nhiều đảng viên đăng ký nội dung làm theo gắn với "
        "vị trí việc làm; cấp ủy đã biểu dương kịp thời các tập thể, cá nhân tiêu biểu.",
        "Công tác tuyên truyền các ngày lễ lớn được thực hiện thường xuyên; phối hợp với tổ chức Đoàn tổ chức "
        "nhiều hoạt động thiết thực cho đoàn viên thanh niên.",
        "Cấp ủy đã kiểm tra, nắm tình hình ở các đảng bộ cơ sở, phát hiện nhiều cách làm hay, sáng tạo.",
    ),
    "shortcomings": (
        "Việc học tập và làm theo ở một số chi bộ còn hình thức, chưa gắn với nhiệm vụ chuyên môn.",
        "Công tác tuyên truyền, nhân rộng điển hình người tốt, việc tốt chưa thường xuyên.",
        "Việc nêu gương của cán bộ lãnh đạo theo Quy định 101-QĐ/TW ở một số nơi chưa thật thuyết phục.",
    ),
    "causes": (
        "Một số cấp ủy chưa quan tâm đúng mức đến việc chỉ đạo, kiểm tra, đôn đốc.",
        "Cán bộ làm công tác đảng phần lớn kiêm nhiệm, thời gian dành cho công tác này còn hạn chế.",
    ),
    "lessons": (
        "Phải gắn việc học tập và làm theo với nhiệm vụ chính trị của cơ quan, lấy chi bộ làm hạt nhân.",
        "Người đứng đầu phải gương mẫu, nói đi đôi với làm.",
    ),
    "next_tasks": (
        "Tiếp tục đổi mới nội dung, hình thức sinh hoạt chuyên đề; tăng cường kiểm tra, giám sát.",
        "Đẩy mạnh tuyên truyền, biểu dương, khen thưởng người tốt, việc tốt; quan tâm các đơn vị yếu kém.",
    ),
}


def _narrative(rng: random.Random, unit: Unit) -> dict[str, str]:
    return {key: " ".join(rng.sample(PHRASES[key], k=min(2, len(PHRASES[key])))) for key in SECTION_VALUES}


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=ZONE)


def _settle(rng: random.Random, cycle: ReportingCycle, *, missing: int, late: int, accepted_share: float) -> None:
    """Give the cycle's drafts a history: most submitted (some late), a few not, many accepted."""
    reports = list(UnitReport.objects.filter(cycle=cycle).select_related("unit").order_by("unit__path"))
    keep_open = {r.pk for r in reports if r.unit.code == PERSONA_COMMITTEE and cycle.status == "open"}
    candidates = [r for r in reports if r.pk not in keep_open]
    never = {r.pk for r in rng.sample(candidates, k=min(missing, len(candidates)))}
    late_ones = {r.pk for r in rng.sample([r for r in candidates if r.pk not in never], k=late)}
    for report in reports:
        report.narrative = _narrative(rng, report.unit)
        if report.pk in never or report.pk in keep_open:
            continue
        if report.pk in late_ones:
            day = cycle.deadline + dt.timedelta(days=rng.randint(1, 20))
        else:
            day = cycle.deadline - dt.timedelta(days=rng.randint(0, 25))
        report.first_submitted_at = report.submitted_at = _at(day, rng.randint(8, 17))
        report.status = ReportStatus.SUBMITTED
        if rng.random() < accepted_share:
            report.status = ReportStatus.ACCEPTED
            report.reviewed_at = _at(day + dt.timedelta(days=rng.randint(1, 6)), 10)
    UnitReport.objects.bulk_update(
        reports, ["narrative", "status", "first_submitted_at", "submitted_at", "reviewed_at"], batch_size=200
    )


def load_demo(rng: random.Random) -> None:
    bloc = Unit.objects.filter(code=BLOC_CODE).first()
    if bloc is None or ReportingCycle.objects.filter(issuing_unit=bloc).exists():
        return
    template = ReportTemplate.objects.filter(code=TEMPLATE_CODE).first() or services.template_create(
        acting_user=None,
        code=TEMPLATE_CODE,
        name="Báo cáo kết quả thực hiện Chỉ thị 03-CT/TW",
        indicators=[services.IndicatorSpec(code) for code in STANDARD_INDICATORS],
        sections=SECTION_VALUES,
    )
    annual = services.cycle_open(
        acting_user=None,
        issuing_unit=bloc,
        template=template,
        title="Báo cáo kết quả năm 2015 thực hiện Chỉ thị 03-CT/TW",
        period_kind=PeriodKind.YEAR,
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2015, 12, 31),
        deadline=dt.date(2015, 12, 15),
        assigned_kind=UnitKind.SUBORDINATE_COMMITTEE,
    )
    _settle(rng, annual, missing=4, late=7, accepted_share=0.8)
    four_years = services.cycle_open(
        acting_user=None,
        issuing_unit=bloc,
        template=template,
        title="Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW (2011–2015)",
        period_kind=PeriodKind.MULTI_YEAR,
        period_start=dt.date(2011, 5, 14),
        period_end=dt.date(2015, 6, 30),
        deadline=dt.date(2015, 7, 31),
        assigned_kind=UnitKind.SUBORDINATE_COMMITTEE,
    )
    _settle(rng, four_years, missing=1, late=3, accepted_share=0.95)
    services.cycle_close(acting_user=None, cycle=four_years)
    half_year = services.cycle_open(
        acting_user=None,
        issuing_unit=bloc,
        template=template,
        title="Sơ kết 6 tháng đầu năm 2016 thực hiện Chỉ thị 03-CT/TW",
        period_kind=PeriodKind.HALF_YEAR,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 6, 30),
        deadline=dt.date(2016, 7, 15),
        assigned_kind=UnitKind.SUBORDINATE_COMMITTEE,
    )
    _settle(rng, half_year, missing=25, late=4, accepted_share=0.3)

    ReviewDraft.objects.bulk_create(
        [
            ReviewDraft(
                cycle=annual,
                number="12-BC/ĐUK",
                date=dt.date(2016, 1, 4),
                title="Tổng kết công tác năm 2015 thực hiện Chỉ thị 03-CT/TW; phương hướng, nhiệm vụ năm 2016",
                sections=assemble_sections(annual),
            ),
            ReviewDraft(
                cycle=four_years,
                number="09-BC/ĐUK",
                date=dt.date(2015, 8, 20),
                title="Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị (2011–2015)",
                sections=assemble_sections(four_years),
            ),
        ]
    )
    refresh_summaries(bloc, [2015, 2016])
