"""Importing units and people from XLSX: templates, the import page, every rule, and scoping."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from lamtheo.accounts.models import AuditEntry, User
from lamtheo.org import imports, selectors, services
from lamtheo.org.models import Membership, Person, SectorTag, Unit, UnitKind, UnitLink
from tests.conftest import Org
from tests.factories import make_person, make_unit

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại", "Mã đơn vị cấp trên", "Lĩnh vực", "Hoạt động từ"]
PERSON_HEADERS = [
    "Họ",
    "Tên đệm",
    "Tên",
    "Giới tính",
    "Ngày sinh",
    "Số thẻ đảng viên",
    "Chức vụ",
    "Lãnh đạo",
    "Mã chi bộ",
    "Ngày vào chi bộ",
]


def xlsx(headers: Sequence[Any], rows: Sequence[Sequence[Any]], *, name: str = "data.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def person_row(
    family: str,
    middle: str,
    given: str,
    *,
    gender: Any = "Nam",
    birth: Any = "01/02/1980",
    card: Any = "",
    position: str = "",
    leader: Any = "",
    unit: str = "cell-a1a",
    joined: Any = "",
) -> list[Any]:
    return [family, middle, given, gender, birth, card, position, leader, unit, joined]


def counts() -> tuple[int, int, int, int, int]:
    return (
        Unit.objects.count(),
        UnitLink.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )


def client_en(org: Org, user: User) -> Client:
    client = org.client_for(user)
    client.cookies["django_language"] = "en"
    return client


def import_units(org: Org, upload: SimpleUploadedFile, *, scope: Unit | None = None) -> imports.ImportResult:
    with translation.override("en"):
        return imports.units_import(acting_user=org.committee_officer, scope=scope or org.committee_a, upload=upload)


def import_people(org: Org, upload: SimpleUploadedFile, *, scope: Unit | None = None) -> imports.ImportResult:
    with translation.override("en"):
        return imports.people_import(acting_user=org.committee_officer, scope=scope or org.committee_a, upload=upload)


def messages_of(result: imports.ImportResult) -> str:
    return "\n".join(f"{e.row}|{e.column}|{e.message}" for e in result.errors)


def assert_tree_consistent() -> None:
    assert Unit.objects.find_problems() == ([], [], [], [], [])


# --- Templates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "sheet_name", "headers"),
    [
        ("org:import_template_units", "Đơn vị", UNIT_HEADERS),
        ("org:import_template_people", "Đảng viên", PERSON_HEADERS),
    ],
)
def test_the_templates_download_with_the_headers_and_instructions(
    org: Org, url_name: str, sheet_name: str, headers: list[str]
) -> None:
    SectorTag.objects.create(code="press", name="Báo chí")
    response = org.client_for(org.cell_secretary).get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet_name, "Hướng dẫn"]
    assert [c.value for c in workbook[sheet_name][1]] == headers
    instructions = "\n".join(
        str(v) for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for v in row if v is not None
    )
    for header in headers:
        assert header in instructions
    if sheet_name == "Đơn vị":
        assert "Chi bộ" in instructions
        assert "press" in instructions


def test_the_templates_need_a_login(db: None) -> None:
    response = Client().get(reverse("org:import_template_units"))
    assert response.status_code == 302


def test_a_filled_in_template_imports(org: Org) -> None:
    response = org.client_for(org.committee_officer).get(reverse("org:import_template_people"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    workbook["Đảng viên"].append(person_row("Lê", "Văn", "Tâm", card="T-1"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_people(org, SimpleUploadedFile("mau.xlsx", buffer.getvalue()))
    assert result.ok, messages_of(result)
    assert Person.objects.filter(party_card_number="T-1", unit=org.cell_a1a).exists()


# --- Units ----------------------------------------------------------------------------------


def test_it_imports_units_into_the_scope(org: Org) -> None:
    SectorTag.objects.create(code="press", name="Báo chí")
    SectorTag.objects.create(code="school", name="Trường, học viện")
    upload = xlsx(
        UNIT_HEADERS,
        [
            # A child listed before the parent that is defined further down the file.
            ["cell-a3a", "Chi bộ Phòng Tổ chức", "", "Chi bộ", "gr-a3", "press, school", "15/03/2020"],
            ["gr-a3", "Đảng bộ Cục A3", "ĐB A3", "grassroots", "", "", dt.datetime(2019, 1, 2)],  # noqa: DTZ001
            ["cell-a1b", "Chi bộ Phòng Pháp chế", "", "chi bo", "gr-a1", "Báo chí", None],
            ["yu-a", "Đoàn thanh niên Bộ A", "", "Đoàn thanh niên", "committee-a", "", "01/01/2021"],
        ],
    )
    client = client_en(org, org.committee_officer)
    before_audit = AuditEntry.objects.count()

    response = client.post(reverse("org:unit_import", args=["committee-a"]), {"what": "units", "file": upload})

    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit", args=["committee-a"])
    assert "4 units have been imported." in client.get(response["Location"]).content.decode()
    gr_a3 = Unit.objects.get(code="gr-a3")
    cell_a3a = Unit.objects.get(code="cell-a3a")
    cell_a1b = Unit.objects.get(code="cell-a1b")
    assert Unit.objects.get_parent(gr_a3) == org.committee_a
    assert Unit.objects.get_parent(cell_a3a) == gr_a3
    assert Unit.objects.get_parent(cell_a1b) == org.grassroots_a1
    assert Unit.objects.get(code="yu-a").kind == UnitKind.YOUTH_UNION
    assert (gr_a3.kind, gr_a3.short_name, gr_a3.active_from) == ("grassroots", "ĐB A3", dt.date(2019, 1, 2))
    assert cell_a3a.kind == UnitKind.CELL
    assert cell_a3a.active_from == dt.date(2020, 3, 15)
    assert cell_a1b.active_from == timezone.localdate()
    assert sorted(cell_a3a.sector_tags.values_list("code", flat=True)) == ["press", "school"]
    assert list(cell_a1b.sector_tags.values_list("code", flat=True)) == ["press"]
    assert cell_a3a.search_text == "chi bo phong to chuc cell-a3a"
    # Appended after the existing children, as add_child would.
    assert cell_a1b.path > org.cell_a1a.path
    link = UnitLink.objects.get(unit=cell_a3a)
    assert (link.parent, link.valid_from, link.valid_to) == (gr_a3, dt.date(2020, 3, 15), None)
    assert_tree_consistent()
    entry = AuditEntry.objects.get(action="unit.import")
    assert AuditEntry.objects.count() == before_audit + 1
    assert entry.actor == org.committee_officer
    assert entry.object_id == str(org.committee_a.pk)
    assert entry.after is not None
    assert entry.after["rows"] == 4
    assert entry.after["file"] == "data.xlsx"
    assert sorted(entry.after["codes"]) == ["cell-a1b", "cell-a3a", "gr-a3", "yu-a"]
    # The tree stays usable by treebeard afterwards.
    make_unit(gr_a3, kind=UnitKind.CELL, code="cell-a3b")
    assert_tree_consistent()
    assert [u.code for u in Unit.objects.get_children(Unit.objects.get(code="gr-a3"))] == ["cell-a3a", "cell-a3b"]


def test_headers_match_without_case_or_diacritics(org: Org) -> None:
    headers = ["ma don vi", "TEN DON VI", "Loai", "Ma Don Vi Cap Tren", "Cột lạ"]
    result = import_units(org, xlsx(headers, [["cell-a4", "Chi bộ A4", "Chi bộ", "", "ignored"]]))
    assert result.ok, messages_of(result)
    assert Unit.objects.get_parent(Unit.objects.get(code="cell-a4")) == org.committee_a


def test_a_deep_tree_from_one_file_is_consistent(org: Org) -> None:
    rows = [["gr-0", "Đảng bộ 0", "Đảng bộ cơ sở", ""]]
    rows += [[f"gr-{i}", f"Đảng bộ {i}", "Đảng bộ cơ sở", f"gr-{i - 1}"] for i in range(1, 6)]
    rows += [[f"cell-{i}-{j}", f"Chi bộ {i}.{j}", "Chi bộ", f"gr-{i}"] for i in range(6) for j in range(3)]
    result = import_units(org, xlsx(["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên"], rows))
    assert result.ok, messages_of(result)
    assert result.created == 24
    assert Unit.objects.get(code="gr-5").depth == org.committee_a.depth + 6
    assert Unit.objects.get(code="gr-3").numchild == 4
    assert_tree_consistent()


def assert_units_rejected(org: Org, upload: SimpleUploadedFile, *expected: str, scope: Unit | None = None) -> str:
    before = counts()
    result = import_units(org, upload, scope=scope)
    text = messages_of(result)
    assert not result.ok
    for message in expected:
        assert message in text
    assert counts() == before
    return text


def test_it_rejects_wrong_headers_and_names_the_missing_ones(org: Org) -> None:
    text = assert_units_rejected(org, xlsx(["Code", "Tên đơn vị", "Kind"], [["x", "y", "cell"]]), "Missing columns")
    assert "“Mã đơn vị”" in text
    assert "“Loại”" in text
    assert "Tên đơn vị”" not in text


def test_it_rejects_duplicate_codes_in_the_file_and_in_the_database(org: Org) -> None:
    upload = xlsx(
        UNIT_HEADERS,
        [
            ["cell-new", "Chi bộ 1", "", "Chi bộ", "", "", ""],
            ["cell-new", "Chi bộ 2", "", "Chi bộ", "", "", ""],
            ["cell-b1", "Chi bộ 3", "", "Chi bộ", "", "", ""],
        ],
    )
    text = assert_units_rejected(
        org,
        upload,
        "3|Mã đơn vị|The code “cell-new” is already used in row 2 of this file.",
        "4|Mã đơn vị|The unit code “cell-b1” is already in use.",
    )
    assert "Vụ B1" not in text


def test_it_rejects_an_unknown_parent(org: Org) -> None:
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "no-such-unit", "", ""]])
    assert_units_rejected(
        org, upload, "2|Mã đơn vị cấp trên|The parent unit “no-such-unit” was not found in your scope."
    )


def test_a_parent_outside_the_scope_is_reported_like_an_unknown_one(org: Org) -> None:
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "committee-b", "", ""]])
    client = client_en(org, org.committee_officer)
    before = counts()

    response = client.post(reverse("org:unit_import", args=["committee-a"]), {"what": "units", "file": upload})

    assert response.status_code == 200
    content = response.content.decode()
    assert "The parent unit “committee-b” was not found in your scope." in content
    assert "Đảng ủy Bộ B" not in content
    assert counts() == before


def test_it_rejects_cycles_among_rows(org: Org) -> None:
    upload = xlsx(
        UNIT_HEADERS,
        [
            ["gr-p", "Đảng bộ P", "", "Đảng bộ cơ sở", "gr-q", "", ""],
            ["gr-q", "Đảng bộ Q", "", "Đảng bộ cơ sở", "gr-p", "", ""],
            ["gr-r", "Đảng bộ R", "", "Đảng bộ cơ sở", "gr-r", "", ""],
            ["cell-s", "Chi bộ S", "", "Chi bộ", "gr-p", "", ""],
        ],
    )
    text = assert_units_rejected(org, upload, "refer to each other in a cycle")
    assert "2|Mã đơn vị cấp trên|The parent units of rows 2, 3 refer to each other in a cycle." in text
    assert "3|Mã đơn vị cấp trên|The parent units of rows 2, 3 refer to each other in a cycle." in text
    assert "4|Mã đơn vị cấp trên|The parent units of rows 4 refer to each other in a cycle." in text
    assert "5|" not in text


def test_it_rejects_units_the_placement_rules_forbid(org: Org) -> None:
    upload = xlsx(
        UNIT_HEADERS,
        [
            ["cell-under-cell", "Chi bộ con", "", "Chi bộ", "cell-a2", "", ""],
            ["bloc-2", "Khối 2", "", "Đảng ủy Khối", "", "", ""],
            ["sub-2", "Đảng ủy 2", "", "Đảng ủy trực thuộc", "gr-a1", "", ""],
        ],
    )
    text = assert_units_rejected(
        org, upload, "2|Loại|A unit of kind “Party cell” cannot be placed under “Chi bộ Văn phòng A”"
    )
    assert "3|Loại|" in text
    assert "4|Loại|" in text


def test_it_rejects_an_inactive_parent(org: Org) -> None:
    closed = make_unit(org.committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, code="gr-closed")
    services.unit_dissolve(acting_user=None, unit=closed, on_date=timezone.localdate() + dt.timedelta(days=1))
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "gr-closed", "", ""]])
    assert_units_rejected(org, upload, "The parent unit “gr-closed” is no longer active.")


def test_it_rejects_bad_values_in_unit_rows(org: Org) -> None:
    upload = xlsx(
        UNIT_HEADERS,
        [
            ["bad code", "", "", "chi bo dac biet", "", "nowhere", "31/02/2020"],
            ["ok-code", "X" * 256, "", "Chi bộ", "", "", "2020-01-01"],
        ],
    )
    assert_units_rejected(
        org,
        upload,
        "2|Mã đơn vị|“bad code” is not a valid code",
        "2|Tên đơn vị|This value is required.",
        "2|Loại|“chi bo dac biet” is not allowed here",
        "2|Lĩnh vực|Unknown sector “nowhere”.",
        "2|Hoạt động từ|“31/02/2020” is not a date",
        "3|Tên đơn vị|Too long: at most 255 characters",
        "3|Hoạt động từ|“2020-01-01” is not a date",
    )


# --- People ---------------------------------------------------------------------------------


def test_it_imports_people_and_lists_them_in_vietnamese_order(org: Org) -> None:
    upload = xlsx(
        PERSON_HEADERS,
        [
            person_row("Đỗ", "Quang", "Đạt", card="P-1", position="Chuyên viên"),
            person_row("Nguyễn", "Thị", "Ánh", gender="Nữ", card="P-2", leader="Có"),
            person_row("Lê", "Văn", "An", gender="m", card=12345678, leader="x", joined="01/06/2015"),
            person_row("Phạm", "Đức", "Anh", birth=dt.datetime(1975, 4, 30), card="P-4"),  # noqa: DTZ001
            person_row("Hoàng", "Thị", "Ân", gender="F", leader="Không"),
            person_row("Vũ", "", "Dương", unit="cell-a2"),
            person_row("Trịnh", "Văn", "Bình"),
        ],
    )
    audit_before = AuditEntry.objects.count()

    response = client_en(org, org.committee_officer).post(
        reverse("org:unit_import", args=["committee-a"]), {"what": "people", "file": upload}
    )

    assert response.status_code == 302
    names = [p.given_name for p in selectors.people_of_unit(org.cell_a1a)]
    assert names == ["An", "Anh", "Ánh", "Ân", "Bình", "Dũng", "Đạt"]
    an = Person.objects.get(given_name="An")
    assert (an.family_name, an.middle_name, an.gender, an.is_leader) == ("Lê", "Văn", "m", True)
    assert an.party_card_number == "12345678"
    assert an.birth_date == dt.date(1980, 2, 1)
    assert an.search_text == "le van an 12345678"
    assert an.memberships.get().joined_on == dt.date(2015, 6, 1)
    anh = Person.objects.get(given_name="Anh")
    assert anh.birth_date == dt.date(1975, 4, 30)
    assert anh.memberships.get().joined_on == timezone.localdate()
    assert Person.objects.get(given_name="Ánh").gender == "f"
    assert Person.objects.get(given_name="Ánh").is_leader is True
    an_ = Person.objects.get(given_name="Ân")
    assert (an_.gender, an_.is_leader, an_.party_card_number) == ("f", False, None)
    assert Person.objects.get(given_name="Dương").unit == org.cell_a2
    assert Membership.objects.filter(person__unit__path__startswith=org.committee_a.path).count() == 8
    assert AuditEntry.objects.count() == audit_before + 1
    entry = AuditEntry.objects.get(action="person.import")
    assert entry.after is not None
    assert entry.after["rows"] == 7
    assert sorted(entry.after["ids"]) == sorted(
        Person.objects.exclude(pk=org.member_person.pk).values_list("pk", flat=True)
    )


def test_a_cell_secretary_imports_people_into_the_own_cell(org: Org) -> None:
    with translation.override("en"):
        result = imports.people_import(
            acting_user=org.cell_secretary,
            scope=org.cell_a1a,
            upload=xlsx(PERSON_HEADERS, [person_row("Lê", "Thị", "Hoa", gender="Nữ")]),
        )
        assert result.ok, messages_of(result)
        refused = imports.people_import(
            acting_user=org.cell_secretary,
            scope=org.cell_a1a,
            upload=xlsx(PERSON_HEADERS, [person_row("Lê", "Thị", "Hồng", gender="Nữ", unit="cell-a2")]),
        )
    assert "The unit “cell-a2” was not found in your scope." in messages_of(refused)


def assert_people_rejected(org: Org, upload: SimpleUploadedFile, *expected: str) -> str:
    before = counts()
    result = import_people(org, upload)
    text = messages_of(result)
    assert not result.ok
    for message in expected:
        assert message in text
    assert counts() == before
    return text


def test_it_rejects_a_card_number_repeated_in_the_file(org: Org) -> None:
    upload = xlsx(
        PERSON_HEADERS,
        [
            person_row("Lê", "Văn", "An", card="D-1"),
            person_row("Lê", "Văn", "Ba"),
            person_row("Lê", "Văn", "Ca", card="D-1"),
        ],
    )
    assert_people_rejected(
        org, upload, "4|Số thẻ đảng viên|The party card number D-1 is already used in row 2 of this file."
    )


def test_it_rejects_a_card_number_already_in_the_database(org: Org) -> None:
    elsewhere = make_person(org.cell_b1, party_card_number="B-777")
    upload = xlsx(PERSON_HEADERS, [person_row("Lê", "Văn", "An", card=elsewhere.party_card_number)])
    assert_people_rejected(org, upload, "2|Số thẻ đảng viên|The party card number B-777 is already in use.")


def test_it_rejects_people_in_units_outside_the_scope_or_closed(org: Org) -> None:
    closed = make_unit(org.committee_a, kind=UnitKind.CELL, code="cell-closed")
    services.unit_dissolve(acting_user=None, unit=closed, on_date=timezone.localdate() + dt.timedelta(days=1))
    upload = xlsx(
        PERSON_HEADERS,
        [
            person_row("Lê", "Văn", "An", unit="cell-b1"),
            person_row("Lê", "Văn", "Ba", unit="no-such-cell"),
            person_row("Lê", "Văn", "Ca", unit="cell-closed"),
            person_row("Lê", "Văn", "Da", unit=""),
        ],
    )
    text = assert_people_rejected(
        org,
        upload,
        "2|Mã chi bộ|The unit “cell-b1” was not found in your scope.",
        "3|Mã chi bộ|The unit “no-such-cell” was not found in your scope.",
        "4|Mã chi bộ|The unit “cell-closed” is no longer active.",
        "5|Mã chi bộ|This value is required.",
    )
    assert "Vụ B1" not in text


def test_it_rejects_a_bad_date(org: Org) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    upload = xlsx(
        PERSON_HEADERS,
        [
            person_row("Lê", "Văn", "An", birth="32/01/1980"),
            person_row("Lê", "Văn", "Ba", birth="ngày 5 tháng 6"),
            person_row("Lê", "Văn", "Ca", birth=tomorrow.strftime("%d/%m/%Y")),
            person_row("Lê", "Văn", "Da", birth="01/01/1990", joined="01/01/1980"),
        ],
    )
    assert_people_rejected(
        org,
        upload,
        "2|Ngày sinh|“32/01/1980” is not a date: enter it as dd/mm/yyyy",
        "3|Ngày sinh|“ngày 5 tháng 6” is not a date",
        "4|Ngày sinh|The date " + tomorrow.strftime("%d/%m/%Y") + " is in the future.",
        "5|Ngày vào chi bộ|The joining date is before the birth date.",
    )


def test_it_rejects_a_bad_gender_and_leader_flag(org: Org) -> None:
    upload = xlsx(
        PERSON_HEADERS,
        [person_row("Lê", "Văn", "An", gender="Khác"), person_row("Lê", "Văn", "Ba", gender="", leader="có lẽ")],
    )
    assert_people_rejected(
        org,
        upload,
        "2|Giới tính|“Khác” is not allowed here; use one of: Nam, Nữ.",
        "3|Giới tính|This value is required.",
        "3|Lãnh đạo|“có lẽ” is not allowed here; use “Có” or “Không”.",
    )


def test_it_rejects_missing_names(org: Org) -> None:
    upload = xlsx(PERSON_HEADERS, [person_row("", "Văn", "")])
    assert_people_rejected(org, upload, "2|Họ|This value is required.", "2|Tên|This value is required.")


# --- Files that cannot be imported ----------------------------------------------------------


def junk(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/vnd.ms-excel")


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (junk("empty.xlsx", b""), "The file is empty."),
        (junk("notes.xlsx", "Họ,Tên\nLê,An\n".encode()), "The file is not an Excel (.xlsx) workbook."),
        (junk("other.xlsx", zipped({"readme.txt": b"hello"})), "The file is not an Excel (.xlsx) workbook."),
        (
            junk("broken.xlsx", zipped({"[Content_Types].xml": b"<nonsense", "xl/workbook.xml": b"<"})),
            "The file could not be read as an Excel (.xlsx) workbook.",
        ),
        (xlsx([], []), "The sheet is empty"),
        (xlsx(PERSON_HEADERS, []), "The sheet has headers but no data rows."),
        (xlsx(PERSON_HEADERS, [[None] * 10, ["", " "]]), "The sheet has headers but no data rows."),
    ],
    ids=["zero-bytes", "text", "zip-not-xlsx", "corrupt-xlsx", "no-headers", "headers-only", "blank-rows"],
)
def test_files_that_cannot_be_read_give_a_clear_message(org: Org, upload: SimpleUploadedFile, expected: str) -> None:
    text = assert_people_rejected(org, upload, expected)
    assert text.startswith("None||")


def test_five_megabytes_of_random_bytes_are_refused_through_the_page(org: Org) -> None:
    upload = junk("big.xlsx", os.urandom(5 * 1024 * 1024))
    before = counts()

    response = client_en(org, org.committee_officer).post(
        reverse("org:unit_import", args=["committee-a"]), {"what": "people", "file": upload}
    )

    assert response.status_code == 200
    assert "The file is not an Excel (.xlsx) workbook." in response.content.decode()
    assert counts() == before


@override_settings(IMPORT_MAX_BYTES=2000)
def test_it_refuses_a_file_over_the_size_limit(org: Org) -> None:
    upload = xlsx(PERSON_HEADERS, [person_row("Lê", "Văn", f"An{i}", position="x" * 100) for i in range(50)])
    assert_people_rejected(org, upload, "The file is too large")


def test_it_refuses_more_rows_than_the_limit(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    upload = xlsx(PERSON_HEADERS, [person_row("Lê", "Văn", f"An{i}") for i in range(4)])
    assert_people_rejected(org, upload, "The file has more than 3 data rows.")


def test_the_page_lists_the_errors_in_a_table(org: Org) -> None:
    upload = xlsx(PERSON_HEADERS, [person_row("Lê", "Văn", "An", gender="?")])
    response = client_en(org, org.committee_officer).post(
        reverse("org:unit_import", args=["committee-a"]), {"what": "people", "file": upload}
    )
    content = response.content.decode()
    assert 'id="import-errors"' in content
    assert "<td>Giới tính</td>" in content
    assert "Nothing was imported." in content


def test_the_page_asks_for_a_file(org: Org) -> None:
    response = client_en(org, org.committee_officer).post(
        reverse("org:unit_import", args=["committee-a"]), {"what": "units"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# --- Who may import -------------------------------------------------------------------------


def test_the_import_page_shows_the_forms_and_template_links(org: Org) -> None:
    response = org.client_for(org.committee_officer).get(reverse("org:unit_import", args=["committee-a"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("org:import_template_units") in content
    assert reverse("org:import_template_people") in content
    assert 'enctype="multipart/form-data"' in content


def test_an_outsider_gets_404(org: Org) -> None:
    client = org.client_for(org.outsider)
    url = reverse("org:unit_import", args=["committee-a"])
    before = counts()
    assert client.get(url).status_code == 404
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "", "", ""]])
    assert client.post(url, {"what": "units", "file": upload}).status_code == 404
    assert counts() == before


def test_a_viewer_gets_403(org: Org) -> None:
    client = org.client_for(org.viewer)
    url = reverse("org:unit_import", args=["committee-a"])
    before = counts()
    assert client.get(url).status_code == 403
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "", "", ""]])
    assert client.post(url, {"what": "units", "file": upload}).status_code == 403
    assert counts() == before


def test_the_service_checks_authority_itself(org: Org) -> None:
    upload = xlsx(UNIT_HEADERS, [["cell-x", "Chi bộ X", "", "Chi bộ", "", "", ""]])
    with pytest.raises(Http404):
        imports.units_import(acting_user=org.outsider, scope=org.committee_a, upload=upload)
    with pytest.raises(PermissionDenied):
        imports.people_import(acting_user=org.viewer, scope=org.committee_a, upload=upload)


def test_anonymous_users_are_sent_to_log_in(org: Org) -> None:
    response = Client().get(reverse("org:unit_import", args=["committee-a"]))
    assert response.status_code == 302
