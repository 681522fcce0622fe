"""Benchmark logins: one on the root, one scoped to a typical unit of each level, a member, an API token.

The sample units are nested (the cell lies in the grassroots committee, which lies in the committee),
and each is the median of its siblings by size, so a page timed for it is a typical page. The few
users, roles and the token go through the accounts and API services, as a real administrator's would.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.contrib.auth.hashers import make_password

from lamtheo.accounts.models import Role, User
from lamtheo.accounts.services import role_grant
from lamtheo.api.services import token_create
from lamtheo.demo.synthetic.people import Members
from lamtheo.demo.synthetic.tree import Node, Tree
from lamtheo.org.models import Person, Unit, UnitKind

# Printed in the manifest for whoever runs the benchmark: not a secret.
PASSWORD = "bench-2016"  # noqa: S105
ROOT_USER = "bench"
LEVEL_NAMES = {
    # style: the names of the committee levels below the root
    "bloc": ("committee",),
    "province": ("district",),
    "country": ("province", "district"),
}


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    unit: str  # the code of the unit the role is held on
    level: str


@dataclass(frozen=True)
class Logins:
    samples: dict[str, str]  # level → unit code
    users: list[Login]
    api_token: str

    def as_json(self) -> dict[str, object]:
        return {"samples": self.samples, "users": [asdict(u) for u in self.users], "api_token": self.api_token}


def _median(nodes: list[Node], size: dict[int, int]) -> Node:
    ranked = sorted(nodes, key=lambda n: (size[n.id], n.path))
    return ranked[len(ranked) // 2]


def sample_units(tree: Tree, members: Members, style: str) -> list[tuple[str, Node]]:
    """(level, unit) from the root down to a cell, each a median child of the one before."""
    cells_in = {node.id: node.end_cell - node.first_cell for node in tree.nodes}
    chosen: list[tuple[str, Node]] = [("root", tree.root)]
    current = tree.root
    for level in LEVEL_NAMES[style]:
        children = [c for c in current.children if c.kind == UnitKind.SUBORDINATE_COMMITTEE and cells_in[c.id]]
        current = _median(children, cells_in)
        chosen.append((level, current))
    grassroots = [c for c in current.children if c.kind == UnitKind.GRASSROOTS_COMMITTEE and cells_in[c.id]]
    current = _median(grassroots, cells_in)
    chosen.append(("grassroots", current))
    headcount = {
        cell.id: members.rosters[cell.first_cell].early
        for cell in current.children
        if cell.kind == UnitKind.CELL and cell.active_to is None
    }
    cells = [c for c in current.children if headcount.get(c.id, 0) >= 3]
    chosen.append(("cell", _median(cells, headcount)))
    return chosen


def create_logins(tree: Tree, members: Members, style: str) -> Logins:
    samples = sample_units(tree, members, style)
    units = {u.code: u for u in Unit.objects.filter(code__in=[node.code for _level, node in samples])}
    cell_node = samples[-1][1]
    roster = members.rosters[cell_node.first_cell]
    # The secretary is the cell's first member; the member persona its last ordinary one from before the period.
    linked = {"bench-cell": roster.first, "bench-member": roster.first + roster.early - 1}
    plan: list[tuple[str, str, str, str]] = [(ROOT_USER, Role.SUPPORT_STAFF, tree.root.code, "root")]
    for level, node in samples[1:-1]:
        plan.append((f"bench-{level}", Role.COMMITTEE_OFFICER, node.code, level))
    plan.append(("bench-cell", Role.CELL_SECRETARY, cell_node.code, "cell"))
    plan.append(("bench-member", Role.MEMBER, cell_node.code, "member"))
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(linked.values()))}
    password = make_password(PASSWORD)  # hashing is slow on purpose: once for every login
    logins: list[Login] = []
    users: dict[str, User] = {}
    for username, role, code, level in plan:
        person = people.get(linked.get(username, 0))
        user = User.objects.create(
            username=username,
            password=password,
            last_name=person.family_name if person else "Bench",
            first_name=f"{person.middle_name} {person.given_name}" if person else level.title(),
        )
        role_grant(acting_user=None, user=user, unit=units[code], role=role)
        if person is not None:
            Person.objects.filter(pk=person.pk).update(user=user)
        users[username] = user
        logins.append(Login(username, PASSWORD, role, code, level))
    _token, key = token_create(acting_user=users[ROOT_USER], name="synth_load")
    return Logins(samples={level: node.code for level, node in samples}, users=logins, api_token=key)
