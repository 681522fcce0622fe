"""The coverage board's arithmetic: who is in the denominator, who counts as inspected, by month and sector."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lamtheo.inspections import selectors, services
from lamtheo.inspections.models import CoverageRule, InspectionPlan
from lamtheo.org.models import SectorTag, Unit, UnitKind
from lamtheo.org.services import unit_merge
from tests.conftest import Org
from tests.factories import make_unit
from tests.inspections.factories import make_inspection

pytestmark = pytest.mark.django_db


def _committee(org: Org, name: str, **kw: Any) -> Unit:
    return make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name=name, **kw)


@pytest.fixture
def plan(org: Org) -> InspectionPlan:
    return services.plan_create(acting_user=None, unit=org.bloc, year=2016, coverage_rule=CoverageRule.SUBORDINATE)


def test_every_active_directly_subordinate_committee_is_in_the_denominator(org: Org, plan: InspectionPlan) -> None:
    make_inspection(org.bloc, org.committee_a, dt.date(2016, 2, 15))
    board = selectors.coverage(plan)
    assert (board.covered, board.expected) == (1, 2)
    assert board.percent == 50


def test_grassroots_committees_and_cells_are_not_in_the_subordinate_rule(org: Org, plan: InspectionPlan) -> None:
    make_inspection(org.bloc, org.grassroots_a1, dt.date(2016, 2, 15))
    board = selectors.coverage(plan)
    assert (board.covered, board.expected) == (0, 2)


def test_inspections_of_another_year_do_not_count(org: Org, plan: InspectionPlan) -> None:
    make_inspection(org.bloc, org.committee_a, dt.date(2015, 11, 3))
    make_inspection(org.bloc, org.committee_b, dt.date(2017, 1, 5))
    assert selectors.coverage(plan).covered == 0


def test_a_unit_inspected_twice_counts_once_in_the_month_of_its_first_visit(org: Org, plan: InspectionPlan) -> None:
    make_inspection(org.bloc, org.committee_a, dt.date(2016, 4, 2))
    make_inspection(org.bloc, org.committee_a, dt.date(2016, 9, 2))
    board = selectors.coverage(plan)
    assert board.covered == 1
    assert [bar.inspected for bar in board.months] == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert board.months[-1].cumulative == 1


def test_merged_and_dissolved_units_count_by_the_documented_rule(org: Org, plan: InspectionPlan) -> None:
    gone_before = _committee(org, "Đảng ủy sáp nhập năm 2015")
    merged_after_visit = _committee(org, "Đảng ủy sáp nhập tháng 6, đã kiểm tra")
    merged_unvisited = _committee(org, "Đảng ủy sáp nhập tháng 9, chưa kiểm tra")
    founded_mid_year = _committee(org, "Đảng ủy thành lập tháng 7", active_from=dt.date(2016, 7, 1))
    _committee(org, "Đảng ủy thành lập năm 2017", active_from=dt.date(2017, 1, 1))
    make_inspection(org.bloc, merged_after_visit, dt.date(2016, 3, 10))
    make_inspection(org.bloc, org.committee_a, dt.date(2016, 2, 10))
    unit_merge(acting_user=None, unit=gone_before, into=org.committee_a, on_date=dt.date(2015, 7, 1))
    unit_merge(acting_user=None, unit=merged_after_visit, into=org.committee_a, on_date=dt.date(2016, 6, 1))
    unit_merge(acting_user=None, unit=merged_unvisited, into=org.committee_b, on_date=dt.date(2016, 9, 1))

    board = selectors.coverage(plan)

    # In: A, B, the unit merged after its visit, the unit founded in July. Out: merged in 2015
    # (before the year), merged in September without a visit (its successor carries the duty),
    # founded in 2017 (after the year).
    assert {row.unit.name for row in board.rows} == {
        org.committee_a.name,
        org.committee_b.name,
        "Đảng ủy sáp nhập tháng 6, đã kiểm tra",
        founded_mid_year.name,
    }
    assert (board.covered, board.expected) == (2, 4)
    assert [u.name for u in board.left_out] == ["Đảng ủy sáp nhập tháng 9, chưa kiểm tra"]
    assert [row.ceased_in_year for row in board.rows if row.unit.pk == merged_after_visit.pk] == [True]
    assert [(bar.month, bar.cumulative) for bar in board.months[:4]] == [(1, 0), (2, 1), (3, 2), (4, 2)]
    assert board.covered <= board.expected


def test_a_unit_that_ceased_on_the_last_day_of_the_year_is_still_expected(org: Org, plan: InspectionPlan) -> None:
    last_day = _committee(org, "Đảng ủy giải thể cuối năm")
    unit_merge(acting_user=None, unit=last_day, into=org.committee_a, on_date=dt.date(2017, 1, 1))
    board = selectors.coverage(plan)
    assert board.expected == 3
    assert not board.left_out


def test_coverage_by_sector_counts_each_tagged_unit(org: Org, plan: InspectionPlan) -> None:
    school = SectorTag.objects.create(code="school", name="Trường, học viện")
    org.committee_a.sector_tags.add(school)
    org.committee_b.sector_tags.add(school)
    make_inspection(org.bloc, org.committee_a, dt.date(2016, 5, 5))
    [line] = selectors.coverage(plan).sectors
    assert (line.tag.code, line.covered, line.expected, line.percent) == ("school", 1, 2, 50)


def test_the_planned_rule_counts_only_planned_units(org: Org) -> None:
    plan = services.plan_create(acting_user=None, unit=org.committee_a, year=2016, coverage_rule=CoverageRule.PLANNED)
    services.planned_inspection_add(acting_user=None, plan=plan, target=org.grassroots_a1, month=3)
    make_inspection(org.committee_a, org.grassroots_a1, dt.date(2016, 3, 3))
    make_inspection(org.committee_a, org.cell_a2, dt.date(2016, 3, 3))
    board = selectors.coverage(plan)
    assert (board.covered, board.expected) == (1, 1)
    assert board.rows[0].planned_months == [3]


def test_the_grassroots_rule_reaches_the_whole_subtree(org: Org) -> None:
    plan = services.plan_create(acting_user=None, unit=org.bloc, year=2016, coverage_rule=CoverageRule.GRASSROOTS)
    make_inspection(org.bloc, org.grassroots_a1, dt.date(2016, 3, 3))
    board = selectors.coverage(plan)
    assert (board.covered, board.expected) == (1, 1)


def test_priorities_put_weak_and_never_inspected_units_first(org: Org, plan: InspectionPlan) -> None:
    press = SectorTag.objects.create(code="press", name="Báo chí")
    newspaper = _committee(org, "Đảng ủy Báo X")
    newspaper.sector_tags.add(press)
    plan.priority_sectors.add(press)
    make_inspection(org.bloc, org.committee_a, dt.date(2013, 5, 5))
    make_inspection(org.bloc, org.committee_b, dt.date(2015, 5, 5))
    plan.weak_units.add(org.committee_b)
    proposals = {p.unit.pk: p for p in selectors.priorities(plan)}
    order = [p.unit.pk for p in selectors.priorities(plan)]
    assert order[0] == newspaper.pk  # never inspected and in a priority sector
    assert "flagged as weak" in proposals[org.committee_b.pk].reasons
    assert any("2013" in reason for reason in proposals[org.committee_a.pk].reasons)


def test_priorities_leave_out_units_already_planned_or_inspected(org: Org, plan: InspectionPlan) -> None:
    services.planned_inspection_add(acting_user=None, plan=plan, target=org.committee_a, month=4)
    make_inspection(org.bloc, org.committee_b, dt.date(2016, 1, 20))
    assert selectors.priorities(plan) == []


def test_the_coverage_board_costs_the_same_whatever_the_number_of_units(
    org: Org, plan: InspectionPlan, django_assert_max_num_queries: object
) -> None:
    for n in range(20):
        unit = _committee(org, f"Đảng ủy {n}")
        make_inspection(org.bloc, unit, dt.date(2016, 1 + n % 12, 5))
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        board = selectors.coverage(plan)
    assert board.covered == 20
