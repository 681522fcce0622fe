"""A large subtree's progress is read from the reports' summaries (as of their last refresh); a small one
stays live. The threshold is lowered here so that the small ``world`` counts as large."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lamtheo.campaign.selectors.progress import Figures, Progress, unit_progress
from lamtheo.org.models import UnitKind
from lamtheo.reports.summaries import last_refreshed, refresh_summaries
from tests.campaign.conftest import LONG_AGO, YEAR, World
from tests.campaign.factories import commitment_through, record_meeting
from tests.factories import make_person, make_unit

# Every figure of the page, as the summaries hold it.
SHARED = (
    "cells", "cells_met", "expected", "present", "members", "leaders",
    "registered", "self_assessed", "evaluated", "approved", "leader_commitments",
)  # fmt: skip


def assert_same_figures(summary: Figures, live: Figures) -> None:
    assert {name: getattr(summary, name) for name in SHARED} == {name: getattr(live, name) for name in SHARED}
    assert summary.ratings == live.ratings


@pytest.fixture
def large(settings: Any) -> None:
    """Every subtree of more than one cell counts as large."""
    settings.CAMPAIGN_PROGRESS_LIVE_CELLS = 1


def test_after_a_refresh_the_summaries_give_the_live_figures(world: World) -> None:
    org = world.campaign.org
    refresh_summaries(org.bloc, [YEAR])
    for unit in (org.bloc, org.committee_a, org.committee_b):
        live = unit_progress(unit, YEAR)
        summary = unit_progress(unit, YEAR, cell_limit=0)
        assert (live.source, summary.source) == ("live", "summaries")
        assert_same_figures(summary.total, live.total)
        assert [row.unit for row in summary.rows] == [row.unit for row in live.rows]
        for summary_row, live_row in zip(summary.rows, live.rows, strict=True):
            assert_same_figures(summary_row.figures, live_row.figures)
            assert summary_row.weak_reasons == live_row.weak_reasons
        assert summary.weak_reasons == live.weak_reasons
        assert summary.refreshed_at == last_refreshed(unit) is not None
        assert not summary.summaries_missing


def test_the_bloc_rows_from_the_summaries_are_flagged_weak_like_the_live_ones(world: World) -> None:
    org = world.campaign.org
    refresh_summaries(org.bloc, [YEAR])
    report = unit_progress(org.bloc, YEAR, cell_limit=0)
    rows = {row.unit.code: row for row in report.rows}
    assert rows["committee-a"].weak_reasons == ["cells meeting on the topic 50% < 75%", "members registered 60% < 80%"]
    assert not rows["committee-b"].is_weak
    assert report.total.self_assessed_share == pytest.approx(50)


def test_the_summaries_show_what_was_recorded_only_after_the_next_refresh(world: World) -> None:
    org = world.campaign.org
    refresh_summaries(org.bloc, [YEAR])
    newcomer = make_person(org.cell_a2, given_name="Tám", joined_on=LONG_AGO)
    record_meeting(org.cell_a2, world.campaign.plan_2016, dt.date(YEAR, 10, 10), [newcomer], [])

    def cells_met(report: Progress) -> int:
        return report.total.cells_met

    assert cells_met(unit_progress(org.bloc, YEAR, cell_limit=0)) == 2
    assert cells_met(unit_progress(org.bloc, YEAR)) == 3  # the live figures have it at once
    refresh_summaries(org.bloc, [YEAR])
    assert cells_met(unit_progress(org.bloc, YEAR, cell_limit=0)) == 3


def test_a_year_without_summaries_says_so(world: World) -> None:
    report = unit_progress(world.campaign.org.bloc, YEAR, cell_limit=0)
    assert report.from_summaries and report.summaries_missing and report.refreshed_at is None
    assert report.total.cells == 0 and not report.weak_reasons and not report.weak_rows


def test_the_cost_from_the_summaries_does_not_grow_with_the_number_of_children(world: World) -> None:
    org = world.campaign.org

    def count() -> int:
        refresh_summaries(org.bloc, [YEAR])
        with CaptureQueriesContext(connection) as queries:
            report = unit_progress(org.bloc, YEAR, cell_limit=0)
        assert report.from_summaries
        return len(queries.captured_queries)

    before = count()
    for n in range(4):
        committee = make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name=f"Đảng ủy mới {n}")
        for m in range(3):
            cell = make_unit(committee, kind=UnitKind.CELL)
            person = make_person(cell, given_name=f"Mới{n}{m}", joined_on=LONG_AGO)
            record_meeting(cell, world.campaign.plan_2016, dt.date(YEAR, 4, 4), [person], [])
            commitment_through(person, YEAR, stage="registered")
    assert count() == before
    report = unit_progress(org.bloc, YEAR, cell_limit=0)
    assert len(report.rows) == 6 and report.total.cells == 15 and report.total.registered == 16


def test_the_page_of_a_large_unit_says_as_of_when_and_offers_the_refresh(world: World, large: None) -> None:
    org = world.campaign.org
    refresh_summaries(org.bloc, [YEAR])
    refreshed = last_refreshed(org.bloc)
    assert refreshed is not None
    html = org.client_for(org.support_officer).get(f"/app/campaign/units/{org.bloc.code}/progress/{YEAR}/")
    page = html.content.decode()
    at = timezone.localtime(refreshed).strftime("%d/%m/%Y %H:%M")
    assert f"Số liệu tính đến lần tổng hợp gần nhất, lúc {at}" in page
    assert "đơn vị có hơn 1 chi bộ nên số liệu không được tính trực tiếp" in page
    assert reverse("reports:summaries_refresh", args=[org.bloc.code]) in page
    assert reverse("reports:dashboard", args=[org.bloc.code, YEAR]) in page
    assert 'data-figure="meeting_share">67%' in page  # 2 of the 3 cells met
    assert 'data-figure="approved">—' in page or 'data-figure="approved">1' in page
    assert "Số chi bộ và đảng viên tính đến ngày 31/12/2016." in page


def test_a_read_only_user_gets_the_note_without_the_refresh(world: World, large: None) -> None:
    org = world.campaign.org
    refresh_summaries(org.bloc, [YEAR])
    page = org.client_for(org.viewer).get(f"/app/campaign/units/{org.committee_a.code}/progress/{YEAR}/")
    text = page.content.decode()
    assert 'id="summaries-note"' in text
    assert reverse("reports:summaries_refresh", args=[org.committee_a.code]) not in text
    assert reverse("reports:dashboard", args=[org.committee_a.code, YEAR]) in text


def test_the_page_says_when_the_year_has_no_summaries_yet(world: World, large: None) -> None:
    org = world.campaign.org
    page = org.client_for(org.support_officer).get(f"/app/campaign/units/{org.bloc.code}/progress/{YEAR}/")
    text = page.content.decode()
    assert "nhưng số liệu tổng hợp năm 2016 chưa được tính" in text
    assert 'id="figures"' not in text and 'id="ratings"' not in text
    assert 'data-unit="committee-a"' in text  # the units below can still be opened


def test_small_subtrees_stay_live(world: World, large: None) -> None:
    org = world.campaign.org
    client = org.client_for(org.cell_secretary)
    page = client.get(f"/app/campaign/units/{org.cell_a1a.code}/progress/{YEAR}/").content.decode()
    assert 'id="summaries-note"' not in page
    assert 'data-figure="approved">1' in page
    record_meeting(org.cell_a1a, world.campaign.plan_2016, dt.date(YEAR, 11, 11), [world.people["hoa"]], [])
    page = client.get(f"/app/campaign/units/{org.cell_a1a.code}/progress/{YEAR}/").content.decode()
    assert "11/11/2016" in page


def test_the_page_from_the_summaries_costs_the_same_whatever_the_number_of_children(world: World, large: None) -> None:
    org = world.campaign.org
    client = org.client_for(org.support_officer)
    url = f"/app/campaign/units/{org.bloc.code}/progress/{YEAR}/"

    def count() -> int:
        refresh_summaries(org.bloc, [YEAR])
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert 'id="summaries-note"' in page
        return len(queries.captured_queries)

    before = count()
    for n in range(5):
        committee = make_unit(org.bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name=f"Đảng ủy {n}")
        cell = make_unit(committee, kind=UnitKind.CELL)
        person = make_person(cell, given_name=f"Người{n}", joined_on=LONG_AGO)
        record_meeting(cell, world.campaign.plan_2016, dt.date(YEAR, 4, 4), [person], [])
    assert count() == before
