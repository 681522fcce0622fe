"""Schemathesis against /api/v1/openapi.json on the demo Bloc: no endpoint answers 500, and every answer —
status code, content type, headers, body — is the one the OpenAPI document declares.

The calls go in-process through the WSGI application, inside the test's transaction, as the Bloc's
support officer (every object in reach) and as a cell secretary (most objects answer 404).
Left out: schemathesis's "a schema-valid request must be accepted" check. The schema cannot say that
a cursor must be one the API handed out, or that a commitment must be self-assessed before the cell
evaluates it, so such requests are valid by the schema and rightly refused with 400.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from lamtheo.accounts.models import User
from lamtheo.api.services import token_create

pytestmark = pytest.mark.django_db
EXAMPLES = 12  # per operation and persona: ~35 operations, a minute or two on two cores

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers), django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_load", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Schemathesis calls the WSGI application itself, so Django's request signals fire: their
    ``close_old_connections`` would close the connection that holds the test's transaction (on
    PostgreSQL). Django's own test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["bophan", "bithu"])
def token(request: pytest.FixtureRequest, demo: None) -> str:
    user = User.objects.get(username=request.param)
    return token_create(acting_user=user, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_answer_matches_the_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance])
