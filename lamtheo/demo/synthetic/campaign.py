"""The campaign over the years: plans cascading down the tree, cell meetings with attendance, committees'
events, and every member's yearly commitment with its self-assessment, evaluation and approval.

How seriously a committee's cells take a year (``Engagement``) is drawn per lowest-level committee
and year, so progress pages have weak units to flag. Years before the last are closed (almost every
commitment approved); the last year is still being evaluated, as if the data were read in January.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass

from lamtheo.campaign.models import (
    Activity,
    ActivityKind,
    Attendance,
    Commitment,
    Holiday,
    PlanTask,
    Programme,
    ProgressThreshold,
    Rating,
    Stage,
    YearPlan,
)
from lamtheo.demo.synthetic.bulk import BulkWriter, IdCounter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.people import Members
from lamtheo.demo.synthetic.sizes import Size
from lamtheo.demo.synthetic.tree import Node, Period, Tree
from lamtheo.org.models import UnitKind

PROGRAMMES = (
    # code, title, issued, ended
    (
        "03-ct-tw",
        "Chỉ thị 03-CT/TW về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh",
        "2011-05-14",
        "2016-05-14",
    ),
    (
        "05-ct-tw",
        "Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "2016-05-15",
        None,
    ),
)
DIRECTIVE_05_FROM = 2016
TOPICS = {
    2015: "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về trung thực, trách nhiệm; gắn bó với nhân dân; "
    "đoàn kết, xây dựng Đảng trong sạch, vững mạnh",
    2016: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng phong cách, tác phong công tác "
    "của người đứng đầu, của cán bộ, đảng viên",
    2017: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phong cách quần chúng, dân chủ, nêu gương; "
    "nói đi đôi với làm",
    2018: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tôn trọng nhân dân, "
    "phát huy dân chủ, chăm lo đời sống nhân dân",
    2019: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tôn trọng nhân dân, "
    "phát huy dân chủ, chăm lo đời sống nhân dân",
    2020: "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh theo "
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
}
LATER_TOPIC = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển "
    "đất nước phồn vinh, hạnh phúc"
)
GOALS = (
    "Đưa việc học tập và làm theo thành nội dung thường xuyên của sinh hoạt chi bộ.\n"
    "Mỗi cán bộ, đảng viên đăng ký một việc làm theo gắn với nhiệm vụ được giao.\n"
    "Kiểm tra, giám sát việc thực hiện; biểu dương, nhân rộng điển hình người tốt, việc tốt."
)
ROOT_TASKS = (
    ("Hướng dẫn học tập chuyên đề năm {year}", 3, 15),
    ("Sơ kết 6 tháng thực hiện chuyên đề năm {year}", 7, 15),
    ("Tổng kết năm {year}, biểu dương tập thể, cá nhân tiêu biểu", 12, 15),
)
COMMITTEE_TASKS = (("Quán triệt chuyên đề năm {year} tới các chi bộ", 4, 30), ("Báo cáo kết quả năm {year}", 11, 30))
HOLIDAYS = (
    (2, 3, "Kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam"),
    (4, 30, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (5, 19, "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh"),
    (9, 2, "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (12, 22, "Ngày thành lập Quân đội nhân dân Việt Nam"),
)
PLACES = ("Phòng họp tầng 2", "Hội trường cơ quan", "Phòng họp chi bộ", "Nhà văn hóa thôn", "Phòng họp số 1")
YOUTH_TITLES = (
    "Tuổi trẻ học tập và làm theo lời Bác",
    "Hội thi tìm hiểu tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Tháng Thanh niên: những việc làm theo lời Bác",
)
ABSENCE_REASONS = ("Đi công tác", "Nghỉ ốm", "Việc gia đình", "Đi học", "Nghỉ phép")
COMMITMENT_ITEMS = (
    "Thực hiện nghiêm giờ giấc làm việc, nói đi đôi với làm",
    "Giữ gìn phẩm chất đạo đức, lối sống trong sạch, giản dị",
    "Hoàn thành đúng hạn các nhiệm vụ được giao",
    "Tận tụy phục vụ nhân dân, không gây phiền hà",
    "Đoàn kết, giúp đỡ đồng chí, đồng nghiệp",
    "Thực hành tiết kiệm, chống lãng phí",
    "Đọc và nghiên cứu tác phẩm của Chủ tịch Hồ Chí Minh mỗi tháng",
    "Tích cực đóng góp ý kiến trong sinh hoạt chi bộ",
)
LEADER_ITEM = "Người đứng đầu nêu gương theo Quy định 101-QĐ/TW"
SELF_ASSESSMENTS = {
    True: "Đã thực hiện đầy đủ các nội dung đăng ký, hoàn thành tốt nhiệm vụ được giao.",
    False: "Đã thực hiện các nội dung đăng ký; một số việc còn chậm, cần cố gắng hơn.",
}
ITEM_VARIANTS = 48


@dataclass(frozen=True)
class Engagement:
    """The odds behind a committee's figures for a year."""

    meets: float  # share of cells holding topic meetings
    meetings: Weighted[int]  # how many in the year
    presence: float  # chance a member attends
    registers: float  # share of members registering a commitment
    ratings: Weighted[str]


