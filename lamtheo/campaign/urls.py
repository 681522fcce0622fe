from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from lamtheo.campaign.views import activities, commitments, home, plans, progress

app_name = "campaign"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.index, name="index"),
    path("programmes/new/", home.programme_create, name="programme_create"),
    path("holidays/<int:year>/", home.holidays, name="holidays"),
    # Plans
    path("units/<slug:code>/plans/", plans.unit_plans, name="unit_plans"),
    path("units/<slug:code>/plans/new/", plans.plan_create, name="plan_create"),
    path("units/<slug:code>/plans/adopt/<str:plan_code>/", plans.plan_adopt, name="plan_adopt"),
    path("plans/<str:code>/", plans.plan_detail, name="plan"),
    path("plans/<str:code>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<str:code>/documents/", plans.document_add, name="document_add"),
    path("plans/<str:code>/tasks/", plans.task_add, name="task_add"),
    path("plans/<str:code>/tasks/<uuid:task_code>/status/", plans.task_status, name="task_status"),
    path("documents/<str:code>/", plans.document_download, name="document"),
    # Activities
    path("units/<slug:code>/activities/", activities.unit_activities, name="unit_activities"),
    path("units/<slug:code>/activities/new/", activities.activity_create, name="activity_create"),
    path("units/<slug:code>/meetings/new/", activities.meeting_record, name="meeting_record"),
    path("activities/<str:code>/", activities.activity_detail, name="activity"),
    path("activities/<str:code>/photos/", activities.photo_add, name="photo_add"),
    path("activities/<str:code>/photos/<uuid:photo_code>/", activities.photo_view, name="photo"),
    # Commitments
    path("people/<str:code>/commitments/<int:year>/", commitments.register, name="register"),
    path("commitments/<str:code>/", commitments.commitment_detail, name="commitment"),
    path("commitments/<str:code>/self-assess/", commitments.self_assess, name="self_assess"),
    path("commitments/<str:code>/evaluate/", commitments.evaluate, name="evaluate"),
    path("commitments/<str:code>/approve/", commitments.approve, name="approve"),
    path("units/<slug:code>/commitments/<int:year>/", commitments.cell_commitments, name="cell_commitments"),
    path("units/<slug:code>/commitments/<int:year>/approve/", commitments.approve_cell, name="approve_cell"),
    # Progress
    path("units/<slug:code>/progress/", progress.progress_current, name="progress_current"),
    path("units/<slug:code>/progress/<int:year>/", progress.progress, name="progress"),
    path("units/<slug:code>/thresholds/<int:year>/", progress.thresholds, name="thresholds"),
]
