"""The campaign's demo data: the directive's 2015 and 2016 plans, meetings, activities, commitments and ratings.

Written with bulk inserts (a few tens of thousands of rows) straight after the organisation demo, so
``demo_load`` stays fast. Some committees are made weak on purpose, so the progress pages tell a story.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

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
from lamtheo.demo.org_tree import BLOC_CODE, YOUTH_UNION_CODE
from lamtheo.demo.personas import PERSONA_CELL
from lamtheo.org.models import Membership, Person, Unit, UnitKind

BATCH_SIZE = 1000
YEARS = (2015, 2016)
TOPICS = {
    2015: (
        "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về trung thực, gắn bó với nhân dân; "
        "đoàn kết, xây dựng Đảng trong sạch, vững mạnh"
    ),
    2016: (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng phong cách, tác phong công tác "
        "của người đứng đầu, của cán bộ, đảng viên"
    ),
}
GOALS = {
    2015: (
        "Gắn việc học tập chuyên đề với thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị.\n"
        "Đưa nội dung học tập và làm theo vào sinh hoạt chi bộ định kỳ.\n"
        "Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW; biểu dương, khen thưởng tập thể, cá nhân tiêu biểu."
    ),
    2016: (
        "Đưa việc học tập và làm theo thành nội dung trọng tâm của chương trình hành động thực hiện "
        "Nghị quyết Đại hội XII của Đảng.\n"
        "Đổi mới hình thức học tập, lấy chi bộ làm nơi sinh hoạt trọng tâm.\n"
        "Bảo đảm 63/63 đảng ủy trực thuộc được kiểm tra; giúp đỡ đơn vị yếu kém."
    ),
}
TASKS = {
    2015: [
        ("Hướng dẫn học tập chuyên đề năm 2015", dt.date(2015, 3, 15)),
        ("Sơ kết 6 tháng thực hiện Chỉ thị 03-CT/TW", dt.date(2015, 7, 15)),
        ("Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW, biểu dương 71 đảng bộ cơ sở", dt.date(2015, 12, 15)),
    ],
    2016: [
        ("Hướng dẫn học tập chuyên đề năm 2016", dt.date(2016, 2, 29)),
        ("Kiểm tra 63/63 đảng ủy trực thuộc", dt.date(2016, 11, 30)),
        ("Tuyên truyền người tốt, việc tốt trên Cổng thông tin", dt.date(2016, 12, 15)),
    ],
}
COMMITTEE_TASKS = [
    ("Quán triệt chuyên đề tới các chi bộ", 4),
    ("Báo cáo kết quả học tập và làm theo 6 tháng", 7),
]
HOLIDAYS = [
    (2, 3, "Kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam"),
    (4, 30, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (5, 19, "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh"),
    (9, 2, "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (12, 22, "Ngày thành lập Quân đội nhân dân Việt Nam"),
]
EXTRA_HOLIDAYS = {2016: [(5, 22, "Bầu cử đại biểu Quốc hội khóa XIV và HĐND các cấp")]}
COMMITMENT_ITEMS = [
    "Thực hiện nghiêm giờ giấc làm việc, nói đi đôi với làm",
    "Giữ gìn phẩm chất đạo đức, lối sống trong sạch, giản dị",
    "Hoàn thành đúng hạn các nhiệm vụ được giao",
    "Tận tụy phục vụ nhân dân, không gây phiền hà",
    "Đoàn kết, giúp đỡ đồng nghiệp trong công tác",
    "Thực hành tiết kiệm, chống lãng phí trong cơ quan",
    "Đọc và nghiên cứu tác phẩm của Chủ tịch Hồ Chí Minh mỗi tháng",
    "Tích cực đóng góp ý kiến trong sinh hoạt chi bộ",
    "Nêu gương trong thực hiện đạo đức công vụ",
    "Đổi mới phong cách, tác phong làm việc khoa học, sâu sát",
]
LEADER_ITEM = "Người đứng đầu nêu gương theo Quy định 101-QĐ/TW"
ABSENCE_REASONS = ["Đi công tác", "Nghỉ ốm", "Việc gia đình", "Đi học", "Nghỉ phép"]
PLACES = ["Phòng họp tầng 2", "Hội trường cơ quan", "Phòng họp chi bộ", "Phòng họp số 1"]


@dataclass(frozen=True)
class Engagement:
    """How seriously a committee's cells take the year: the odds behind every figure drawn for them."""

    meets: float  # share of cells holding at least one meeting on the topic
    presence: float  # chance a member attends
    registers: float  # share of members registering a commitment
    self_assesses: float  # of those registered, share who self-assessed (2016: the year is still open)