STRONG = Engagement(
    0.99,
    Weighted(((2, 2), (3, 4), (4, 3))),
    0.95,
    0.98,
    Weighted(tuple(zip(Rating.values, (22, 60, 17, 1), strict=True))),
)
NORMAL = Engagement(
    0.95,
    Weighted(((1, 2), (2, 4), (3, 3))),
    0.9,
    0.94,
    Weighted(tuple(zip(Rating.values, (15, 60, 23, 2), strict=True))),
)
WEAK = Engagement(
    0.6, Weighted(((1, 5), (2, 3))), 0.7, 0.7, Weighted(tuple(zip(Rating.values, (6, 50, 36, 8), strict=True)))
)
ENGAGEMENTS = Weighted(((STRONG, 25), (NORMAL, 67), (WEAK, 8)))
# A committee keeps last year's engagement this often.
ENGAGEMENT_STICKS = 0.75
# Stages of the last year's commitments: its evaluation is still under way.
OPEN_YEAR_STAGES = Weighted(
    ((Stage.REGISTERED, 10), (Stage.SELF_ASSESSED, 25), (Stage.EVALUATED, 35), (Stage.APPROVED, 30))
)
CLOSED_YEAR_STAGES = Weighted(((Stage.SELF_ASSESSED, 1), (Stage.EVALUATED, 2), (Stage.APPROVED, 97)))
ACTIVITY_FIELDS = (
    "id", "code", "kind", "title", "held_on", "place", "unit", "plan", "holiday", "expected_count", "present_count",
    "created_at",
)  # fmt: skip
COMMITMENT_FIELDS = (
    "code", "person", "year", "unit", "is_leader", "items", "stage", "self_assessment", "self_rating",
    "self_assessed_at", "cell_rating", "evaluated_at", "approved_at", "registered_at",
)  # fmt: skip


def topic(year: int) -> str:
    return TOPICS.get(year, LATER_TOPIC)


@dataclass
class Campaign:
    """What later phases need: each committee's engagement and the year plans by unit."""

    engagement: dict[int, list[Engagement]]  # lowest-level committee id → one per year of the period
    plans: dict[int, dict[int, int]]  # year → unit id → plan id (committees that adopted the plan)


def lowest_committee(node: Node) -> Node:
    """The committee of the lowest level above a cell or grassroots committee (or the cell's own parent)."""
    parent = node.parent
    while parent is not None and parent.kind != UnitKind.SUBORDINATE_COMMITTEE:
        parent = parent.parent
    return parent or node


def write_campaign(
    writer: BulkWriter, tree: Tree, members: Members, size: Size, period: Period, calendar: Calendar, rng: random.Random
) -> Campaign:
    programmes = _programmes(writer)
    holidays = _holidays(writer, period, calendar)
    campaign = Campaign(engagement=_engagement(tree, period, rng), plans=_plans(writer, tree, period, programmes, rng))
    _tasks(writer, tree, campaign, period, calendar, rng)
    writer.write(
        ProgressThreshold,
        ("unit", "year", "min_meeting_share", "min_attendance", "min_registration"),
        [(tree.root.id, year, 80, 80, 90) for year in period.years],
    )
    meetings: list[tuple[int, int, int, int]] = []  # (activity id, cell position, day, present) with attendance
    co_organised: list[tuple[int, int]] = []
    activities = writer.ids(Activity)
    rows = _cell_meetings(tree, members, campaign, period, calendar, rng, activities, size, meetings)
    writer.write(Activity, ACTIVITY_FIELDS, rows)
    rows = _committee_events(tree, campaign, holidays, period, calendar, rng, activities, co_organised)
    writer.write(Activity, ACTIVITY_FIELDS, rows)
    writer.write(Activity.co_organisers.through, ("activity", "unit"), co_organised)
    writer.write(Attendance, ("activity", "person", "present", "absence_reason"), _attendance(members, meetings, rng))
    writer.write(Commitment, COMMITMENT_FIELDS, _commitments(tree, members, campaign, period, calendar, rng))
    return campaign


