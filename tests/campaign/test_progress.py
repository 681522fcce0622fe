"""Progress figures against a small world counted by hand (see ``world``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lamtheo.campaign.selectors.progress import cell_members_with_commitments, child_paths, unit_progress
from lamtheo.org.models import Unit, UnitKind
from lamtheo.org.services import person_transfer
from tests.campaign.conftest import LONG_AGO, YEAR, Campaign, World
from tests.campaign.factories import record_meeting
from tests.factories import make_person, make_unit


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


def test_a_member_who_moved_is_listed_in_the_new_cell_only(world: World) -> None:
    org = world.campaign.org
    tu = world.people["tu"]
    person_transfer(acting_user=None, person=tu, to_unit=org.cell_a2, on_date=dt.date(YEAR, 6, 1))
    old_cell = [line.person for line in cell_members_with_commitments(org.cell_a1a, YEAR)]
    new_cell = [line.person for line in cell_members_with_commitments(org.cell_a2, YEAR)]
    assert tu not in old_cell and tu in new_cell
    assert unit_progress(org.cell_a1a, YEAR).total.members == 2
    assert unit_progress(org.cell_a2, YEAR).total.members == 3


def test_a_cell_nobody_belonged_to_during_the_year_is_not_counted(world: World) -> None:
    org = world.campaign.org
    empty = make_unit(org.committee_b, kind=UnitKind.CELL, name="Chi bộ cũ")
    gone = make_person(empty, given_name="Chín", joined_on=LONG_AGO)
    person_transfer(acting_user=None, person=gone, to_unit=org.cell_b1, on_date=dt.date(YEAR - 1, 6, 1))
    make_person(empty, given_name="Mười", joined_on=dt.date(YEAR + 1, 2, 1))  # only after the year
    total = unit_progress(org.committee_b, YEAR).total
    assert (total.cells, total.members) == (1, 2)  # Cell B1 only, with Bảy and Chín


def test_the_children_are_found_one_index_seek_each_skipping_their_subtrees(campaign: Campaign) -> None:
    org = campaign.org
    for n in range(3):
        committee = make_unit(org.committee_b, kind=UnitKind.GRASSROOTS_COMMITTEE, name=f"Đảng bộ {n}")
        for _ in range(n):
            make_unit(committee, kind=UnitKind.CELL)
    for unit in (org.bloc, org.committee_a, org.committee_b, org.grassroots_a1, org.cell_a1a):
        unit.refresh_from_db()
        assert child_paths(unit) == [child.path for child in Unit.objects.get_children(unit)]
    assert len(child_paths(org.committee_b)) == 4 and child_paths(org.cell_b1) == []
