"""Exporting a subtree to XLSX, and importing the export again."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lamtheo.org import imports, services
from lamtheo.org.models import SectorTag, Unit, UnitKind
from tests.conftest import Org
from tests.factories import make_person, make_unit


def download(client: Client, code: str) -> openpyxl.Workbook:
    response = client.get(reverse("org:unit_export", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{code}.xlsx"' in response["Content-Disposition"]
    content = response.getvalue()
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(workbook: openpyxl.Workbook, name: str) -> list[list[Any]]:
    return [list(row) for row in workbook[name].iter_rows(values_only=True)]


def add_people(org: Org) -> None:
    make_person(org.cell_a1a, family_name="Nguyễn", middle_name="Thị", given_name="Ánh", gender="f")
    make_person(org.cell_a2, family_name="Lê", middle_name="Văn", given_name="An", is_leader=True, position="Bí thư")
    make_person(org.cell_a2, family_name="Phạm", middle_name="", given_name="Đạt", party_card_number=None)
    make_person(org.cell_b1, family_name="Hồ", middle_name="Văn", given_name="Bắc")


def test_it_exports_the_subtree_in_the_import_columns(org: Org) -> None:
    SectorTag.objects.create(code="press", name="Báo chí")
    services.unit_update(
        acting_user=None,
        unit=org.grassroots_a1,
        expected_version=org.grassroots_a1.version,
        name=org.grassroots_a1.name,
        short_name="ĐB A1",
        sector_codes=["press"],
    )
    add_people(org)

    workbook = download(org.client_for(org.committee_officer), "committee-a")

    assert workbook.sheetnames == ["Đơn vị", "Đảng viên"]
    units = sheet_rows(workbook, "Đơn vị")
    assert units[0] == [c.header for c in imports.UNIT_COLUMNS]
    midnight = dt.datetime.combine(org.committee_a.active_from, dt.time())
    assert units[1:] == [
        ["committee-a", "Đảng ủy Bộ A", None, "Đảng ủy trực thuộc", None, None, midnight],
        ["gr-a1", "Đảng bộ Cục A1", "ĐB A1", "Đảng bộ cơ sở", "committee-a", "press", midnight],
        ["cell-a1a", "Chi bộ Phòng Kiểm tra", None, "Chi bộ", "gr-a1", None, midnight],
        ["cell-a2", "Chi bộ Văn phòng A", None, "Chi bộ", "committee-a", None, midnight],
    ]
    people = sheet_rows(workbook, "Đảng viên")
    assert people[0] == [c.header for c in imports.PERSON_COLUMNS]
    # Vietnamese order: given name first, "a" before "ă/â", tones after letters, "d" before "đ".
    assert [(row[2], row[8]) for row in people[1:]] == [
        ("An", "cell-a2"),
        ("Ánh", "cell-a1a"),
        ("Dũng", "cell-a1a"),
        ("Đạt", "cell-a2"),
    ]
    an = people[1]
    assert an[:4] == ["Lê", "Văn", "An", "Nam"]
    assert an[6:8] == ["Bí thư", "Có"]
    assert an[9] == dt.datetime.combine(timezone.localdate(), dt.time())
    assert people[2][3] == "Nữ"
    assert people[4][5] is None  # no card number


def test_closed_units_are_left_out(org: Org) -> None:
    closed = make_unit(org.committee_a, kind=UnitKind.CELL, code="cell-closed")
    services.unit_dissolve(acting_user=None, unit=closed, on_date=closed.active_from + dt.timedelta(days=1))
    workbook = download(org.client_for(org.committee_officer), "committee-a")
    assert "cell-closed" not in [row[0] for row in sheet_rows(workbook, "Đơn vị")]


def test_a_viewer_may_export(org: Org) -> None:
    workbook = download(org.client_for(org.viewer), "gr-a1")
    assert [row[0] for row in sheet_rows(workbook, "Đơn vị")[1:]] == ["gr-a1", "cell-a1a"]


def test_an_outsider_gets_404(org: Org) -> None:
    response = org.client_for(org.outsider).get(reverse("org:unit_export", args=["committee-a"]))
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_log_in(org: Org) -> None:
    assert Client().get(reverse("org:unit_export", args=["committee-a"])).status_code == 302


def _renamed(workbook: openpyxl.Workbook, prefix: str) -> SimpleUploadedFile:
    """The export with every code (and card number) prefixed, so that it can be imported beside the original."""
    units, people = workbook["Đơn vị"], workbook["Đảng viên"]
    for row in units.iter_rows(min_row=2):
        for index in (0, 4):
            if row[index].value:
                row[index].value = prefix + str(row[index].value)
    for row in people.iter_rows(min_row=2):
        row[8].value = prefix + str(row[8].value)
        if row[5].value:
            row[5].value = prefix + str(row[5].value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("export.xlsx", buffer.getvalue())


def test_an_export_imports_again_into_an_empty_scope(org: Org) -> None:
    SectorTag.objects.create(code="press", name="Báo chí")
    services.unit_update(
        acting_user=None,
        unit=org.cell_a2,
        expected_version=org.cell_a2.version,
        name=org.cell_a2.name,
        short_name="CB VP",
        sector_codes=["press"],
    )
    add_people(org)
    client = org.client_for(org.support_officer)
    original = download(client, "committee-a")

    # Into an empty Bloc of its own, as another installation would hold.
    other_bloc = make_unit(None, kind=UnitKind.BLOC, code="bloc-2")
    upload = _renamed(download(client, "committee-a"), "copy-")
    with translation.override("en"):
        units = imports.units_import(acting_user=org.admin, scope=other_bloc, upload=upload)
        assert units.ok, units.errors
        upload.seek(0)
        people = imports.people_import(acting_user=org.admin, scope=other_bloc, upload=upload)
        assert people.ok, people.errors

    assert Unit.objects.find_problems() == ([], [], [], [], [])
    copy = download(org.client_for(org.admin), "copy-committee-a")
    for name in ("Đơn vị", "Đảng viên"):
        expected = sheet_rows(original, name)
        got = sheet_rows(copy, name)
        for row in got[1:]:
            if name == "Đơn vị":
                row[0] = str(row[0]).removeprefix("copy-")
                row[4] = str(row[4]).removeprefix("copy-") if row[4] else None
            else:
                row[8] = str(row[8]).removeprefix("copy-")
                row[5] = str(row[5]).removeprefix("copy-") if row[5] else None
        assert got == expected
