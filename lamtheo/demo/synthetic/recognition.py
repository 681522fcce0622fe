"""Commendations and exemplars, in modest numbers: each year the root and each first-level committee
open an occasion, the committees below them nominate units and people, and decisions commend most of
those nominated. Exemplars ("good people, good deeds") are proposed by first-level committees.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from lamtheo.demo.synthetic.bulk import BulkWriter, Row
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.draw import Weighted, uuid_hex
from lamtheo.demo.synthetic.people import Members
from lamtheo.demo.synthetic.tree import Node, Period, Tree
from lamtheo.lib.text import fold
from lamtheo.org.models import Person, UnitKind
from lamtheo.recognition.models import (
    Commendation,
    CommendationForm,
    Decision,
    Exemplar,
    ExemplarStatus,
    Nomination,
    NominationStatus,
    Occasion,
)

UNIT_REASONS = (
    "Có nhiều cách làm hay, sáng tạo trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Đưa việc học tập chuyên đề vào sinh hoạt chi bộ thường kỳ; đảng viên đăng ký và thực hiện cam kết làm theo.",
    "Cán bộ lãnh đạo gương mẫu nêu gương theo Quy định 101-QĐ/TW; đơn vị hoàn thành xuất sắc nhiệm vụ.",
)
PERSON_REASONS = (
    "Gương mẫu, tận tụy với công việc, được cán bộ, đảng viên và nhân dân tin yêu.",
    "Có sáng kiến cải cách thủ tục hành chính, tiết kiệm thời gian cho người dân.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, tích cực giúp đỡ đồng nghiệp khó khăn.",
)
EXEMPLAR_STORIES = (
    ("Hai mươi năm tận tụy với công tác tiếp dân", "Luôn lắng nghe, giải quyết thấu đáo đơn thư của người dân."),
    ("Sáng kiến số hóa hồ sơ đảng viên", "Tự xây dựng phần mềm quản lý hồ sơ, tiết kiệm hàng trăm giờ làm việc."),
    ("Tấm gương tiết kiệm, chống lãng phí", "Đề xuất giải pháp tiết kiệm chi phí hành chính của đơn vị."),
    ("Hết lòng vì học trò vùng khó", "Nhiều năm tình nguyện dạy học cho học sinh vùng cao."),
    ("Cựu chiến binh gương mẫu ở khu dân cư", "Đi đầu trong vận động nhân dân hiến đất làm đường."),
)
COLLECTIVE_STORIES = (
    ("Chi bộ ba năm liền trong sạch, vững mạnh tiêu biểu", "Chi bộ duy trì sinh hoạt chuyên đề hằng quý."),
    ("Tập thể đi đầu trong cải cách hành chính", "Đơn vị rút ngắn một nửa thời gian giải quyết thủ tục."),
)
RETURN_REASON = "Chưa có minh chứng về thành tích; đề nghị bổ sung nhận xét của chi bộ."
SIGNER = ("Nguyễn Văn Thành", "T/M Ban Thường vụ, Phó Bí thư")
CLOSED_YEAR = Weighted(
    ((NominationStatus.DECIDED, 85), (NominationStatus.RETURNED, 10), (NominationStatus.ACCEPTED, 5))
)
OPEN_YEAR = Weighted(
    (
        (NominationStatus.DRAFT, 10),
        (NominationStatus.SUBMITTED, 35),
        (NominationStatus.ACCEPTED, 25),
        (NominationStatus.RETURNED, 10),
        (NominationStatus.DECIDED, 20),
    )
)
EXEMPLAR_STATUSES = Weighted(
    (
        (ExemplarStatus.PROPOSED, 30),
        (ExemplarStatus.VERIFIED, 30),
        (ExemplarStatus.PUBLISHED, 30),
        (ExemplarStatus.REJECTED, 10),
    )
)
NOMINATION_FIELDS = (
    "id", "code", "occasion", "nominating_unit", "nominee_unit", "nominee_person", "proposed_form", "reasons",
    "status", "return_reason", "submitted_at", "reviewed_at", "created_at",
)  # fmt: skip
EXEMPLAR_FIELDS = (
    "code", "person", "unit", "title", "story", "proposed_by", "status", "review_note", "published_url",
    "search_text", "created_at",
)  # fmt: skip


@dataclass(frozen=True)
class PublishedExemplar:
    code: str
    title: str
    story: str
    subject: str
    year: int


@dataclass
class _Nominee:
    nomination: int
    occasion: int
    nominating: int
    unit: int | None
    person: int | None
    form: str
    reason: str


@dataclass
class _Rows:
    occasions: list[Row] = field(default_factory=list)
    nominations: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    commendations: list[Row] = field(default_factory=list)


def write_recognition(
    writer: BulkWriter, tree: Tree, members: Members, period: Period, calendar: Calendar, rng: random.Random, count: int
) -> list[PublishedExemplar]:
    """Occasions, nominations, decisions and commendations; then ``count`` exemplars. Returns those published."""
    rows = _Rows()
    for year in period.years:
        for owner in [tree.root, *tree.committees[0]]:
            _occasion(writer, rows, tree, members, owner, year, year == period.last_year, calendar, rng)
    writer.write(
        Occasion, ("id", "code", "unit", "title", "year_from", "year_to", "is_open", "created_at"), rows.occasions
    )
    writer.write(Nomination, NOMINATION_FIELDS, rows.nominations)
    writer.write(
        Decision,
        (
            "id",
            "code",
            "occasion",
            "issuing_unit",
            "number",
            "date",
            "signer_name",
            "signer_title",
            "form",
            "created_at",
        ),
        rows.decisions,
    )
    writer.write(
        Commendation,
        ("code", "decision", "nomination", "occasion", "nominee_unit", "nominee_person", "nominating_unit", "reason"),
        rows.commendations,
    )
    return _exemplars(writer, tree, members, period, calendar, rng, count)


def _occasion(
    writer: BulkWriter,
    rows: _Rows,
    tree: Tree,
    members: Members,
    owner: Node,
    year: int,
    open_year: bool,
    calendar: Calendar,
    rng: random.Random,
) -> None:
    occasion = writer.ids(Occasion).take()
    opened = calendar.stamp(ordinal(year, 9, 1), 9)
    rows.occasions.append((occasion, uuid_hex(rng), owner.id, f"Năm {year}", year, year, open_year, opened))
    statuses = OPEN_YEAR if open_year else CLOSED_YEAR
    decided: dict[str, list[_Nominee]] = {}
    nominators = [
        c for c in owner.children if c.kind in (UnitKind.SUBORDINATE_COMMITTEE, UnitKind.GRASSROOTS_COMMITTEE)
    ]
    seen: set[tuple[str, int]] = set()
    for nominator in nominators:
        top = owner is tree.root
        for nominee_unit, nominee_person in _nominees(tree, members, nominator, top, rng):
            key = ("u", nominee_unit) if nominee_unit is not None else ("p", nominee_person or 0)
            if key in seen:
                continue
            seen.add(key)
            form: str = CommendationForm.CERTIFICATE_OF_MERIT if nominee_unit is not None else CommendationForm.PRAISE
            reason = rng.choice(UNIT_REASONS if nominee_unit is not None else PERSON_REASONS)
            status = statuses.draw(rng)
            nomination = writer.ids(Nomination).take()
            created = ordinal(year, 10, 1) + rng.randint(0, 40)
            submitted = None if status == NominationStatus.DRAFT else calendar.stamp(created + 2, 10)
            reviewed = None
            if status in (NominationStatus.ACCEPTED, NominationStatus.RETURNED, NominationStatus.DECIDED):
                reviewed = calendar.stamp(created + rng.randint(5, 20), 14)
            returned = RETURN_REASON if status == NominationStatus.RETURNED else ""
            rows.nominations.append(
                (
                    nomination,
                    uuid_hex(rng),
                    occasion,
                    nominator.id,
                    nominee_unit,
                    nominee_person,
                    form,
                    reason,
                    status,
                    returned,
                    submitted,
                    reviewed,
                    calendar.stamp(created, 9),
                )
            )
            if status == NominationStatus.DECIDED:
                nominee = _Nominee(nomination, occasion, nominator.id, nominee_unit, nominee_person, form, reason)
                decided.setdefault(form, []).append(nominee)
    for form, nominees in sorted(decided.items()):
        _decide(writer, rows, owner, occasion, form, nominees, ordinal(year, 12, 20), calendar, rng)


def _nominees(
    tree: Tree, members: Members, nominator: Node, top: bool, rng: random.Random
) -> Iterable[tuple[int | None, int | None]]:
    """Units (committees or cells below the nominator) and people (members of its cells) it proposes."""
    cells = tree.cells_under(nominator)
    units = [c for c in nominator.children if c.kind in (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.CELL)]
    for unit in rng.sample(units, min(len(units), rng.randint(0, 2) if top else int(rng.random() < 0.3))):
        if unit.active_to is None:
            yield unit.id, None
    for _n in range(rng.randint(1, 3) if top else int(rng.random() < 0.6)):
        if not cells:
            break
        cell = rng.choice(cells)
        roster = members.rosters[cell.first_cell]
        if cell.active_to is None and roster.early:
            yield None, roster.first + rng.randrange(roster.early)


def _decide(
    writer: BulkWriter,
    rows: _Rows,
    owner: Node,
    occasion: int,
    form: str,
    nominees: list[_Nominee],
    day: int,
    calendar: Calendar,
    rng: random.Random,
) -> None:
    decision = writer.ids(Decision).take()
    number = f"{decision}-QĐ/{owner.code.upper()}"
    created = calendar.stamp(day, 11)
    rows.decisions.append(
        (decision, uuid_hex(rng), occasion, owner.id, number, calendar.iso(day), SIGNER[0], SIGNER[1], form, created)
    )
    for n in nominees:
        rows.commendations.append(
            (uuid_hex(rng), decision, n.nomination, occasion, n.unit, n.person, n.nominating, n.reason)
        )


def _exemplars(
    writer: BulkWriter, tree: Tree, members: Members, period: Period, calendar: Calendar, rng: random.Random, count: int
) -> list[PublishedExemplar]:
    """People and collectives put forward as examples; each year's share proposed within that year."""
    proposers = tree.committees[0]
    drafts: list[tuple[Node, int | None, Node | None, int]] = []  # proposer, person, collective, day
    for _n in range(count):
        proposer = rng.choice(proposers)
        cells = [c for c in tree.cells_under(proposer) if c.active_to is None]
        if not cells:
            continue
        cell = rng.choice(cells)
        roster = members.rosters[cell.first_cell]
        day = period.start + rng.randint(0, period.end - period.start - 60)
        if rng.random() < 0.25 or not roster.early:
            drafts.append((proposer, None, cell, day))
        else:
            drafts.append((proposer, roster.first + rng.randrange(roster.early), None, day))
    names = _names([person for _p, person, _c, _d in drafts if person is not None])
    published: list[PublishedExemplar] = []
    rows: list[Row] = []
    for proposer, person, collective, day in drafts:
        title, story = rng.choice(EXEMPLAR_STORIES if person is not None else COLLECTIVE_STORIES)
        subject = names.get(person, "") if person is not None else collective.name if collective else ""
        status = EXEMPLAR_STATUSES.draw(rng)
        code = uuid_hex(rng)
        url = f"https://lamtheo.example.vn/nguoi-tot-viec-tot/{code}" if status == ExemplarStatus.PUBLISHED else ""
        note = "Đã xác minh với cấp ủy cơ sở." if status in (ExemplarStatus.VERIFIED, ExemplarStatus.PUBLISHED) else ""
        note = "Chưa đủ căn cứ." if status == ExemplarStatus.REJECTED else note
        search = fold(f"{title} {subject} {story} {proposer.name}")
        unit = collective.id if collective is not None else None
        rows.append((code, person, unit, title, story, proposer.id, status, note, url, search, calendar.stamp(day, 10)))
        if status == ExemplarStatus.PUBLISHED:
            published.append(PublishedExemplar(code, title, story, subject, dt.date.fromordinal(day).year))
    writer.write(Exemplar, EXEMPLAR_FIELDS, rows)
    return published


def _names(person_ids: list[int]) -> dict[int, str]:
    """Full names of the few people that need one here (they are already written, in this transaction)."""
    names: dict[int, str] = {}
    for offset in range(0, len(person_ids), 500):
        chunk = person_ids[offset : offset + 500]
        for pid, family, middle, given in Person.objects.filter(id__in=chunk).values_list(
            "id", "family_name", "middle_name", "given_name"
        ):
            names[pid] = " ".join(part for part in (family, middle, given) if part)
    return names
