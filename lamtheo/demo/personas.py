"""Demo logins, one per kind of user in DESIGN.md, with the roles that make each one what it is."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from lamtheo.accounts.models import Role, User
from lamtheo.accounts.services import role_grant
from lamtheo.demo.org_tree import BLOC_CODE
from lamtheo.demo.people import SECRETARY, DrawnPeople
from lamtheo.org.models import Person, Unit

# Printed on every run for anyone trying the demo: not a secret.
DEMO_PASSWORD = "demo-2016"  # noqa: S105
PERSONA_COMMITTEE = "du-bo-tu-phap"
# The second cell of the committee's first grassroots committee: its first cell also seats the
# grassroots committee's head, which would make an untypical example.
PERSONA_CELL = f"{PERSONA_COMMITTEE}-cb-01-02"
VIEW_ONLY_COMMITTEE = "du-bo-ngoai-giao"

SECRETARY_PICK = "secretary"
MEMBER_PICK = "member"


@dataclass(frozen=True)
class PersonLink:
    """Which person of the demo a login stands for."""

    cell: str
    pick: str  # SECRETARY_PICK, or MEMBER_PICK for an ordinary member
    extra_duty: str = ""  # party work added to their job title


@dataclass(frozen=True)
class Persona:
    username: str
    label: str  # "vai trò / role"
    role: str | None  # None: a superuser, who needs no role
    unit: str
    can_capture: bool | None = None  # None: what the role gives by default
    can_view: bool = True
    person: PersonLink | None = None
    name: tuple[str, str] = ("", "")  # (family, middle and given) when not linked to a person


# Editor and moderator work on the public portal: they hold their role on the Bloc but are not
# given sight of the member records of the whole tree, which their work does not need.
PERSONAS: tuple[Persona, ...] = (
    Persona("admin", "Quản trị hệ thống / administrator", None, BLOC_CODE, name=("Đỗ", "Minh Quân")),
    Persona("bophan", "Bộ phận giúp việc / support-unit staff", Role.SUPPORT_STAFF, BLOC_CODE, name=("Phạm", "Thu Hà")),
    Persona(
        "dauy",
        "Cán bộ đảng ủy trực thuộc / committee officer",
        Role.COMMITTEE_OFFICER,
        PERSONA_COMMITTEE,
        person=PersonLink(f"{PERSONA_COMMITTEE}-cb-02", MEMBER_PICK, "cán bộ Văn phòng Đảng ủy"),
    ),
    Persona(
        "bithu",
        "Bí thư chi bộ / cell secretary",
        Role.CELL_SECRETARY,
        PERSONA_CELL,
        person=PersonLink(PERSONA_CELL, SECRETARY_PICK),
    ),
    Persona("dangvien", "Đảng viên / member", Role.MEMBER, PERSONA_CELL, person=PersonLink(PERSONA_CELL, MEMBER_PICK)),
    Persona(
        "xemthoi",
        "Cán bộ đảng ủy, chỉ xem / committee officer, view only",
        Role.COMMITTEE_OFFICER,
        VIEW_ONLY_COMMITTEE,
        can_capture=False,
        person=PersonLink(f"{VIEW_ONLY_COMMITTEE}-cb-02", MEMBER_PICK, "Ủy viên Ủy ban Kiểm tra Đảng ủy"),
    ),
    Persona("bientap", "Biên tập viên / editor", Role.EDITOR, BLOC_CODE, can_view=False, name=("Lê", "Hoàng Yến")),
    Persona(
        "kiemduyet",
        "Kiểm duyệt bình luận / moderator",
        Role.MODERATOR,
        BLOC_CODE,
        can_view=False,
        name=("Vũ", "Đức Thịnh"),
    ),
)


@dataclass(frozen=True)
class Login:
    label: str
    username: str
    password: str
    scope: str
    note: str = ""


def _pick_person(drawn: DrawnPeople, link: PersonLink) -> Person:
    members = drawn.by_cell.get(link.cell)
    if not members:
        raise LookupError(f"the demo tree has no cell {link.cell!r} with people for a persona")
    secretaries = [p for p in members if p.position.endswith(SECRETARY)]
    if link.pick == SECRETARY_PICK:
        return secretaries[0]
    ordinary = [p for p in members if not p.is_leader and p not in secretaries]
    if not ordinary:
        raise LookupError(f"cell {link.cell!r} has no ordinary member for a persona")
    return ordinary[0]


def persona_people(drawn: DrawnPeople) -> dict[str, Person]:
    """The (unsaved) people the personas stand for, their job titles completed with their party work."""
    chosen: dict[str, Person] = {}
    for persona in PERSONAS:
        if persona.person is None:
            continue
        person = _pick_person(drawn, persona.person)
        if persona.person.extra_duty:
            person.position = f"{person.position}, {persona.person.extra_duty}"
        chosen[persona.username] = person
    return chosen


def create_users(people: dict[str, Person]) -> tuple[dict[str, User], set[str]]:
    """Create the persona logins, named after their person; return them and the usernames that already existed.

    An account that already exists is left as it is (its password too): the demo never takes over
    a real login.
    """
    # Hashing is deliberately slow; one hash serves every demo login since they share the password.
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    existing: set[str] = set()
    for persona in PERSONAS:
        user = User.objects.filter(username=persona.username).first()
        if user is not None:
            existing.add(persona.username)
        else:
            person = people.get(persona.username)
            family, first = (
                (person.family_name, f"{person.middle_name} {person.given_name}") if person else persona.name
            )
            superuser = persona.role is None
            user = User.objects.create(
                username=persona.username,
                password=password,
                first_name=first,
                last_name=family,
                is_staff=superuser,
                is_superuser=superuser,
            )
        users[persona.username] = user
    return users, existing


def link_people(users: dict[str, User], people: dict[str, Person]) -> None:
    """Tie each persona's person to its login (before the people are saved)."""
    already_linked = set(Person.objects.filter(user__in=list(users.values())).values_list("user_id", flat=True))
    for username, person in people.items():
        user = users[username]
        if user.pk not in already_linked:
            person.user = user


