"""What the demo Bloc is made of: its 63 subordinate committees, their departments and job titles.

Names follow the central agencies of the 2010s, the period of the seed article.
"""

from __future__ import annotations

from typing import NamedTuple

SECTOR_TAGS: tuple[tuple[str, str], ...] = (
    ("ministry", "Bộ, ngành"),
    ("school", "Trường, học viện"),
    ("press", "Báo chí"),
    ("enterprise", "Doanh nghiệp"),
    ("agency", "Cơ quan Đảng, đoàn thể"),
)

SMALL, MEDIUM, LARGE = 1, 2, 3


class Agency(NamedTuple):
    """A central agency whose party committee sits directly under the Bloc."""

    slug: str  # the committee's code is "du-<slug>"; short, because sub-unit codes extend it
    name: str  # the agency itself; the committee is "Đảng ủy <name>"
    sectors: tuple[str, ...]
    size: int
    head: str  # title of the agency's head (a leader under Regulation 101) …
    deputy: str  # … and of a deputy head
    word: str = ""  # how its own office is named: "Văn phòng Bộ", "Văn phòng Ban" …
    short_name: str = ""  # when the name is too long to show in lists


def _ministry(slug: str, name: str, size: int, head: str = "Bộ trưởng", deputy: str = "Thứ trưởng") -> Agency:
    return Agency(slug, name, ("ministry",), size, head, deputy, word="Bộ" if name.startswith("Bộ ") else "")


def _party(slug: str, name: str, size: int, head: str = "Trưởng Ban", deputy: str = "Phó Trưởng Ban") -> Agency:
    return Agency(slug, name, ("agency",), size, head, deputy, word="Ban" if name.startswith("Ban ") else "")


