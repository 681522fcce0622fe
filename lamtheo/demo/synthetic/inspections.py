"""Yearly inspection plans and the inspections carried out under them, with findings and follow-up.

The root, and each committee level above the lowest, inspects its directly subordinate committees;
a committee of the lowest level inspects its grassroots committees. Every unit the rule names is
planned for a month; most, not all, are visited that year (coverage 80–100 %, as the coverage board
expects to show). Past years' recommendations are mostly closed; the last year's are still open.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lamtheo.demo.synthetic.bulk import BulkWriter, IdCounter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.people import Members
from lamtheo.demo.synthetic.tree import Node, Period, Tree
from lamtheo.inspections.models import (
    CoverageRule,
    Finding,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
    PlannedInspection,
    Recommendation,
    RecommendationStatus,
)
from lamtheo.lib.text import fold
from lamtheo.org.models import UnitKind

GOOD_PRACTICES = (
    ("Sinh hoạt chuyên đề gắn với nhiệm vụ chính trị của đơn vị", "Mỗi quý chi bộ chọn một việc cụ thể để làm theo."),
    ("Sổ tay làm theo lời Bác của đảng viên", "Đảng viên ghi việc đã làm theo; bí thư chi bộ nhận xét hằng tháng."),
    ("Góc học tập và làm theo tấm gương đạo đức Hồ Chí Minh", "Trưng bày tài liệu và gương người tốt, việc tốt."),
    ("Cam kết nêu gương của người đứng đầu", "Cán bộ chủ chốt công khai cam kết và tự kiểm điểm sáu tháng một lần."),
    ("Đưa việc làm theo vào tiêu chí đánh giá đảng viên", "Kết quả thực hiện cam kết là tiêu chí xếp loại cuối năm."),
)
SHORTCOMINGS = (
    ("Sinh hoạt chuyên đề còn hình thức", "Một số chi bộ chỉ đọc tài liệu, chưa đề ra việc làm theo cụ thể."),
    ("Chưa xây dựng kế hoạch thực hiện chuyên đề năm", "Cấp ủy chưa ban hành kế hoạch riêng cho năm."),
    ("Việc nêu gương của cán bộ lãnh đạo chưa thuyết phục", "Cam kết nêu gương chưa được kiểm điểm định kỳ."),
    ("Hồ sơ, sổ sách theo dõi chưa đầy đủ", "Chưa lưu biên bản sinh hoạt chuyên đề của một số chi bộ."),
)
PUBLIC_OPINION = (
    ("Dư luận về thủ tục hành chính kéo dài", "Người dân phản ánh thời gian giải quyết hồ sơ."),
    ("Dư luận về thái độ phục vụ của cán bộ", "Phản ánh về tác phong, thái độ khi tiếp công dân."),
)
RECOMMENDATIONS = (
    "Xây dựng kế hoạch thực hiện chuyên đề năm và gửi về cấp ủy cấp trên.",
    "Đổi mới nội dung sinh hoạt chi bộ, gắn chuyên đề với nhiệm vụ chính trị của đơn vị.",
    "Tổ chức cho cán bộ lãnh đạo đăng ký và kiểm điểm việc nêu gương theo Quy định 101-QĐ/TW.",
    "Bổ sung, hoàn thiện hồ sơ, sổ sách theo dõi việc học tập và làm theo.",
)
ANSWERS = (
    "Cấp ủy đã ban hành kế hoạch và gửi về cấp trên.",
    "Các chi bộ đã đưa nội dung liên hệ chuyên đề vào sinh hoạt thường kỳ.",
    "Đã bổ sung đầy đủ hồ sơ theo yêu cầu.",
)
SUMMARY = "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW và chuyên đề năm {year}."
TEAM_NOTE = "Cán bộ Ban Tuyên giáo và Ủy ban Kiểm tra"
KINDS = Weighted(
    ((InspectionKind.INSPECTION, 80), (InspectionKind.SUPERVISION, 15), (InspectionKind.SITUATION_GRASPING, 5))
)
CLOSED_YEAR_FOLLOW_UP = Weighted(
    ((RecommendationStatus.CLOSED, 80), (RecommendationStatus.ANSWERED, 15), (RecommendationStatus.OPEN, 5))
)
OPEN_YEAR_FOLLOW_UP = Weighted(
    ((RecommendationStatus.CLOSED, 20), (RecommendationStatus.ANSWERED, 35), (RecommendationStatus.OPEN, 45))
)
COVERAGE = (0.8, 1.0)
PLAN_FIELDS = ("id", "code", "unit", "year", "coverage_rule", "notes")
INSPECTION_FIELDS = (
    "id", "code", "inspecting_unit", "target", "planned", "kind", "start_date", "end_date", "team_note", "summary",
    "created_at",
)  # fmt: skip
RECOMMENDATION_FIELDS = (
    "code", "inspection", "finding", "text", "responsible_unit", "due_date", "status", "answer", "answered_at",
    "closed_at", "created_at",
)  # fmt: skip


@dataclass(frozen=True)
class _Ids:
    plan: IdCounter
    planned: IdCounter
    inspection: IdCounter
    finding: IdCounter


@dataclass
class _Rows:
    plans: list[Row] = field(default_factory=list)
    planned: list[Row] = field(default_factory=list)
    inspections: list[Row] = field(default_factory=list)
    team: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    recommendations: list[Row] = field(default_factory=list)
    weak_units: list[Row] = field(default_factory=list)
    priority_sectors: list[Row] = field(default_factory=list)


def inspectors(tree: Tree) -> list[tuple[Node, str, list[Node]]]:
    """Who inspects whom: (inspecting unit, coverage rule, the units the rule names)."""
    result: list[tuple[Node, str, list[Node]]] = []
    lowest = set(map(id, tree.lowest_committees))
    for node in [tree.root, *(n for level in tree.committees for n in level)]:
        if id(node) in lowest:
            targets = [c for c in node.children if c.kind == UnitKind.GRASSROOTS_COMMITTEE]
            rule = CoverageRule.GRASSROOTS
        else:
            targets = [c for c in node.children if c.kind == UnitKind.SUBORDINATE_COMMITTEE]
            rule = CoverageRule.SUBORDINATE
        if targets:
            result.append((node, rule, targets))
    return result


def write_inspections(
    writer: BulkWriter,
    tree: Tree,
    members: Members,
    period: Period,
    calendar: Calendar,
    rng: random.Random,
    sector_tags: dict[str, int],
) -> None:
    rows = _Rows()
    ids = _Ids(writer.ids(InspectionPlan), writer.ids(PlannedInspection), writer.ids(Inspection), writer.ids(Finding))
    for year in period.years:
        for inspector, rule, targets in inspectors(tree):
            plan = ids.plan.take()
            rows.plans.append((plan, uuid_hex(rng), inspector.id, year, rule, ""))
            if inspector is tree.root:
                rows.priority_sectors.extend((plan, sector_tags[code]) for code in ("school", "press", "locality"))
            for weak in rng.sample(targets, min(len(targets), rng.randint(0, 2))):
                rows.weak_units.append((plan, weak.id))
            _visits(rows, ids, inspector, targets, plan, year, year == period.last_year, members, calendar, rng)
    writer.write(InspectionPlan, PLAN_FIELDS, rows.plans)
    writer.write(InspectionPlan.priority_sectors.through, ("inspectionplan", "sectortag"), rows.priority_sectors)
    writer.write(InspectionPlan.weak_units.through, ("inspectionplan", "unit"), rows.weak_units)
    writer.write(PlannedInspection, ("id", "plan", "target", "month", "kind", "reasons"), rows.planned)
    writer.write(Inspection, INSPECTION_FIELDS, rows.inspections)
    writer.write(Inspection.team.through, ("inspection", "person"), rows.team)
    writer.write(
        Finding, ("id", "inspection", "kind", "title", "description", "search_text", "created_at"), rows.findings
    )
    writer.write(Recommendation, RECOMMENDATION_FIELDS, rows.recommendations)


def _visits(
    rows: _Rows,
    ids: _Ids,
    inspector: Node,
    targets: list[Node],
    plan: int,
    year: int,
    open_year: bool,
    members: Members,
    calendar: Calendar,
    rng: random.Random,
) -> None:
    """The plan's lines, a month each from February to November, and the visits made (most of them)."""
    order = rng.sample(targets, len(targets))
    visited = round(len(order) * rng.uniform(*COVERAGE))
    team = _team(inspector, members)
    summary = SUMMARY.format(year=year)
    for position, target in enumerate(order):
        month = 2 + position * 10 // len(order)
        kind = KINDS.draw(rng)
        planned = ids.planned.take()
        rows.planned.append((planned, plan, target.id, month, kind, ""))
        if position >= visited:
            continue
        start = ordinal(year, month, rng.randint(4, 22))
        end = start + rng.randint(0, 2)
        inspection = ids.inspection.take()
        first, last, created = calendar.iso(start), calendar.iso(end), calendar.stamp(end, 17)
        rows.inspections.append(
            (
                inspection,
                uuid_hex(rng),
                inspector.id,
                target.id,
                planned,
                kind,
                first,
                last,
                TEAM_NOTE,
                summary,
                created,
            )
        )
        rows.team.extend((inspection, person) for person in team)
        _findings(rows, ids, inspection, target, end, open_year, calendar, rng)


