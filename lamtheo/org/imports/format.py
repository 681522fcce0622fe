"""The spreadsheet format: sheet names, column headers and the words used in cells.

They are Vietnamese literals, not translated strings: they are the file format, shared by the
imports, the downloadable templates and the export (``lamtheo.org.exports``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lamtheo.org.models import Gender, UnitKind

SHEET_UNITS = "Đơn vị"
SHEET_PEOPLE = "Đảng viên"
SHEET_INSTRUCTIONS = "Hướng dẫn"

# The model's labels are English msgids; the file uses the party's own Vietnamese names.
KIND_LABELS: dict[str, str] = {
    UnitKind.BLOC: "Đảng ủy Khối",
    UnitKind.SUBORDINATE_COMMITTEE: "Đảng ủy trực thuộc",
    UnitKind.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    UnitKind.CELL: "Chi bộ",
    UnitKind.YOUTH_UNION: "Đoàn thanh niên",
    UnitKind.OTHER: "Tổ chức khác",
}
GENDER_LABELS: dict[str, str] = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
LEADER_YES, LEADER_NO = "Có", "Không"
DATE_FORMAT_EXCEL = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False  # every row needs a value
    max_length: int | None = None


UNIT_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã đơn vị", required=True, max_length=40),
    Column("name", "Tên đơn vị", required=True, max_length=255),
    Column("short_name", "Tên viết tắt", max_length=80),
    Column("kind", "Loại", required=True),
    Column("parent_code", "Mã đơn vị cấp trên", max_length=40),
    Column("sectors", "Lĩnh vực"),
    Column("active_from", "Hoạt động từ"),
)
PERSON_COLUMNS: tuple[Column, ...] = (
    Column("family_name", "Họ", required=True, max_length=60),
    Column("middle_name", "Tên đệm", max_length=80),
    Column("given_name", "Tên", required=True, max_length=60),
    Column("gender", "Giới tính", required=True),
    Column("birth_date", "Ngày sinh"),
    Column("party_card_number", "Số thẻ đảng viên", max_length=30),
    Column("position", "Chức vụ", max_length=160),
    Column("is_leader", "Lãnh đạo"),
    Column("unit_code", "Mã chi bộ", required=True, max_length=40),
    Column("joined_on", "Ngày vào chi bộ"),
)


def header(columns: Sequence[Column], key: str) -> str:
    return next(c.header for c in columns if c.key == key)