AGENCIES: tuple[Agency, ...] = (
    # Ministries and ministry-level bodies of the state.
    _ministry("bo-tu-phap", "Bộ Tư pháp", MEDIUM),
    _ministry("bo-ngoai-giao", "Bộ Ngoại giao", LARGE),
    _ministry("bo-tai-chinh", "Bộ Tài chính", LARGE),
    _ministry("bo-ke-hoach-dau-tu", "Bộ Kế hoạch và Đầu tư", LARGE),
    _ministry("bo-cong-thuong", "Bộ Công Thương", LARGE),
    _ministry("bo-nn-ptnt", "Bộ Nông nghiệp và Phát triển nông thôn", LARGE),
    _ministry("bo-giao-thong-van-tai", "Bộ Giao thông vận tải", MEDIUM),
    _ministry("bo-xay-dung", "Bộ Xây dựng", MEDIUM),
    _ministry("bo-tn-mt", "Bộ Tài nguyên và Môi trường", LARGE),
    _ministry("bo-tt-tt", "Bộ Thông tin và Truyền thông", MEDIUM),
    _ministry("bo-ld-tb-xh", "Bộ Lao động - Thương binh và Xã hội", MEDIUM),
    _ministry("bo-vh-tt-dl", "Bộ Văn hóa, Thể thao và Du lịch", LARGE),
    _ministry("bo-khoa-hoc-cong-nghe", "Bộ Khoa học và Công nghệ", MEDIUM),
    _ministry("bo-giao-duc-dao-tao", "Bộ Giáo dục và Đào tạo", MEDIUM),
    _ministry("bo-y-te", "Bộ Y tế", LARGE),
    _ministry("bo-noi-vu", "Bộ Nội vụ", MEDIUM),
    _ministry("van-phong-chinh-phu", "Văn phòng Chính phủ", MEDIUM, "Bộ trưởng, Chủ nhiệm", "Phó Chủ nhiệm"),
    _ministry("thanh-tra-chinh-phu", "Thanh tra Chính phủ", MEDIUM, "Tổng Thanh tra Chính phủ", "Phó Tổng Thanh tra"),
    _ministry("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước Việt Nam", LARGE, "Thống đốc", "Phó Thống đốc"),
    _ministry("uy-ban-dan-toc", "Ủy ban Dân tộc", SMALL, "Bộ trưởng, Chủ nhiệm", "Thứ trưởng, Phó Chủ nhiệm"),
    _ministry("kiem-toan-nha-nuoc", "Kiểm toán Nhà nước", MEDIUM, "Tổng Kiểm toán Nhà nước", "Phó Tổng Kiểm toán"),
    _ministry("toa-an-nhan-dan-toi-cao", "Tòa án nhân dân tối cao", MEDIUM, "Chánh án", "Phó Chánh án"),
    _ministry("vien-kiem-sat-toi-cao", "Viện Kiểm sát nhân dân tối cao", MEDIUM, "Viện trưởng", "Phó Viện trưởng"),
    _ministry("bao-hiem-xa-hoi", "Bảo hiểm xã hội Việt Nam", MEDIUM, "Tổng Giám đốc", "Phó Tổng Giám đốc"),
    _ministry("van-phong-quoc-hoi", "Văn phòng Quốc hội", MEDIUM, "Chủ nhiệm Văn phòng", "Phó Chủ nhiệm"),
    _ministry("van-phong-chu-tich-nuoc", "Văn phòng Chủ tịch nước", SMALL, "Chủ nhiệm", "Phó Chủ nhiệm"),
    _ministry("uy-ban-quan-ly-von", "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", SMALL, "Chủ tịch", "Phó Chủ tịch"),
    # Party bodies and mass organisations.
    _party("ban-tuyen-giao-tw", "Ban Tuyên giáo Trung ương", MEDIUM),
    _party("ban-to-chuc-tw", "Ban Tổ chức Trung ương", MEDIUM),
    _party("uy-ban-kiem-tra-tw", "Ủy ban Kiểm tra Trung ương", MEDIUM, "Chủ nhiệm", "Phó Chủ nhiệm"),
    _party("ban-dan-van-tw", "Ban Dân vận Trung ương", SMALL),
    _party("ban-doi-ngoai-tw", "Ban Đối ngoại Trung ương", SMALL),
    _party("ban-kinh-te-tw", "Ban Kinh tế Trung ương", SMALL),
    _party("ban-noi-chinh-tw", "Ban Nội chính Trung ương", SMALL),
    _party("van-phong-tw-dang", "Văn phòng Trung ương Đảng", MEDIUM, "Chánh Văn phòng", "Phó Chánh Văn phòng"),
    _party("hoi-dong-ly-luan-tw", "Hội đồng Lý luận Trung ương", SMALL, "Chủ tịch", "Phó Chủ tịch"),
    Agency(
        "mat-tran-to-quoc",
        "cơ quan Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        ("agency",),
        MEDIUM,
        "Chủ tịch",
        "Phó Chủ tịch",
        short_name="Cơ quan UBTƯ MTTQ Việt Nam",
    ),
    Agency("tong-ldld", "Tổng Liên đoàn Lao động Việt Nam", ("agency",), MEDIUM, "Chủ tịch", "Phó Chủ tịch"),
    Agency(
        "trung-uong-doan",
        "cơ quan Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        ("agency",),
        SMALL,
        "Bí thư thứ nhất",
        "Bí thư Trung ương Đoàn",
        short_name="Cơ quan Trung ương Đoàn",
    ),
    Agency("hoi-lhpn", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", ("agency",), SMALL, "Chủ tịch", "Phó Chủ tịch"),
    Agency("hoi-nong-dan", "Trung ương Hội Nông dân Việt Nam", ("agency",), SMALL, "Chủ tịch", "Phó Chủ tịch"),
    Agency(
        "hoi-cuu-chien-binh", "Trung ương Hội Cựu chiến binh Việt Nam", ("agency",), SMALL, "Chủ tịch", "Phó Chủ tịch"
    ),
    # Press: newspapers, news agency, radio, television, magazines, publishing.
    Agency("bao-nhan-dan", "Báo Nhân Dân", ("press",), MEDIUM, "Tổng Biên tập", "Phó Tổng Biên tập"),
    Agency("tap-chi-cong-san", "Tạp chí Cộng sản", ("press",), SMALL, "Tổng Biên tập", "Phó Tổng Biên tập"),
    Agency("thong-tan-xa", "Thông tấn xã Việt Nam", ("press",), LARGE, "Tổng Giám đốc", "Phó Tổng Giám đốc"),
    Agency("dai-tieng-noi", "Đài Tiếng nói Việt Nam", ("press",), LARGE, "Tổng Giám đốc", "Phó Tổng Giám đốc"),
    Agency("dai-truyen-hinh", "Đài Truyền hình Việt Nam", ("press",), LARGE, "Tổng Giám đốc", "Phó Tổng Giám đốc"),
    Agency(
        "nxb-chinh-tri-quoc-gia",
        "Nhà xuất bản Chính trị quốc gia Sự thật",
        ("press",),
        SMALL,
        "Giám đốc - Tổng Biên tập",
        "Phó Giám đốc",
    ),
    Agency(
        "bao-dien-tu-dang",
        "Báo Điện tử Đảng Cộng sản Việt Nam",
        ("press",),
        SMALL,
        "Tổng Biên tập",
        "Phó Tổng Biên tập",
    ),
    # Schools, academies and research academies.
    Agency(
        "hv-chinh-tri-qg",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        ("school",),
        LARGE,
        "Giám đốc",
        "Phó Giám đốc",
        word="Học viện",
    ),
    Agency("dhqg-ha-noi", "Đại học Quốc gia Hà Nội", ("school",), LARGE, "Giám đốc", "Phó Giám đốc"),
    Agency("hv-ngoai-giao", "Học viện Ngoại giao", ("school",), SMALL, "Giám đốc", "Phó Giám đốc", word="Học viện"),
    Agency(
        "hv-hanh-chinh-qg",
        "Học viện Hành chính Quốc gia",
        ("school",),
        MEDIUM,
        "Giám đốc",
        "Phó Giám đốc",
        word="Học viện",
    ),
    Agency(
        "hv-bao-chi-tuyen-truyen",
        "Học viện Báo chí và Tuyên truyền",
        ("school", "press"),
        MEDIUM,
        "Giám đốc",
        "Phó Giám đốc",
        word="Học viện",
    ),
    Agency(
        "vien-han-lam-khxh",
        "Viện Hàn lâm Khoa học xã hội Việt Nam",
        ("school",),
        LARGE,
        "Chủ tịch Viện Hàn lâm",
        "Phó Chủ tịch",
    ),
    Agency(
        "vien-han-lam-khcn",
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
        ("school",),
        LARGE,
        "Chủ tịch Viện Hàn lâm",
        "Phó Chủ tịch",
    ),
    Agency(
        "hv-thanh-thieu-nien",
        "Học viện Thanh thiếu niên Việt Nam",
        ("school",),
        SMALL,
        "Giám đốc",
        "Phó Giám đốc",
        word="Học viện",
    ),
    Agency(
        "truong-dh-cong-doan",
        "Trường Đại học Công đoàn",
        ("school",),
        SMALL,
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        word="Trường",
    ),
    Agency("hv-phu-nu", "Học viện Phụ nữ Việt Nam", ("school",), SMALL, "Giám đốc", "Phó Giám đốc", word="Học viện"),
    # State enterprises and banks run as agencies.
    Agency(
        "ngan-hang-csxh",
        "Ngân hàng Chính sách xã hội",
        ("enterprise",),
        MEDIUM,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
    ),
    Agency(
        "ngan-hang-phat-trien",
        "Ngân hàng Phát triển Việt Nam",
        ("enterprise",),
        MEDIUM,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
    ),
    Agency(
        "scic",
        "Tổng công ty Đầu tư và Kinh doanh vốn nhà nước",
        ("enterprise",),
        SMALL,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
        short_name="SCIC",
    ),
    Agency(
        "bao-hiem-tien-gui",
        "Bảo hiểm tiền gửi Việt Nam",
        ("enterprise",),
        SMALL,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
    ),
)

# Departments that are big enough to have a grassroots committee ("Đảng bộ …"), by sector.
# "{word}" becomes the agency's own word ("Văn phòng Bộ") or nothing ("Văn phòng").
GRASSROOTS_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "ministry": (
        "Văn phòng {word}", "Thanh tra {word}", "Cục Công nghệ thông tin", "Cục Kế hoạch - Tài chính",
        "Cục Hợp tác quốc tế", "Cục Quản lý chất lượng", "Cục Thống kê", "Cục Kiểm tra văn bản",
        "Cục Quản lý đầu tư", "Viện Chiến lược và Chính sách", "Trung tâm Thông tin", "Trung tâm Lưu trữ",
        "Trường Bồi dưỡng cán bộ", "Ban Quản lý dự án",
    ),
    "agency": (
        "Văn phòng {word}", "Cơ quan thường trực tại TP. Hồ Chí Minh", "Trung tâm Thông tin", "Viện Nghiên cứu",
        "Trung tâm Bồi dưỡng cán bộ", "Tạp chí", "Trung tâm Lưu trữ", "Nhà khách",
    ),
    "press": (
        "Ban Thời sự", "Ban Kinh tế", "Ban Văn hóa - Xã hội", "Ban Biên tập Điện tử", "Ban Thư ký tòa soạn",
        "Trung tâm Kỹ thuật", "Trung tâm Sản xuất chương trình", "Cơ quan thường trực tại TP. Hồ Chí Minh",
        "Cơ quan thường trực khu vực miền Trung", "Văn phòng", "Ban Đối ngoại", "Trung tâm Tư liệu",
    ),
    "school": (
        "Khoa Triết học", "Khoa Kinh tế", "Khoa Luật", "Khoa Xây dựng Đảng", "Khoa Lịch sử",
        "Khoa Quan hệ quốc tế", "Viện Nghiên cứu phát triển", "Viện Triết học", "Viện Kinh tế", "Viện Sử học",
        "Văn phòng {word}", "Thư viện", "Trung tâm Ngoại ngữ", "Tạp chí Khoa học",
    ),
    "enterprise": (
        "Sở giao dịch", "Chi nhánh Hà Nội", "Chi nhánh TP. Hồ Chí Minh", "Chi nhánh Đà Nẵng",
        "Chi nhánh Hải Phòng", "Trung tâm Công nghệ thông tin", "Trung tâm Đào tạo",
        "Văn phòng đại diện khu vực miền Nam", "Trung tâm Dữ liệu",
    ),
}  # fmt: skip