def grant_roles(users: dict[str, User], units: dict[str, Unit]) -> None:
    for persona in PERSONAS:
        if persona.role is None:
            continue
        role_grant(
            acting_user=None,
            user=users[persona.username],
            unit=units[persona.unit],
            role=persona.role,
            can_capture=persona.can_capture,
            can_view=persona.can_view,
        )


def _scope_names(codes: list[str]) -> dict[str, str]:
    """Unit names for the logins table; below a committee, the committee's short name is added."""
    units = list(Unit.objects.filter(code__in=codes).order_by())
    committee_paths = {unit.path[: 2 * Unit.steplen] for unit in units if unit.depth > 2}
    committees = dict(Unit.objects.filter(path__in=committee_paths).order_by().values_list("path", "short_name"))
    names: dict[str, str] = {}
    for unit in units:
        committee = committees.get(unit.path[: 2 * Unit.steplen]) if unit.depth > 2 else None
        names[unit.code] = f"{unit.name} ({committee})" if committee else unit.name
    return names


def demo_logins(existing: Collection[str] = ()) -> list[Login]:
    names = _scope_names([persona.unit for persona in PERSONAS])
    logins: list[Login] = []
    for persona in PERSONAS:
        scope = names.get(persona.unit, persona.unit)
        if persona.role is None:
            scope = "toàn hệ thống / everything"
        elif not persona.can_view:
            scope = f"{scope} (cổng thông tin / portal)"
        note = "đã có từ trước, giữ mật khẩu cũ / existed, password unchanged" if persona.username in existing else ""
        logins.append(Login(persona.label, persona.username, DEMO_PASSWORD, scope, note))
    return logins
