"""Vietnamese names for synthetic units and job titles for their people.

Names follow the party's usage ("Huyện ủy Yên Lạc", "Đảng ủy xã Tân Phú", "Chi bộ thôn Đông Hòa");
places are made of common Sino-Vietnamese syllables, so they read naturally without copying a real
district. Provinces are the 63 of 2016–2024, the period the default years fall in.

Every unit and cell has a *flavour* ("commune", "school", "section:ministry" …) that decides how its
sub-units are named and which positions its people hold.
"""

from __future__ import annotations

import random

from lamtheo.demo.agencies import (
    AGENCIES,
    DIRECT_CELL_DEPARTMENTS,
    GRASSROOTS_DEPARTMENTS,
    SECTIONS,
    STAFF_POSITIONS,
    Agency,
    department_name,
)

PROVINCES: tuple[tuple[str, bool], ...] = (
    # (name, centrally-run city)
    ("Hà Nội", True), ("Hồ Chí Minh", True), ("Hải Phòng", True), ("Đà Nẵng", True), ("Cần Thơ", True),
    ("An Giang", False), ("Bà Rịa - Vũng Tàu", False), ("Bắc Giang", False), ("Bắc Kạn", False),
    ("Bạc Liêu", False), ("Bắc Ninh", False), ("Bến Tre", False), ("Bình Định", False), ("Bình Dương", False),
    ("Bình Phước", False), ("Bình Thuận", False), ("Cà Mau", False), ("Cao Bằng", False), ("Đắk Lắk", False),
    ("Đắk Nông", False), ("Điện Biên", False), ("Đồng Nai", False), ("Đồng Tháp", False), ("Gia Lai", False),
    ("Hà Giang", False), ("Hà Nam", False), ("Hà Tĩnh", False), ("Hải Dương", False), ("Hậu Giang", False),
    ("Hòa Bình", False), ("Hưng Yên", False), ("Khánh Hòa", False), ("Kiên Giang", False), ("Kon Tum", False),
    ("Lai Châu", False), ("Lâm Đồng", False), ("Lạng Sơn", False), ("Lào Cai", False), ("Long An", False),
    ("Nam Định", False), ("Nghệ An", False), ("Ninh Bình", False), ("Ninh Thuận", False), ("Phú Thọ", False),
    ("Phú Yên", False), ("Quảng Bình", False), ("Quảng Nam", False), ("Quảng Ngãi", False),
    ("Quảng Ninh", False), ("Quảng Trị", False), ("Sóc Trăng", False), ("Sơn La", False), ("Tây Ninh", False),
    ("Thái Bình", False), ("Thái Nguyên", False), ("Thanh Hóa", False), ("Thừa Thiên Huế", False),
    ("Tiền Giang", False), ("Trà Vinh", False), ("Tuyên Quang", False), ("Vĩnh Long", False),
    ("Vĩnh Phúc", False), ("Yên Bái", False),
)  # fmt: skip
CENTRAL_BLOCS = (
    ("Đảng ủy Khối các cơ quan Trung ương", "Đảng ủy Khối CCQ TƯ", "bloc_agencies"),
    ("Đảng ủy Khối Doanh nghiệp Trung ương", "Đảng ủy Khối DN TƯ", "bloc_enterprises"),
)

_FIRST_SYLLABLES = (
    "An", "Bình", "Cẩm", "Đông", "Đức", "Gia", "Hải", "Hòa", "Hưng", "Kim", "Lạc", "Long", "Minh", "Mỹ", "Nam",
    "Ninh", "Phú", "Phước", "Quảng", "Tân", "Tây", "Thạch", "Thanh", "Thuận", "Tiên", "Trung", "Vĩnh", "Xuân",
    "Yên", "Hồng", "Lam", "Sơn", "Thái", "Văn", "Quế",
)  # fmt: skip
_SECOND_SYLLABLES = (
    "An", "Bình", "Châu", "Điền", "Đông", "Giang", "Hà", "Hòa", "Hưng", "Khánh", "Lạc", "Lâm", "Lộc", "Lợi",
    "Mỹ", "Ninh", "Phong", "Phú", "Sơn", "Thành", "Thịnh", "Thủy", "Tiến", "Trung", "Xuân", "Yên", "Hải",
    "Thượng", "Hạ", "Tân", "Long", "Phúc", "Định", "Hậu", "Lập",
)  # fmt: skip