# Departments with a cell directly under the committee ("Chi bộ Vụ …").
DIRECT_CELL_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "ministry": (
        "Vụ Pháp chế", "Vụ Tổ chức cán bộ", "Vụ Kế hoạch - Tài chính", "Vụ Hợp tác quốc tế",
        "Vụ Khoa học và Công nghệ", "Vụ Tổng hợp", "Vụ Thi đua - Khen thưởng", "Vụ Chính sách",
        "Vụ Thông tin - Tuyên truyền", "Vụ Quản lý đầu tư", "Vụ Kinh tế", "Vụ Pháp luật", "Vụ Đào tạo",
        "Vụ Thị trường trong nước",
    ),
    "agency": (
        "Vụ Tổng hợp", "Vụ Tổ chức cán bộ", "Vụ Địa phương I", "Vụ Địa phương II", "Vụ Địa phương III",
        "Vụ Nghiên cứu", "Vụ Tuyên truyền", "Vụ Lý luận chính trị", "Vụ Quan hệ quốc tế", "Vụ Kinh tế",
        "Vụ Văn hóa - Văn nghệ", "Vụ Khoa giáo", "Vụ Báo chí - Xuất bản", "Vụ Dân tộc", "Vụ Tôn giáo",
        "Vụ Công tác đảng viên",
    ),
    "press": (
        "Ban Quốc tế", "Ban Thể thao", "Ban Khoa giáo", "Ban Bạn đọc", "Ban Pháp luật", "Ban Tổ chức cán bộ",
        "Ban Kế hoạch - Tài chính", "Ban Ảnh", "Ban Chuyên đề", "Ban Kiểm tra", "Ban Nội chính", "Ban Đồ họa",
    ),
    "school": (
        "Ban Tổ chức cán bộ", "Ban Quản lý đào tạo", "Ban Quản lý khoa học", "Ban Hợp tác quốc tế",
        "Ban Kế hoạch - Tài chính", "Khoa Ngoại ngữ", "Khoa Tâm lý học", "Khoa Xã hội học", "Khoa Chính trị học",
        "Khoa Tiếng Anh", "Ban Công tác sinh viên", "Ban Thanh tra", "Ban Khảo thí",
    ),
    "enterprise": (
        "Ban Tín dụng", "Ban Kế toán - Quản lý tài chính", "Ban Kiểm tra, kiểm toán nội bộ", "Ban Tổ chức cán bộ",
        "Ban Pháp chế", "Ban Kế hoạch - Nguồn vốn", "Ban Quản lý rủi ro", "Ban Đầu tư", "Ban Hợp tác quốc tế",
        "Văn phòng",
    ),
}  # fmt: skip

