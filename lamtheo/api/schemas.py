from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, Field

T = TypeVar("T")

# A calendar year as a filter. Bounded so that every year's first and last moment exist in every time
# zone (year 1 in Asia/Ho_Chi_Minh is before datetime.min in UTC), and wide enough for any party record.
Year = Annotated[int, Field(ge=1900, le=2999, description="A calendar year, 1900–2999.")]


def _iso_date_only(value: Any) -> Any:
    """Refuse what pydantic would otherwise take for a date (``0`` as 1970-01-01): only YYYY-MM-DD."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    if isinstance(value, dt.date):
        return value
    raise ValueError("Write the date as YYYY-MM-DD.")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class ErrorBody(Schema):
    code: str
    message: str


class Error(Schema):
    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str | None
    depth: int
    active_from: dt.date
    active_to: dt.date | None
    merged_into: str | None
    sectors: list[str]
    sub_units: int


class TreeNodeOut(Schema):
    code: str
    name: str
    kind: str
    children: list[TreeNodeOut]


class PersonOut(Schema):
    code: str
    family_name: str
    middle_name: str
    given_name: str
    full_name: str
    gender: str
    birth_date: dt.date | None
    party_card_number: str | None
    position: str
    is_leader: bool
    unit_code: str | None


class RoleOut(Schema):
    role: str
    unit_code: str
    can_view: bool
    can_capture: bool


class MeOut(Schema):
    username: str
    full_name: str
    person_code: str | None
    roles: list[RoleOut]
