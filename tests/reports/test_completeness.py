"""Completeness and timeliness after DHIS2, checked against hand counts.

    Bloc ─ A (submitted 10/12, accepted) ─ B (submitted 20/12: late) ─ C (never submitted)
         ─ D (merged into C on 30/06/2015, submitted anyway)   ─ E (founded 01/03/2016)

For the 2015 cycle (deadline 15/12/2015): A, B, C, D are assigned (each was active in 2015); D was not
active at the end of the period, so it is out of both sides: 2 of 3 received (66.7 %), 1 of 3 on time.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lamtheo.org import services as org_services
from lamtheo.org.models import UnitKind
from lamtheo.reports.models import ReportStatus, UnitReport
from lamtheo.reports.selectors import completeness, completeness_by_child, overdue_reports
from tests.conftest import Org
from tests.factories import make_unit
from tests.reports.factories import make_template, open_cycle

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _submitted(report: UnitReport, day: dt.date, status: str = ReportStatus.SUBMITTED) -> None:
    at = dt.datetime.combine(day, dt.time(16, 30), tzinfo=ZONE)
    UnitReport.objects.filter(pk=report.pk).update(status=status, first_submitted_at=at, submitted_at=at)


@pytest.fixture
def merged_tree(org: Org) -> dict[str, UnitReport]:
    kind = UnitKind.SUBORDINATE_COMMITTEE
    c = make_unit(org.bloc, kind=kind, code="committee-c", active_from=dt.date(2010, 1, 1))
    d = make_unit(org.bloc, kind=kind, code="committee-d", active_from=dt.date(2010, 1, 1))
    make_unit(org.bloc, kind=kind, code="committee-e", active_from=dt.date(2016, 3, 1))
    org_services.unit_merge(acting_user=None, unit=d, into=c, on_date=dt.date(2015, 6, 30))
    cycle = open_cycle(org.bloc, make_template())
    reports = {r.unit.code: r for r in cycle.reports.select_related("unit", "cycle")}
    _submitted(reports["committee-a"], dt.date(2015, 12, 10), ReportStatus.ACCEPTED)
    _submitted(reports["committee-b"], dt.date(2015, 12, 20))
    _submitted(reports["committee-d"], dt.date(2015, 12, 1))
    return reports


def test_it_assigns_every_unit_active_during_the_period(merged_tree: dict[str, UnitReport]) -> None:
    assert sorted(merged_tree) == ["committee-a", "committee-b", "committee-c", "committee-d"]


def test_a_unit_merged_mid_period_is_out_of_both_numerator_and_denominator(
    org: Org, merged_tree: dict[str, UnitReport]
) -> None:
    cycle = merged_tree["committee-a"].cycle
    figures = completeness(cycle, org.bloc)
    assert (figures.expected, figures.submitted, figures.on_time, figures.accepted) == (3, 2, 1, 1)
    assert figures.not_expected == 1
    assert figures.rate == 66.7
    assert figures.timeliness == 33.3
    assert figures.missing == 1


def test_the_rate_never_exceeds_100_percent(org: Org, merged_tree: dict[str, UnitReport]) -> None:
    _submitted(merged_tree["committee-c"], dt.date(2015, 12, 14))
    figures = completeness(merged_tree["committee-a"].cycle, org.bloc)
    # Four reports were submitted, but only three units were expected.
    assert (figures.expected, figures.submitted, figures.on_time) == (3, 3, 2)
    assert figures.rate == 100.0


def test_a_returned_report_does_not_count_until_resubmitted(org: Org, merged_tree: dict[str, UnitReport]) -> None:
    UnitReport.objects.filter(pk=merged_tree["committee-b"].pk).update(
        status=ReportStatus.RETURNED, review_comment="Thiếu số liệu"
    )
    assert completeness(merged_tree["committee-a"].cycle, org.bloc).submitted == 1


def test_the_overdue_list_names_expected_units_only(org: Org, merged_tree: dict[str, UnitReport]) -> None:
    cycle = merged_tree["committee-a"].cycle
    assert [r.unit.code for r in overdue_reports(cycle, org.bloc, today=dt.date(2016, 1, 5))] == ["committee-c"]
    assert not overdue_reports(cycle, org.bloc, today=dt.date(2015, 12, 15)).exists()


def test_a_committee_sees_its_own_part(org: Org, merged_tree: dict[str, UnitReport]) -> None:
    figures = completeness(merged_tree["committee-a"].cycle, org.committee_a)
    assert (figures.expected, figures.submitted, figures.on_time) == (1, 1, 1)


def test_completeness_rolls_up_to_every_level(org: Org) -> None:
    """Grassroots committees report to the Bloc: A has two (one submitted), B one (none)."""
    make_unit(org.committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, code="gr-a3")
    make_unit(org.committee_b, kind=UnitKind.GRASSROOTS_COMMITTEE, code="gr-b1")
    cycle = open_cycle(org.bloc, make_template(), kind=UnitKind.GRASSROOTS_COMMITTEE)
    _submitted(UnitReport.objects.get(cycle=cycle, unit__code="gr-a1"), dt.date(2015, 12, 1))
    rows = {row.unit.code: row.figures for row in completeness_by_child(cycle, org.bloc)}
    assert {code: (f.expected, f.submitted) for code, f in rows.items()} == {
        "committee-a": (2, 1),
        "committee-b": (1, 0),
    }
    total = completeness(cycle, org.bloc)
    assert (total.expected, total.submitted, total.rate) == (3, 1, 33.3)
    below_a = {row.unit.code: row.figures.submitted for row in completeness_by_child(cycle, org.committee_a)}
    assert below_a == {"gr-a1": 1, "gr-a3": 0}