# Sections inside a grassroots committee's department ("Chi bộ Phòng …").
SECTIONS: dict[str, tuple[str, ...]] = {
    "ministry": (
        "Phòng Tổng hợp", "Phòng Hành chính", "Phòng Tổ chức cán bộ", "Phòng Kế toán", "Phòng Quản trị",
        "Phòng Thanh tra", "Phòng Pháp chế", "Phòng Hợp tác quốc tế", "Phòng Thông tin", "Phòng Lưu trữ",
        "Phòng Kế hoạch", "Phòng Tài vụ", "Phòng Quản lý chất lượng", "Phòng Chính sách", "Phòng Thẩm định",
    ),
    "agency": (
        "Phòng Tổng hợp", "Phòng Hành chính", "Phòng Tổ chức cán bộ", "Phòng Kế toán", "Phòng Quản trị",
        "Phòng Lễ tân", "Phòng Thông tin", "Phòng Lưu trữ", "Phòng Nghiên cứu", "Phòng Biên tập",
        "Phòng Tài vụ", "Phòng Công nghệ thông tin",
    ),
    "press": (
        "Phòng Biên tập", "Phòng Phóng viên", "Phòng Kỹ thuật", "Phòng Ảnh", "Phòng Trị sự", "Phòng Dựng hình",
        "Phòng Phát sóng", "Phòng Thư ký", "Phòng Tư liệu", "Phòng Quảng cáo", "Phòng Phát hành",
        "Phòng Hành chính", "Phòng Sản xuất", "Phòng Thông tin",
    ),
    "school": (
        "Bộ môn Triết học", "Bộ môn Kinh tế chính trị", "Bộ môn Lịch sử Đảng", "Bộ môn Tư tưởng Hồ Chí Minh",
        "Bộ môn Luật Hiến pháp", "Bộ môn Quản lý công", "Phòng Đào tạo", "Phòng Nghiên cứu",
        "Phòng Hành chính - Tổng hợp", "Bộ môn Xã hội học", "Bộ môn Ngoại ngữ", "Phòng Thí nghiệm",
        "Bộ môn Toán", "Bộ môn Thống kê",
    ),
    "enterprise": (
        "Phòng Tín dụng", "Phòng Kế toán", "Phòng Kiểm tra nội bộ", "Phòng Giao dịch", "Phòng Hành chính - Nhân sự",
        "Phòng Kế hoạch - Nguồn vốn", "Phòng Tin học", "Phòng Ngân quỹ", "Phòng Thẩm định", "Phòng Quản lý nợ",
    ),
}  # fmt: skip


