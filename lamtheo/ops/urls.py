from __future__ import annotations

from django.urls import path

from lamtheo.ops import views

app_name = "ops"

urlpatterns = [
    path("<uuid:code>/", views.job_detail, name="job"),
    path("<uuid:code>/download/", views.job_download, name="job_download"),
]
