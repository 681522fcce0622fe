"""Documents the reports app produces: the review (DOCX) and the statistics workbook (XLSX)."""

from __future__ import annotations
