"""The review document (annual or multi-year) as DOCX, in the party's document format (Guidance
36-HD/VPTW): A4, Times New Roman; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold, rule under it);
top left the superior body (14 pt caps) and the issuing body (14 pt bold caps) with "*" under it and
the number and symbol; the place-and-date line in italics; "BÁO CÁO" (16 pt bold) and the title;
the body in 14 pt: the stored text of the review, the figures, the table by unit and the charts."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lamtheo.org.models import Unit
from lamtheo.reports.charts import chart_title, render_chart
from lamtheo.reports.documents.narrative import INTRO, number, section_title, totals
from lamtheo.reports.models import ReportingCycle, ReviewDraft
from lamtheo.reports.selectors import completeness_by_child, dashboard, indicator_lines, side_by_side

FONT = "Times New Roman"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
TABLE_CODES = ("topic_meetings", "meeting_share", "attendance_rate", "commitments", "inspections_made", "commendations")


def _run(paragraph: Any, text: str, *, size: float = 14, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # The East-Asian slot too, so Word never substitutes another face for Vietnamese letters.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _centred(container: Any, text: str = "", **style: Any) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _bottom_rule(paragraph: Any) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _body(document: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    for chunk in [part.strip() for part in text.split("\n") if part.strip()]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
        _run(paragraph, chunk, bold=bold, italic=italic)


def _heading(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, bold=True)


def _cell(cell: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, size=11, bold=bold)


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)


def _superior(unit: Unit) -> str:
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    return parent.name.upper() if parent is not None else ""


def _header(document: Any, review: ReviewDraft) -> None:
    issuing = review.cycle.issuing_unit
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    superior = _superior(issuing)
    if superior:
        _run(left.paragraphs[0], superior, size=14)
        _centred(left, issuing.name.upper(), size=14, bold=True)
    else:
        _run(left.paragraphs[0], issuing.name.upper(), size=14, bold=True)
    _centred(left, "*", size=14)
    _centred(left, f"Số {review.number}", size=14)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    _bottom_rule(right.paragraphs[0])
    date_line = _centred(right)
    date_line.paragraph_format.space_before = Pt(6)
    day: dt.date = review.date
    _run(date_line, f"{review.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}", size=14, italic=True)


def _figures_table(document: Any, cycle: ReportingCycle) -> None:
    data = totals(cycle)
    lines = [line for line in indicator_lines(cycle.template) if not line.manual and line.code in data.values]
    if not lines:
        return
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _cell(table.rows[0].cells[0], _("Indicator"), bold=True)
    _cell(table.rows[0].cells[1], _("Figure"), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for line in lines:
        row = table.add_row().cells
        _cell(row[0], line.label)
        _cell(row[1], number(data.values.get(line.code)), align=WD_ALIGN_PARAGRAPH.RIGHT)


def _units_table(document: Any, cycle: ReportingCycle) -> None:
    """One row per reporting unit: its report's status and main figures."""
    data = side_by_side(cycle, cycle.issuing_unit)
    if not data.reports:
        return
    lines = {line.code: line for line in data.lines}
    codes = [code for code in TABLE_CODES if code in lines]
    table = document.add_table(rows=1, cols=2 + len(codes))
    table.style = "Table Grid"
    header = table.rows[0].cells
    _cell(header[0], _("Unit"), bold=True)
    _cell(header[1], _("Report"), bold=True)
    for i, code in enumerate(codes):
        _cell(header[2 + i], lines[code].label, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for report in data.reports:
        cells = table.add_row().cells
        _cell(cells[0], report.unit.short_name or report.unit.name)
        _cell(cells[1], str(report.get_status_display()))
        for i, code in enumerate(codes):
            _cell(cells[2 + i], number(report.values.get(code)), align=WD_ALIGN_PARAGRAPH.RIGHT)


def _completeness_table(document: Any, cycle: ReportingCycle) -> None:
    rows = completeness_by_child(cycle, cycle.issuing_unit)
    late = [row for row in rows if row.figures.expected and row.figures.missing]
    if not late:
        return
    _body(document, _("Units that have not sent their report:"), italic=True)
    for row in late:
        _body(document, f"- {row.unit.name}")


def _charts(document: Any, cycle: ReportingCycle) -> None:
    years = cycle.years
    board = dashboard(cycle.issuing_unit, years[-1], years)
    for name in ("trend", "ratings") if len(years) > 1 else ("meetings", "ratings"):
        document.add_picture(io.BytesIO(render_chart(board, name)), width=Cm(16))
        caption = _centred(document, chart_title(name), size=12, italic=True)
        caption.paragraph_format.space_after = Pt(6)


def review_docx(review: ReviewDraft) -> bytes:
    """The document in the organisation's language (``LANGUAGE_CODE``), whatever the page's."""
    with translation.override(settings.LANGUAGE_CODE):
        return _review_docx(review)


def _review_docx(review: ReviewDraft) -> bytes:
    cycle = review.cycle
    document = Document()
    _setup(document)
    _header(document, review)

    heading = _centred(document, "BÁO CÁO", size=16, bold=True)
    heading.paragraph_format.space_before = Pt(18)
    _centred(document, review.title, size=14, bold=True)
    _centred(document, "-----", size=14)
    document.add_paragraph()

    sections = review.sections
    _body(document, sections.get(INTRO, ""))
    keys = [key for key in cycle.template.sections if key in sections]
    for index, key in enumerate(keys):
        _heading(document, f"{ROMAN[index % len(ROMAN)]}. {section_title(key).upper()}")
        if index == 0:
            _figures_table(document, cycle)
            document.add_paragraph()
        _body(document, sections.get(key) or _("(No unit reported on this.)"))
        if index == 0:
            _heading(document, _("Figures by unit"))
            _units_table(document, cycle)
            _completeness_table(document, cycle)
            _charts(document, cycle)

    signature = document.add_table(rows=1, cols=2)
    recipients, sign = signature.rows[0].cells
    recipients.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(recipients.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    paragraph = recipients.add_paragraph()
    _run(paragraph, "- Như trên,\n- Lưu Văn phòng.", size=11)
    sign.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(sign.paragraphs[0], "T/M BAN THƯỜNG VỤ", size=14, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