class Titles(NamedTuple):
    head: str
    deputy: str
    head_is_leader: bool  # heads of sections (phòng, bộ môn) are not among Regulation 101's key leaders


# Longest matching prefix of a department's name wins ("Văn phòng đại diện" before "Văn phòng").
DEPARTMENT_TITLES: dict[str, Titles] = {
    "Vụ": Titles("Vụ trưởng", "Phó Vụ trưởng", True),
    "Cục": Titles("Cục trưởng", "Phó Cục trưởng", True),
    "Văn phòng": Titles("Chánh Văn phòng", "Phó Chánh Văn phòng", True),
    "Văn phòng đại diện": Titles("Trưởng Văn phòng đại diện", "Phó Trưởng Văn phòng đại diện", True),
    "Thanh tra": Titles("Chánh Thanh tra", "Phó Chánh Thanh tra", True),
    "Viện": Titles("Viện trưởng", "Phó Viện trưởng", True),
    "Trung tâm": Titles("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm", True),
    "Trường": Titles("Hiệu trưởng", "Phó Hiệu trưởng", True),
    "Ban": Titles("Trưởng Ban", "Phó Trưởng Ban", True),
    "Ban Quản lý dự án": Titles("Giám đốc Ban Quản lý dự án", "Phó Giám đốc Ban Quản lý dự án", True),
    "Khoa": Titles("Trưởng Khoa", "Phó Trưởng Khoa", True),
    "Tạp chí": Titles("Tổng Biên tập", "Phó Tổng Biên tập", True),
    "Thư viện": Titles("Giám đốc Thư viện", "Phó Giám đốc Thư viện", True),
    "Nhà khách": Titles("Giám đốc Nhà khách", "Phó Giám đốc Nhà khách", True),
    "Cơ quan thường trực": Titles("Trưởng Cơ quan thường trực", "Phó Trưởng Cơ quan thường trực", True),
    "Sở giao dịch": Titles("Giám đốc Sở giao dịch", "Phó Giám đốc Sở giao dịch", True),
    "Chi nhánh": Titles("Giám đốc Chi nhánh", "Phó Giám đốc Chi nhánh", True),
    "Phòng": Titles("Trưởng phòng", "Phó Trưởng phòng", False),
    "Bộ môn": Titles("Trưởng Bộ môn", "Phó Trưởng Bộ môn", False),
}
_DEFAULT_TITLES = Titles("Trưởng đơn vị", "Phó Trưởng đơn vị", False)

