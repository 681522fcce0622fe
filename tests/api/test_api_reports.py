"""The reports API: every endpoint × persona, the filters and cursor, and the two writes doing exactly what
the page's buttons do — refusing locked reports, stale versions (409) and bad input, with nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheo.accounts.models import AuditEntry
from lamtheo.api.pagination import encode_cursor
from lamtheo.org.models import UnitKind
from lamtheo.reports import services
from lamtheo.reports.access import can_see_cycle, can_see_report
from lamtheo.reports.models import SECTION_VALUES, ReportingCycle, ReportStatus, UnitReport
from tests.api.test_api_scope import api_client
from tests.conftest import Org
from tests.reports.factories import make_template, open_cycle

COMPLETE = {section: f"Nội dung phần {section}." for section in SECTION_VALUES}

UNKNOWN_CODE = "00000000-0000-4000-8000-000000000000"  # a well-formed code no record has


@dataclass
class Reports:
    org: Org
    cycle: ReportingCycle  # issued by committee A to its cells: inside committee A
    report: UnitReport  # cell A2's report in it, every section written
    twin: UnitReport  # cell A1a's report in it, in the same state
    bloc_cycle: ReportingCycle  # issued by the Bloc to the committees, for 2016

    def fresh(self) -> UnitReport:
        return UnitReport.objects.get(pk=self.report.pk)


@pytest.fixture
def reports(org: Org) -> Reports:
    template = make_template()
    cycle = open_cycle(org.committee_a, template, kind=UnitKind.CELL)
    bloc_cycle = open_cycle(org.bloc, template, year=2016)
    written = []
    for unit in (org.cell_a2, org.cell_a1a):
        report = UnitReport.objects.select_related("cycle__template", "unit").get(cycle=cycle, unit=unit)
        written.append(services.report_save(acting_user=None, report=report, expected_version=1, narrative=COMPLETE))
    return Reports(org=org, cycle=cycle, report=written[0], twin=written[1], bloc_cycle=bloc_cycle)


def _json(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, body, content_type="application/json")


# --- Scope: every endpoint × persona -----------------------------------------------------------------

READS: list[tuple[str, Callable[[Reports], str]]] = [
    ("cycle", lambda r: f"/api/v1/reporting-cycles/{r.cycle.code}"),
    ("reports_of_cycle", lambda r: f"/api/v1/unit-reports?cycle={r.cycle.code}"),
    ("reports_under", lambda r: f"/api/v1/unit-reports?under={r.org.committee_a.code}"),
    ("report", lambda r: f"/api/v1/unit-reports/{r.report.code}"),
]
WRITES: list[tuple[str, str, Callable[[Reports], str], Callable[[Reports], dict[str, Any]]]] = [
    (
        "save",
        "patch",
        lambda r: f"/api/v1/unit-reports/{r.report.code}",
        lambda r: {"version": r.report.version, "narrative": {"results": "Đã sửa."}},
    ),
    (
        "submit",
        "post",
        lambda r: f"/api/v1/unit-reports/{r.report.code}/submit",
        lambda r: {"version": r.report.version},
    ),
]
READ_MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 200, "outsider": 404}
WRITE_MATRIX = {"support_officer": 200, "committee_officer": 200, "viewer": 403, "outsider": 404}


@pytest.mark.parametrize(("name", "url"), READS, ids=[n for n, _ in READS])
@pytest.mark.parametrize("persona", list(READ_MATRIX))
def test_reads_answer_by_scope(reports: Reports, persona: str, name: str, url: Callable[[Reports], str]) -> None:
    response = api_client(getattr(reports.org, persona)).get(url(reports))
    assert response.status_code == READ_MATRIX[persona], response.content
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("name", "method", "url", "body"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", list(WRITE_MATRIX))
def test_writes_answer_by_scope(
    reports: Reports,
    persona: str,
    name: str,
    method: str,
    url: Callable[[Reports], str],
    body: Callable[[Reports], dict[str, Any]],
) -> None:
    before = reports.fresh()
    response = _json(api_client(getattr(reports.org, persona)), method, url(reports), body(reports))
    assert response.status_code == WRITE_MATRIX[persona], response.content
    if response.status_code == 200:
        assert reports.fresh().version == before.version + 1
    else:
        code = {403: "forbidden", 404: "not_found"}[response.status_code]
        assert response.json()["error"]["code"] == code
        assert reports.fresh().version == before.version and reports.fresh().status == before.status


ALL_URLS = [*(n for n, _ in READS), "cycles", *(w[0] for w in WRITES)]


@pytest.mark.parametrize("name", ALL_URLS)
def test_without_a_token_every_endpoint_answers_401(reports: Reports, name: str) -> None:
    reads = dict(READS) | {"cycles": lambda r: "/api/v1/reporting-cycles"}
    if name in reads:
        response = Client().get(reads[name](reports))
    else:
        _name, method, url, body = next(w for w in WRITES if w[0] == name)
        response = _json(Client(), method, url(reports), body(reports))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert reports.fresh().version == reports.report.version


@pytest.mark.parametrize(
    ("persona", "sees_committee_a_cycle"),
    [
        ("support_officer", True),
        ("committee_officer", True),
        ("viewer", True),
        ("cell_secretary", True),  # cell A1a is assigned in it
        ("outsider", False),
    ],
)
def test_the_cycle_list_holds_the_cycles_of_the_callers_scope(
    reports: Reports, persona: str, sees_committee_a_cycle: bool
) -> None:
    response = api_client(getattr(reports.org, persona)).get("/api/v1/reporting-cycles")
    assert response.status_code == 200
    codes = {c["code"] for c in response.json()["items"]}
    assert (str(reports.cycle.code) in codes) is sees_committee_a_cycle
    user = getattr(reports.org, persona)
    assert codes == {str(c.code) for c in ReportingCycle.objects.all() if can_see_cycle(user, c)}


@pytest.mark.parametrize(
    "persona", ["support_officer", "committee_officer", "cell_secretary", "member", "viewer", "outsider", "admin"]
)
def test_the_report_list_holds_exactly_the_reports_the_pages_show(reports: Reports, persona: str) -> None:
    user = getattr(reports.org, persona)
    listed = [r["code"] for r in api_client(user).get("/api/v1/unit-reports?limit=500").json()["items"]]
    shown = {
        str(r.code) for r in UnitReport.objects.select_related("unit", "cycle__issuing_unit") if can_see_report(user, r)
    }
    assert set(listed) == shown and len(listed) == len(shown)


# --- Reads -----------------------------------------------------------------------------------------


def _walk(client: Client, url: str, limit: int) -> list[str]:
    seen: list[str] = []
    cursor = ""
    while True:
        body = client.get(f"{url}?limit={limit}" + (f"&cursor={cursor}" if cursor else "")).json()
        seen.extend(item["code"] for item in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return seen


def test_the_cursor_walks_every_report_and_cycle_once_in_the_order_they_were_opened(reports: Reports) -> None:
    org = reports.org
    open_cycle(org.bloc, make_template("cells"), year=2014, kind=UnitKind.CELL)
    client = api_client(org.support_officer)
    seen = _walk(client, "/api/v1/unit-reports", 3)
    expected = [str(code) for code in UnitReport.objects.order_by("id").values_list("code", flat=True)]
    assert seen == expected and len(expected) == 2 + 2 + 3
    cycles = [str(code) for code in ReportingCycle.objects.order_by("id").values_list("code", flat=True)]
    assert _walk(client, "/api/v1/reporting-cycles", 1) == cycles and len(cycles) == 3


def test_the_report_list_filters_by_subtree_cycle_year_and_status(reports: Reports) -> None:
    org = reports.org
    services.report_submit(acting_user=None, report=reports.report, expected_version=reports.report.version)
    client = api_client(org.support_officer)

    def units(query: str) -> list[str]:
        response = client.get(f"/api/v1/unit-reports?{query}")
        assert response.status_code == 200, response.content
        return [r["unit_code"] for r in response.json()["items"]]

    assert units(f"under={org.grassroots_a1.code}") == ["cell-a1a"]
    assert units(f"cycle={reports.cycle.code}") == ["cell-a1a", "cell-a2"]
    assert units("year=2016") == ["committee-a", "committee-b"]
    assert units("year=2017") == []
    assert units("status=submitted") == ["cell-a2"]
    assert units(f"status=draft&under={org.committee_a.code}") == ["cell-a1a", "committee-a"]


def test_the_cycle_list_filters_by_year_and_status(reports: Reports) -> None:
    services.cycle_close(acting_user=None, cycle=reports.bloc_cycle)
    client = api_client(reports.org.support_officer)

    def titles(query: str) -> list[str]:
        return [c["code"] for c in client.get(f"/api/v1/reporting-cycles?{query}").json()["items"]]

    assert titles("year=2015") == [str(reports.cycle.code)]
    assert titles("status=closed") == [str(reports.bloc_cycle.code)]
    assert titles("status=open&year=2016") == []
    assert titles("") == [str(reports.cycle.code), str(reports.bloc_cycle.code)]  # in the order they were opened


def test_a_cycle_shows_the_completeness_of_the_callers_part(reports: Reports) -> None:
    org = reports.org
    services.report_submit(acting_user=None, report=reports.report, expected_version=reports.report.version)
    body = api_client(org.committee_officer).get(f"/api/v1/reporting-cycles/{reports.cycle.code}").json()
    assert body["issuing_unit_code"] == "committee-a" and body["period_start"] == "2015-01-01"
    assert body["completeness"] == {
        "unit_code": "committee-a",
        "unit_name": org.committee_a.name,
        "expected": 2,
        "submitted": 1,
        "on_time": 0,  # the deadline was 15 December 2015
        "accepted": 0,
        "not_expected": 0,
        "missing": 1,
        "rate": 50.0,
        "timeliness": 0.0,
    }
    assert [s["code"] for s in body["sections"]] == SECTION_VALUES
    manual = [i["code"] for i in body["indicators"] if i["manual"]]
    assert manual == ["propaganda_articles"]
    # The cell secretary sees only their own cell's part, and is pointed at its report.
    mine = api_client(org.cell_secretary).get(f"/api/v1/reporting-cycles/{reports.cycle.code}").json()
    assert mine["completeness"]["unit_code"] == "cell-a1a" and mine["completeness"]["expected"] == 1
    assert mine["unit_report_code"] == str(reports.twin.code)
    # Asking for a part the caller may not see falls back to what they may.
    other = api_client(org.cell_secretary).get(f"/api/v1/reporting-cycles/{reports.cycle.code}?unit=cell-a2").json()
    assert other["completeness"]["unit_code"] == "cell-a1a"


def test_a_report_carries_its_figures_and_narrative(reports: Reports) -> None:
    body = api_client(reports.org.committee_officer).get(f"/api/v1/unit-reports/{reports.report.code}").json()
    assert body["unit_code"] == "cell-a2" and body["status"] == "draft" and body["version"] == reports.report.version
    assert body["editable"] is True and body["can_review"] is False
    figures = {f["code"]: f for f in body["figures"]}
    assert figures["propaganda_articles"]["manual"] is True and figures["propaganda_articles"]["value"] is None
    assert figures["propaganda_articles"]["label"] == "Bài viết tuyên truyền"
    assert [(s["code"], s["text"]) for s in body["narrative"]] == list(COMPLETE.items())
    assert all(s["title"] for s in body["narrative"])
    seen_by_viewer = api_client(reports.org.viewer).get(f"/api/v1/unit-reports/{reports.report.code}").json()
    assert seen_by_viewer["editable"] is False


def test_the_report_list_costs_the_same_queries_for_one_row_or_many(reports: Reports) -> None:
    client = api_client(reports.org.support_officer)
    client.get("/api/v1/unit-reports?limit=1")  # the token's last use is written once a minute
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/unit-reports?limit={limit}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("/api/v1/reporting-cycles?year=0", 422),
        ("/api/v1/reporting-cycles?year=99999", 422),
        ("/api/v1/reporting-cycles?status=bogus", 422),
        ("/api/v1/reporting-cycles?limit=0", 200),
        ("/api/v1/reporting-cycles?limit=-3", 200),
        ("/api/v1/reporting-cycles?limit=100000000000", 200),
        ("/api/v1/reporting-cycles?cursor=%%%not-a-cursor", 400),
        (f"/api/v1/reporting-cycles?cursor={encode_cursor(['abc'])}", 400),
        (f"/api/v1/reporting-cycles?cursor={encode_cursor([1, 2])}", 400),
        (f"/api/v1/reporting-cycles?cursor={encode_cursor([10**30])}", 400),
        ("/api/v1/reporting-cycles/not-a-code", 404),
        (f"/api/v1/reporting-cycles/{UNKNOWN_CODE}", 404),
        ("/api/v1/unit-reports?under=no-such-unit", 404),
        ("/api/v1/unit-reports?cycle=not-a-code", 404),
        (f"/api/v1/unit-reports?cycle={UNKNOWN_CODE}", 404),
        ("/api/v1/unit-reports?status=bogus", 422),
        ("/api/v1/unit-reports?year=0", 422),
        ("/api/v1/unit-reports?limit=0", 200),
        (f"/api/v1/unit-reports?cursor={encode_cursor([{'a': 1}, None])}", 400),
        (f"/api/v1/unit-reports?cursor={encode_cursor(['abc'])}", 400),
        (f"/api/v1/unit-reports?cursor={encode_cursor([-(2**70)])}", 400),
        ("/api/v1/unit-reports/not-a-code", 404),
        (f"/api/v1/unit-reports/{UNKNOWN_CODE}", 404),
    ],
)
def test_odd_queries_get_a_json_answer_never_a_crash(reports: Reports, query: str, status: int) -> None:
    response = api_client(reports.org.support_officer).get(query)
    assert response.status_code == status, response.content
    if status == 200:
        assert len(response.json()["items"]) >= 1
    else:
        assert response.json()["error"]["code"] in {"validation_error", "refused", "not_found"}


@pytest.mark.parametrize("url", ["/api/v1/reporting-cycles", "/api/v1/unit-reports"])
@pytest.mark.parametrize("year", [1900, 2999])
def test_the_first_and_last_possible_years_are_answered(reports: Reports, url: str, year: int) -> None:
    response = api_client(reports.org.support_officer).get(f"{url}?year={year}")
    assert response.status_code == 200 and response.json() == {"items": [], "next_cursor": None}


# --- Writes ----------------------------------------------------------------------------------------


def test_a_save_changes_the_report_exactly_as_the_page_does(reports: Reports) -> None:
    """The same input through the API (cell A2) and through the page's form (cell A1a) leaves the same state."""
    org = reports.org
    narrative = {**COMPLETE, "results": "  Kết quả mới.  "}
    response = _json(
        api_client(org.committee_officer),
        "patch",
        f"/api/v1/unit-reports/{reports.report.code}",
        {"version": reports.report.version, "narrative": narrative, "values": {"propaganda_articles": 14}},
    )
    assert response.status_code == 200, response.content
    form = {f"section_{k}": v for k, v in narrative.items()} | {
        "version": reports.twin.version,
        "value_propaganda_articles": "14",
    }
    page = org.client_for(org.committee_officer).post(reverse("reports:report_save", args=[reports.twin.code]), form)
    assert page.status_code == 302
    by_api, by_page = reports.fresh(), UnitReport.objects.get(pk=reports.twin.pk)
    assert by_api.narrative == by_page.narrative and by_api.narrative["results"] == "Kết quả mới."
    assert by_api.values == by_page.values and by_api.values["propaganda_articles"] == 14
    assert (by_api.status, by_api.version) == (by_page.status, by_page.version) == ("draft", 3)
    entry = AuditEntry.objects.filter(object_id=str(by_api.pk), object_type="reports.unitreport").first()
    assert entry is not None and entry.action == "unit_report.save" and entry.actor == org.committee_officer
    body = response.json()
    assert body["version"] == 3 and {f["code"]: f["value"] for f in body["figures"]}["propaganda_articles"] == 14


