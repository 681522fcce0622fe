"""Reporting cycles and unit reports, written after the roll-ups are refreshed: a report's figures are
its unit's precomputed summary for the year, exactly what ``cycle_open`` would have pre-filled.

Each year the root asks every directly subordinate committee under it for a report, each committee
above the lowest level asks the committees below it, and each lowest-level committee asks its
grassroots committees. Past years' cycles are closed with most reports accepted, some late, a few
returned or never sent; the last year's cycle is still open.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass

from lamtheo.demo.synthetic.bulk import BulkWriter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.tree import Node, Period, Tree
from lamtheo.org.models import UnitKind
from lamtheo.reports import services
from lamtheo.reports.documents.narrative import assemble_sections
from lamtheo.reports.indicators import STANDARD_INDICATORS
from lamtheo.reports.models import (
    SECTION_VALUES,
    CycleStatus,
    PeriodKind,
    ReportingCycle,
    ReportStatus,
    ReportTemplate,
    ReviewDraft,
    UnitReport,
)
from lamtheo.reports.summaries import read_summaries

TEMPLATE_CODE = "bao-cao-nam-chi-thi-05"
TEMPLATE_NAME = "Báo cáo kết quả năm thực hiện Chỉ thị 05-CT/TW"
CYCLE_TITLE = "Báo cáo kết quả năm {year} thực hiện Chỉ thị 05-CT/TW"
RETURN_COMMENT = "Đề nghị bổ sung số liệu kiểm tra và phần nguyên nhân hạn chế."
PHRASES = {
    "results": (
        "Cấp ủy đã ban hành kế hoạch học tập chuyên đề năm, gắn với nhiệm vụ chính trị của đơn vị.",
        "Các chi bộ tổ chức sinh hoạt chuyên đề nghiêm túc; đảng viên đăng ký nội dung làm theo gắn với công việc.",
        "Công tác tuyên truyền các ngày lễ lớn được thực hiện thường xuyên.",
    ),
    "shortcomings": (
        "Việc học tập và làm theo ở một số chi bộ còn hình thức.",
        "Công tác nhân rộng điển hình người tốt, việc tốt chưa thường xuyên.",
    ),
    "causes": (
        "Một số cấp ủy chưa quan tâm đúng mức đến việc chỉ đạo, kiểm tra.",
        "Cán bộ làm công tác đảng phần lớn kiêm nhiệm.",
    ),
    "lessons": ("Gắn việc học tập và làm theo với nhiệm vụ chính trị, lấy chi bộ làm hạt nhân.",),
    "next_tasks": (
        "Tiếp tục đổi mới nội dung, hình thức sinh hoạt chuyên đề; tăng cường kiểm tra, giám sát.",
        "Đẩy mạnh biểu dương, khen thưởng người tốt, việc tốt.",
    ),
}
CLOSED_YEAR = Weighted(
    ((ReportStatus.ACCEPTED, 85), (ReportStatus.SUBMITTED, 5), (ReportStatus.RETURNED, 3), (ReportStatus.DRAFT, 7))
)
OPEN_YEAR = Weighted(
    ((ReportStatus.ACCEPTED, 35), (ReportStatus.SUBMITTED, 25), (ReportStatus.RETURNED, 5), (ReportStatus.DRAFT, 35))
)
LATE_SHARE = 0.12
NARRATIVE_VARIANTS = 16
SUMMARY_CHUNK = 2000
CYCLE_FIELDS = (
    "id", "code", "title", "issuing_unit", "template", "period_kind", "period_start", "period_end", "deadline",
    "assigned_kind", "status", "created_at",
)  # fmt: skip
REPORT_FIELDS = (
    "code", "cycle", "unit", "status", "values", "narrative", "values_computed_at", "first_submitted_at",
    "submitted_at", "reviewed_at", "review_comment",
)  # fmt: skip


@dataclass(frozen=True)
class Call:
    """One issuing unit's yearly call: which kind reports, and the units that do."""

    issuer: Node
    kind: str
    units: list[Node]


def calls(tree: Tree) -> list[Call]:
    """Who asks whom for a report (every unit of the kind below the issuer, as ``assignable_units``)."""
    result: list[Call] = []
    lowest = set(map(id, tree.lowest_committees))
    for issuer in [tree.root, *(n for level in tree.committees for n in level)]:
        kind = UnitKind.GRASSROOTS_COMMITTEE if id(issuer) in lowest else UnitKind.SUBORDINATE_COMMITTEE
        units = [n for n in _descendants(issuer) if n.kind == kind]
        if units:
            result.append(Call(issuer, kind, units))
    return result


def _descendants(node: Node) -> Iterator[Node]:
    walker = node.walk()
    next(walker)
    return walker


