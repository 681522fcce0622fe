"""Vietnamese text helpers: diacritics-insensitive folding and the Vietnamese sort order.

Both run once per name on imports of tens of thousands of people, so the work per character is
done once, on the character's first appearance, and kept in a table that ``str.translate`` reads.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

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

# Characters are remembered below this code point (Latin, Vietnamese, combining marks, punctuation,
# Cyrillic, …); rarer ones are worked out each time, so that no text can grow the tables without bound.
_REMEMBERED_BELOW = 0x3000


class _PerCharacter(dict[int, str]):
    """A ``str.translate`` table filled on first use of each character with what ``compute`` gives it."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, code_point: int) -> str:
        value = self._compute(chr(code_point))
        if code_point < _REMEMBERED_BELOW:
            self[code_point] = value
        return value


class _UnsafeFoldError(Exception):
    """The character's decomposition holds a mark that reordering could move: fold the whole text."""


def _fold_character(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))
    # Canonical reordering only moves marks of non-zero combining class. As long as every such
    # mark is one that folding removes (category Mn), folding character by character gives the
    # same text as folding the whole string at once.
    if any(unicodedata.combining(ch) and unicodedata.category(ch) != "Mn" for ch in decomposed):
        raise _UnsafeFoldError(char)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_FOLD = _PerCharacter(_fold_character)


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, so "Kiểm Tra Đảng" becomes "kiem tra dang"."""
    try:
        stripped = text.translate(_FOLD)
    except _UnsafeFoldError:
        stripped = _fold_whole(text)
    # Each run of Unicode spaces becomes one space (str.split() and re's \s agree on what a space is).
    return " ".join(stripped.split()).lower()


def _fold_whole(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _letter_and_tone(char: str) -> tuple[str, str]:
    """A composed character's letter as a two-digit code and its tone digit (1–6); spaces count for nothing."""
    if char.isspace():
        return "", ""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
    letter = unicodedata.normalize("NFC", base + letter_marks)
    tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
    index = _LETTER_INDEX.get(letter)
    if index is not None:
        return f"{index:02d}", str(tone + 1)
    return (f"0{char}" if char.isdigit() else _UNKNOWN), str(tone + 1)


_LETTERS = _PerCharacter(lambda char: _letter_and_tone(char)[0])
_TONES = _PerCharacter(lambda char: _letter_and_tone(char)[1])


def _letters_and_tones(word: str) -> tuple[str, str]:
    """Letters as two-digit codes, and one tone digit (1–6) per letter."""
    composed = unicodedata.normalize("NFC", word.lower())
    return composed.translate(_LETTERS), composed.translate(_TONES)


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