def test_a_save_keeps_the_sections_it_does_not_send(reports: Reports) -> None:
    response = _json(
        api_client(reports.org.committee_officer),
        "patch",
        f"/api/v1/unit-reports/{reports.report.code}",
        {"version": reports.report.version, "narrative": {"lessons": "Bài học mới."}},
    )
    assert response.status_code == 200, response.content
    assert reports.fresh().narrative == {**COMPLETE, "lessons": "Bài học mới."}


def test_a_submit_changes_the_report_exactly_as_the_page_does(reports: Reports) -> None:
    org = reports.org
    response = _json(
        api_client(org.committee_officer),
        "post",
        f"/api/v1/unit-reports/{reports.report.code}/submit",
        {"version": reports.report.version},
    )
    assert response.status_code == 200, response.content
    page = org.client_for(org.committee_officer).post(
        reverse("reports:report_submit", args=[reports.twin.code]), {"version": reports.twin.version}
    )
    assert page.status_code == 302
    by_api, by_page = reports.fresh(), UnitReport.objects.get(pk=reports.twin.pk)
    for report in (by_api, by_page):
        assert report.status == ReportStatus.SUBMITTED and report.version == 3
        assert report.first_submitted_at is not None and report.submitted_by == org.committee_officer
    assert response.json()["status"] == "submitted" and response.json()["editable"] is False
    assert AuditEntry.objects.filter(action="unit_report.submit", object_id=str(by_api.pk)).exists()


