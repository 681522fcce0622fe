from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheo.accounts.access import (
    can_capture_unit,
    get_person_for_user,
    get_unit_for_user,
    is_administrator,
    people_visible_to,
    sees_a_whole_tree,
)
from lamtheo.lib import extensions
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org import selectors, services
from lamtheo.org.forms import PersonForm, PersonTransferForm

PERSON_FORM_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "party_card_number",
    "position",
    "is_leader",
)


@login_required
def person_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code)
    memberships = person.memberships.select_related("unit")
    context = {
        "person": person,
        "memberships": memberships,
        "can_capture": person.unit is not None and can_capture_unit(request.user, person.unit),
        "is_admin": is_administrator(request.user),
        "extra_sections": extensions.person_sections(request, person),
    }
    return render(request, "org/person_detail.html", context)


@login_required
def people_search(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    scope = people_visible_to(request.user)
    whole_tree = sees_a_whole_tree(request.user)
    results = selectors.search_people(scope, query, whole_tree=whole_tree) if query else []
    return render(request, "org/people_search.html", {"query": query, "results": results})


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in PERSON_FORM_FIELDS}
            try:
                person = services.person_create(acting_user=request.user, unit=unit, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The person has been added."))
                return redirect("org:person", code=person.code)
    else:
        form = PersonForm()
    return render(request, "org/person_form.html", {"unit": unit, "form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in PERSON_FORM_FIELDS}
            try:
                services.person_update(
                    acting_user=request.user,
                    person=person,
                    expected_version=form.cleaned_data["version"] or 0,
                    **data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The person has been saved."))
                return redirect("org:person", code=person.code)
    else:
        initial = {name: getattr(person, name) for name in PERSON_FORM_FIELDS}
        form = PersonForm(initial={**initial, "version": person.version})
    return render(request, "org/person_form.html", {"unit": person.unit, "form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_transfer(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_person_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = PersonTransferForm(request.POST)
        if form.is_valid():
            try:
                try:
                    to_unit = get_unit_for_user(request.user, form.cleaned_data["to_unit"].strip(), write=True)
                except Http404 as exc:
                    raise ValidationError(
                        _("No unit with code “%(code)s” in your scope.") % {"code": form.cleaned_data["to_unit"]}
                    ) from exc
                services.person_transfer(
                    acting_user=request.user,
                    person=person,
                    to_unit=to_unit,
                    on_date=form.cleaned_data["on_date"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The person has been transferred."))
                return redirect("org:person", code=person.code)
    else:
        form = PersonTransferForm(initial={"on_date": timezone.localdate()})
    return render(request, "org/person_transfer.html", {"person": person, "form": form})
