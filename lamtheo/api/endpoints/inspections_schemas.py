"""Shapes of the inspections API: filters, inspections with their findings and recommendations."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from lamtheo.api.pagination import DEFAULT_LIMIT
from lamtheo.api.schemas import Year
from lamtheo.inspections.models import FindingKind, InspectionKind

# A date can only hold years 1–9999; outside them a year filter is refused (422), never a 500.


class InspectionFilters(Schema):
    under: str | None = Field(None, description="A unit's code: inspections made or received in its subtree.")
    year: Year | None = None
    kind: InspectionKind | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class FindingFilters(Schema):
    under: str | None = Field(None, description="A unit's code: findings of inspections made or received there.")
    year: Year | None = None
    kind: FindingKind | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class InspectionOut(Schema):
    code: str
    kind: str
    inspecting_unit_code: str
    inspecting_unit_name: str
    target_code: str
    target_name: str
    start_date: dt.date
    end_date: dt.date
    planned: bool
    team_note: str
    summary: str
    good_practices: int
    shortcomings: int = Field(description="Findings that are not good practices (public-opinion issues included).")
    open_recommendations: int = Field(description="Recommendations not yet closed.")


class TeamMemberOut(Schema):
    code: str
    full_name: str
    unit_code: str | None


class FindingOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    created_at: dt.datetime


class FindingListOut(FindingOut):
    inspection_code: str
    inspection_kind: str
    inspecting_unit_code: str
    target_code: str
    target_name: str
    start_date: dt.date


class RecommendationOut(Schema):
    code: str
    text: str
    finding_id: int | None
    responsible_unit_code: str
    responsible_unit_name: str
    due_date: dt.date
    status: str
    overdue: bool = Field(description="Still open after its due date.")
    answer: str
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    version: int = Field(description="Send it back when answering or closing, so a stale edit is refused (409).")
    can_answer: bool
    can_close: bool


class DocumentOut(Schema):
    code: str
    title: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class InspectionDetailOut(InspectionOut):
    can_edit: bool
    team: list[TeamMemberOut]
    findings: list[FindingOut]
    recommendations: list[RecommendationOut]
    documents: list[DocumentOut]


class AnswerIn(Schema):
    version: int
    answer: str = Field(description="What the responsible unit has done.")


class CloseIn(Schema):
    version: int