def _unchanged(reports: Reports, response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    now = reports.fresh()
    assert (now.version, now.status, now.narrative, now.values) == (
        reports.report.version,
        reports.report.status,
        reports.report.narrative,
        reports.report.values,
    )
    return dict(error)


def test_a_stale_save_or_submit_is_refused_with_409_and_changes_nothing(reports: Reports) -> None:
    client = api_client(reports.org.committee_officer)
    stale = reports.report.version - 1
    url = f"/api/v1/unit-reports/{reports.report.code}"
    saved = _json(client, "patch", url, {"version": stale, "narrative": {"results": "Bản cũ."}})
    error = _unchanged(reports, saved, 409, "conflict")
    assert "reload" in error["message"].lower() or "tải lại" in error["message"].lower()
    _unchanged(reports, _json(client, "post", f"{url}/submit", {"version": stale}), 409, "conflict")
    assert not AuditEntry.objects.filter(action__in=["unit_report.save", "unit_report.submit"], actor__isnull=False)


def test_an_accepted_report_is_locked(reports: Reports) -> None:
    report = services.report_submit(acting_user=None, report=reports.report, expected_version=reports.report.version)
    reports.report = services.report_accept(acting_user=None, report=report)
    client = api_client(reports.org.support_officer)
    url = f"/api/v1/unit-reports/{reports.report.code}"
    body = client.get(url).json()
    assert body["status"] == "accepted" and body["editable"] is False
    version = reports.report.version
    _unchanged(
        reports, _json(client, "patch", url, {"version": version, "narrative": {"results": "x"}}), 400, "refused"
    )
    _unchanged(reports, _json(client, "post", f"{url}/submit", {"version": version}), 400, "refused")


def test_a_submitted_report_cannot_be_saved_or_submitted_again(reports: Reports) -> None:
    reports.report = services.report_submit(
        acting_user=None, report=reports.report, expected_version=reports.report.version
    )
    client = api_client(reports.org.committee_officer)
    url = f"/api/v1/unit-reports/{reports.report.code}"
    version = reports.report.version
    _unchanged(
        reports, _json(client, "patch", url, {"version": version, "narrative": {"results": "x"}}), 400, "refused"
    )
    _unchanged(reports, _json(client, "post", f"{url}/submit", {"version": version}), 400, "refused")


def test_a_report_of_a_closed_cycle_is_refused(reports: Reports) -> None:
    services.cycle_close(acting_user=None, cycle=reports.cycle)
    client = api_client(reports.org.committee_officer)
    url = f"/api/v1/unit-reports/{reports.report.code}"
    assert client.get(url).json()["editable"] is False
    body = {"version": reports.report.version, "narrative": {"results": "x"}}
    _unchanged(reports, _json(client, "patch", url, body), 400, "refused")


def test_an_incomplete_report_cannot_be_submitted(reports: Reports) -> None:
    client = api_client(reports.org.committee_officer)
    url = f"/api/v1/unit-reports/{reports.report.code}"
    cleared = _json(client, "patch", url, {"version": reports.report.version, "narrative": {"causes": "   "}})
    assert cleared.status_code == 200
    reports.report = reports.fresh()
    _unchanged(reports, _json(client, "post", f"{url}/submit", {"version": reports.report.version}), 400, "refused")


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"narrative": {"preface": "Lời nói đầu"}}, 400, "preface"),
        ({"values": {"no_such_figure": 3}}, 400, "no_such_figure"),
        ({"values": {"topic_meetings": 3}}, 400, "topic_meetings"),  # computed from the records
        ({"values": {"propaganda_articles": -1}}, 422, ""),
        ({"values": {"propaganda_articles": "nhiều"}}, 422, ""),
        ({"narrative": {"results": "x" * 20001}}, 422, ""),
        ({"narrative": {"results": 5}}, 422, ""),
        ({"narrative": {"results": "có ký tự \x00 rỗng"}}, 422, ""),  # PostgreSQL cannot store NUL
        ({"values": {"propaganda_articles": "NaN"}}, 422, ""),
        ({"values": {"propaganda_articles": "Infinity"}}, 422, ""),
        ({"version": "một"}, 422, ""),
        ({"version": None}, 422, ""),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(
    reports: Reports, body: dict[str, Any], status: int, says: str
) -> None:
    payload = {"version": reports.report.version, **body}
    response = _json(
        api_client(reports.org.committee_officer), "patch", f"/api/v1/unit-reports/{reports.report.code}", payload
    )
    error = _unchanged(reports, response, status, "refused" if status == 400 else "validation_error")
    assert says in error["message"]


def test_a_body_without_a_version_is_refused(reports: Reports) -> None:
    client = api_client(reports.org.committee_officer)
    url = f"/api/v1/unit-reports/{reports.report.code}"
    _unchanged(reports, _json(client, "patch", url, {"narrative": {"results": "x"}}), 422, "validation_error")
    _unchanged(reports, _json(client, "post", f"{url}/submit", {}), 422, "validation_error")
    _unchanged(reports, client.post(f"{url}/submit", "not json", content_type="application/json"), 400, "http_error")


def test_the_openapi_document_describes_the_reports_endpoints(reports: Reports) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    report = paths["/api/v1/unit-reports/{code}"]
    assert {"get", "patch"} <= set(report)
    assert (
        "409" in report["patch"]["responses"]
        and "409" in paths["/api/v1/unit-reports/{code}/submit"]["post"]["responses"]
    )
    assert "/api/v1/reporting-cycles" in paths and "/api/v1/reporting-cycles/{code}" in paths
    assert report["get"]["security"]  # token or session: reports are never public
