"""Shared fixtures. ``org`` builds a small tree with the named personas (after healthchecks' Alice, Bob, Charlie).

    Bloc (bloc)
    ├── Committee A (subordinate)            ← committee officer Bình captures here
    │   ├── Grassroots A1 (grassroots)
    │   │   └── Cell A1a (cell)              ← cell secretary Chi captures here; member Dũng belongs here
    │   └── Cell A2 (cell)
    └── Committee B (subordinate)            ← outsider Giang captures here (another subtree)
        └── Cell B1 (cell)

Bloc support-unit officer An captures on the Bloc; viewer Em may only view Committee A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from lamtheo.accounts.models import Role, User
from lamtheo.accounts.services import role_grant
from lamtheo.org.models import Person, Unit, UnitKind
from tests.factories import make_person, make_unit, make_user

PASSWORD = "matkhau-123"


@dataclass
class Org:
    bloc: Unit
    committee_a: Unit
    grassroots_a1: Unit
    cell_a1a: Unit
    cell_a2: Unit
    committee_b: Unit
    cell_b1: Unit
    support_officer: User
    committee_officer: User
    cell_secretary: User
    member: User
    member_person: Person
    viewer: User
    outsider: User
    admin: User

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Real hashing costs ~0.3 s a user; tests create many users and never need it to be slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org(db: None) -> Org:
    bloc = make_unit(None, kind=UnitKind.BLOC, name="Đảng ủy Khối", code="bloc")
    committee_a = make_unit(bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name="Đảng ủy Bộ A", code="committee-a")
    grassroots_a1 = make_unit(committee_a, kind=UnitKind.GRASSROOTS_COMMITTEE, name="Đảng bộ Cục A1", code="gr-a1")
    cell_a1a = make_unit(grassroots_a1, kind=UnitKind.CELL, name="Chi bộ Phòng Kiểm tra", code="cell-a1a")
    cell_a2 = make_unit(committee_a, kind=UnitKind.CELL, name="Chi bộ Văn phòng A", code="cell-a2")
    committee_b = make_unit(bloc, kind=UnitKind.SUBORDINATE_COMMITTEE, name="Đảng ủy Bộ B", code="committee-b")
    cell_b1 = make_unit(committee_b, kind=UnitKind.CELL, name="Chi bộ Vụ B1", code="cell-b1")

    support_officer = make_user(username="an", first_name="An")
    committee_officer = make_user(username="binh", first_name="Bình")
    cell_secretary = make_user(username="chi", first_name="Chi")
    member = make_user(username="dung", first_name="Dũng")
    viewer = make_user(username="em", first_name="Em")
    outsider = make_user(username="giang", first_name="Giang")
    admin = make_user(username="quantri", first_name="Quản trị", is_staff=True, is_superuser=True)

    role_grant(acting_user=None, user=support_officer, unit=bloc, role=Role.SUPPORT_STAFF)
    role_grant(acting_user=None, user=committee_officer, unit=committee_a, role=Role.COMMITTEE_OFFICER)
    role_grant(acting_user=None, user=cell_secretary, unit=cell_a1a, role=Role.CELL_SECRETARY)
    role_grant(acting_user=None, user=member, unit=cell_a1a, role=Role.MEMBER)
    role_grant(acting_user=None, user=viewer, unit=committee_a, role=Role.COMMITTEE_OFFICER, can_capture=False)
    role_grant(acting_user=None, user=outsider, unit=committee_b, role=Role.COMMITTEE_OFFICER)

    member_person = make_person(cell_a1a, family_name="Trần", middle_name="Văn", given_name="Dũng")
    member_person.user = member
    member_person.save(update_fields=["user"])

    return Org(
        bloc=bloc,
        committee_a=committee_a,
        grassroots_a1=grassroots_a1,
        cell_a1a=cell_a1a,
        cell_a2=cell_a2,
        committee_b=committee_b,
        cell_b1=cell_b1,
        support_officer=support_officer,
        committee_officer=committee_officer,
        cell_secretary=cell_secretary,
        member=member,
        member_person=member_person,
        viewer=viewer,
        outsider=outsider,
        admin=admin,
    )