def _team(inspector: Node, members: Members) -> list[int]:
    """Two people of the inspecting unit's first cell (its own staff, on the whole)."""
    if inspector.end_cell <= inspector.first_cell:
        return []
    roster = members.rosters[inspector.first_cell]
    return list(range(roster.first, roster.first + min(2, roster.early)))


def _findings(
    rows: _Rows,
    ids: _Ids,
    inspection: int,
    target: Node,
    end: int,
    open_year: bool,
    calendar: Calendar,
    rng: random.Random,
) -> None:
    created = calendar.stamp(end, 18)
    target_name = fold(target.name)
    drawn: list[tuple[str, tuple[str, str]]] = []
    if rng.random() < 0.7:
        drawn.extend((FindingKind.GOOD_PRACTICE, item) for item in rng.sample(GOOD_PRACTICES, rng.randint(1, 2)))
    if rng.random() < 0.6:
        drawn.append((FindingKind.SHORTCOMING, rng.choice(SHORTCOMINGS)))
    if rng.random() < 0.15:
        drawn.append((FindingKind.PUBLIC_OPINION, rng.choice(PUBLIC_OPINION)))
    for kind, (title, text) in drawn:
        finding = ids.finding.take()
        search = f"{fold(f'{title} {text}')} {target_name}"
        rows.findings.append((finding, inspection, kind, title, text, search, created))
        if kind == FindingKind.SHORTCOMING:
            rows.recommendations.append(_recommendation(inspection, finding, target, end, open_year, calendar, rng))


def _recommendation(
    inspection: int, finding: int, target: Node, end: int, open_year: bool, calendar: Calendar, rng: random.Random
) -> Row:
    due = end + rng.choice((30, 45, 60, 90))
    status = (OPEN_YEAR_FOLLOW_UP if open_year else CLOSED_YEAR_FOLLOW_UP).draw(rng)
    answer, answered, closed = "", None, None
    if status != RecommendationStatus.OPEN:
        answer = rng.choice(ANSWERS)
        answered = calendar.stamp(due - rng.randint(0, 20), 10)
    if status == RecommendationStatus.CLOSED:
        closed = calendar.stamp(due + rng.randint(1, 15), 15)
    text, created = rng.choice(RECOMMENDATIONS), calendar.stamp(end, 18)
    return (
        uuid_hex(rng),
        inspection,
        finding,
        text,
        target.id,
        calendar.iso(due),
        status,
        answer,
        answered,
        closed,
        created,
    )
