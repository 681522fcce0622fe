"""Small builders for campaign records, through the services so the rules hold."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lamtheo.campaign import services
from lamtheo.campaign.models import Activity, Commitment, YearPlan
from lamtheo.campaign.services.activities import AttendanceEntry
from lamtheo.org.models import Person, Unit


def record_meeting(cell: Unit, plan: YearPlan, day: dt.date, present: list[Person], absent: list[Person]) -> Activity:
    entries = [AttendanceEntry(p.pk, True) for p in present] + [
        AttendanceEntry(p.pk, False, "Đi công tác") for p in absent
    ]
    return services.meeting_record(acting_user=None, cell=cell, held_on=day, plan=plan, attendance=entries)


def commitment_through(person: Person, year: int, *, stage: str, rating: str = "good") -> Commitment:
    """A commitment taken through the stages up to ``stage`` (registered, self_assessed, evaluated, approved)."""
    c = services.commitment_register(acting_user=None, person=person, year=year, items=["Làm theo lời Bác"])
    if stage == "registered":
        return c
    c = services.commitment_self_assess(
        acting_user=None, commitment=c, expected_version=c.version, self_assessment="Đã làm", self_rating=rating
    )
    if stage == "self_assessed":
        return c
    c = services.commitment_evaluate(acting_user=None, commitment=c, expected_version=c.version, cell_rating=rating)
    if stage == "evaluated":
        return c
    return services.commitment_approve(acting_user=None, commitment=c, expected_version=c.version)


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n%test\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def docx_bytes(text: str = "Kế hoạch năm 2016") -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(value: str = "Chỉ tiêu") -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = value
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office file")
    return buffer.getvalue()
