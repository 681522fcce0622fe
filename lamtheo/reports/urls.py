from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from lamtheo.reports.views import cycles, dashboards, reports, reviews

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", cycles.index, name="index"),
    path("units/<slug:code>/cycles/new/", cycles.cycle_create, name="cycle_create"),
    path("units/<slug:code>/dashboard/", dashboards.dashboard_current, name="dashboard_current"),
    path("units/<slug:code>/dashboard/<int:year>/", dashboards.dashboard, name="dashboard"),
    path("units/<slug:code>/dashboard/<int:year>/<slug:name>.png", dashboards.chart, name="chart"),
    path("units/<slug:code>/summaries/refresh/", dashboards.summaries_refresh, name="summaries_refresh"),
    path("cycles/<str:code>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<str:code>/compare/", cycles.cycle_compare, name="cycle_compare"),
    path("cycles/<str:code>/statistics.xlsx", cycles.cycle_statistics, name="cycle_statistics"),
    path("cycles/<str:code>/close/", cycles.cycle_close, name="cycle_close"),
    path("cycles/<str:code>/review/new/", reviews.review_create, name="review_create"),
    path("reports/<str:code>/", reports.report_detail, name="report"),
    path("reports/<str:code>/save/", reports.report_save, name="report_save"),
    path("reports/<str:code>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<str:code>/refresh/", reports.report_refresh, name="report_refresh"),
    path("reports/<str:code>/accept/", reports.report_accept, name="report_accept"),
    path("reports/<str:code>/return/", reports.report_return, name="report_return"),
    path("reviews/<str:code>/", reviews.review_edit, name="review"),
    path("reviews/<str:code>/finalise/", reviews.review_finalise, name="review_finalise"),
    path("reviews/<str:code>/document.docx", reviews.review_download, name="review_download"),
]