STRONG = Engagement(meets=0.99, presence=0.95, registers=0.98, self_assesses=0.6)
NORMAL = Engagement(meets=0.95, presence=0.91, registers=0.94, self_assesses=0.45)
WEAK = Engagement(meets=0.45, presence=0.68, registers=0.6, self_assesses=0.15)


def _random_day(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    start = dt.date(year, months[0], 1)
    end = dt.date(year, months[1], 28)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _members_by_cell(bloc: Unit) -> dict[int, list[tuple[int, dt.date, dt.date | None]]]:
    rows = (
        Membership.objects.filter(unit__path__startswith=bloc.path, unit__kind=UnitKind.CELL)
        .order_by()
        .values_list("unit_id", "person_id", "joined_on", "left_on")
    )
    result: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for unit_id, person_id, joined_on, left_on in rows:
        result[unit_id].append((person_id, joined_on, left_on))
    return result


def _first_member_day(members: list[tuple[int, dt.date, dt.date | None]], year: int) -> dt.date | None:
    """The first day of ``year`` on which the cell had a member (None: it had none that year)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 20)
    days = [max(joined, start) for _pid, joined, left in members if joined <= end and (left is None or left > start)]
    return min(days) if days else None


def _on(members: list[tuple[int, dt.date, dt.date | None]], day: dt.date) -> list[int]:
    return [pid for pid, joined, left in members if joined <= day and (left is None or left > day)]


def _plans(rng: random.Random, bloc: Unit, committees: list[Unit]) -> dict[tuple[int, int], YearPlan]:
    """The Bloc's plans, adopted by (almost) every subordinate committee; key (unit id, year)."""
    programme = Programme.objects.create(
        code="03-ct-tw",
        title="Chỉ thị 03-CT/TW về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh",
        issued_on=dt.date(2011, 5, 14),
        ended_on=dt.date(2016, 5, 16),
    )
    Programme.objects.create(
        code="05-ct-tw",
        title="Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        issued_on=dt.date(2016, 5, 15),
    )
    plans: dict[tuple[int, int], YearPlan] = {}
    for year in YEARS:
        top = YearPlan.objects.create(
            programme=programme, unit=bloc, year=year, topic_title=TOPICS[year], goals=GOALS[year]
        )
        plans[(bloc.pk, year)] = top
        PlanTask.objects.bulk_create(
            PlanTask(plan=top, title=title, due_on=due, owner_unit=bloc, status="done" if year == 2015 else "open")
            for title, due in TASKS[year]
        )
        adopting = [c for c in committees if year == 2015 or rng.random() > 0.05]
        adopted = YearPlan.objects.bulk_create(
            YearPlan(
                programme=programme,
                unit=committee,
                year=year,
                parent_plan=top,
                topic_title=top.topic_title,
                goals=top.goals,
            )
            for committee in adopting
        )
        for plan in adopted:
            plans[(plan.unit_id, year)] = plan
        PlanTask.objects.bulk_create(
            PlanTask(plan=plan, title=title, due_on=dt.date(year, month, 30), owner_unit_id=plan.unit_id, status="done")
            for plan in adopted
            for title, month in COMMITTEE_TASKS
        )
    return plans


def _plan_of(plans: dict[tuple[int, int], YearPlan], committee_id: int, bloc_id: int, year: int) -> YearPlan:
    return plans.get((committee_id, year)) or plans[(bloc_id, year)]


def load_demo(rng: random.Random) -> None:
    bloc = Unit.objects.filter(code=BLOC_CODE).first()
    if bloc is None or Programme.objects.filter(code="03-ct-tw").exists():
        return
    today = timezone.localdate()
    committees = list(Unit.objects.filter(path__startswith=bloc.path, depth=2, kind=UnitKind.SUBORDINATE_COMMITTEE))
    committee_by_path = {c.path: c for c in committees}
    plans = _plans(rng, bloc, committees)

    holidays: dict[int, list[Holiday]] = {}
    for year in YEARS:
        days = HOLIDAYS + EXTRA_HOLIDAYS.get(year, [])
        holidays[year] = Holiday.objects.bulk_create(Holiday(day=dt.date(year, m, d), name=n) for m, d, n in days)

    engagement: dict[tuple[int, int], Engagement] = {}
    weak_2016 = set(rng.sample([c.pk for c in committees], 6))
    weak_2015 = set(rng.sample(sorted(weak_2016), 3)) | set(rng.sample([c.pk for c in committees], 2))
    for committee in committees:
        for year, weak in ((2015, weak_2015), (2016, weak_2016)):
            engagement[(committee.pk, year)] = (
                WEAK if committee.pk in weak else STRONG if rng.random() < 0.3 else NORMAL
            )

    cells = list(
        Unit.objects.filter(path__startswith=bloc.path, kind=UnitKind.CELL)
        .order_by("path")
        .only("id", "path", "code", "active_from", "active_to")
    )
    members = _members_by_cell(bloc)
    leaders = set(Person.objects.filter(unit__path__startswith=bloc.path, is_leader=True).values_list("id", flat=True))
    persona_cell = next((c for c in cells if c.code == PERSONA_CELL), None)
    persona_people = dict(
        Person.objects.filter(user__username__in=["dangvien", "bithu"]).values_list("user__username", "id")
    )

    meetings: list[Activity] = []
    attendance_drafts: list[list[tuple[int, bool, str]]] = []
    commitments: list[Commitment] = []
    now = timezone.now()
    for cell in cells:
        committee = committee_by_path.get(cell.path[: 2 * Unit.steplen])
        if committee is None:
            continue
        for year in YEARS:
            odds = engagement[(committee.pk, year)]
            plan = _plan_of(plans, committee.pk, bloc.pk, year)
            year_end = min(dt.date(year, 12, 31), today)
            if not cell.is_active_on(year_end):
                continue
            if rng.random() < odds.meets:
                first = _first_member_day(members.get(cell.pk, []), year)
                for _n in range(rng.choice((1, 2, 2, 3))):
                    day = _random_day(rng, year, (2, 11))
                    if first is not None and day < first:
                        day = first + dt.timedelta(days=rng.randint(0, max(0, (dt.date(year, 12, 20) - first).days)))
                    present_ids = _on(members.get(cell.pk, []), day)
                    if not present_ids:
                        continue
                    rows: list[tuple[int, bool, str]] = [
                        (pid, present, "" if present else rng.choice(ABSENCE_REASONS))
                        for pid in present_ids
                        for present in [rng.random() < odds.presence]
                    ]
                    meetings.append(
                        Activity(
                            kind=ActivityKind.CELL_MEETING,
                            title=plan.topic_title[:255],
                            held_on=day,
                            place=rng.choice(PLACES),
                            unit_id=cell.pk,
                            plan=plan,
                            expected_count=len(rows),
                            present_count=sum(1 for _p, present, _r in rows if present),
                        )
                    )
                    attendance_drafts.append(rows)
            for pid in _on(members.get(cell.pk, []), year_end):
                if rng.random() >= odds.registers:
                    continue
                commitments.append(_draw_commitment(rng, pid, cell.pk, year, pid in leaders, odds, now))

    _persona_story(commitments, persona_cell, persona_people, leaders, now)
    created = Activity.objects.bulk_create(meetings, batch_size=BATCH_SIZE)
    Attendance.objects.bulk_create(
        (
            Attendance(activity_id=activity.pk, person_id=pid, present=present, absence_reason=reason)
            for activity, rows in zip(created, attendance_drafts, strict=True)
            for pid, present, reason in rows
        ),
        batch_size=BATCH_SIZE,
    )
    Commitment.objects.bulk_create(commitments, batch_size=BATCH_SIZE)
    _events(rng, bloc, committees, plans, holidays)
    for year in YEARS:
        ProgressThreshold.objects.create(
            unit=bloc, year=year, min_meeting_share=75, min_attendance=80, min_registration=80
        )


def _draw_commitment(
    rng: random.Random, person_id: int, cell_id: int, year: int, is_leader: bool, odds: Engagement, now: dt.datetime
) -> Commitment:
    items = rng.sample(COMMITMENT_ITEMS, rng.randint(2, 4))
    if is_leader:
        items.insert(0, LEADER_ITEM)
    commitment = Commitment(person_id=person_id, year=year, unit_id=cell_id, is_leader=is_leader, items=items)
    # 2015 is closed: everyone registered was assessed, evaluated and approved. 2016 is under way.
    if year == 2015 or rng.random() < odds.self_assesses:
        rating = _draw_rating(rng, odds)
        commitment.stage = Stage.SELF_ASSESSED
        commitment.self_rating = rating
        commitment.self_assessment = "Đã thực hiện các nội dung đăng ký; " + (
            "hoàn thành tốt nhiệm vụ được giao." if rating in (Rating.EXCELLENT, Rating.GOOD) else "còn hạn chế."
        )
        commitment.self_assessed_at = now
        if year == 2015 or rng.random() < 0.5:
            # Cells are a little stricter than their members.
            cell_rating = Rating.COMPLETE if rating == Rating.EXCELLENT and rng.random() < 0.3 else rating
            commitment.cell_rating = cell_rating
            commitment.stage = Stage.EVALUATED
            commitment.evaluated_at = now
            if year == 2015:
                commitment.stage = Stage.APPROVED
                commitment.approved_at = now
    return commitment


def _draw_rating(rng: random.Random, odds: Engagement) -> str:
    weights = (10, 55, 30, 5) if odds is WEAK else (18, 60, 20, 2)
    return rng.choices(list(Rating.values), weights=weights)[0]


def _persona_story(
    commitments: list[Commitment],
    persona_cell: Unit | None,
    persona_people: dict[str, int],
    leaders: set[int],
    now: dt.datetime,
) -> None:
    """The member persona can still self-assess 2016; the secretary's cell has self-assessments to evaluate."""
    if persona_cell is None:
        return
    member_id = persona_people.get("dangvien")
    secretary_id = persona_people.get("bithu")
    mine = [c for c in commitments if c.unit_id == persona_cell.pk and c.year == 2016]
    # The cell has two members: the member persona, still to self-assess, and the secretary, whose own
    # self-assessment waits for the cell's evaluation.
    for commitment in mine:
        if commitment.person_id == member_id:
            commitment.stage, commitment.self_rating, commitment.self_assessment = Stage.REGISTERED, "", ""
            commitment.self_assessed_at = None
        else:
            commitment.stage, commitment.self_rating = Stage.SELF_ASSESSED, Rating.GOOD
            commitment.self_assessment = "Đã thực hiện đầy đủ các nội dung đăng ký, hoàn thành tốt nhiệm vụ."
            commitment.self_assessed_at = now
        commitment.cell_rating, commitment.evaluated_at = "", None
    registered = {c.person_id for c in mine}
    for person_id, stage in ((member_id, Stage.REGISTERED), (secretary_id, Stage.SELF_ASSESSED)):
        if person_id is None or person_id in registered:
            continue
        commitment = Commitment(
            person_id=person_id,
            year=2016,
            unit_id=persona_cell.pk,
            is_leader=person_id in leaders,
            items=COMMITMENT_ITEMS[:3],
            stage=stage,
        )
        if stage == Stage.SELF_ASSESSED:
            commitment.self_rating = Rating.GOOD
            commitment.self_assessment = "Đã thực hiện đầy đủ các nội dung đăng ký, hoàn thành tốt nhiệm vụ."
            commitment.self_assessed_at = now
        commitments.append(commitment)


def _events(
    rng: random.Random,
    bloc: Unit,
    committees: list[Unit],
    plans: dict[tuple[int, int], YearPlan],
    holidays: dict[int, list[Holiday]],
) -> None:
    """Holiday propaganda and study sessions by committees, youth activities with the Youth Union."""
    youth_union = Unit.objects.filter(code=YOUTH_UNION_CODE).first()
    events: list[Activity] = []
    for year in YEARS:
        for committee in committees:
            plan = _plan_of(plans, committee.pk, bloc.pk, year)
            for holiday in rng.sample(holidays[year], rng.randint(1, 3)):
                invited = rng.randint(60, 400)
                events.append(
                    Activity(
                        kind=ActivityKind.HOLIDAY_PROPAGANDA,
                        title=f"Tuyên truyền {holiday.name[:1].lower()}{holiday.name[1:]}",
                        held_on=holiday.day - dt.timedelta(days=rng.randint(0, 6)),
                        place="Hội trường cơ quan",
                        unit=committee,
                        plan=plan,
                        holiday=holiday,
                        expected_count=invited,
                        present_count=int(invited * rng.uniform(0.75, 0.98)),
                    )
                )
            if rng.random() < 0.7:
                invited = rng.randint(80, 300)
                events.append(
                    Activity(
                        kind=ActivityKind.STUDY_SESSION,
                        title=f"Hội nghị học tập chuyên đề năm {year}",
                        held_on=_random_day(rng, year, (2, 5)),
                        place="Hội trường cơ quan",
                        unit=committee,
                        plan=plan,
                        expected_count=invited,
                        present_count=int(invited * rng.uniform(0.8, 0.97)),
                    )
                )
    Activity.objects.bulk_create(events, batch_size=BATCH_SIZE)
    if youth_union is None:
        return
    youth = [
        Activity.objects.create(
            kind=ActivityKind.YOUTH_ACTIVITY,
            title=title,
            held_on=day,
            place=place,
            unit=bloc,
            plan=plans[(bloc.pk, day.year)],
            present_count=count,
            notes=notes,
        )
        for title, day, place, count, notes in (
            (
                "Tuổi trẻ các cơ quan Trung ương học tập và làm theo lời Bác",
                dt.date(2015, 5, 17),
                "Khu di tích Phủ Chủ tịch",
                450,
                "Phối hợp với Đoàn Khối tổ chức dâng hương và sinh hoạt chuyên đề.",
            ),
            (
                "Hội thi tìm hiểu tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                dt.date(2016, 3, 25),
                "Hội trường Đảng ủy Khối",
                320,
                "Phối hợp với Đoàn Khối; 24 đội thi của các đoàn cơ sở.",
            ),
        )
    ]
    for activity in youth:
        activity.co_organisers.add(youth_union)
