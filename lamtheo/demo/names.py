"""Vietnamese name pools for the demo people, weighted roughly as the names occur in real life."""

from __future__ import annotations

import random
from typing import NamedTuple

# Share of the population (per cent, rounded) carrying each family name; Northern spellings
# (Hoàng, Vũ) weigh more than Southern ones (Huỳnh, Võ) because central agencies sit in Hà Nội.
FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 4.0),
    ("Huỳnh", 1.1),
    ("Phan", 4.5),
    ("Vũ", 3.0),
    ("Võ", 1.0),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.6),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đào", 0.7),
    ("Đinh", 0.7),
    ("Đoàn", 0.6),
    ("Trịnh", 0.6),
    ("Mai", 0.4),
    ("Lương", 0.4),
    ("Hà", 0.4),
    ("Cao", 0.3),
    ("Lâm", 0.3),
    ("Tạ", 0.3),
    ("Chu", 0.2),
    ("Lại", 0.2),
    ("Tô", 0.2),
    ("Triệu", 0.2),
    ("Vương", 0.2),
    ("Nông", 0.2),
    ("Kiều", 0.1),
    ("Khuất", 0.1),
    ("Quách", 0.1),
)

# Older generations mostly carry "Văn" / "Thị"; younger people more often a descriptive middle name.
MALE_MIDDLE_NAMES_OLDER: tuple[tuple[str, float], ...] = (
    ("Văn", 45),
    ("Hữu", 7),
    ("Đức", 8),
    ("Minh", 6),
    ("Quang", 6),
    ("Công", 5),
    ("Xuân", 4),
    ("Mạnh", 3),
    ("Đình", 5),
    ("Ngọc", 3),
    ("Trọng", 3),
    ("Thanh", 3),
    ("Quốc", 2),
)
MALE_MIDDLE_NAMES_YOUNGER: tuple[tuple[str, float], ...] = (
    ("Văn", 15),
    ("Hữu", 5),
    ("Đức", 10),
    ("Minh", 12),
    ("Quang", 8),
    ("Công", 5),
    ("Xuân", 3),
    ("Mạnh", 4),
    ("Tuấn", 5),
    ("Việt", 5),
    ("Hoàng", 5),
    ("Anh", 4),
    ("Quốc", 5),
    ("Thành", 4),
    ("Duy", 4),
    ("Trung", 3),
    ("Tiến", 3),
)
FEMALE_MIDDLE_NAMES_OLDER: tuple[tuple[str, float], ...] = (
    ("Thị", 60),
    ("Thu", 6),
    ("Ngọc", 5),
    ("Thanh", 6),
    ("Minh", 3),
    ("Kim", 4),
    ("Hồng", 4),
    ("Bích", 3),
    ("Thúy", 3),
    ("Mai", 2),
)
FEMALE_MIDDLE_NAMES_YOUNGER: tuple[tuple[str, float], ...] = (
    ("Thị", 25),
    ("Thu", 8),
    ("Ngọc", 8),
    ("Thanh", 7),
    ("Minh", 5),
    ("Kim", 3),
    ("Hồng", 4),
    ("Thùy", 6),
    ("Phương", 6),
    ("Hoài", 3),
    ("Diệu", 3),
    ("Quỳnh", 4),
    ("Khánh", 4),
    ("Bảo", 3),
    ("Mai", 3),
    ("Lan", 2),
)

MALE_GIVEN_NAMES: tuple[str, ...] = (
    "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Hải", "Quân", "Trung", "Thắng", "Sơn",
    "Minh", "Hoàng", "Cường", "Thành", "Phong", "Đức", "Hưng", "Huy", "Khánh", "Anh",
    "Tú", "Bình", "Hiếu", "Việt", "Phúc", "Quang", "Tùng", "Lâm", "Kiên", "Định",
    "Chiến", "Toàn", "Vinh", "Đạt", "Trí", "Tâm", "Thịnh", "Hòa", "Thái", "Hiệp",
    "Tiến", "Khoa", "Nghĩa", "Sáng", "Tài", "Thuận", "Lợi", "Duy", "Khải", "Bảo",
)  # fmt: skip
FEMALE_GIVEN_NAMES: tuple[str, ...] = (
    "Lan", "Hương", "Hoa", "Mai", "Thảo", "Hằng", "Ngọc", "Trang", "Linh", "Huyền",
    "Nga", "Hà", "Hạnh", "Yến", "Phương", "Thủy", "Dung", "Hiền", "Loan", "Oanh",
    "Nhung", "Vân", "Anh", "Thu", "Hồng", "Liên", "Tuyết", "Nhàn", "Quyên", "Vy",
    "Chi", "Giang", "Ly", "Thoa", "Hòa", "Tâm", "Bình", "Uyên", "Diệp", "Duyên",
    "Minh", "Nhi", "Thư", "Trinh", "Xuân", "Quỳnh", "Hảo", "Lý", "My", "Khánh",
)  # fmt: skip

# Born before this year: the older middle-name pools apply.
OLDER_GENERATION_BEFORE = 1978


class PersonName(NamedTuple):
    family_name: str
    middle_name: str
    given_name: str


def _weighted(rng: random.Random, pool: tuple[tuple[str, float], ...]) -> str:
    names = [name for name, _weight in pool]
    weights = [weight for _name, weight in pool]
    return rng.choices(names, weights=weights)[0]


def draw_name(rng: random.Random, *, gender: str, birth_year: int) -> PersonName:
    """A plausible full name for someone of ``gender`` ('m' or 'f') born in ``birth_year``."""
    older = birth_year < OLDER_GENERATION_BEFORE
    if gender == "m":
        middle_pool = MALE_MIDDLE_NAMES_OLDER if older else MALE_MIDDLE_NAMES_YOUNGER
        given_pool = MALE_GIVEN_NAMES
    else:
        middle_pool = FEMALE_MIDDLE_NAMES_OLDER if older else FEMALE_MIDDLE_NAMES_YOUNGER
        given_pool = FEMALE_GIVEN_NAMES
    family = _weighted(rng, FAMILY_NAMES)
    middle = _weighted(rng, middle_pool)
    given = rng.choice(given_pool)
    # "Ngọc Ngọc" or "Minh Minh" does not occur as a name.
    while given == middle:
        given = rng.choice(given_pool)
    return PersonName(family, middle, given)
