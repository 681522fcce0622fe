from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from lamtheo.inspections.views import inspections, plans

app_name = "inspections"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", inspections.index, name="index"),
    path("good-practices/", inspections.good_practices, name="good_practices"),
    path("recommendations/", inspections.recommendations, name="recommendations"),
    path("recommendations/<str:code>/answer/", inspections.recommendation_answer, name="recommendation_answer"),
    path("recommendations/<str:code>/close/", inspections.recommendation_close, name="recommendation_close"),
    path("units/<slug:code>/", inspections.unit_inspections, name="unit"),
    path("units/<slug:code>/new/", inspections.inspection_create, name="inspection_create"),
    path("units/<slug:code>/plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<str:code>/", plans.plan_detail, name="plan"),
    path("plans/<str:code>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<str:code>/items/", plans.plan_item_add, name="plan_item_add"),
    path("plans/<str:code>/coverage/", plans.plan_coverage, name="coverage"),
    path("<str:code>/", inspections.inspection_detail, name="inspection"),
    path("<str:code>/findings/", inspections.finding_add, name="finding_add"),
    path("<str:code>/recommendations/", inspections.recommendation_add, name="recommendation_add"),
    path("<str:code>/documents/", inspections.document_add, name="document_add"),
    path("<str:code>/documents/<str:doc>/", inspections.document_download, name="document"),
]
