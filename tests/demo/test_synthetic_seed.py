"""``synth_load`` is deterministic: one seed always writes the same rows, another seed other rows.

Each load runs in its own transaction, rolled back, so the database is empty again for the next one.
(It lives apart from ``test_synthetic``, whose module-wide load would make these databases non-empty.)
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import override_settings

from lamtheo.accounts.models import User
from lamtheo.campaign.models import Activity, Attendance, Commitment, YearPlan
from lamtheo.demo.synthetic.loader import synth_load
from lamtheo.inspections.models import Finding, Inspection
from lamtheo.org.models import Membership, Person, Unit
from lamtheo.portal.models import Article, Comment
from lamtheo.recognition.models import Exemplar, Nomination
from lamtheo.reports.models import UnitReport

FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Every column of these tables comes from the generator (time stamps included), none from the clock.
COMPARED: tuple[type[Model], ...] = (
    Unit,
    Person,
    Membership,
    YearPlan,
    Activity,
    Attendance,
    Commitment,
    Inspection,
    Finding,
    Nomination,
    Exemplar,
    UnitReport,
    Article,
    Comment,
)


def _digest() -> dict[str, str]:
    digests = {}
    for model in COMPARED:
        # Logins are made through the ORM, their ids by the database: links to them are left out.
        columns = [
            field.attname
            for field in model._meta.concrete_fields
            if not (field.is_relation and field.related_model is User)
        ]
        rows = model._default_manager.order_by("pk").values_list(*columns)
        digests[model.__name__] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def _load_and_digest(django_db_blocker: Any, seed: int) -> tuple[dict[str, Any], dict[str, str]]:
    with override_settings(PASSWORD_HASHERS=FAST_HASHING), django_db_blocker.unblock(), transaction.atomic():
        manifest = synth_load("tiny", seed=seed, years=(2016, 2018))
        digest = _digest()
        transaction.set_rollback(True)
    return manifest, digest


@pytest.mark.usefixtures("django_db_setup")
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(django_db_blocker: Any) -> None:
    first_manifest, first = _load_and_digest(django_db_blocker, 11)
    second_manifest, second = _load_and_digest(django_db_blocker, 11)
    _other_manifest, other = _load_and_digest(django_db_blocker, 12)
    assert first == second
    assert first_manifest["counts"] == second_manifest["counts"]
    assert first_manifest["samples"] == second_manifest["samples"]
    assert first_manifest["api_token"] != second_manifest["api_token"]  # secrets are never seeded
    differing = [name for name in first if first[name] != other[name]]
    assert {"Person", "Commitment", "Activity"} <= set(differing)
