"""Every page of the reports app: insiders get it, outsiders 404, view-only users 403 on writes,
anonymous users the login page.

The cycle here is Committee A's own (its grassroots committee A1 reports to it), so Committee B's
officer is a true outsider and Committee A's view-only officer may read but not write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from lamtheo.org.models import UnitKind
from lamtheo.reports import services
from lamtheo.reports.models import ReviewDraft, UnitReport
from lamtheo.reports.summaries import refresh_summaries
from tests.conftest import Org
from tests.reports.factories import make_template, open_cycle

pytestmark = pytest.mark.django_db


@dataclass
class Scene:
    org: Org
    cycle_code: str
    bare_cycle_code: str
    report_code: str
    review_code: str


@pytest.fixture
def scene(org: Org) -> Scene:
    template = make_template()
    cycle = open_cycle(org.committee_a, template, kind=UnitKind.GRASSROOTS_COMMITTEE)
    bare = open_cycle(org.committee_a, template, kind=UnitKind.GRASSROOTS_COMMITTEE, year=2016)
    report = UnitReport.objects.get(cycle=cycle)
    report = services.report_save(
        acting_user=None,
        report=report,
        expected_version=report.version,
        narrative=dict.fromkeys(template.sections, "Nội dung"),
    )
    services.report_submit(acting_user=None, report=report, expected_version=report.version)
    review = services.review_create(
        acting_user=None, cycle=cycle, number="1-BC/ĐU", date=dt.date(2016, 1, 4), title="Tổng kết năm 2015"
    )
    refresh_summaries(org.bloc, [2015])
    return Scene(org, str(cycle.code), str(bare.code), str(report.code), str(review.code))


R = "/app/reports"
Url = Callable[[Scene], str]
READ_VIEWS: list[tuple[str, Url]] = [
    ("cycle", lambda s: f"{R}/cycles/{s.cycle_code}/"),
    ("cycle_compare", lambda s: f"{R}/cycles/{s.cycle_code}/compare/"),
    ("cycle_statistics", lambda s: f"{R}/cycles/{s.cycle_code}/statistics.xlsx"),
    ("report", lambda s: f"{R}/reports/{s.report_code}/"),
    ("dashboard", lambda s: f"{R}/units/{s.org.committee_a.code}/dashboard/2015/"),
    ("chart", lambda s: f"{R}/units/{s.org.committee_a.code}/dashboard/2015/trend.png"),
    ("review", lambda s: f"{R}/reviews/{s.review_code}/"),
    ("review_download", lambda s: f"{R}/reviews/{s.review_code}/document.docx"),
]
# (name, url, method, data, status for the insider)
WRITE_VIEWS: list[tuple[str, Url, str, dict[str, str], int]] = [
    ("cycle_create", lambda s: f"{R}/units/{s.org.committee_a.code}/cycles/new/", "get", {}, 200),
    ("review_create", lambda s: f"{R}/cycles/{s.bare_cycle_code}/review/new/", "get", {}, 200),
    ("cycle_close", lambda s: f"{R}/cycles/{s.cycle_code}/close/", "post", {}, 302),
    ("report_accept", lambda s: f"{R}/reports/{s.report_code}/accept/", "post", {}, 302),
    ("report_return", lambda s: f"{R}/reports/{s.report_code}/return/", "post", {"comment": "Sửa lại"}, 302),
    ("report_submit", lambda s: f"{R}/reports/{s.report_code}/submit/", "post", {"version": "1"}, 302),
    ("report_refresh", lambda s: f"{R}/reports/{s.report_code}/refresh/", "post", {"version": "1"}, 302),
    ("report_save", lambda s: f"{R}/reports/{s.report_code}/save/", "post", {"version": "1"}, 200),
    ("review_finalise", lambda s: f"{R}/reviews/{s.review_code}/finalise/", "post", {"version": "1"}, 302),
    ("summaries_refresh", lambda s: f"{R}/units/{s.org.committee_a.code}/summaries/refresh/", "post", {}, 302),
]


def _call(client: Client, method: str, url: str, data: dict[str, str]) -> int:
    response = client.post(url, data) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=[n for n, _ in READ_VIEWS])
def test_insider_and_viewer_get_the_page(scene: Scene, name: str, url: Url) -> None:
    for user in (scene.org.committee_officer, scene.org.viewer, scene.org.support_officer):
        assert scene.org.client_for(user).get(url(scene)).status_code == 200, user


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=[n for n, _ in READ_VIEWS])
def test_outsider_gets_404(scene: Scene, name: str, url: Url) -> None:
    assert scene.org.client_for(scene.org.outsider).get(url(scene)).status_code == 404


@pytest.mark.parametrize(("name", "url"), READ_VIEWS, ids=[n for n, _ in READ_VIEWS])
def test_anonymous_is_sent_to_login(scene: Scene, name: str, url: Url) -> None:
    response = Client().get(url(scene))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "url", "method", "data", "status"), WRITE_VIEWS, ids=[v[0] for v in WRITE_VIEWS])
def test_insider_may_write(scene: Scene, name: str, url: Url, method: str, data: dict[str, str], status: int) -> None:
    assert _call(scene.org.client_for(scene.org.committee_officer), method, url(scene), data) == status


@pytest.mark.parametrize(("name", "url", "method", "data", "status"), WRITE_VIEWS, ids=[v[0] for v in WRITE_VIEWS])
def test_outsider_gets_404_on_writes(
    scene: Scene, name: str, url: Url, method: str, data: dict[str, str], status: int
) -> None:
    assert _call(scene.org.client_for(scene.org.outsider), method, url(scene), data) == 404


@pytest.mark.parametrize(("name", "url", "method", "data", "status"), WRITE_VIEWS, ids=[v[0] for v in WRITE_VIEWS])
def test_view_only_gets_403_on_writes(
    scene: Scene, name: str, url: Url, method: str, data: dict[str, str], status: int
) -> None:
    assert _call(scene.org.client_for(scene.org.viewer), method, url(scene), data) == 403


def test_the_index_lists_only_cycles_in_scope(scene: Scene) -> None:
    inside = scene.org.client_for(scene.org.committee_officer).get(f"{R}/")
    assert inside.status_code == 200 and "Báo cáo năm 2015" in inside.content.decode()
    outside = scene.org.client_for(scene.org.outsider).get(f"{R}/")
    assert outside.status_code == 200 and "Báo cáo năm 2015" not in outside.content.decode()
    assert ReviewDraft.objects.count() == 1
