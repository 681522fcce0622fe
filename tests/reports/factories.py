"""Records for the reports' tests: a template, a cycle, and records of the other apps to count."""

from __future__ import annotations

import datetime as dt

from lamtheo.campaign.models import Activity, ActivityKind, Commitment
from lamtheo.inspections.models import Finding, Inspection
from lamtheo.org.models import Person, Unit, UnitKind
from lamtheo.recognition.models import Commendation, CommendationForm, Decision, Nomination, Occasion
from lamtheo.reports import services
from lamtheo.reports.indicators import STANDARD_INDICATORS
from lamtheo.reports.models import SECTION_VALUES, PeriodKind, ReportingCycle, ReportTemplate


def make_template(code: str = "standard") -> ReportTemplate:
    return services.template_create(
        acting_user=None,
        code=code,
        name="Báo cáo năm",
        indicators=[
            *(services.IndicatorSpec(c) for c in STANDARD_INDICATORS),
            services.IndicatorSpec(
                "propaganda_articles",
                source="manual",
                label="Bài viết tuyên truyền",
                definition="Số bài viết đăng trên trang tin của đơn vị.",
            ),
        ],
        sections=SECTION_VALUES,
    )


def open_cycle(
    issuing: Unit,
    template: ReportTemplate | None = None,
    *,
    year: int = 2015,
    kind: str = UnitKind.SUBORDINATE_COMMITTEE,
    deadline: dt.date | None = None,
) -> ReportingCycle:
    return services.cycle_open(
        acting_user=None,
        issuing_unit=issuing,
        template=template or make_template(),
        title=f"Báo cáo năm {year}",
        period_kind=PeriodKind.YEAR,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        deadline=deadline or dt.date(year, 12, 15),
        assigned_kind=kind,
    )


def meeting(cell: Unit, day: dt.date, expected: int = 10, present: int = 8) -> Activity:
    return Activity.objects.create(
        kind=ActivityKind.CELL_MEETING,
        title="Sinh hoạt chuyên đề",
        held_on=day,
        unit=cell,
        expected_count=expected,
        present_count=present,
    )


def commitment(person: Person, year: int, rating: str = "") -> Commitment:
    assert person.unit is not None
    return Commitment.objects.create(person=person, year=year, unit=person.unit, cell_rating=rating)


def inspection(by: Unit, target: Unit, day: dt.date, *, findings: tuple[str, ...] = ()) -> Inspection:
    done = Inspection.objects.create(inspecting_unit=by, target=target, start_date=day, end_date=day)
    for kind in findings:
        Finding.objects.create(inspection=done, kind=kind, title="Phát hiện")
    return done


def commendation(issuing: Unit, nominee: Unit | Person, day: dt.date) -> Commendation:
    occasion, _ = Occasion.objects.get_or_create(
        unit=issuing, title=f"Năm {day.year}", defaults={"year_from": day.year, "year_to": day.year}
    )
    unit = nominee if isinstance(nominee, Unit) else None
    person = nominee if isinstance(nominee, Person) else None
    nomination = Nomination.objects.create(
        occasion=occasion,
        nominating_unit=issuing,
        nominee_unit=unit,
        nominee_person=person,
        reasons="Thành tích xuất sắc",
        status="decided",
    )
    decision = Decision.objects.create(
        occasion=occasion,
        issuing_unit=issuing,
        number=f"{Decision.objects.count() + 1}-QĐ/ĐUK",
        date=day,
        signer_name="Nguyễn Văn A",
        signer_title="Bí thư",
        form=CommendationForm.PRAISE,
    )
    return Commendation.objects.create(
        decision=decision,
        nomination=nomination,
        occasion=occasion,
        nominee_unit=unit,
        nominee_person=person,
        nominating_unit=issuing,
        reason="Thành tích",
    )
