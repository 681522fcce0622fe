"""The precomputed roll-ups equal the live counts, and the background job and the command refresh them."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from lamtheo.campaign.models import Activity, ActivityKind
from lamtheo.ops.jobs import job_enqueue, run_next
from lamtheo.ops.models import JobStatus
from lamtheo.org.models import Unit, UnitKind
from lamtheo.reports.compute import compute
from lamtheo.reports.indicators import CATALOGUE, COUNTS
from lamtheo.reports.jobs import REFRESH_KIND
from lamtheo.reports.models import IndicatorSummary
from lamtheo.reports.selectors import DASHBOARD_CODES, TREND_CODES, dashboard
from lamtheo.reports.sources import campaign
from lamtheo.reports.summaries import read_summaries, read_summary_blocks, refresh_summaries
from tests.conftest import Org
from tests.factories import make_unit
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


CAMPAIGN_COUNTS = [
    "topic_meetings", "cells_met", "attendance_expected", "attendance_present",
    "commitments", "leader_commitments", "evaluated", "rating_excellent", "rating_good", "rating_complete",
    "rating_not_complete",
]  # fmt: skip


def test_counts_read_from_the_same_rows_share_one_query(org: Org, django_assert_num_queries: Any) -> None:
    add_records(org)
    units = list(Unit.objects.filter(path__startswith=org.bloc.path))
    # The units' paths, the cells' meetings, the commitments: one query each for the eleven counts.
    with django_assert_num_queries(3):
        figures = compute(org.bloc, units, dt.date(2015, 1, 1), dt.date(2015, 12, 31), CAMPAIGN_COUNTS)
    assert figures["topic_meetings"][org.bloc.pk] == 3 and figures["cells_met"][org.bloc.pk] == 2
    assert figures["commitments"][org.bloc.pk] == 3 and figures["rating_excellent"][org.bloc.pk] == 1
    # Outside a computation nothing is remembered: a second reading sees a new meeting.
    assert campaign.topic_meetings(org.bloc.path, dt.date(2015, 1, 1), dt.date(2015, 12, 31))[org.cell_a1a.pk] == 2
    Activity.objects.create(
        unit=org.cell_a1a, kind=ActivityKind.CELL_MEETING, title="Họp thêm", held_on=dt.date(2015, 12, 1)
    )
    assert campaign.topic_meetings(org.bloc.path, dt.date(2015, 1, 1), dt.date(2015, 12, 31))[org.cell_a1a.pk] == 3


def test_zero_figures_are_not_stored(org: Org) -> None:
    refresh_summaries(org.bloc, [1999])
    assert not IndicatorSummary.objects.filter(period_key="1999").exists()


def test_the_dashboard_reads_a_few_rows_whatever_the_subtree(org: Org, django_assert_max_num_queries: object) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015, 2016])
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        board = dashboard(org.bloc, 2015, [2015, 2016])
    assert {row.unit.code for row in board.rows} == {"committee-a", "committee-b"}
    assert board.trend[2016]["topic_meetings"] == 1
    assert board.children_inspected == 1


def test_the_dashboard_lists_the_children_active_during_the_year_by_name(org: Org) -> None:
    def committee(code: str, name: str, start: dt.date, end: dt.date | None = None) -> None:
        unit = make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, code=code, name=name, active_from=start)
        Unit.objects.filter(pk=unit.pk).update(active_to=end)

    committee("da-giai-the", "Đảng ủy đã giải thể", dt.date(2000, 1, 1), dt.date(2014, 12, 31))
    committee("giai-the-giua-nam", "Đảng ủy giải thể giữa năm", dt.date(2000, 1, 1), dt.date(2015, 6, 30))
    committee("lap-sau", "Đảng ủy lập sau", dt.date(2016, 1, 1))
    committee("lap-cuoi-nam", "Đảng ủy lập cuối năm", dt.date(2015, 12, 31))
    make_unit(org.committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, code="chau", active_from=dt.date(2000, 1, 1))
    board = dashboard(org.bloc, 2015, [2015])
    assert [row.unit.code for row in board.rows] == [
        "committee-a", "committee-b", "giai-the-giua-nam", "lap-cuoi-nam"
    ]  # fmt: skip
    assert board.rows[0].unit.name == org.committee_a.name and board.rows[0].unit.path == org.committee_a.path


def test_the_dashboard_shows_the_same_figures_as_the_full_reading(org: Org) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015, 2016])
    board = dashboard(org.bloc, 2015, [2015, 2016])
    children = [row.unit.pk for row in board.rows]
    full = read_summaries([org.bloc.pk, *children], ["2015", "2016"])
    for code in DASHBOARD_CODES:
        assert board.total[code] == full[org.bloc.pk]["2015"][code], code
        for row in board.rows:
            assert row.figures[code] == full[row.unit.pk]["2015"][code], (row.unit.code, code)
    for year in (2015, 2016):
        assert all(board.trend[year][code] == full[org.bloc.pk][str(year)][code] for code in TREND_CODES)


def test_reading_some_codes_gives_them_and_the_counts_behind_their_ratios(org: Org) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015])
    full = read_summaries([org.bloc.pk, org.cell_b1.pk], ["2015"])
    some = read_summaries([org.bloc.pk, org.cell_b1.pk], ["2015"], ["topic_meetings", "meeting_share"])
    bloc = some[org.bloc.pk]["2015"]
    assert set(bloc) == {"topic_meetings", "meeting_share", "cells_met", "cells"}
    assert all(bloc[code] == full[org.bloc.pk]["2015"][code] for code in bloc)
    assert bloc["meeting_share"] == 66.7  # two of the Bloc's three cells met on the topic in 2015
    assert some[org.cell_b1.pk]["2015"] == {"topic_meetings": 0.0, "meeting_share": 0.0, "cells_met": 0.0, "cells": 1.0}
    # A period with nothing stored still has every figure asked for: zero counts, and no ratio.
    empty = read_summaries([org.cell_b1.pk], ["1999"], ["topic_meetings", "meeting_share"])[org.cell_b1.pk]["1999"]
    assert empty == {"topic_meetings": 0.0, "meeting_share": None, "cells_met": 0.0, "cells": 0.0}


def test_reading_several_blocks_reads_each_unit_only_for_its_periods(org: Org) -> None:
    add_records(org)
    refresh_summaries(org.bloc, [2015, 2016])
    figures = read_summary_blocks(
        [([org.bloc.pk], ["2015", "2016"]), ([org.cell_a1a.pk], ["2015"])], ["topic_meetings"]
    )
    assert set(figures[org.bloc.pk]) == {"2015", "2016"}
    assert set(figures[org.cell_a1a.pk]) == {"2015"}
    assert figures[org.cell_a1a.pk]["2015"]["topic_meetings"] == 2
    assert read_summary_blocks([([], ["2015"])]) == {}


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
