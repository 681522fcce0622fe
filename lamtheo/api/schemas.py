from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from ninja import Schema
from pydantic import BaseModel

T = TypeVar("T")


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