# Everyone else's job, by sector, weighted.
STAFF_POSITIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "ministry": (
        ("Chuyên viên", 40), ("Chuyên viên chính", 25), ("Chuyên viên cao cấp", 6), ("Cán sự", 5),
        ("Kế toán viên", 4), ("Thanh tra viên", 3), ("Nhân viên", 5), ("Văn thư", 2),
    ),
    "agency": (
        ("Chuyên viên", 40), ("Chuyên viên chính", 28), ("Chuyên viên cao cấp", 8), ("Cán sự", 5),
        ("Kế toán viên", 4), ("Nhân viên", 5), ("Văn thư", 2),
    ),
    "press": (
        ("Phóng viên", 35), ("Biên tập viên", 30), ("Biên tập viên chính", 10), ("Kỹ thuật viên", 10),
        ("Quay phim", 5), ("Chuyên viên", 10),
    ),
    "school": (
        ("Giảng viên", 35), ("Giảng viên chính", 20), ("Giảng viên cao cấp", 5), ("Nghiên cứu viên", 15),
        ("Nghiên cứu viên chính", 5), ("Chuyên viên", 15),
    ),
    "enterprise": (
        ("Chuyên viên", 30), ("Cán bộ tín dụng", 25), ("Kế toán viên", 15), ("Giao dịch viên", 15),
        ("Kiểm soát viên", 5), ("Chuyên viên chính", 10),
    ),
}  # fmt: skip


def titles_for(department: str) -> Titles:
    matches = [prefix for prefix in DEPARTMENT_TITLES if department == prefix or department.startswith(prefix + " ")]
    if not matches:
        return _DEFAULT_TITLES
    return DEPARTMENT_TITLES[max(matches, key=len)]


def department_name(template: str, agency: Agency) -> str:
    return template.replace("{word}", agency.word).strip()
