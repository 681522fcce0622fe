"""Schemas of the reports endpoints: reporting cycles, unit reports and the two writes on a draft."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from lamtheo.api.pagination import DEFAULT_LIMIT
from lamtheo.api.schemas import Year
from lamtheo.reports.models import CycleStatus, PeriodKind, ReportStatus

# As the page's form: at most 20,000 characters a section, and no NUL (PostgreSQL cannot store it).
SectionText = Annotated[str, Field(max_length=20000, pattern=r"^[^\x00]*$")]
# A figure is a count or a rate: never negative, never NaN or infinite (JSON cannot carry them back).
Figure = Annotated[float, Field(ge=0, allow_inf_nan=False)]
# Dates cover years 1–9999: a year outside them cannot be asked about.


class CycleFilters(Schema):
    year: Year | None = Field(None, description="Cycles whose period touches this calendar year.")
    status: CycleStatus | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class ReportFilters(Schema):
    under: str | None = Field(None, description="A unit code: reports of that unit's subtree (itself included).")
    cycle: str | None = Field(None, description="A cycle code.")
    year: Year | None = Field(None, description="Reports of cycles whose period touches this calendar year.")
    status: ReportStatus | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class CycleOut(Schema):
    code: str
    title: str
    issuing_unit_code: str
    issuing_unit_name: str
    template_code: str
    period_kind: PeriodKind
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    assigned_kind: str
    status: CycleStatus


class IndicatorOut(Schema):
    code: str
    label: str
    definition: str
    manual: bool = Field(description="Typed in by the unit; otherwise computed from the records.")
    is_ratio: bool


class SectionTitleOut(Schema):
    code: str
    title: str


class CompletenessOut(Schema):
    """The cycle over one unit's subtree: expected reports, and how many arrived (on time)."""

    unit_code: str
    unit_name: str
    expected: int
    submitted: int
    on_time: int
    accepted: int
    not_expected: int
    missing: int
    rate: float | None = Field(description="Submitted / expected, in per cent; null when nothing is expected.")
    timeliness: float | None = Field(description="On time / expected, in per cent; null when nothing is expected.")


class CycleDetailOut(CycleOut):
    template_name: str
    indicators: list[IndicatorOut]
    sections: list[SectionTitleOut]
    completeness: CompletenessOut
    unit_report_code: str | None = Field(description="The report of the unit the completeness is about, if assigned.")


class UnitReportOut(Schema):
    code: str
    cycle_code: str
    cycle_title: str
    unit_code: str
    unit_name: str
    status: ReportStatus
    version: int = Field(description="Send it back with a write: a stale version is refused with 409.")
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    updated_at: dt.datetime


class FigureOut(IndicatorOut):
    value: float | None


class SectionOut(SectionTitleOut):
    text: str


class UnitReportDetailOut(UnitReportOut):
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    review_comment: str
    values_computed_at: dt.datetime | None
    expected: bool = Field(description="The unit was active at the end of the period, so its report is counted.")
    on_time: bool
    editable: bool = Field(description="The caller may save and submit it now.")
    can_review: bool = Field(description="The caller may accept or return it now.")
    figures: list[FigureOut]
    narrative: list[SectionOut]


class ReportSaveIn(Schema):
    """Only what is sent changes: a section or figure left out keeps its current value."""

    version: int
    narrative: dict[str, SectionText] = Field(default_factory=dict, description="Section code → text.")
    values: dict[str, Figure | None] = Field(
        default_factory=dict, description="Manual indicator code → figure (null clears it)."
    )


class ReportSubmitIn(Schema):
    version: int
