"""Schemas of the campaign endpoints (activities, holidays, commitments) and how records become them.

Choices are typed with the models' own enums, so the OpenAPI document lists the allowed values and
an unknown one is a 422, not an empty answer that looks like "nothing there".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from lamtheo.api.pagination import DEFAULT_LIMIT
from lamtheo.campaign.models import Activity, ActivityKind, Commitment, Holiday, Rating, Stage

# PositiveIntegerField holds at most this on every database we run on; a BigAutoField id at most MAX_ID.
MAX_COUNT = 2_147_483_647
MAX_ID = 2**63 - 1
# PostgreSQL refuses NUL in text: a string with one is invalid input here rather than an error there.
NO_NUL = r"^[^\x00]*$"
# A date (and so a year) past this cannot be stored or compared: such a year simply matches nothing.
MAX_YEAR = 9999


class ActivityFilters(Schema):
    under: str | None = Field(None, pattern=NO_NUL, description="A unit's code: activities organised in its subtree.")
    year: int | None = None
    kind: ActivityKind | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class CommitmentFilters(Schema):
    under: str | None = Field(None, pattern=NO_NUL, description="A unit's code: commitments of cells in its subtree.")
    year: int | None = None
    stage: Stage | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class HolidayFilters(Schema):
    year: int | None = None


class HolidayOut(Schema):
    id: int
    day: dt.date
    name: str


class ActivityOut(Schema):
    code: str
    kind: str
    title: str
    held_on: dt.date
    place: str
    unit_code: str
    co_organisers: list[str]
    plan_code: str | None
    holiday: HolidayOut | None
    expected_count: int
    present_count: int
    attendance_rate: float | None
    notes: str


class AttendanceOut(Schema):
    person_code: str
    full_name: str
    present: bool
    absence_reason: str


class ActivityDetailOut(ActivityOut):
    """An activity with who attended: the per-person list exists for cell meetings only."""

    absent_count: int
    attendances: list[AttendanceOut]
    photo_count: int


class ActivityIn(Schema):
    """Any activity but a cell meeting (that one is recorded with its attendance list)."""

    unit: str = Field(pattern=NO_NUL, description="Code of the organising unit; you must be able to capture on it.")
    kind: ActivityKind
    title: str = Field(max_length=255, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$", description="Not blank.")
    held_on: dt.date
    place: str = Field("", max_length=255, pattern=NO_NUL)
    holiday: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id of the holiday (see /holidays); needed for holiday propaganda."
    )
    co_organisers: list[Annotated[str, Field(pattern=NO_NUL)]] = Field(
        default_factory=list, max_length=50, description="Codes of active units."
    )
    expected_count: int = Field(0, ge=0, le=MAX_COUNT)
    present_count: int = Field(0, ge=0, le=MAX_COUNT)
    notes: str = Field("", pattern=NO_NUL)


class CommitmentOut(Schema):
    code: str
    person_code: str
    full_name: str
    year: int
    unit_code: str
    is_leader: bool
    items: list[str]
    stage: str
    is_locked: bool
    version: int = Field(description="Send it back with a change: a newer version means someone saved meanwhile.")
    self_assessment: str
    self_rating: str | None
    self_assessed_at: dt.datetime | None
    cell_rating: str | None
    cell_comment: str
    evaluated_at: dt.datetime | None
    approved_at: dt.datetime | None
    registered_at: dt.datetime


def _version() -> Any:
    return Field(ge=1, le=MAX_COUNT, description="The commitment's version you read.")


class SelfAssessmentIn(Schema):
    version: int = _version()
    self_assessment: str = Field(pattern=NO_NUL)
    self_rating: Rating


class EvaluationIn(Schema):
    version: int = _version()
    cell_rating: Rating
    cell_comment: str = Field("", pattern=NO_NUL)


class ApprovalIn(Schema):
    version: int = _version()


# --- From the models ------------------------------------------------------------------------------


def holiday_out(holiday: Holiday) -> HolidayOut:
    return HolidayOut(id=holiday.pk, day=holiday.day, name=holiday.name)


def _activity_fields(activity: Activity) -> dict[str, Any]:
    holiday = activity.holiday
    return {
        "code": str(activity.code),
        "kind": activity.kind,
        "title": activity.title,
        "held_on": activity.held_on,
        "place": activity.place,
        "unit_code": activity.unit.code,
        "co_organisers": sorted(unit.code for unit in activity.co_organisers.all()),
        "plan_code": str(activity.plan.code) if activity.plan else None,
        "holiday": holiday_out(holiday) if holiday else None,
        "expected_count": activity.expected_count,
        "present_count": activity.present_count,
        "attendance_rate": activity.attendance_rate,
        "notes": activity.notes,
    }


def activity_out(activity: Activity) -> ActivityOut:
    """Rows of a list: the caller selects the unit, plan and holiday and prefetches the co-organisers."""
    return ActivityOut(**_activity_fields(activity))


def activity_detail_out(activity: Activity) -> ActivityDetailOut:
    attendances = activity.attendances.select_related("person").order_by("-present", "person__sort_key", "id")
    return ActivityDetailOut(
        **_activity_fields(activity),
        absent_count=max(activity.expected_count - activity.present_count, 0),
        attendances=[
            AttendanceOut(
                person_code=str(a.person.code),
                full_name=a.person.full_name,
                present=a.present,
                absence_reason=a.absence_reason,
            )
            for a in attendances
        ],
        photo_count=activity.photos.count(),
    )


def commitment_out(commitment: Commitment) -> CommitmentOut:
    return CommitmentOut(
        code=str(commitment.code),
        person_code=str(commitment.person.code),
        full_name=commitment.person.full_name,
        year=commitment.year,
        unit_code=commitment.unit.code,
        is_leader=commitment.is_leader,
        items=[str(item) for item in commitment.items],
        stage=commitment.stage,
        is_locked=commitment.is_locked,
        version=commitment.version,
        self_assessment=commitment.self_assessment,
        self_rating=commitment.self_rating or None,
        self_assessed_at=commitment.self_assessed_at,
        cell_rating=commitment.cell_rating or None,
        cell_comment=commitment.cell_comment,
        evaluated_at=commitment.evaluated_at,
        approved_at=commitment.approved_at,
        registered_at=commitment.registered_at,
    )
