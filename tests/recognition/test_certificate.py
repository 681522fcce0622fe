"""The certificate DOCX: opened with python-docx and read back."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from lamtheo.recognition import services
from lamtheo.recognition.documents import certificate_docx
from lamtheo.recognition.models import Commendation, NominationStatus
from tests.conftest import Org
from tests.factories import make_person
from tests.recognition.factories import decide, make_nomination, make_occasion

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _commended(org: Org, **nominee: Any) -> Commendation:
    occasion = make_occasion(org.bloc, "Tổng kết 4 năm thực hiện Chỉ thị 03-CT/TW", (2011, 2015))
    nomination = make_nomination(occasion, org.committee_a, **nominee)
    nomination = services.nomination_accept(
        acting_user=None, nomination=nomination, expected_version=nomination.version
    )
    assert nomination.status == NominationStatus.ACCEPTED
    return decide(occasion, [nomination], number="123-QĐ/ĐUK").commendations.get()


def test_the_certificate_names_the_person_and_follows_the_party_format(org: Org) -> None:
    person = make_person(org.cell_a2, family_name="Lê", middle_name="Thị", given_name="Hoa")
    text = _text(certificate_docx(_commended(org, person=person)))
    assert "Lê Thị Hoa" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 123-QĐ/ĐUK" in text
    assert "GIẤY KHEN" in text
    assert "Hà Nội, ngày 20 tháng 12 năm 2016" in text
    assert "ĐẢNG ỦY KHỐI" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text


def test_the_certificate_of_a_unit_names_the_unit_and_uses_times_new_roman_on_a4(org: Org) -> None:
    content = certificate_docx(_commended(org, unit=org.grassroots_a1))
    document = Document(io.BytesIO(content))
    assert "Đảng bộ Cục A1" in _text(content)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}
    [heading] = [
        run
        for cell in document.tables[0].rows[0].cells
        for p in cell.paragraphs
        for run in p.runs
        if run.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    ]
    assert heading.bold and heading.font.size.pt == 15
    [date_run] = [
        run
        for cell in document.tables[0].rows[0].cells
        for p in cell.paragraphs
        for run in p.runs
        if run.text.startswith("Hà Nội")
    ]
    assert date_run.italic


def test_the_certificate_downloads_for_the_nominating_unit_and_not_for_outsiders(org: Org) -> None:
    commendation = _commended(org, unit=org.grassroots_a1)
    url = f"/app/recognition/commendations/{commendation.code}/certificate.docx"
    response = org.client_for(org.committee_officer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "Đảng bộ Cục A1" in _text(response.content)
    assert org.client_for(org.outsider).get(url).status_code == 404
