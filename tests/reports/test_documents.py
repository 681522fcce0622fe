"""The review document (DOCX) and the statistics workbook (XLSX), opened and read back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from lamtheo.reports import services
from lamtheo.reports.documents.review import review_docx
from lamtheo.reports.documents.statistics import statistics_xlsx
from lamtheo.reports.models import SECTION_VALUES, ReviewDraft, ReviewStatus
from lamtheo.reports.summaries import refresh_summaries
from tests.reports.conftest import Reporting

pytestmark = pytest.mark.django_db


def _accept_a(reporting: Reporting) -> None:
    org = reporting.org
    report = services.report_save(
        acting_user=org.committee_officer,
        report=reporting.report_a,
        expected_version=reporting.report_a.version,
        narrative={key: f"Bộ A: {key} tốt." for key in SECTION_VALUES},
    )
    report = services.report_submit(acting_user=org.committee_officer, report=report, expected_version=report.version)
    services.report_accept(acting_user=org.support_officer, report=report)


def _review(reporting: Reporting) -> ReviewDraft:
    import datetime as dt

    _accept_a(reporting)
    refresh_summaries(reporting.org.bloc, [2015])
    return services.review_create(
        acting_user=reporting.org.support_officer,
        cycle=reporting.cycle,
        number="12-BC/ĐUK",
        date=dt.date(2016, 1, 4),
        title="Tổng kết công tác năm 2015",
    )


def _text(document: object) -> str:
    doc = document  # python-docx Document
    parts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_review_is_drafted_from_the_figures_and_the_accepted_reports(reporting: Reporting) -> None:
    review = _review(reporting)
    assert "3" in review.sections["intro"]
    assert review.sections["results"] == "Đảng ủy Bộ A: Bộ A: results tốt."
    # Committee B's report was not accepted: nothing of it is in the review.
    assert "Bộ B" not in " ".join(review.sections.values())


def test_the_docx_follows_the_party_format_and_carries_the_figures(reporting: Reporting) -> None:
    review = _review(reporting)
    document = Document(io.BytesIO(review_docx(review)))
    text = _text(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY KHỐI" in text
    assert "Số 12-BC/ĐUK" in text
    assert "Hà Nội, ngày 04 tháng 01 năm 2016" in text
    assert "BÁO CÁO" in text and "Tổng kết công tác năm 2015" in text
    assert "Bộ A: results tốt." in text
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    header_runs = [r for p in document.tables[0].rows[0].cells[1].paragraphs for r in p.runs]
    party = next(r for r in header_runs if r.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold and party.font.size.pt == 15 and party.font.name == "Times New Roman"
    date_run = next(r for r in header_runs if r.text.startswith("Hà Nội"))
    assert date_run.italic
    # The figures table: the Bloc's three topic meetings of 2015; the table by unit: both committees.
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows}
    assert figures["Sinh hoạt chi bộ theo chuyên đề"] == "3"
    by_unit = [row.cells[0].text for row in document.tables[2].rows[1:]]
    assert by_unit == ["Đảng ủy Bộ A", "Đảng ủy Bộ B"]
    assert len(document.inline_shapes) == 2  # the charts


def test_the_docx_converts_to_pdf_with_libreoffice(reporting: Reporting, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: install libreoffice-writer-nogui"
    source = tmp_path / "review.docx"
    source.write_bytes(review_docx(_review(reporting)))
    subprocess.run(  # noqa: S603  (a fixed program on a file the test wrote)
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "review.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_finalising_stores_the_document_and_locks_the_text(reporting: Reporting) -> None:
    review = _review(reporting)
    org = reporting.org
    review = services.review_save(
        acting_user=org.support_officer,
        review=review,
        expected_version=review.version,
        number=review.number,
        date=review.date,
        title=review.title,
        place="Hà Nội",
        sections={"lessons": "Bài học do Bộ phận giúp việc viết lại."},
    )
    review = services.review_finalise(acting_user=org.support_officer, review=review, expected_version=review.version)
    assert review.status == ReviewStatus.FINAL and review.document
    with review.document.open("rb") as stream:
        assert "Bài học do Bộ phận giúp việc viết lại." in _text(Document(stream))
    with pytest.raises(Exception, match="chính thức"):
        services.review_save(
            acting_user=org.support_officer,
            review=review,
            expected_version=review.version,
            number="x",
            date=review.date,
            title="x",
            place="x",
            sections={},
        )


def test_the_workbook_has_one_sheet_per_table_by_unit(reporting: Reporting) -> None:
    _accept_a(reporting)
    workbook = load_workbook(io.BytesIO(statistics_xlsx(reporting.cycle, reporting.org.bloc)))
    assert len(workbook.sheetnames) == 4
    indicators = workbook.worksheets[0]
    header = [cell.value for cell in indicators[1]]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in indicators.iter_rows(min_row=2, values_only=True)}
    assert rows["Đảng ủy Bộ A"]["Sinh hoạt chi bộ theo chuyên đề"] == 3
    assert rows["Đảng ủy Bộ B"]["Sinh hoạt chi bộ theo chuyên đề"] == 0
    received = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in received] == ["Đảng ủy Bộ A", "Đảng ủy Bộ B"]
    rollup = list(workbook.worksheets[2].iter_rows(min_row=2, values_only=True))
    # Submitted today, long after the 2015 deadline: received and accepted, but late.
    assert rollup == [("Đảng ủy Bộ A", 1, 1, 0, 1, 100), ("Đảng ủy Bộ B", 1, 0, 0, 0, 0)]
