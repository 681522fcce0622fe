"""Who sees which inspections and recommendations: either side of the inspection, whatever the way the
scope is read (a filter for a whole tree, the scope's units for a smaller one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lamtheo.accounts.models import User
from lamtheo.inspections import scope, services
from lamtheo.inspections.models import Inspection, Recommendation
from lamtheo.inspections.scope import inspections_visible_to, recommendations_visible_to
from lamtheo.inspections.selectors import overdue_at_a_glance, overdue_recommendations
from tests.conftest import Org
from tests.factories import make_user
from tests.inspections.factories import make_inspection, make_recommendation

PERSONAS = ["support_officer", "committee_officer", "cell_secretary", "member", "viewer", "outsider", "admin"]


@pytest.fixture
def inspected(org: Org) -> Org:
    """The Bloc inspects Committee A (a recommendation to Cell A1a under it) and Cell B1; Committee A
    inspects Cell A2; Committee B inspects Cell B1. Every recommendation is overdue."""
    due = dt.date(2016, 6, 30)
    for by, target in [(org.bloc, org.cell_b1), (org.committee_a, org.cell_a2), (org.committee_b, org.cell_b1)]:
        make_recommendation(make_inspection(by, target, dt.date(2016, 3, 10)), due=due)
    of_a = make_inspection(org.bloc, org.committee_a, dt.date(2016, 4, 10))
    services.recommendation_add(
        acting_user=None, inspection=of_a, text="Sửa quy chế.", responsible_unit=org.cell_a1a, due_date=due
    )
    return org


def _paths(user: User) -> list[str]:
    return [a.unit.path for a in user.role_assignments.select_related("unit") if a.can_view]


def _sees(user: User, *paths: str) -> bool:
    return user.is_superuser or any(p.startswith(mine) for p in paths for mine in _paths(user))


@pytest.mark.parametrize("by_ids", [True, False])
@pytest.mark.parametrize("persona", PERSONAS)
def test_either_side_of_an_inspection_sees_it_and_its_recommendations(
    inspected: Org, persona: str, by_ids: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not by_ids:  # a scope of more units than named by their ids: read through the paths
        monkeypatch.setattr(scope, "SCOPE_UNIT_IDS", 1)
    user: User = getattr(inspected, persona)
    inspections: Any = Inspection.objects.select_related("inspecting_unit", "target")
    expected = {i.pk for i in inspections if _sees(user, i.inspecting_unit.path, i.target.path)}
    assert {i.pk for i in inspections_visible_to(user)} == expected
    recommendations: Any = Recommendation.objects.select_related(
        "inspection__inspecting_unit", "inspection__target", "responsible_unit"
    )
    expected = {
        r.pk
        for r in recommendations
        if _sees(user, r.inspection.inspecting_unit.path, r.inspection.target.path, r.responsible_unit.path)
    }
    assert {r.pk for r in recommendations_visible_to(user)} == expected
    assert {r.pk for r in overdue_recommendations(user)} == expected


def test_the_scope_narrows_further_filters_and_counts(inspected: Org) -> None:
    officer = inspected.committee_officer
    overdue = overdue_recommendations(officer)
    assert overdue.count() == 2  # its own inspection of Cell A2, and the Bloc's of Committee A
    assert [r.due_date for r in overdue] == [dt.date(2016, 6, 30)] * 2
    assert not recommendations_visible_to(officer).filter(responsible_unit=inspected.cell_b1).exists()
    # The cell secretary sees the Bloc's recommendation to their cell through its responsible unit alone.
    assert [r.responsible_unit for r in overdue_recommendations(inspected.cell_secretary)] == [inspected.cell_a1a]


def test_the_home_page_counts_the_overdue_and_shows_the_first(inspected: Org) -> None:
    count, first = overdue_at_a_glance(inspected.committee_officer, shown=1)
    assert count == 2
    assert first == list(overdue_recommendations(inspected.committee_officer)[:1])
    assert overdue_at_a_glance(make_user(username="khach")) == (0, [])
    body = inspected.client_for(inspected.committee_officer).get("/app/").content.decode()
    assert "2 kiến nghị quá hạn" in body