def _programmes(writer: BulkWriter) -> dict[str, int]:
    ids = writer.ids(Programme)
    rows = [(ids.take(), code, title, issued, ended) for code, title, issued, ended in PROGRAMMES]
    writer.write(Programme, ("id", "code", "title", "issued_on", "ended_on"), rows)
    return {row[1]: row[0] for row in rows}


def _holidays(writer: BulkWriter, period: Period, calendar: Calendar) -> dict[int, list[tuple[int, int, str]]]:
    """The year's holidays: (id, day, name)."""
    ids = writer.ids(Holiday)
    result: dict[int, list[tuple[int, int, str]]] = {}
    for year in period.years:
        result[year] = [(ids.take(), ordinal(year, month, day), name) for month, day, name in HOLIDAYS]
    rows = [(hid, calendar.iso(day), name) for days in result.values() for hid, day, name in days]
    writer.write(Holiday, ("id", "day", "name"), rows)
    return result


def _engagement(tree: Tree, period: Period, rng: random.Random) -> dict[int, list[Engagement]]:
    result: dict[int, list[Engagement]] = {}
    for committee in tree.lowest_committees:
        years: list[Engagement] = []
        for _year in period.years:
            keep = years and rng.random() < ENGAGEMENT_STICKS
            years.append(years[-1] if keep else ENGAGEMENTS.draw(rng))
        result[committee.id] = years
    return result


def _plans(
    writer: BulkWriter, tree: Tree, period: Period, programmes: dict[str, int], rng: random.Random
) -> dict[int, dict[int, int]]:
    """The root's plan each year, adopted by almost every committee from its nearest planning ancestor."""
    ids = writer.ids(YearPlan)
    plans: dict[int, dict[int, int]] = {}
    rows: list[Row] = []
    committees = [n for n in tree.nodes if n.kind in (UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE)]
    for year in period.years:
        programme = programmes["05-ct-tw" if year >= DIRECTIVE_05_FROM else "03-ct-tw"]
        by_unit = plans[year] = {}
        root_plan = by_unit[tree.root.id] = ids.take()
        rows.append((root_plan, uuid_hex(rng), programme, tree.root.id, year, None, topic(year), GOALS))
        for node in committees:
            if rng.random() >= 0.97:
                continue
            plan = by_unit[node.id] = ids.take()
            rows.append((plan, uuid_hex(rng), programme, node.id, year, plan_above(node, by_unit), topic(year), GOALS))
    writer.write(YearPlan, ("id", "code", "programme", "unit", "year", "parent_plan", "topic_title", "goals"), rows)
    return plans


def plan_above(node: Node, by_unit: dict[int, int]) -> int:
    """The plan of the nearest unit above ``node`` that has one (the root always does)."""
    parent = node.parent
    while parent is not None:
        plan = by_unit.get(parent.id)
        if plan is not None:
            return plan
        parent = parent.parent
    raise LookupError("the root has no plan")


def _tasks(
    writer: BulkWriter, tree: Tree, campaign: Campaign, period: Period, calendar: Calendar, rng: random.Random
) -> None:
    def rows() -> Iterator[Row]:
        for year, by_unit in campaign.plans.items():
            last = year == period.last_year
            for unit_id, plan in by_unit.items():
                tasks = ROOT_TASKS if unit_id == tree.root.id else COMMITTEE_TASKS
                for title, month, day in tasks:
                    status = "open" if last and month >= 11 and rng.random() < 0.3 else "done"
                    due = calendar.iso(ordinal(year, month, day))
                    yield (uuid_hex(rng), plan, title.format(year=year), unit_id, due, status)

    writer.write(PlanTask, ("code", "plan", "title", "owner_unit", "due_on", "status"), rows())


