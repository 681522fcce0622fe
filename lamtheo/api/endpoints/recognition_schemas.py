"""Shapes of the recognition API: filters, commendations and exemplars ("good people, good deeds")."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from lamtheo.api.pagination import DEFAULT_LIMIT
from lamtheo.api.schemas import Year
from lamtheo.recognition.models import CommendationForm, ExemplarStatus

# A date can only hold years 1–9999; outside them a year filter is refused (422), never a 500.


class CommendationFilters(Schema):
    under: str | None = Field(None, description="A unit's code: commendations of units and people in its subtree.")
    year: Year | None = Field(None, description="The year of the commendation decision.")
    form: CommendationForm | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class ExemplarFilters(Schema):
    under: str | None = Field(None, description="A unit's code: exemplars proposed in or about its subtree.")
    year: Year | None = Field(None, description="The year the exemplar was proposed.")
    status: ExemplarStatus | None = None
    q: str | None = Field(None, max_length=100, description="Words of the title, subject or story; accents optional.")
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class CommendationOut(Schema):
    code: str
    form: str = Field(description="The form of the decision that commended them.")
    decision_code: str
    decision_number: str
    decision_date: dt.date
    issuing_unit_code: str
    signer_name: str
    signer_title: str
    occasion_code: str
    occasion_title: str
    occasion_period: str
    nominee_kind: Literal["unit", "person"]
    nominee_name: str
    nominee_unit_code: str | None
    nominee_person_code: str | None
    nominating_unit_code: str
    reason: str


class ExemplarOut(Schema):
    code: str
    title: str
    status: str
    subject_kind: Literal["person", "collective"]
    subject_name: str
    person_code: str | None
    unit_code: str | None
    proposed_by_code: str
    proposed_by_name: str
    created_at: dt.datetime


class ExemplarDetailOut(ExemplarOut):
    story: str
    review_note: str
    published_url: str
    has_evidence: bool
    version: int
