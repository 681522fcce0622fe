from __future__ import annotations

import pytest

from lamtheo.lib.text import fold, vietnamese_name_key


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Kiểm tra", "kiem tra"),
        ("ĐẢNG ỦY Khối", "dang uy khoi"),
        ("  nhiều   khoảng trắng ", "nhieu khoang trang"),
        ("Người tốt, việc tốt", "nguoi tot, viec tot"),
    ],
)
def test_fold_removes_diacritics_and_case(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def _sorted(names: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted(names, key=lambda n: vietnamese_name_key(*n))


def test_it_sorts_by_given_name_before_family_name() -> None:
    names = [("Nguyễn", "Văn", "Bình"), ("Trần", "Thị", "An")]
    assert _sorted(names) == [("Trần", "Thị", "An"), ("Nguyễn", "Văn", "Bình")]


def test_it_breaks_given_name_ties_by_middle_then_family_name() -> None:
    names = [("Lê", "Văn", "An"), ("Nguyễn", "Thị", "An"), ("Đỗ", "Văn", "An")]
    assert _sorted(names) == [("Nguyễn", "Thị", "An"), ("Đỗ", "Văn", "An"), ("Lê", "Văn", "An")]


def test_it_follows_the_vietnamese_alphabet() -> None:
    # a < ă < â, d < đ, o < ô < ơ, u < ư — not the byte or Latin order.
    given = ["Ơn", "Ân", "Đức", "Ăn", "Dung", "Ôn", "An", "Ưng", "Uyên", "On"]
    ordered = [n[2] for n in _sorted([("X", "", g) for g in given])]
    assert ordered == ["An", "Ăn", "Ân", "Dung", "Đức", "On", "Ôn", "Ơn", "Uyên", "Ưng"]


def test_tones_come_after_letters() -> None:
    # Letters decide first ("Anh" after "An" whatever the tone); tones only break ties,
    # in the dictionary order: level, grave, hook, tilde, acute, dot.
    given = ["Ánh", "Anh", "Ạn", "Ảnh", "Ãnh", "Ành", "Ấn", "An"]
    ordered = [n[2] for n in _sorted([("X", "", g) for g in given])]
    assert ordered == ["An", "Ạn", "Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ấn"]