PROVINCIAL_DEPARTMENTS = (
    "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Công Thương", "Sở Nội vụ",
    "Sở Tư pháp", "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường", "Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông",
    "Văn phòng Ủy ban nhân dân tỉnh", "Thanh tra tỉnh", "Bệnh viện Đa khoa tỉnh", "Trường Chính trị tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh", "Cục Thuế tỉnh", "Kho bạc Nhà nước tỉnh",
)  # fmt: skip
COMPANY_TRADES = (
    "Điện lực", "Cấp nước", "Môi trường đô thị", "Xổ số kiến thiết", "Vận tải", "Lương thực", "Cao su",
    "Thương mại", "Xây dựng", "Cơ khí", "Dệt may", "Thủy lợi", "Dược phẩm", "Bưu chính",
)  # fmt: skip
DISTRICT_OFFICES = (
    "Văn phòng {committee}", "Ủy ban Kiểm tra {committee}", "Ban Tổ chức {committee}",
    "Ban Tuyên giáo {committee}", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo", "Phòng Tư pháp",
    "Tòa án nhân dân", "Viện Kiểm sát nhân dân", "Chi cục Thuế", "Kho bạc Nhà nước", "Phòng Nội vụ",
)  # fmt: skip
CELL_POOLS: dict[str, tuple[str, ...]] = {
    "school": ("Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên", "Tổ Ngoại ngữ", "Tổ Sử - Địa", "Văn phòng"),
    "hospital": ("Khoa Nội", "Khoa Ngoại", "Khoa Nhi", "Khoa Sản", "Khoa Hồi sức cấp cứu", "Phòng Kế hoạch tổng hợp"),
    "company": ("Phòng Kinh doanh", "Phòng Kỹ thuật", "Phòng Tổ chức - Hành chính", "Phân xưởng", "Đội Sản xuất"),
    "department": SECTIONS["ministry"],
    "military": ("Đại đội", "Ban Tham mưu", "Ban Chính trị", "Ban Hậu cần"),
    "police": ("Đội Cảnh sát hình sự", "Đội An ninh", "Đội Cảnh sát giao thông", "Đội Tổng hợp", "Trại tạm giam"),
}  # fmt: skip

# (leader titles, staff positions weighted, share of leaders) for the people of a cell, by its flavour.
Positions = tuple[tuple[str, ...], tuple[tuple[str, float], ...], float]
_LOCAL_STAFF = (
    ("Nông dân", 30), ("Hưu trí", 22), ("Cựu chiến binh", 10), ("Kinh doanh", 8), ("Giáo viên", 6),
    ("Công nhân", 8), ("Trưởng thôn", 3), ("Chi hội trưởng Hội Nông dân", 3), ("Chi hội trưởng Hội Phụ nữ", 3),
    ("Bí thư Chi đoàn", 3),
)  # fmt: skip
POSITIONS: dict[str, Positions] = {
    "village": (("Chủ tịch Ủy ban nhân dân xã",), _LOCAL_STAFF, 0.01),
    "street": (("Chủ tịch Ủy ban nhân dân phường",), _LOCAL_STAFF, 0.01),
    "office": (
        ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân", "Trưởng phòng", "Chánh Văn phòng"),
        (("Công chức", 45), ("Chuyên viên", 35), ("Cán bộ", 20)),
        0.2,
    ),
    "school": (("Hiệu trưởng", "Phó Hiệu trưởng"), (("Giáo viên", 80), ("Nhân viên", 20)), 0.06),
    "hospital": (("Giám đốc", "Trưởng khoa"), (("Bác sĩ", 45), ("Điều dưỡng", 40), ("Dược sĩ", 15)), 0.08),
    "company": (("Giám đốc", "Phó Giám đốc"), (("Công nhân", 50), ("Kỹ sư", 25), ("Nhân viên", 25)), 0.05),
    "military": (("Chỉ huy trưởng", "Chính trị viên"), (("Sĩ quan", 60), ("Quân nhân chuyên nghiệp", 40)), 0.1),
    "police": (("Trưởng Công an", "Phó Trưởng Công an"), (("Cán bộ, chiến sĩ", 100),), 0.1),
}
POSITIONS["department"] = POSITIONS["office"]
for _sector, _staff in STAFF_POSITIONS.items():
    POSITIONS[f"section:{_sector}"] = (("Vụ trưởng", "Cục trưởng", "Giám đốc Trung tâm", "Trưởng Ban"), _staff, 0.1)


def place(rng: random.Random) -> str:
    """A two-syllable place name ("Tân Phú", "Yên Lạc")."""
    first = rng.choice(_FIRST_SYLLABLES)
    second = rng.choice(_SECOND_SYLLABLES)
    while second == first:
        second = rng.choice(_SECOND_SYLLABLES)
    return f"{first} {second}"


def numbered(pool: tuple[str, ...], index: int) -> str:
    """The pool's name for the index-th sibling; past the end of the pool, names get a number."""
    if index < len(pool):
        return pool[index]
    return f"{pool[index % len(pool)]} {index // len(pool) + 1}"


def agency_for(index: int) -> Agency:
    return AGENCIES[index % len(AGENCIES)]


def agency_grassroots(agency: Agency, index: int) -> str:
    pool = tuple(department_name(t, agency) for t in GRASSROOTS_DEPARTMENTS[agency.sectors[0]])
    return f"Đảng bộ {numbered(pool, index)}"


def agency_cell(sector: str, index: int, *, direct: bool) -> str:
    pool = DIRECT_CELL_DEPARTMENTS[sector] if direct else SECTIONS[sector]
    return f"Chi bộ {numbered(pool, index)}"