def write_reports(writer: BulkWriter, tree: Tree, period: Period, calendar: Calendar, rng: random.Random) -> None:
    template = ReportTemplate.objects.filter(code=TEMPLATE_CODE).first() or services.template_create(
        acting_user=None,
        code=TEMPLATE_CODE,
        name=TEMPLATE_NAME,
        indicators=[services.IndicatorSpec(code) for code in STANDARD_INDICATORS],
        sections=SECTION_VALUES,
    )
    narratives = [
        json.dumps(
            {key: " ".join(rng.sample(texts, min(2, len(texts)))) for key, texts in PHRASES.items()}, ensure_ascii=False
        )
        for _n in range(NARRATIVE_VARIANTS)
    ]
    cycle_ids = writer.ids(ReportingCycle)
    cycles: list[Row] = []
    reports: list[Row] = []
    root_cycles: list[tuple[int, int]] = []
    all_calls = calls(tree)
    for year in period.years:
        open_year = year == period.last_year
        figures = _figures(all_calls, year)
        deadline = ordinal(year, 12, 15)
        opened = calendar.stamp(ordinal(year, 10, 1), 9)
        for call in all_calls:
            cycle = cycle_ids.take()
            status = CycleStatus.OPEN if open_year else CycleStatus.CLOSED
            cycles.append(
                (
                    cycle,
                    uuid_hex(rng),
                    CYCLE_TITLE.format(year=year),
                    call.issuer.id,
                    template.pk,
                    PeriodKind.YEAR,
                    calendar.iso(ordinal(year)),
                    calendar.iso(ordinal(year, 12, 31)),
                    calendar.iso(deadline),
                    call.kind,
                    status,
                    opened,
                )
            )
            if call.issuer is tree.root and not open_year:
                root_cycles.append((cycle, year))
            for unit in call.units:
                values = figures[unit.id]
                reports.append(_report(cycle, unit, values, deadline, opened, open_year, narratives, calendar, rng))
    writer.write(ReportingCycle, CYCLE_FIELDS, cycles)
    writer.write(UnitReport, REPORT_FIELDS, reports)
    _reviews(root_cycles, tree)


def _figures(all_calls: list[Call], year: int) -> dict[int, str]:
    """Each reporting unit's figures for the year, serialised: the summaries with their ratios."""
    unit_ids = sorted({unit.id for call in all_calls for unit in call.units})
    result: dict[int, str] = {}
    key = str(year)
    for offset in range(0, len(unit_ids), SUMMARY_CHUNK):
        chunk = unit_ids[offset : offset + SUMMARY_CHUNK]
        summaries = read_summaries(chunk, [key])
        for unit_id in chunk:
            figures = summaries[unit_id][key]
            result[unit_id] = json.dumps({code: figures.get(code) for code in STANDARD_INDICATORS})
    return result


def _report(
    cycle: int,
    unit: Node,
    values: str,
    deadline: int,
    computed: str,
    open_year: bool,
    narratives: list[str],
    calendar: Calendar,
    rng: random.Random,
) -> Row:
    status = (OPEN_YEAR if open_year else CLOSED_YEAR).draw(rng)
    narrative = narratives[int(rng.random() * len(narratives))]
    if status == ReportStatus.DRAFT:
        return (uuid_hex(rng), cycle, unit.id, status, values, narrative, computed, None, None, None, "")
    late = rng.random() < LATE_SHARE
    day = deadline + rng.randint(1, 20) if late else deadline - rng.randint(0, 25)
    submitted = calendar.stamp(day, rng.randint(8, 17))
    reviewed = None
    comment = ""
    if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        reviewed = calendar.stamp(day + rng.randint(1, 6), 10)
    if status == ReportStatus.RETURNED:
        comment = RETURN_COMMENT
    return (uuid_hex(rng), cycle, unit.id, status, values, narrative, computed, submitted, submitted, reviewed, comment)


def _reviews(root_cycles: list[tuple[int, int]], tree: Tree) -> None:
    """A draft review document for the root's last closed year, assembled as the app would (its opening
    figures are counted over the whole tree: one is enough, at the country size a minute each)."""
    for number, (cycle_id, year) in enumerate(root_cycles[-1:], start=len(root_cycles)):
        cycle = ReportingCycle.objects.select_related("template", "issuing_unit").get(pk=cycle_id)
        ReviewDraft.objects.create(
            cycle=cycle,
            number=f"{number:02d}-BC/{tree.root.code.upper()}",
            date=dt.date(year + 1, 1, 10),
            title=f"Tổng kết năm {year} thực hiện Chỉ thị 05-CT/TW; phương hướng, nhiệm vụ năm {year + 1}",
            sections=assemble_sections(cycle),
        )
