"""The statistics workbook of a cycle (XLSX): one sheet per table, one row per unit."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from lamtheo.org.models import Unit
from lamtheo.reports.models import ReportingCycle
from lamtheo.reports.selectors import completeness_by_child, is_on_time, side_by_side

RATING_CODES = ("evaluated", "rating_excellent", "rating_good", "rating_complete", "rating_not_complete")
BOLD = Font(bold=True)


def _sheet(workbook: Workbook, title: str, header: list[str]) -> Worksheet:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 48
    return sheet


def statistics_xlsx(cycle: ReportingCycle, unit: Unit) -> bytes:
    """The figures of the reports under ``unit`` (the issuing unit: all of them)."""
    data = side_by_side(cycle, unit)
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)

    indicators = _sheet(workbook, _("Indicators by unit"), [_("Unit"), *[line.label for line in data.lines]])
    for report in data.reports:
        indicators.append([report.unit.name, *[report.values.get(line.code) for line in data.lines]])

    status = _sheet(
        workbook,
        _("Reports received"),
        [_("Unit"), _("Status"), _("Expected"), _("First submitted"), _("On time"), _("Comment")],
    )
    for report in data.reports:
        expected = report.unit.is_active_on(cycle.period_end)
        submitted = report.first_submitted_at
        status.append(
            [
                report.unit.name,
                str(report.get_status_display()),
                _("yes") if expected else _("no (inactive at the end of the period)"),
                timezone.localtime(submitted).strftime("%d/%m/%Y %H:%M") if submitted else "",
                (_("yes") if is_on_time(report) else _("no")) if submitted else "",
                report.review_comment,
            ]
        )

    rollup = _sheet(
        workbook,
        _("Completeness by unit"),
        [_("Unit"), _("Expected"), _("Submitted"), _("On time"), _("Accepted"), _("Completeness (%)")],
    )
    for row in completeness_by_child(cycle, unit):
        f = row.figures
        rollup.append([row.unit.name, f.expected, f.submitted, f.on_time, f.accepted, f.rate])

    lines = {line.code: line for line in data.lines}
    rating_codes = [code for code in RATING_CODES if code in lines]
    if rating_codes:
        ratings = _sheet(workbook, _("Ratings by unit"), [_("Unit"), *[lines[c].label for c in rating_codes]])
        for report in data.reports:
            ratings.append([report.unit.name, *[report.values.get(c) for c in rating_codes]])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
