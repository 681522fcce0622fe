"""The synthetic party hierarchy: planned in memory, materialised paths computed here, written in bulk.

Levels, top down: the root (kind *bloc*: the Bloc, a province committee or, for the country, the
Central Committee), one or more levels of directly subordinate committees (the country has two:
provinces and central blocs, then districts), grassroots committees, and cells, some of which sit
directly under a committee of the lowest level. A Youth Union branch hangs under the root and under
each first-level committee, to co-organise youth activities.

Units are numbered depth-first, so a subtree's units, and its cells, have consecutive positions; the
paths are treebeard's (``Unit.steplen`` characters a level from ``Unit.alphabet``), with ``depth``
and ``numchild`` set as treebeard would. A few cells are founded during the period and a few
dissolved in it (their members are transferred out first, as ``unit_dissolve`` requires).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from lamtheo.demo.agencies import SECTOR_TAGS
from lamtheo.demo.synthetic import naming
from lamtheo.demo.synthetic.bulk import BulkWriter
from lamtheo.demo.synthetic.dates import Calendar, ordinal
from lamtheo.demo.synthetic.sizes import Size
from lamtheo.lib.text import fold
from lamtheo.org.models import SectorTag, Unit, UnitKind, UnitLink

EXTRA_SECTOR_TAGS = (("locality", "Địa phương"), ("armed", "Lực lượng vũ trang"))
ROOTS = {
    # style: (code, name, short name, founded)
    "bloc": ("khoi", "Đảng ủy Khối các cơ quan Trung ương", "Đảng ủy Khối", dt.date(2008, 1, 1)),
    "country": ("tw", "Ban Chấp hành Trung ương Đảng", "Trung ương", dt.date(1930, 2, 3)),
}
PROVINCE_FOUNDED = dt.date(1976, 1, 1)
CODE_PREFIXES = {
    # style: prefixes of the committee levels' codes
    "bloc": ("dv",),
    "province": ("h",),
    "country": ("t", "h"),
}
# Cells founded, and cells dissolved, during the period: a few per thousand.
FOUNDED_SHARE = 0.01
DISSOLVED_SHARE = 0.004
# How unequal siblings are (σ of a log-normal weight): provinces differ more than cells do.
SPREAD = 0.5
# Days before the period by which units were founded, at the latest: committees long before their cells.
FOUNDED_BEFORE_PERIOD: dict[str, int] = {UnitKind.CELL: 365, UnitKind.GRASSROOTS_COMMITTEE: 730}
UNIT_FIELDS = (
    "id", "path", "depth", "numchild", "code", "name", "short_name", "kind", "active_from", "active_to", "search_text",
)  # fmt: skip


class Node:
    """One planned unit."""

    __slots__ = (
        "active_from",
        "active_to",
        "agency",
        "children",
        "code",
        "depth",
        "dissolved_on",
        "end_cell",
        "first_cell",
        "flavour",
        "id",
        "kind",
        "label",
        "name",
        "parent",
        "path",
        "sectors",
        "short_name",
    )

    def __init__(
        self,
        kind: str,
        name: str,
        flavour: str,
        *,
        short_name: str = "",
        sectors: tuple[str, ...] = (),
        label: str = "",
        agency: naming.Agency | None = None,
    ) -> None:
        self.kind, self.name, self.flavour, self.short_name = kind, name, flavour, short_name
        self.sectors, self.label, self.agency = sectors, label, agency
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.id = self.depth = self.first_cell = self.end_cell = 0
        self.path = self.code = ""
        self.active_from = 0  # day ordinals
        self.active_to: int | None = None
        self.dissolved_on: int | None = None  # the day after ``active_to``, when the cell was dissolved

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class Tree:
    root: Node
    nodes: list[Node] = field(default_factory=list)  # depth-first, parents before children
    committees: list[list[Node]] = field(default_factory=list)  # each level of subordinate committees
    grassroots: list[Node] = field(default_factory=list)
    cells: list[Node] = field(default_factory=list)  # depth-first; a subtree's are consecutive
    youth_unions: list[Node] = field(default_factory=list)

    @property
    def lowest_committees(self) -> list[Node]:
        return self.committees[-1]

    def cells_under(self, node: Node) -> list[Node]:
        return self.cells[node.first_cell : node.end_cell]


def _province_label(province: str, city: bool) -> str:
    """How the province is named after a committee's name: "tỉnh Thanh Hóa", "thành phố Hà Nội"."""
    return f"{'thành phố' if city else 'tỉnh'} {province}"


