"""Occasions and nominations: nominate, submit, accept or return, decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_unit_for_user
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.recognition import services
from lamtheo.recognition.forms import DecisionForm, NominationForm, OccasionForm, ReturnForm, VersionForm
from lamtheo.recognition.models import Nomination, NominationStatus, Occasion
from lamtheo.recognition.scope import (
    get_nomination_for_user,
    get_occasion_for_user,
    is_support_for,
    nominations_visible_to,
    occasions_for_unit,
    occasions_visible_to,
    require_support,
)
from lamtheo.recognition.views._common import person_by_card, unit_by_code


@login_required
def occasions(request: AuthenticatedRequest) -> HttpResponse:
    rows = (
        occasions_visible_to(request.user)
        .select_related("unit")
        .annotate(n_nominations=Count("nominations", distinct=True), n_commended=Count("commendations", distinct=True))
    )
    return render(request, "recognition/occasions.html", {"occasions": rows})


@login_required
@require_http_methods(["GET", "POST"])
def occasion_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    require_support(request.user, unit)
    if request.method == "POST":
        form = OccasionForm(request.POST)
        if form.is_valid():
            try:
                occasion = services.occasion_create(acting_user=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The occasion has been created."))
                return redirect("recognition:occasion", code=occasion.code)
    else:
        year = timezone.localdate().year
        form = OccasionForm(initial={"year_from": year, "year_to": year})
    return render(request, "recognition/occasion_form.html", {"unit": unit, "form": form})


def _occasion_context(request: AuthenticatedRequest, occasion: Occasion, decision_form: DecisionForm | None) -> dict:
    nominations = list(
        nominations_visible_to(request.user)
        .filter(occasion=occasion)
        .select_related("nominating_unit", "nominee_unit", "nominee_person", "nominee_person__unit")
        .order_by("status", "nominating_unit__name", "id")
    )
    support = is_support_for(request.user, occasion.unit)
    accepted = [(str(n.code), n.nominee_name) for n in nominations if n.status == NominationStatus.ACCEPTED]
    if support and decision_form is None:
        decision_form = DecisionForm(
            accepted=accepted, initial={"date": timezone.localdate(), "nominations": [c for c, _ in accepted]}
        )
    counts: dict[str, int] = {}
    for n in nominations:
        counts[n.status] = counts.get(n.status, 0) + 1
    return {
        "occasion": occasion,
        "nominations": nominations,
        "support": support,
        "decision_form": decision_form if support else None,
        "counts": [(s.label, counts.get(s.value, 0)) for s in NominationStatus],
        "decisions": occasion.decisions.annotate(n=Count("commendations")).order_by("date", "id"),
    }


@login_required
def occasion_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    occasion = get_occasion_for_user(request.user, code)
    return render(request, "recognition/occasion.html", _occasion_context(request, occasion, None))


@login_required
@require_POST
def decision_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    occasion = get_occasion_for_user(request.user, code)
    require_support(request.user, occasion.unit)
    chosen_codes = request.POST.getlist("nominations")
    candidates = list(
        Nomination.objects.filter(occasion=occasion, code__in=[c for c in chosen_codes if len(c) == 36]).select_related(
            "nominee_unit", "nominee_person", "nominating_unit"
        )
    )
    # Offer every nomination that was posted, so a returned one is refused by the service with its reason.
    form = DecisionForm(request.POST, accepted=[(str(n.code), n.nominee_name) for n in candidates])
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                acting_user=request.user,
                occasion=occasion,
                number=data["number"],
                date=data["date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                form=data["form"],
                nominations=[n for n in candidates if str(n.code) in data["nominations"]],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("recognition:decision", code=decision.code)
    context = _occasion_context(request, occasion, form)
    accepted = [(str(n.code), n.nominee_name) for n in context["nominations"] if n.status == NominationStatus.ACCEPTED]
    form.fields["nominations"].choices = accepted  # type: ignore[attr-defined]
    return render(request, "recognition/occasion.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    open_occasions = list(occasions_for_unit(unit).filter(is_open=True).order_by("-year_to", "title"))
    choices = [(str(o.code), f"{o.title} ({o.period})") for o in open_occasions]
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, unit=unit, occasions=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                occasion = next(o for o in open_occasions if str(o.code) == data["occasion"])
                nominee_unit = unit_by_code(data["nominee_unit"], unit) if data["nominee_unit"] else None
                person = person_by_card(data["nominee_card"], unit) if data["nominee_card"].strip() else None
                nomination = services.nomination_create(
                    acting_user=request.user,
                    occasion=occasion,
                    nominating_unit=unit,
                    nominee_unit=nominee_unit,
                    nominee_person=person,
                    proposed_form=data["proposed_form"],
                    reasons=data["reasons"],
                    evidence=data["evidence"],
                    submit=data["submit_now"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The nomination has been saved."))
                return redirect("recognition:nomination", code=nomination.code)
    else:
        form = NominationForm(unit=unit, occasions=choices, initial={"submit_now": True})
    return render(request, "recognition/nominate.html", {"unit": unit, "form": form, "has_occasions": bool(choices)})


@login_required
def nomination_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, code)
    context = {
        "nomination": nomination,
        "can_submit": nomination.status in (NominationStatus.DRAFT, NominationStatus.RETURNED)
        and can_capture_unit(request.user, nomination.nominating_unit),
        "support": is_support_for(request.user, nomination.occasion.unit),
        "return_form": ReturnForm(initial={"version": nomination.version}),
        "commendation": getattr(nomination, "commendation", None)
        if nomination.status == NominationStatus.DECIDED
        else None,
    }
    return render(request, "recognition/nomination.html", context)


def _version(request: AuthenticatedRequest) -> int:
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    return int(form.cleaned_data["version"])


@login_required
@require_POST
def nomination_submit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, code)
    try:
        services.nomination_submit(acting_user=request.user, nomination=nomination, expected_version=_version(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The nomination has been submitted."))
    return redirect("recognition:nomination", code=nomination.code)


@login_required
@require_POST
def nomination_accept(request: AuthenticatedRequest, code: str) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, code)
    try:
        services.nomination_accept(acting_user=request.user, nomination=nomination, expected_version=_version(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The nomination has been accepted."))
    if request.POST.get("next") == "occasion":
        return redirect("recognition:occasion", code=nomination.occasion.code)
    return redirect("recognition:nomination", code=nomination.code)


@login_required
@require_POST
def nomination_return(request: AuthenticatedRequest, code: str) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, code)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            require_support(request.user, nomination.occasion.unit)
            raise ValidationError(_("Say why the nomination is returned."))
        services.nomination_return(
            acting_user=request.user,
            nomination=nomination,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The nomination has been returned."))
    return redirect("recognition:nomination", code=nomination.code)


@login_required
def nomination_evidence(request: AuthenticatedRequest, code: str) -> FileResponse:
    nomination = get_nomination_for_user(request.user, code)
    if not nomination.evidence:
        raise Http404
    filename = nomination.evidence.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(nomination.evidence.open("rb"), as_attachment=True, filename=filename)
