"""The JSON API under /api/v1/ (django-ninja), behind the same access functions as the pages."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from lamtheo.api.auth import TokenAuth
from lamtheo.api.endpoints import campaign, inspections, org, portal, recognition, reports
from lamtheo.api.errors import install_error_handlers

api = NinjaAPI(
    title="lamtheo API",
    version="1",
    description=(
        "Read the organisation tree and people in your scope. Authenticate with "
        "`Authorization: Bearer <token>` (create tokens on your account's API token page) "
        "or a logged-in session. Objects outside your scope answer 404."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
)
install_error_handlers(api)
for module in (org, campaign, inspections, recognition, reports, portal):
    api.add_router("/", module.router)
