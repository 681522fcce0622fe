"""Activities and commitments: the campaign pages' access functions and services, answering in JSON.

Lists page by the row id (the only unique key the cursor can carry); ``under`` narrows them to a
unit's subtree exactly as the unit pages do. Writes go through ``lamtheo.campaign.services``, which
check capture rights, the commitment's stage and its version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user, sees_everything
from lamtheo.api.endpoints.campaign_schemas import (
    MAX_ID,
    MAX_YEAR,
    ActivityDetailOut,
    ActivityFilters,
    ActivityIn,
    ActivityOut,
    ApprovalIn,
    CommitmentFilters,
    CommitmentOut,
    EvaluationIn,
    HolidayFilters,
    HolidayOut,
    SelfAssessmentIn,
    activity_detail_out,
    activity_out,
    commitment_out,
    holiday_out,
)
from lamtheo.api.pagination import covers_whole_tree, decode_cursor, page, under_unit
from lamtheo.api.schemas import Error, Page
from lamtheo.campaign import services
from lamtheo.campaign.access import (
    activities_visible_to,
    can_approve_in,
    commitments_visible_to,
    get_activity_for_user,
    get_commitment_for_user,
    require_commitment_writer,
)
from lamtheo.campaign.models import Activity, Commitment, Holiday
from lamtheo.campaign.selectors.plans import plan_for_unit
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import Unit

router = Router(tags=["campaign"])
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: Error}

M = TypeVar("M", bound=Model)
CampaignRecord = TypeVar("CampaignRecord", Activity, Commitment)


def _page_by_id(
    queryset: QuerySet[M], cursor: str | None, limit: int, *, sort_matches: bool
) -> tuple[list[M], str | None]:
    """``page()`` on the id, with the cursor checked first: a forged one is refused, not a server error."""
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after <= MAX_ID:
            raise ValidationError(_("The cursor is not valid."))
    return page(queryset, ("id",), cursor, limit, sort_matches=sort_matches)


def _in_scope(model: type[CampaignRecord], user: Any, under: Unit | None) -> QuerySet[CampaignRecord] | None:
    """The records of ``under``'s subtree, or all of them for one who sees every unit; None otherwise.

    What the campaign's visibility functions would return, without their condition: everything under a
    unit the caller can see is visible to them. That condition (an OR over a subquery of every visible
    unit) makes the database read every record of the country, or worse at its size."""
    if under is not None:
        return model._default_manager.filter(under_unit("unit", under, walk=under.depth == 1))
    return model._default_manager.all() if sees_everything(user) else None


def _year_bounds(year: int) -> tuple[dt.date, dt.date] | None:
    """The year's first and last day; None for a year no date can be in (which then matches nothing)."""
    if not 1 <= year <= MAX_YEAR:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- Holidays ------------------------------------------------------------------------------------


@router.get("/holidays", response={200: list[HolidayOut], **ERRORS}, summary="Major holidays")
def list_holidays(request: AuthenticatedRequest, filters: Query[HolidayFilters]) -> list[HolidayOut]:
    """The holiday list is campaign-wide (every logged-in user reads it); its ids go into holiday propaganda."""
    holidays = Holiday.objects.order_by("day", "name")
    if filters.year is not None:
        bounds = _year_bounds(filters.year)
        holidays = holidays.filter(day__range=bounds) if bounds else holidays.none()
    return [holiday_out(h) for h in holidays]


# --- Activities ----------------------------------------------------------------------------------


@router.get("/activities", response={200: Page[ActivityOut], **ERRORS}, summary="Activities in my scope")
def list_activities(request: AuthenticatedRequest, filters: Query[ActivityFilters]) -> Page[ActivityOut]:
    """Activities the caller may see, in the order they were recorded; ``year`` is the year they were held."""
    top = get_unit_for_user(request.user, filters.under) if filters.under else None
    scoped = _in_scope(Activity, request.user, top)
    activities = scoped if scoped is not None else activities_visible_to(request.user)
    if filters.year is not None:
        bounds = _year_bounds(filters.year)
        activities = activities.filter(held_on__range=bounds) if bounds else activities.none()
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    activities = activities.select_related("unit", "plan", "holiday").prefetch_related("co_organisers")
    whole = covers_whole_tree(request.user, top)
    rows, next_cursor = _page_by_id(activities, filters.cursor, filters.limit, sort_matches=not whole)
    return Page[ActivityOut](items=[activity_out(a) for a in rows], next_cursor=next_cursor)


@router.get("/activities/{code}", response={200: ActivityDetailOut, **ERRORS}, summary="One activity")
def get_activity(request: AuthenticatedRequest, code: str) -> ActivityDetailOut:
    """The activity with its attendance: who was there and why the others were not (cell meetings)."""
    return activity_detail_out(get_activity_for_user(request.user, code))


def _holiday(holiday_id: int | None) -> Holiday | None:
    if holiday_id is None:
        return None
    holiday = Holiday.objects.filter(pk=holiday_id).first()
    if holiday is None:
        raise ValidationError(_("There is no holiday with id %(id)s.") % {"id": holiday_id})
    return holiday


