"""factory_boy factories. Units are created through the service so the tree and its history stay right."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import factory

from lamtheo.accounts.models import User
from lamtheo.org import services
from lamtheo.org.models import Person, Unit, UnitKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or "matkhau-123")
        if create:
            obj.save(update_fields=["password"])


def make_user(**kwargs: Any) -> User:
    return cast(User, UserFactory(**kwargs))


_unit_counter = iter(range(1, 10**9))


def make_unit(
    parent: Unit | None = None,
    *,
    kind: str = UnitKind.CELL,
    name: str | None = None,
    code: str | None = None,
    **kw: Any,
) -> Unit:
    n = next(_unit_counter)
    kw.setdefault("active_from", dt.date(2008, 1, 1))
    return services.unit_create(
        acting_user=None,
        parent=parent,
        code=code or f"u{n}",
        name=name or f"Đơn vị {n}",
        kind=kind,
        **kw,
    )


_card_counter = iter(range(1, 10**9))


def make_person(unit: Unit | None, **kw: Any) -> Person:
    values: dict[str, Any] = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "An",
        "gender": "m",
        "party_card_number": f"TD{next(_card_counter):08d}",
    }
    values.update(kw)
    return services.person_create(acting_user=None, unit=unit, **values)
