"""Vietnamese text helpers: diacritics-insensitive folding and the Vietnamese sort order."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# The Vietnamese alphabet, with the Latin letters used in foreign names slotted in where Latin puts them.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_INDEX = {letter: index + 1 for index, letter in enumerate(_ALPHABET)}

# Marks that make a new letter (ă â ê ô ơ ư) versus marks that carry the tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone order of Vietnamese dictionaries: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_SEPARATOR = "00"
_UNKNOWN = "99"


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, so "Kiểm Tra Đảng" becomes "kiem tra dang"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def _letters_and_tones(word: str) -> tuple[str, str]:
    """Letters as two-digit codes, and one tone digit (1–6) per letter."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", word.lower()):
        if char.isspace():
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", base + letter_marks)
        tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
        index = _LETTER_INDEX.get(letter)
        if index is None:
            letters.append(_UNKNOWN if not char.isdigit() else f"0{char}")
        else:
            letters.append(f"{index:02d}")
        tones.append(str(tone + 1))
    return "".join(letters), "".join(tones)


def vietnamese_name_key(family_name: str, middle_name: str, given_name: str) -> str:
    """A string whose plain (byte) order is the Vietnamese order of people's names.

    Given name first, then middle name, then family name; within each, letters in the Vietnamese
    alphabet (a ă â b c d đ …) first and tones (level, grave, hook, tilde, acute, dot) only breaking
    ties between equal letters. The key is made of digits only, so it sorts the same under any
    database collation.
    """
    key: list[str] = []
    for part in (given_name, middle_name, family_name):
        letters, tones = _letters_and_tones(part)
        # Tone digits run 1–6, so "00" and "0" can only be separators.
        key.append(letters + _SEPARATOR + tones + "0")
    return "".join(key)
