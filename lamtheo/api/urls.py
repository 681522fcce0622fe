from __future__ import annotations

from django.urls import path

from lamtheo.api import views
from lamtheo.api.api import api

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
