"""Progress figures against a small world counted by hand (see ``world``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheo.campaign import services
from lamtheo.campaign.selectors.progress import unit_progress
from lamtheo.org.models import Person, UnitKind
from tests.campaign.conftest import LONG_AGO, Campaign
from tests.campaign.factories import commitment_through, record_meeting
from tests.factories import make_person, make_unit

YEAR = 2016


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


def test_the_blocs_figures_match_the_hand_count(world: World) -> None:
    total = unit_progress(world.campaign.org.bloc, YEAR).total
    assert (total.cells, total.cells_met) == (3, 2)
    assert (total.present, total.expected) == (6, 7)
    assert (total.members, total.leaders) == (6, 1)
    assert (total.registered, total.self_assessed, total.evaluated, total.approved) == (4, 3, 2, 1)
    assert total.leader_commitments == 1
    assert total.ratings == {"excellent": 1, "complete": 1}
    assert total.meeting_share == pytest.approx(200 / 3)
    assert total.attendance_rate == pytest.approx(600 / 7)
    assert total.registration_share == pytest.approx(400 / 6)
    assert total.self_assessed_share == pytest.approx(50)
    assert total.leader_share == pytest.approx(100)


def test_children_rows_and_weak_flags_with_reasons(world: World) -> None:
    org = world.campaign.org
    report = unit_progress(org.bloc, YEAR)
    rows = {row.unit.code: row for row in report.rows}
    assert list(rows) == ["committee-a", "committee-b"]  # in name order
    a, b = rows["committee-a"], rows["committee-b"]
    assert (a.figures.cells, a.figures.cells_met, a.figures.present, a.figures.expected) == (2, 1, 5, 6)
    assert (a.figures.members, a.figures.registered) == (5, 3)
    assert a.weak_reasons == ["cells meeting on the topic 50% < 75%", "members registered 60% < 80%"]
    assert not b.is_weak and b.figures.meeting_share == 100


def test_drilling_down_to_a_committee_and_a_cell(world: World) -> None:
    org = world.campaign.org
    report = unit_progress(org.committee_a, YEAR)
    rows = {row.unit.code: row for row in report.rows}
    assert set(rows) == {"gr-a1", "cell-a2"}
    assert (rows["gr-a1"].figures.cells_met, rows["gr-a1"].figures.registered) == (1, 2)
    assert rows["cell-a2"].weak_reasons == ["cells meeting on the topic 0% < 75%", "members registered 50% < 80%"]
    cell = unit_progress(org.cell_a1a, YEAR)
    assert cell.rows == []
    assert (cell.total.cells, cell.total.cells_met, cell.total.members, cell.total.registered) == (1, 1, 3, 2)


def test_a_year_without_data_shows_no_shares(world: World) -> None:
    total = unit_progress(world.campaign.org.bloc, 2014).total
    assert total.cells_met == 0 and total.meeting_share == 0
    assert total.attendance_rate is None and total.registration_share == 0


def test_no_thresholds_means_nobody_is_flagged(campaign: Campaign) -> None:
    report = unit_progress(campaign.org.bloc, 2013)
    assert report.threshold is None and report.weak_rows == []


def test_the_cost_does_not_grow_with_the_number_of_children(world: World) -> None:
    org = world.campaign.org

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            unit_progress(org.bloc, YEAR)
        return len(queries.captured_queries)

    before = count()
    for n in range(4):
        committee = make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name=f"Đảng ủy mới {n}")
        cell = make_unit(committee, kind=UnitKind.CELL)
        person = make_person(cell, given_name=f"Mới{n}", joined_on=LONG_AGO)
        record_meeting(cell, world.campaign.plan_2016, dt.date(YEAR, 4, 4), [person], [])
    assert count() == before
    assert len(unit_progress(org.bloc, YEAR).rows) == 6