def split(total: int, parts: int, rng: random.Random, *, minimum: int = 0, spread: float = SPREAD) -> list[int]:
    """``total`` shared among ``parts`` unequally (log-normal weights), each at least ``minimum``; exact."""
    if parts <= 0:
        return []
    base = min(minimum, total // parts)
    rest = total - base * parts
    weights = [rng.lognormvariate(0.0, spread) for _ in range(parts)]
    scale = rest / sum(weights)
    shares = [w * scale for w in weights]
    counts = [base + int(s) for s in shares]
    # Largest remainders get the units rounding left over.
    left = total - sum(counts)
    for index in sorted(range(parts), key=lambda i: int(shares[i]) - shares[i])[:left]:
        counts[index] += 1
    return counts


def step(number: int) -> str:
    """Treebeard's path step for the number-th child (1-based)."""
    alphabet, base = Unit.alphabet, len(Unit.alphabet)
    digits = ""
    while number:
        number, remainder = divmod(number, base)
        digits = alphabet[remainder] + digits
    return digits.rjust(Unit.steplen, alphabet[0])


class Namer:
    """Names, flavours and sectors for the units of one style (see ``naming``)."""

    def __init__(self, style: str, rng: random.Random) -> None:
        self.style, self.rng = style, rng

    def root(self) -> Node:
        if self.style == "province":
            province, city = self.rng.choice(naming.PROVINCES)
            name = f"{'Thành ủy' if city else 'Tỉnh ủy'} {province}"
            node = Node(UnitKind.BLOC, name, "province", short_name=name, label=_province_label(province, city))
            node.code, node.active_from = "tinh", PROVINCE_FOUNDED.toordinal()
            return node
        code, name, short_name, founded = ROOTS[self.style]
        node = Node(UnitKind.BLOC, name, "root", short_name=short_name)
        node.code, node.active_from = code, founded.toordinal()
        return node

    def committee(self, parent: Node, index: int) -> Node:
        if self.style == "country" and parent.kind == UnitKind.BLOC:
            return self._province_level(index)
        if parent.flavour == "province":
            return self._district_level(parent, index)
        if parent.flavour == "bloc_enterprises":
            trade = naming.COMPANY_TRADES[index % len(naming.COMPANY_TRADES)]
            name = f"Đảng ủy Tập đoàn {trade} {naming.place(self.rng)}"
            return Node(
                UnitKind.SUBORDINATE_COMMITTEE, name, "enterprise_group", short_name=name, sectors=("enterprise",)
            )
        agency = naming.agency_for(index)
        return Node(
            UnitKind.SUBORDINATE_COMMITTEE,
            f"Đảng ủy {agency.name}",
            "agency",
            short_name=agency.short_name or agency.name,
            sectors=agency.sectors,
            agency=agency,
        )

    def _province_level(self, index: int) -> Node:
        provinces = naming.PROVINCES
        if index < len(provinces):
            province, city = provinces[index]
        elif index - len(provinces) < len(naming.CENTRAL_BLOCS):
            name, short_name, flavour = naming.CENTRAL_BLOCS[index - len(provinces)]
            return Node(UnitKind.SUBORDINATE_COMMITTEE, name, flavour, short_name=short_name, sectors=("agency",))
        else:
            province, city = provinces[index % len(provinces)][0] + f" {index // len(provinces) + 1}", False
        name = f"{'Thành ủy' if city else 'Tỉnh ủy'} {province}"
        return Node(
            UnitKind.SUBORDINATE_COMMITTEE,
            name,
            "province",
            short_name=name,
            sectors=("locality",),
            label=_province_label(province, city),
        )

    def _district_level(self, parent: Node, index: int) -> Node:
        specials = (
            ("Đảng ủy Khối các cơ quan", "provincial_agencies", ("agency",)),
            ("Đảng ủy Khối Doanh nghiệp", "provincial_enterprises", ("enterprise",)),
            ("Đảng ủy Quân sự", "military", ("armed",)),
            ("Đảng ủy Công an", "police", ("armed",)),
        )
        if index < len(specials):
            name, flavour, sectors = specials[index]
            word = "thành phố" if parent.label.startswith("thành phố") else "tỉnh"
            full_name, short_name = f"{name} {parent.label}", f"{name} {word}"
            return Node(UnitKind.SUBORDINATE_COMMITTEE, full_name, flavour, short_name=short_name, sectors=sectors)
        roll = self.rng.random()
        word = "Thành ủy" if roll < 0.08 else "Thị ủy" if roll < 0.16 else "Huyện ủy"
        place = naming.place(self.rng)
        name = f"{word} {place}"
        sectors = ("locality",)
        return Node(UnitKind.SUBORDINATE_COMMITTEE, name, "locality", short_name=name, sectors=sectors, label=word)

    def grassroots(self, parent: Node, index: int) -> Node:
        flavour = parent.flavour
        place = naming.place(self.rng)
        kind = UnitKind.GRASSROOTS_COMMITTEE
        if flavour == "agency" and parent.agency is not None:
            sector = parent.agency.sectors[0]
            return Node(kind, naming.agency_grassroots(parent.agency, index), f"section:{sector}")
        if flavour == "locality":
            roll = self.rng.random()
            if roll < 0.72:
                return Node(kind, f"Đảng ủy xã {place}", "commune", label=place)
            if roll < 0.9:
                word = "phường" if roll < 0.86 else "thị trấn"
                return Node(kind, f"Đảng ủy {word} {place}", "ward", label=place)
            if roll < 0.95:
                return Node(kind, f"Đảng bộ Trường Trung học phổ thông {place}", "school")
            if roll < 0.97:
                return Node(kind, f"Đảng bộ Trung tâm Y tế {parent.name.split(' ', 2)[-1]}", "hospital")
        if flavour == "provincial_agencies":
            return Node(kind, f"Đảng bộ {naming.numbered(naming.PROVINCIAL_DEPARTMENTS, index)}", "department")
        if flavour == "military":
            return Node(kind, f"Đảng ủy Ban Chỉ huy Quân sự huyện {place}", "military")
        if flavour == "police":
            return Node(kind, f"Đảng ủy Công an huyện {place}", "police")
        trade = naming.COMPANY_TRADES[index % len(naming.COMPANY_TRADES)]
        return Node(kind, f"Đảng bộ Công ty {trade} {place}", "company")

    def cell(self, parent: Node, index: int) -> Node:
        """A cell under a grassroots committee, or directly under a committee (its own offices)."""
        flavour = parent.flavour
        kind = UnitKind.CELL
        if flavour.startswith("section:"):
            return Node(kind, naming.agency_cell(flavour[8:], index, direct=False), flavour)
        if flavour == "agency" and parent.agency is not None:
            sector = parent.agency.sectors[0]
            return Node(kind, naming.agency_cell(sector, index, direct=True), f"section:{sector}")
        if flavour == "locality":
            office = naming.numbered(naming.DISTRICT_OFFICES, index).format(committee=parent.label)
            return Node(kind, f"Chi bộ {office}", "office")
        if flavour in ("commune", "ward"):
            word = "xã" if flavour == "commune" else "phường"
            if index == 0:
                return Node(kind, f"Chi bộ Cơ quan {word}", "office")
            if index == 1:
                return Node(kind, f"Chi bộ Quân sự {word}", "military")
            if flavour == "ward":
                return Node(kind, f"Chi bộ Tổ dân phố số {index - 1}", "street")
            if index % 5 == 4:
                level = ("Tiểu học", "Trung học cơ sở", "Mầm non")[index // 5 % 3]
                return Node(kind, f"Chi bộ Trường {level} {parent.label}", "school")
            return Node(kind, f"Chi bộ thôn {naming.place(self.rng)}", "village")
        if flavour in naming.CELL_POOLS:
            return Node(kind, f"Chi bộ {naming.numbered(naming.CELL_POOLS[flavour], index)}", flavour)
        offices = ("Văn phòng Đảng ủy", "Ban Tổ chức", "Ban Tuyên giáo", "Ủy ban Kiểm tra")
        return Node(kind, f"Chi bộ {naming.numbered(offices, index)}", "office")

    def youth_union(self, parent: Node) -> Node:
        name = f"Đoàn Thanh niên Cộng sản Hồ Chí Minh – {parent.short_name or parent.name}"
        return Node(UnitKind.YOUTH_UNION, name, "youth", short_name="Đoàn Thanh niên")


@dataclass(frozen=True)
class Period:
    first_year: int
    last_year: int

    @property
    def start(self) -> int:
        return ordinal(self.first_year)

    @property
    def end(self) -> int:
        return ordinal(self.last_year, 12, 31)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


def plan_tree(size: Size, period: Period, rng: random.Random) -> Tree:
    """The whole hierarchy of ``size``, decided by ``rng`` alone; numbered, with paths and codes."""
    namer = Namer(size.style, rng)
    root = namer.root()
    tree = Tree(root=root)
    level: list[Node] = [root]
    for count in size.committees:
        below: list[Node] = []
        for parent, n in zip(level, split(count, len(level), rng, minimum=1), strict=True):
            below.extend(parent.add(namer.committee(parent, index)) for index in range(n))
        tree.committees.append(below)
        level = below
    for parent, n in zip(level, split(size.grassroots, len(level), rng, minimum=1), strict=True):
        tree.grassroots.extend(parent.add(namer.grassroots(parent, index)) for index in range(n))
    direct = round(size.cells * size.direct_cell_share)
    shares = split(size.cells - direct, len(tree.grassroots), rng, minimum=2)
    for parent, n in zip(tree.grassroots, shares, strict=True):
        for index in range(n):
            parent.add(namer.cell(parent, index))
    for parent, n in zip(level, split(direct, len(level), rng), strict=True):
        for index in range(n):
            parent.add(namer.cell(parent, index))
    for parent in [root, *tree.committees[0]]:
        tree.youth_unions.append(parent.add(namer.youth_union(parent)))
    _number(tree, CODE_PREFIXES[size.style])
    _date(tree, period, rng)
    return tree


def _number(tree: Tree, prefixes: tuple[str, ...]) -> None:
    """Ids, depths, paths, codes and cell ranges, depth-first."""
    widths = dict.fromkeys(UnitKind.values, 2)
    for node in tree.root.walk():
        counts: dict[str, int] = {}
        for child in node.children:
            counts[child.kind] = counts.get(child.kind, 0) + 1
        for kind, n in counts.items():
            widths[kind] = max(widths[kind], len(str(n)))
    root = tree.root
    root.id, root.depth, root.path = 1, 1, step(1)
    for node in root.walk():
        tree.nodes.append(node)
        if node.kind == UnitKind.CELL:
            node.first_cell = len(tree.cells)
            tree.cells.append(node)
        seen: dict[str, int] = {}
        for position, child in enumerate(node.children, start=1):
            child.depth = node.depth + 1
            child.path = node.path + step(position)
            seen[child.kind] = seen.get(child.kind, 0) + 1
            child.code = _code(node, child, seen[child.kind], widths, prefixes)
    for number, node in enumerate(tree.nodes, start=1):
        node.id = number
    # Cell ranges: a node's cells run from its first descendant cell to the first cell after its subtree.
    for node in reversed(tree.nodes):
        if node.kind == UnitKind.CELL:
            node.end_cell = node.first_cell + 1
        elif node.children:
            ranged = [child for child in node.children if child.end_cell > child.first_cell]
            node.first_cell = ranged[0].first_cell if ranged else 0
            node.end_cell = ranged[-1].end_cell if ranged else 0


def _code(parent: Node, child: Node, number: int, widths: dict[str, int], prefixes: tuple[str, ...]) -> str:
    base = "" if parent.depth == 1 else f"{parent.code}-"
    if child.kind == UnitKind.YOUTH_UNION:
        return f"{parent.code}-doan"
    if child.kind == UnitKind.SUBORDINATE_COMMITTEE:
        prefix = prefixes[min(child.depth - 2, len(prefixes) - 1)]
    else:
        prefix = "c" if child.kind == UnitKind.GRASSROOTS_COMMITTEE else "cb"
    return f"{base}{prefix}{number:0{widths[child.kind]}d}"


def _date(tree: Tree, period: Period, rng: random.Random) -> None:
    """Founding dates (each unit after its parent), and the cells founded or dissolved in the period."""
    for node in tree.nodes[1:]:
        assert node.parent is not None  # noqa: S101 - only the root has none
        latest = period.start - FOUNDED_BEFORE_PERIOD.get(node.kind, 1825)
        earliest = node.parent.active_from
        node.active_from = earliest + rng.randint(0, max(0, latest - earliest))
    cells = tree.cells
    count = len(cells)
    founded = rng.sample(range(count), k=min(count, max(1, round(count * FOUNDED_SHARE))))
    taken = set(founded)
    candidates = [i for i in range(count) if i not in taken and _has_sibling_cell(cells[i])]
    dissolved = rng.sample(candidates, k=min(len(candidates), max(1, round(count * DISSOLVED_SHARE))))
    latest_founding = ordinal(period.last_year, 6, 30)
    for index in founded:
        cells[index].active_from = period.start + rng.randint(0, max(0, latest_founding - period.start))
    first_dissolution, last_dissolution = ordinal(period.first_year, 3, 1), ordinal(period.last_year, 10, 31)
    for index in dissolved:
        cell = cells[index]
        cell.dissolved_on = first_dissolution + rng.randint(0, last_dissolution - first_dissolution)
        cell.active_to = cell.dissolved_on - 1


def _has_sibling_cell(cell: Node) -> bool:
    """A dissolved cell's members move to a sibling cell, so it needs one."""
    assert cell.parent is not None  # noqa: S101
    return sum(1 for child in cell.parent.children if child.kind == UnitKind.CELL) > 1


def write_sector_tags(writer: BulkWriter) -> dict[str, int]:
    """The sector tags (the demo's and two for localities and the armed forces); return their ids by code."""
    existing = dict(SectorTag.objects.values_list("code", "id"))
    ids = writer.ids(SectorTag)
    missing = [(code, name) for code, name in (*SECTOR_TAGS, *EXTRA_SECTOR_TAGS) if code not in existing]
    rows = [(ids.take(), code, name) for code, name in missing]
    writer.write(SectorTag, ("id", "code", "name"), rows)
    existing.update({code: row[0] for row, (code, _name) in zip(rows, missing, strict=True)})
    return existing


def write_tree(writer: BulkWriter, tree: Tree, calendar: Calendar, tags: dict[str, int]) -> None:
    """Units, their parent links and their sector tags. Ids follow the writer's counter."""
    first = writer.ids(Unit).next
    for node in tree.nodes:
        node.id += first - 1
    writer.ids(Unit).next = first + len(tree.nodes)
    writer.write(
        Unit,
        UNIT_FIELDS,
        (
            (
                node.id,
                node.path,
                node.depth,
                len(node.children),
                node.code,
                node.name,
                node.short_name,
                node.kind,
                calendar.iso(node.active_from),
                calendar.iso(node.active_to) if node.active_to is not None else None,
                fold(f"{node.name} {node.short_name} {node.code}")[:400],
            )
            for node in tree.nodes
        ),
    )
    links = writer.ids(UnitLink)
    writer.write(
        UnitLink,
        ("id", "unit", "parent", "valid_from", "valid_to"),
        (
            (
                links.take(),
                node.id,
                node.parent.id if node.parent is not None else None,
                calendar.iso(node.active_from),
                calendar.iso(node.dissolved_on) if node.dissolved_on is not None else None,
            )
            for node in tree.nodes
        ),
    )
    through = Unit.sector_tags.through
    writer.write(
        through,
        ("unit", "sectortag"),
        ((node.id, tags[code]) for node in tree.nodes for code in node.sectors),
    )
