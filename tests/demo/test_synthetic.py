"""``synth_load``: the tiny size loads a tree treebeard accepts, the manifest tells the truth, the data
hang together, and the app's pages work on it for the bench logins, within their scope only.

The load runs once for the module inside a transaction rolled back at the end; each test runs in a
savepoint within it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.urls import reverse

from lamtheo.accounts.models import User
from lamtheo.campaign.models import Activity, Attendance, Commitment, Stage
from lamtheo.demo.synthetic.loader import NotEmptyError, synth_load
from lamtheo.demo.synthetic.sizes import SIZES
from lamtheo.demo.synthetic.tree import step
from lamtheo.inspections.models import InspectionPlan
from lamtheo.org.models import Membership, Person, Unit, UnitKind
from lamtheo.reports.indicators import STANDARD_INDICATORS
from lamtheo.reports.models import ReportingCycle, UnitReport
from lamtheo.reports.summaries import read_summaries

pytestmark = pytest.mark.django_db

FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LAST_YEAR = 2018


@pytest.fixture(scope="module")
def manifest(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    # The autouse fixture that speeds up hashing is per test; the load must hash the same way.
    path: Path = tmp_path_factory.mktemp("synth") / "manifest.json"
    with override_settings(PASSWORD_HASHERS=FAST_HASHING), django_db_blocker.unblock(), transaction.atomic():
        call_command("synth_load", "--size", "tiny", "--seed", "7", "--manifest", str(path), stdout=StringIO())
        yield json.loads(path.read_text(encoding="utf-8"))
        transaction.set_rollback(True)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _unit(manifest: dict[str, Any], level: str) -> Unit:
    return Unit.objects.get(code=manifest["samples"][level])


def test_the_tiny_size_loads_every_level_of_the_tree(manifest: dict[str, Any]) -> None:
    size = SIZES["tiny"]
    kinds = dict(Unit.objects.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    assert kinds[UnitKind.BLOC] == 1
    assert kinds[UnitKind.SUBORDINATE_COMMITTEE] == sum(size.committees)
    assert kinds[UnitKind.GRASSROOTS_COMMITTEE] == size.grassroots
    assert kinds[UnitKind.CELL] == size.cells
    assert Person.objects.count() == size.people
    assert manifest["size"] == "tiny" and manifest["seed"] == 7 and manifest["years"] == [2016, LAST_YEAR]
    assert set(manifest["seconds"]) >= {"tree", "people", "campaign", "indexes", "rollup_refresh", "total"}


def test_treebeard_finds_no_problems_in_the_computed_paths(manifest: dict[str, Any]) -> None:
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    for position in (1, 35, 36, 1295, 1296, 50_000):
        assert step(position) == Unit._get_path(None, 1, position)
    root = Unit.objects.get(depth=1)
    committee = _unit(manifest, "committee")
    assert Unit.objects.get_parent(committee) == root
    assert Unit.objects.get(code=manifest["samples"]["cell"]).path.startswith(committee.path)


def test_the_manifest_counts_every_table(manifest: dict[str, Any]) -> None:
    counts = manifest["counts"]
    assert counts["org_person"] == SIZES["tiny"].people
    with connection.cursor() as cursor:
        for table, expected in counts.items():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            assert cursor.fetchone()[0] == expected, table
    assert manifest["rollup_refresh"]["rows"] == counts["reports_indicatorsummary"] > 0


def test_each_person_has_one_current_membership_in_an_active_cell(manifest: dict[str, Any]) -> None:
    current = Membership.objects.filter(left_on__isnull=True)
    assert current.count() == Person.objects.count()
    assert not current.exclude(unit__kind=UnitKind.CELL).exists()
    assert not Person.objects.exclude(unit_id__in=current.values("unit_id")).exists()
    assert not Person.objects.filter(unit__active_to__isnull=False).exists()
    # Transfers: a closed membership ends on the day the next one starts.
    closed = Membership.objects.filter(left_on__isnull=False).select_related("person")
    assert closed.exists()
    for membership in closed[:50]:
        assert membership.left_on is not None
        assert current.filter(person=membership.person, joined_on=membership.left_on).exists()


def test_a_dissolved_cell_has_no_members_left(manifest: dict[str, Any]) -> None:
    dissolved = Unit.objects.filter(kind=UnitKind.CELL, active_to__isnull=False)
    assert dissolved.exists()
    for cell in dissolved:
        assert not Person.objects.filter(unit=cell).exists()
        assert not Membership.objects.filter(unit=cell, left_on__isnull=True).exists()
        assert cell.parent_links.get().valid_to is not None


def test_attendance_adds_up_to_the_meetings_counts(manifest: dict[str, Any]) -> None:
    meetings = Activity.objects.filter(kind="cell_meeting").annotate(
        rows=Count("attendances"), present=Count("attendances", filter=Q(attendances__present=True))
    )
    recorded = [m for m in meetings if m.rows]
    assert recorded
    for meeting in recorded:
        assert (meeting.rows, meeting.present) == (meeting.expected_count, meeting.present_count)
    assert not Attendance.objects.filter(present=False, absence_reason="").exists()


def test_past_years_are_approved_and_the_last_year_is_under_way(manifest: dict[str, Any]) -> None:
    past = Commitment.objects.filter(year__lt=LAST_YEAR)
    assert past.filter(stage=Stage.APPROVED).count() > 0.9 * past.count()
    stages = set(Commitment.objects.filter(year=LAST_YEAR).values_list("stage", flat=True))
    assert {Stage.REGISTERED, Stage.SELF_ASSESSED, Stage.EVALUATED, Stage.APPROVED} <= stages


def test_inspection_coverage_is_most_but_not_always_all(manifest: dict[str, Any]) -> None:
    shares = []
    for plan in InspectionPlan.objects.all():
        planned = plan.items.count()
        visited = plan.items.filter(inspections__isnull=False).count()
        assert planned > 0 and visited <= planned
        shares.append(visited / planned)
    assert 0.8 <= sum(shares) / len(shares) < 1
    assert max(shares) == 1


def test_reports_carry_the_refreshed_figures_and_mixed_states(manifest: dict[str, Any]) -> None:
    report = UnitReport.objects.filter(cycle__period_start__year=2017).select_related("cycle").first()
    assert report is not None
    figures = read_summaries([report.unit_id], ["2017"])[report.unit_id]["2017"]
    assert report.values == {code: figures.get(code) for code in STANDARD_INDICATORS}
    assert report.values["members"] > 0
    states = set(UnitReport.objects.values_list("status", flat=True))
    assert {"accepted", "draft"} <= states


@pytest.mark.parametrize("level", ["root", "committee", "cell"])
def test_the_main_pages_render_for_the_bench_user(manifest: dict[str, Any], level: str) -> None:
    client = _client("bench")
    unit = _unit(manifest, level)
    urls = [
        reverse("org:unit", args=[unit.code]),
        reverse("campaign:progress", args=[unit.code, LAST_YEAR]),
        reverse("campaign:progress", args=[unit.code, LAST_YEAR - 1]),
        reverse("reports:dashboard", args=[unit.code, LAST_YEAR - 1]),
        reverse("inspections:unit", args=[unit.code]),
    ]
    plan = InspectionPlan.objects.filter(unit=unit, year=LAST_YEAR).first()
    if plan is not None:
        urls.append(reverse("inspections:coverage", args=[plan.code]))
    cycle = ReportingCycle.objects.filter(issuing_unit=unit).order_by("-period_end").first()
    if cycle is not None:
        urls += [reverse("reports:cycle", args=[cycle.code]), reverse("reports:cycle_compare", args=[cycle.code])]
    if level != "cell":
        assert plan is not None and cycle is not None
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_portal_article_and_home_render_for_readers(manifest: dict[str, Any]) -> None:
    reader = Client()
    assert reader.get(reverse("portal:home")).status_code == 200
    assert manifest["articles"]
    for slug in manifest["articles"]:
        assert reader.get(reverse("portal:article", args=[slug])).status_code == 200


def test_a_scoped_user_sees_its_subtree_and_gets_404_outside_it(manifest: dict[str, Any]) -> None:
    committee, cell = _unit(manifest, "committee"), _unit(manifest, "cell")
    other_committee = Unit.objects.filter(depth=2, kind=UnitKind.SUBORDINATE_COMMITTEE).exclude(pk=committee.pk).first()
    other_cell = Unit.objects.filter(kind=UnitKind.CELL).exclude(pk=cell.pk).exclude(path__startswith=committee.path)
    assert other_committee is not None and other_cell.exists()
    officer = _client("bench-committee")
    assert officer.get(reverse("org:unit", args=[cell.code])).status_code == 200
    assert officer.get(reverse("org:unit", args=[other_committee.code])).status_code == 404
    assert officer.get(reverse("campaign:progress", args=[other_committee.code, LAST_YEAR])).status_code == 404
    secretary = _client("bench-cell")
    assert secretary.get(reverse("campaign:progress", args=[cell.code, LAST_YEAR])).status_code == 200
    assert secretary.get(reverse("org:unit", args=[other_cell.first().code])).status_code == 404
    assert secretary.get(reverse("org:unit", args=[committee.code])).status_code == 404


def test_the_member_and_secretary_logins_are_people_of_the_sample_cell(manifest: dict[str, Any]) -> None:
    cell = _unit(manifest, "cell")
    for username in ("bench-cell", "bench-member"):
        assert Person.objects.get(user__username=username).unit == cell
    logins = {user["username"]: user for user in manifest["users"]}
    assert logins["bench"]["password"] == "bench-2016" and logins["bench"]["unit"] == manifest["samples"]["root"]


def test_the_api_token_of_the_manifest_authenticates_the_bench_user(manifest: dict[str, Any]) -> None:
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {manifest['api_token']}"})
    assert response.status_code == 200
    assert response.json()["username"] == "bench"


def test_a_database_with_units_is_refused(manifest: dict[str, Any]) -> None:
    with pytest.raises(NotEmptyError):
        synth_load("tiny", seed=1, years=(2016, 2018))
    with pytest.raises(CommandError, match="synth_load"):
        call_command("synth_load", "--size", "tiny", stdout=StringIO())


def test_malformed_years_are_refused(manifest: dict[str, Any]) -> None:
    with pytest.raises(CommandError):
        call_command("synth_load", "--size", "tiny", "--years", "2018-2016", stdout=StringIO())
