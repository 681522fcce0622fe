"""How big each synthetic size is: the one table every phase reads its numbers from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """The shape of one size. Unit and people counts are met exactly; the rest follows from them."""

    name: str
    style: str  # how units are named: "bloc" (central agencies), "province" or "country"
    committees: tuple[int, ...]  # directly subordinate committees at each level below the root
    grassroots: int
    cells: int
    people: int
    # Cells sitting directly under a committee of the lowest level rather than under a grassroots committee.
    direct_cell_share: float
    # Cell meetings that record attendance person by person; the others keep only the counts.
    attendance_share: float
    articles: int  # portal articles
    exemplars: int  # "good people, good deeds" over the whole period


SIZES: dict[str, Size] = {
    size.name: size
    for size in (
        Size("tiny", "bloc", (3,), 8, 30, 300, 0.2, 1.0, 12, 8),
        Size("bloc", "bloc", (63,), 600, 4_000, 60_000, 0.12, 0.5, 200, 60),
        Size("province", "province", (30,), 4_000, 30_000, 500_000, 0.05, 0.2, 300, 300),
        Size("country", "country", (65, 700), 50_000, 300_000, 5_000_000, 0.05, 0.04, 500, 2_000),
    )
}

DEFAULT_YEARS = (2016, 2018)