def _cell_meetings(
    tree: Tree,
    members: Members,
    campaign: Campaign,
    period: Period,
    calendar: Calendar,
    rng: random.Random,
    ids: IdCounter,
    size: Size,
    with_attendance: list[tuple[int, int, int, int]],
) -> Iterator[Row]:
    """Topic meetings of each cell, a few a year while it has members; some keep attendance per person."""
    meeting = ActivityKind.CELL_MEETING
    for position, (cell, roster) in enumerate(zip(tree.cells, members.rosters, strict=True)):
        odds_by_year = campaign.engagement[lowest_committee(cell).id]
        for year_index, year in enumerate(period.years):
            odds = odds_by_year[year_index]
            first = max(ordinal(year, 2, 1), cell.active_from)
            last = min(ordinal(year, 11, 30), cell.active_to or ordinal(year, 11, 30))
            if last < first or rng.random() >= odds.meets:
                continue
            plan = plan_above(cell, campaign.plans[year])
            title = f"Sinh hoạt chi bộ chuyên đề năm {year}"
            for _n in range(odds.meetings.draw(rng)):
                day = first + int(rng.random() * (last - first + 1))
                expected = roster.count_on(day)
                if not expected:
                    continue
                presence = min(1.0, odds.presence + (rng.random() - 0.5) * 0.12)
                present = min(expected, int(expected * presence + rng.random()))
                activity = ids.take()
                if rng.random() < size.attendance_share:
                    with_attendance.append((activity, position, day, present))
                place = PLACES[int(rng.random() * len(PLACES))]
                held_on, created = calendar.iso(day), calendar.stamp(day, 20)
                yield (
                    activity,
                    uuid_hex(rng),
                    meeting,
                    title,
                    held_on,
                    place,
                    cell.id,
                    plan,
                    None,
                    expected,
                    present,
                    created,
                )


def _committee_events(
    tree: Tree,
    campaign: Campaign,
    holidays: dict[int, list[tuple[int, int, str]]],
    period: Period,
    calendar: Calendar,
    rng: random.Random,
    ids: IdCounter,
    co_organised: list[tuple[int, int]],
) -> Iterator[Row]:
    """Holiday propaganda and study sessions by committees; youth activities with the Youth Union."""
    youth = {union.parent.id: union.id for union in tree.youth_unions if union.parent is not None}
    committees = [n for n in tree.nodes if n.kind not in (UnitKind.CELL, UnitKind.YOUTH_UNION)]

    def event(kind: str, title: str, day: int, node: Node, plan: int, holiday: int | None) -> Row:
        low, high = (20, 120) if node.kind == UnitKind.GRASSROOTS_COMMITTEE else (60, 400)
        invited = rng.randint(low, high)
        present = int(invited * rng.uniform(0.75, 0.98))
        place = PLACES[1]
        held_on, created = calendar.iso(day), calendar.stamp(day, 17)
        return (
            ids.take(),
            uuid_hex(rng),
            kind,
            title,
            held_on,
            place,
            node.id,
            plan,
            holiday,
            invited,
            present,
            created,
        )

    for year in period.years:
        by_unit = campaign.plans[year]
        for node in committees:
            plan = by_unit.get(node.id) or plan_above(node, by_unit)
            for holiday, day, name in rng.sample(holidays[year], rng.randint(1, 2)):
                title = f"Tuyên truyền {name[:1].lower()}{name[1:]}"
                yield event(ActivityKind.HOLIDAY_PROPAGANDA, title, day - rng.randint(0, 6), node, plan, holiday)
            if rng.random() < 0.7:
                day = ordinal(year, 2, 1) + rng.randint(0, 110)
                yield event(ActivityKind.STUDY_SESSION, f"Hội nghị học tập chuyên đề năm {year}", day, node, plan, None)
            union = youth.get(node.id)
            if union is not None:
                day = ordinal(year, 3, 1) + rng.randint(0, 200)
                row = event(ActivityKind.YOUTH_ACTIVITY, rng.choice(YOUTH_TITLES), day, node, plan, None)
                co_organised.append((row[0], union))
                yield row


def _attendance(members: Members, meetings: list[tuple[int, int, int, int]], rng: random.Random) -> Iterator[Row]:
    """Who was there: exactly ``present`` of the members on the day, the others with a reason."""
    for activity, position, day, present in meetings:
        people = members.rosters[position].members_on(day)
        absent = set(rng.sample(people, len(people) - present))
        for person in people:
            if person in absent:
                yield (activity, person, False, ABSENCE_REASONS[int(rng.random() * len(ABSENCE_REASONS))])
            else:
                yield (activity, person, True, "")


