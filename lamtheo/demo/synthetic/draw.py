"""Small, fast random draws used millions of times: weighted choice and UUIDs as the writer takes them."""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

# Version 4, variant RFC 4122: what ``uuid.uuid4()`` gives, drawn from the seeded generator instead.
_VERSION_MASK = ~(0xF << 76) & ~(0x3 << 62)
_VERSION_BITS = (0x4 << 76) | (0x2 << 62)


class Weighted(Generic[T]):
    """``rng.choices(values, weights)`` without recomputing the cumulative weights on every draw."""

    __slots__ = ("_cumulative", "_total", "_values")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self._values = [value for value, _weight in pairs]
        self._cumulative = list(accumulate(weight for _value, weight in pairs))
        self._total = self._cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        return self._values[bisect(self._cumulative, rng.random() * self._total)]


def uuid_hex(rng: random.Random) -> str:
    """A version-4 UUID as 32 hex digits (how Django stores UUIDs on SQLite; PostgreSQL reads it too)."""
    return f"{rng.getrandbits(128) & _VERSION_MASK | _VERSION_BITS:032x}"


def phase_rng(seed: int, phase: str) -> random.Random:
    """An independent generator per phase: changing one phase's draws leaves the others' data alone."""
    digest = hashlib.sha256(f"{seed}:{phase}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
