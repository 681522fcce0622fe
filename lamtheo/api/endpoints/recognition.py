"""Commendations and exemplars ("good people, good deeds"), read through the pages' scope functions.

A commendation is seen by the nominating unit's side and by the occasion's organiser above it; an
exemplar by those who see the unit that proposed it. Outside that, the object does not exist (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from lamtheo.accounts.access import get_unit_for_user
from lamtheo.api.endpoints.recognition_schemas import (
    CommendationFilters,
    CommendationOut,
    ExemplarDetailOut,
    ExemplarFilters,
    ExemplarOut,
)
from lamtheo.api.pagination import page
from lamtheo.api.schemas import Error, Page
from lamtheo.lib.text import fold
from lamtheo.org.models import in_subtree
from lamtheo.recognition.models import Commendation, Exemplar
from lamtheo.recognition.scope import (
    commendations_visible_to,
    exemplars_visible_to,
    get_commendation_for_user,
    get_exemplar_for_user,
)

router = Router(tags=["recognition"])
# 400: a bad cursor; 422: a filter of the wrong type or out of range.
LIST_ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error}
ONE_ERRORS: dict[int, Any] = {401: Error, 404: Error}


def _subtree(request: HttpRequest, code: str, *fields: str) -> Q:
    """Rows whose unit ``fields`` lie under the unit ``code`` (404 if the caller cannot see that unit)."""
    top = get_unit_for_user(request.user, code)
    condition = Q()
    for field in fields:
        condition |= in_subtree(field, top.path)
    return condition


def _commendation_out(commendation: Commendation) -> CommendationOut:
    decision = commendation.decision
    person = commendation.nominee_person
    unit = commendation.nominee_unit
    return CommendationOut(
        code=str(commendation.code),
        form=decision.form,
        decision_code=str(decision.code),
        decision_number=decision.number,
        decision_date=decision.date,
        issuing_unit_code=decision.issuing_unit.code,
        signer_name=decision.signer_name,
        signer_title=decision.signer_title,
        occasion_code=str(commendation.occasion.code),
        occasion_title=commendation.occasion.title,
        occasion_period=commendation.occasion.period,
        nominee_kind="person" if person is not None else "unit",
        nominee_name=commendation.nominee_name,
        nominee_unit_code=unit.code if unit is not None else None,
        nominee_person_code=str(person.code) if person is not None else None,
        nominating_unit_code=commendation.nominating_unit.code,
        reason=commendation.reason,
    )


@router.get("/commendations", response={200: Page[CommendationOut], **LIST_ERRORS}, summary="Commendations")
def list_commendations(request: HttpRequest, filters: Query[CommendationFilters]) -> Page[CommendationOut]:
    """Commendations the caller can see, in the order they were recorded."""
    commendations = commendations_visible_to(request.user).select_related(
        "decision", "decision__issuing_unit", "occasion", "nominee_unit", "nominee_person", "nominating_unit"
    )
    if filters.under:
        # The nominee is what lies in the subtree; the nominating unit may sit above it.
        commendations = commendations.filter(
            _subtree(request, filters.under, "nominee_unit__path", "nominee_person__unit__path")
        )
    if filters.year is not None:
        commendations = commendations.filter(decision__date__year=filters.year)
    if filters.form is not None:
        commendations = commendations.filter(decision__form=filters.form)
    rows, next_cursor = page(commendations, ("id",), filters.cursor, filters.limit)
    return Page[CommendationOut](items=[_commendation_out(c) for c in rows], next_cursor=next_cursor)


@router.get("/commendations/{code}", response={200: CommendationOut, **ONE_ERRORS}, summary="One commendation")
def get_commendation(request: HttpRequest, code: str) -> CommendationOut:
    return _commendation_out(get_commendation_for_user(request.user, code))


def _exemplar_fields(exemplar: Exemplar) -> dict[str, Any]:
    return {
        "code": str(exemplar.code),
        "title": exemplar.title,
        "status": exemplar.status,
        "subject_kind": "person" if exemplar.person_id else "collective",
        "subject_name": exemplar.subject_name,
        "person_code": str(exemplar.person.code) if exemplar.person is not None else None,
        "unit_code": exemplar.unit.code if exemplar.unit is not None else None,
        "proposed_by_code": exemplar.proposed_by.code,
        "proposed_by_name": exemplar.proposed_by.name,
        "created_at": exemplar.created_at,
    }


@router.get("/exemplars", response={200: Page[ExemplarOut], **LIST_ERRORS}, summary="Exemplars")
def list_exemplars(request: HttpRequest, filters: Query[ExemplarFilters]) -> Page[ExemplarOut]:
    """Exemplars proposed in the caller's scope, in the order they were proposed; ``q`` ignores accents."""
    exemplars = exemplars_visible_to(request.user).select_related("person", "unit", "proposed_by")
    if filters.under:
        exemplars = exemplars.filter(
            _subtree(request, filters.under, "proposed_by__path", "unit__path", "person__unit__path")
        )
    if filters.year is not None:
        exemplars = exemplars.filter(created_at__year=filters.year)
    if filters.status is not None:
        exemplars = exemplars.filter(status=filters.status)
    for word in fold(filters.q or "").split():
        exemplars = exemplars.filter(search_text__contains=word)
    rows, next_cursor = page(exemplars, ("id",), filters.cursor, filters.limit)
    return Page[ExemplarOut](items=[ExemplarOut(**_exemplar_fields(e)) for e in rows], next_cursor=next_cursor)


@router.get(
    "/exemplars/{code}", response={200: ExemplarDetailOut, **ONE_ERRORS}, summary="One exemplar, with its story"
)
def get_exemplar(request: HttpRequest, code: str) -> ExemplarDetailOut:
    exemplar = get_exemplar_for_user(request.user, code)
    return ExemplarDetailOut(
        **_exemplar_fields(exemplar),
        story=exemplar.story,
        review_note=exemplar.review_note,
        published_url=exemplar.published_url,
        has_evidence=bool(exemplar.evidence),
        version=exemplar.version,
    )
