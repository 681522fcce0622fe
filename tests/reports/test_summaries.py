"""The precomputed roll-ups equal the live counts, and the background job and the command refresh them."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from lamtheo.ops.jobs import job_enqueue, run_next
from lamtheo.ops.models import JobStatus
from lamtheo.org.models import Unit
from lamtheo.reports.compute import compute
from lamtheo.reports.indicators import CATALOGUE, COUNTS
from lamtheo.reports.jobs import REFRESH_KIND
from lamtheo.reports.models import IndicatorSummary
from lamtheo.reports.selectors import dashboard
from lamtheo.reports.summaries import read_summaries, refresh_summaries
from tests.conftest import Org
from tests.reports.conftest import add_records

pytestmark = pytest.mark.django_db


def _live(root: Unit, year: int) -> dict[int, dict[str, float | None]]:
    units = list(Unit.objects.filter(path__startswith=root.path))
    figures = compute(root, units, dt.date(year, 1, 1), dt.date(year, 12, 31), [i.code for i in CATALOGUE])
    return {u.pk: {code: figures[code][u.pk] for code in figures} for u in units}


def test_summaries_equal_the_live_counts_for_every_unit_and_indicator(org: Org) -> None:
    add_records(org)
    result = refresh_summaries(org.bloc, [2015, 2016])
    assert result.rows == IndicatorSummary.objects.count() > 0
    for year in (2015, 2016):
        live = _live(org.bloc, year)
        stored = read_summaries(list(live), [str(year)])
        for unit_id, figures in live.items():
            assert stored[unit_id][str(year)] == figures, (unit_id, year)


def test_hand_counted_figures_of_the_bloc(org: Org) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015])
    bloc = read_summaries([org.bloc.pk], ["2015"])[org.bloc.pk]["2015"]
    assert bloc["topic_meetings"] == 3
    assert bloc["cells_met"] == 2
    assert bloc["attendance_present"] == 22 and bloc["attendance_expected"] == 26
    assert bloc["commitments"] == 3 and bloc["rating_excellent"] == 1 and bloc["evaluated"] == 2
    assert bloc["inspected_subordinate"] == 1 and bloc["subordinate_units"] == 2
    assert bloc["inspection_coverage"] == 50.0
    assert bloc["commendations"] == 1


def test_zero_figures_are_not_stored(org: Org) -> None:
    refresh_summaries(org.bloc, [1999])
    assert not IndicatorSummary.objects.filter(period_key="1999").exists()


def test_the_dashboard_reads_a_few_rows_whatever_the_subtree(org: Org, django_assert_max_num_queries: object) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015, 2016])
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        board = dashboard(org.bloc, 2015, [2015, 2016])
    assert {row.unit.code for row in board.rows} == {"committee-a", "committee-b"}
    assert board.trend[2016]["topic_meetings"] == 1
    assert board.children_inspected == 1


def test_the_background_job_refreshes_a_subtree(org: Org) -> None:
    add_records(org)
    job = job_enqueue(
        acting_user=org.support_officer, kind=REFRESH_KIND, params={"unit": org.bloc.code, "years": [2015]}
    )
    done = run_next()
    assert done is not None and done.pk == job.pk and done.status == JobStatus.DONE, done and done.error
    assert done.result is not None
    assert done.result["rows"] == IndicatorSummary.objects.filter(period_key="2015").count() > 0


def test_the_command_refreshes_and_replaces_old_rows(org: Org) -> None:
    add_records(org)
    out = StringIO()
    call_command("refresh_summaries", "--unit", org.bloc.code, "--year", "2015", stdout=out)
    first = IndicatorSummary.objects.count()
    call_command("refresh_summaries", "--unit", org.bloc.code, "--year", "2015", stdout=out)
    assert IndicatorSummary.objects.count() == first
    assert "rows" in out.getvalue()


def test_every_count_of_the_catalogue_has_a_definition() -> None:
    for indicator in CATALOGUE:
        assert str(indicator.definition).strip(), indicator.code
    assert all(i.source is not None for i in COUNTS)