def _item_variants(rng: random.Random) -> tuple[list[str], list[str]]:
    """Serialised commitment lists, for members and for leaders: drawn once, reused for every row."""
    ordinary = [
        json.dumps(rng.sample(COMMITMENT_ITEMS, rng.randint(2, 4)), ensure_ascii=False) for _n in range(ITEM_VARIANTS)
    ]
    leaders = [
        json.dumps([LEADER_ITEM, *rng.sample(COMMITMENT_ITEMS, rng.randint(1, 3))], ensure_ascii=False)
        for _n in range(ITEM_VARIANTS)
    ]
    return ordinary, leaders


@dataclass(frozen=True)
class _YearStamps:
    """The times of a year's commitment steps, made once: registering in late February or March,
    self-assessing in early December, the cell's evaluation at the year's end, approval in January."""

    registration_day: int
    registered: list[str]
    assessed: list[str]
    evaluated: list[str]
    approved: list[str]

    @classmethod
    def of(cls, year: int, calendar: Calendar) -> _YearStamps:
        def days(start: int, count: int, hour: int) -> list[str]:
            return [calendar.stamp(start + offset, hour) for offset in range(count)]

        registration = ordinal(year, 2, 15)
        return cls(
            registration_day=registration,
            registered=days(registration, 40, 9),
            assessed=days(ordinal(year, 12, 1), 20, 15),
            evaluated=days(ordinal(year, 12, 21), 10, 16),
            approved=days(ordinal(year + 1, 1, 5), 10, 10),
        )


def _commitments(
    tree: Tree, members: Members, campaign: Campaign, period: Period, calendar: Calendar, rng: random.Random
) -> Iterator[Row]:
    """Each year, the members of each cell on 31 December register (most of them), counted at that cell.

    The hottest loop of the load (a row per member and year): draws are inlined and every time stamp
    comes from a table made once per year."""
    ordinary, leaders = _item_variants(rng)
    stamps = [_YearStamps.of(year, calendar) for year in period.years]
    random = rng.random
    good_ratings = (Rating.EXCELLENT, Rating.GOOD)
    rated = (Stage.EVALUATED, Stage.APPROVED)
    for cell, roster in zip(tree.cells, members.rosters, strict=True):
        odds_by_year = campaign.engagement[lowest_committee(cell).id]
        first, leader_end = roster.first, roster.first + roster.leaders
        for year_index, year in enumerate(period.years):
            reference = ordinal(year, 12, 31)
            if cell.active_from > reference or (cell.active_to is not None and cell.active_to < reference):
                continue
            odds = odds_by_year[year_index]
            registers = odds.registers
            stages = OPEN_YEAR_STAGES if year == period.last_year else CLOSED_YEAR_STAGES
            times = stamps[year_index]
            founded_late = cell.active_from > times.registration_day
            for person in roster.members_on(reference):
                if random() >= registers:
                    continue
                leader = first <= person < leader_end
                items = (leaders if leader else ordinary)[int(random() * ITEM_VARIANTS)]
                if founded_late:
                    registered = calendar.stamp(cell.active_from + int(random() * 40), 9)
                else:
                    registered = times.registered[int(random() * 40)]
                stage = stages.draw(rng)
                if stage == Stage.REGISTERED:
                    yield (
                        uuid_hex(rng),
                        person,
                        year,
                        cell.id,
                        leader,
                        items,
                        stage,
                        "",
                        "",
                        None,
                        "",
                        None,
                        None,
                        registered,
                    )
                    continue
                rating = odds.ratings.draw(rng)
                cell_rating, evaluated, approved = "", None, None
                if stage in rated:
                    # Cells are a little stricter than their members.
                    cell_rating = Rating.GOOD if rating == Rating.EXCELLENT and random() < 0.3 else rating
                    evaluated = times.evaluated[int(random() * 10)]
                    if stage == Stage.APPROVED:
                        approved = times.approved[int(random() * 10)]
                yield (
                    uuid_hex(rng),
                    person,
                    year,
                    cell.id,
                    leader,
                    items,
                    stage,
                    SELF_ASSESSMENTS[rating in good_ratings],
                    rating,
                    times.assessed[int(random() * 20)],
                    cell_rating,
                    evaluated,
                    approved,
                    registered,
                )
