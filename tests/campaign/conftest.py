"""Campaign fixtures on top of the ``org`` personas: a programme, this year's Bloc plan and Committee A's adoption."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from lamtheo.campaign import services
from lamtheo.campaign.models import Programme, YearPlan
from lamtheo.org.models import Person
from tests.conftest import Org
from tests.factories import make_person

LONG_AGO = dt.date(2010, 1, 1)


@dataclass
class Campaign:
    org: Org
    programme: Programme
    year: int
    bloc_plan: YearPlan
    committee_plan: YearPlan
    plan_2016: YearPlan
    old_member: Person  # a member of Cell A1a since 2010, for meetings in past years


@pytest.fixture
def campaign(org: Org) -> Campaign:
    year = timezone.localdate().year
    programme = services.programme_create(
        acting_user=None, code="03-ct-tw", title="Chỉ thị 03-CT/TW", issued_on=dt.date(2011, 5, 14)
    )
    bloc_plan = services.plan_create(
        acting_user=None, unit=org.bloc, programme=programme, year=year, topic_title="Chuyên đề năm nay"
    )
    committee_plan = services.plan_adopt(acting_user=None, unit=org.committee_a, parent_plan=bloc_plan)
    plan_2016 = services.plan_create(
        acting_user=None, unit=org.bloc, programme=programme, year=2016, topic_title="Chuyên đề năm 2016"
    )
    old_member = make_person(org.cell_a1a, family_name="Lê", middle_name="Thị", given_name="Hoa", joined_on=LONG_AGO)
    return Campaign(
        org=org,
        programme=programme,
        year=year,
        bloc_plan=bloc_plan,
        committee_plan=committee_plan,
        plan_2016=plan_2016,
        old_member=old_member,
    )


@pytest.fixture(autouse=True)
def media_in_tmp(settings: object, tmp_path: object) -> None:
    """Uploaded files of a test land in its own temporary directory."""
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Services' messages are matched in English here; pages are checked in Vietnamese (the middleware's choice)."""
    with translation.override("en"):
        yield
