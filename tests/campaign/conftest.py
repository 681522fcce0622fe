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
from tests.campaign.factories import commitment_through, record_meeting
from tests.conftest import Org
from tests.factories import make_person

LONG_AGO = dt.date(2010, 1, 1)
YEAR = 2016  # the year of ``world``


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


@dataclass
class World:
    campaign: Campaign
    people: dict[str, Person]


@pytest.fixture
def world(campaign: Campaign) -> World:
    """In 2016:

    Cell A1a: Hoa, Ba, Tư (Dũng joined only now). Meetings: 1/3 (Tư absent), 1/9 (all). Commitments: Hoa
    approved "excellent", Ba self-assessed.
    Cell A2: Năm, Sáu (a leader). No meeting. Commitment: Sáu evaluated "complete".
    Cell B1: Bảy. One meeting, present. Commitment: Bảy registered.
    """
    org = campaign.org
    people = {"hoa": campaign.old_member}
    people["ba"] = make_person(org.cell_a1a, given_name="Ba", joined_on=LONG_AGO)
    people["tu"] = make_person(org.cell_a1a, given_name="Tư", joined_on=LONG_AGO)
    people["nam"] = make_person(org.cell_a2, given_name="Năm", joined_on=LONG_AGO)
    people["sau"] = make_person(org.cell_a2, given_name="Sáu", joined_on=LONG_AGO, is_leader=True)
    people["bay"] = make_person(org.cell_b1, given_name="Bảy", joined_on=LONG_AGO)
    plan = campaign.plan_2016
    record_meeting(org.cell_a1a, plan, dt.date(YEAR, 3, 1), [people["hoa"], people["ba"]], [people["tu"]])
    record_meeting(org.cell_a1a, plan, dt.date(YEAR, 9, 1), [people["hoa"], people["ba"], people["tu"]], [])
    record_meeting(org.cell_b1, plan, dt.date(YEAR, 5, 5), [people["bay"]], [])
    commitment_through(people["hoa"], YEAR, stage="approved", rating="excellent")
    commitment_through(people["ba"], YEAR, stage="self_assessed")
    commitment_through(people["sau"], YEAR, stage="evaluated", rating="complete")
    commitment_through(people["bay"], YEAR, stage="registered")
    services.threshold_set(
        acting_user=None, unit=org.bloc, year=YEAR, min_meeting_share=75, min_attendance=80, min_registration=80
    )
    return World(campaign=campaign, people=people)
