from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from lamtheo.recognition.views import commendations, exemplars, nominations

app_name = "recognition"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", commendations.index, name="index"),
    path("occasions/", nominations.occasions, name="occasions"),
    path("occasions/<str:code>/", nominations.occasion_detail, name="occasion"),
    path("occasions/<str:code>/decide/", nominations.decision_create, name="decide"),
    path("units/<slug:code>/occasions/new/", nominations.occasion_create, name="occasion_create"),
    path("units/<slug:code>/nominate/", nominations.nominate, name="nominate"),
    path("units/<slug:code>/exemplars/new/", exemplars.exemplar_propose, name="exemplar_propose"),
    path("nominations/<str:code>/", nominations.nomination_detail, name="nomination"),
    path("nominations/<str:code>/submit/", nominations.nomination_submit, name="nomination_submit"),
    path("nominations/<str:code>/accept/", nominations.nomination_accept, name="nomination_accept"),
    path("nominations/<str:code>/return/", nominations.nomination_return, name="nomination_return"),
    path("nominations/<str:code>/evidence/", nominations.nomination_evidence, name="nomination_evidence"),
    path("decisions/<str:code>/", commendations.decision_detail, name="decision"),
    path("commendations/<str:code>/certificate.docx", commendations.certificate, name="certificate"),
    path("exemplars/", exemplars.exemplar_list, name="exemplars"),
    path("exemplars/<str:code>/", exemplars.exemplar_detail, name="exemplar"),
    path("exemplars/<str:code>/review/", exemplars.exemplar_review, name="exemplar_review"),
    path("exemplars/<str:code>/evidence/", exemplars.exemplar_evidence, name="exemplar_evidence"),
]