def _co_organisers(codes: list[str]) -> list[Unit]:
    """Any active unit may co-organise (the Bloc's Youth Union with a cell), as on the page."""
    wanted = {code.strip() for code in codes if code.strip()}
    units = list(Unit.objects.filter(code__in=wanted, active_to__isnull=True))
    missing = sorted(wanted - {u.code for u in units})
    if missing:
        raise ValidationError(_("No active unit with code: %(codes)s.") % {"codes": ", ".join(missing)})
    return units


@router.post("/activities", response={201: ActivityDetailOut, **WRITE_ERRORS}, summary="Record an activity")
def create_activity(request: AuthenticatedRequest, payload: ActivityIn) -> Status[ActivityDetailOut]:
    """Record a study session, holiday propaganda, youth activity or other event; it counts toward the
    plan its unit works to in that year, as on the page."""
    unit = get_unit_for_user(request.user, payload.unit, write=True)
    activity = services.activity_create(
        acting_user=request.user,
        unit=unit,
        kind=payload.kind.value,
        title=payload.title,
        held_on=payload.held_on,
        place=payload.place,
        plan=plan_for_unit(unit, payload.held_on.year),
        holiday=_holiday(payload.holiday),
        co_organisers=_co_organisers(payload.co_organisers),
        expected_count=payload.expected_count,
        present_count=payload.present_count,
        notes=payload.notes,
    )
    return Status(201, activity_detail_out(activity))


# --- Commitments ---------------------------------------------------------------------------------


@router.get("/commitments", response={200: Page[CommitmentOut], **ERRORS}, summary="Commitments in my scope")
def list_commitments(request: AuthenticatedRequest, filters: Query[CommitmentFilters]) -> Page[CommitmentOut]:
    """Commitments the caller may see (a member sees their own), in the order they were registered."""
    top = get_unit_for_user(request.user, filters.under) if filters.under else None
    scoped = _in_scope(Commitment, request.user, top)
    commitments = scoped if scoped is not None else commitments_visible_to(request.user)
    if filters.year is not None:
        commitments = commitments.filter(year=filters.year) if _year_bounds(filters.year) else commitments.none()
    if filters.stage:
        commitments = commitments.filter(stage=filters.stage)
    whole = covers_whole_tree(request.user, top)
    commitments = commitments.select_related("person", "unit")
    rows, next_cursor = _page_by_id(commitments, filters.cursor, filters.limit, sort_matches=not whole)
    return Page[CommitmentOut](items=[commitment_out(c) for c in rows], next_cursor=next_cursor)


@router.get("/commitments/{code}", response={200: CommitmentOut, **ERRORS}, summary="One commitment")
def get_commitment(request: AuthenticatedRequest, code: str) -> CommitmentOut:
    return commitment_out(get_commitment_for_user(request.user, code))


@router.post(
    "/commitments/{code}/self-assessment", response={200: CommitmentOut, **WRITE_ERRORS}, summary="Self-assess"
)
def self_assess(request: AuthenticatedRequest, code: str, payload: SelfAssessmentIn) -> CommitmentOut:
    """The member (or whoever captures for the cell) writes the year's self-assessment, until the cell evaluates."""
    commitment = get_commitment_for_user(request.user, code)
    require_commitment_writer(request.user, commitment.person, commitment.unit)
    commitment = services.commitment_self_assess(
        acting_user=request.user,
        commitment=commitment,
        expected_version=payload.version,
        self_assessment=payload.self_assessment,
        self_rating=payload.self_rating.value,
    )
    return commitment_out(commitment)


@router.post(
    "/commitments/{code}/evaluation", response={200: CommitmentOut, **WRITE_ERRORS}, summary="The cell's evaluation"
)
def evaluate(request: AuthenticatedRequest, code: str, payload: EvaluationIn) -> CommitmentOut:
    """The cell rates a self-assessed commitment; it may revise the rating until the committee approves."""
    commitment = get_commitment_for_user(request.user, code)
    if not can_capture_unit(request.user, commitment.unit):
        raise PermissionDenied
    commitment = services.commitment_evaluate(
        acting_user=request.user,
        commitment=commitment,
        expected_version=payload.version,
        cell_rating=payload.cell_rating.value,
        cell_comment=payload.cell_comment,
    )
    return commitment_out(commitment)


@router.post(
    "/commitments/{code}/approval", response={200: CommitmentOut, **WRITE_ERRORS}, summary="The committee's approval"
)
def approve(request: AuthenticatedRequest, code: str, payload: ApprovalIn) -> CommitmentOut:
    """A committee above the cell approves the cell's rating; the commitment is locked from then on."""
    commitment = get_commitment_for_user(request.user, code)
    if not can_approve_in(request.user, commitment.unit):
        raise PermissionDenied
    commitment = services.commitment_approve(
        acting_user=request.user, commitment=commitment, expected_version=payload.version
    )
    return commitment_out(commitment)
