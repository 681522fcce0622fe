"""The certificate of a commendation as a DOCX in the party's document format (Guidance 36-HD/VPTW).

A4, Times New Roman; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold, rule under it); top left the
superior body and the issuing body (bold) with "*" under it; the decision's number and symbol; the
place-and-date line in italics; the title ("GIẤY KHEN", "BIỂU DƯƠNG" …) in bold capitals; then the
nominee and the reason.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lamtheo.recognition.models import Commendation, CommendationForm

FONT = "Times New Roman"
TITLES: dict[str, str] = {
    CommendationForm.PRAISE: "BIỂU DƯƠNG",
    CommendationForm.CERTIFICATE_OF_MERIT: "GIẤY KHEN",
    CommendationForm.HIGHER_CERTIFICATE: "BẰNG KHEN",
}
PLACE = "Hà Nội"


def _run(paragraph: Any, text: str, *, size: int = 14, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # East-Asian fallback font too, so Word never substitutes another face for Vietnamese letters.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _centred(cell_or_doc: Any, text: str = "", **style: Any) -> Any:
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _bottom_rule(paragraph: Any) -> None:
    """A short line under a heading, as the format asks under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _superior_name(commendation: Commendation) -> str:
    issuing = commendation.decision.issuing_unit
    parent = issuing.get_parent() if issuing.depth > 1 else None
    return (parent.name if parent is not None else "").upper()


def certificate_docx(commendation: Commendation) -> bytes:
    decision = commendation.decision
    issuing = decision.issuing_unit
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    superior = _superior_name(commendation)
    if superior:
        _run(left.paragraphs[0], superior, size=13)
        _centred(left, issuing.name.upper(), size=13, bold=True)
    else:
        _run(left.paragraphs[0], issuing.name.upper(), size=13, bold=True)
    _centred(left, "*", size=14)
    _centred(left, f"Số {decision.number}", size=14)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    _bottom_rule(right.paragraphs[0])
    date_line = _centred(right)
    date_line.paragraph_format.space_before = Pt(6)
    day = decision.date
    _run(date_line, f"{PLACE}, ngày {day:%d} tháng {day:%m} năm {day:%Y}", size=14, italic=True)

    document.add_paragraph()
    title = _centred(document, TITLES.get(decision.form, "GIẤY KHEN"), size=22, bold=True)
    title.paragraph_format.space_before = Pt(24)
    title.paragraph_format.space_after = Pt(12)
    _centred(document, issuing.name.upper(), size=14, bold=True)
    _centred(document, f"tặng {'đồng chí' if commendation.nominee_person_id else ''}".strip(), size=14)
    name = _centred(document, commendation.nominee_name, size=18, bold=True)
    name.paragraph_format.space_before = Pt(12)
    if commendation.nominee_person_id and commendation.nominee_person and commendation.nominee_person.unit:
        _centred(document, commendation.nominee_person.unit.name, size=14, italic=True)
    reason = document.add_paragraph()
    reason.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    reason.paragraph_format.space_before = Pt(18)
    _run(reason, "Đã có thành tích: ", size=14, bold=True)
    _run(reason, commendation.reason, size=14)
    occasion = document.add_paragraph()
    occasion.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _run(occasion, f"Trong dịp: {commendation.occasion.title}.", size=14)
    _centred(document, f"Theo Quyết định số {decision.number} ngày {day:%d/%m/%Y}.", size=13, italic=True)

    signature = document.add_table(rows=1, cols=2)
    sign = signature.rows[0].cells[1]
    sign.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(sign.paragraphs[0], decision.signer_title.upper(), size=14, bold=True)
    for _ in range(3):
        _centred(sign)
    _centred(sign, decision.signer_name, size=14, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
