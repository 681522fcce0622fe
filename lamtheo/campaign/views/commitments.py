"""Commitments: register, self-assess, the cell's evaluation, the committee's approval; a cell's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit, get_person_for_user, get_unit_for_user
from lamtheo.campaign import services
from lamtheo.campaign.access import (
    can_approve_in,
    can_write_own_commitment,
    get_commitment_for_user,
    is_own,
    require_commitment_writer,
)
from lamtheo.campaign.forms import ApproveForm, EvaluateForm, RegisterForm, SelfAssessForm
from lamtheo.campaign.models import Commitment, Stage
from lamtheo.campaign.selectors.plans import plan_for_unit
from lamtheo.campaign.selectors.progress import cell_members_with_commitments
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org.models import UnitKind


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    """Register (or, before the self-assessment, change) a member's commitment for the year."""
    person = get_person_for_user(request.user, code)
    require_commitment_writer(request.user, person, person.unit)
    existing = Commitment.objects.filter(person=person, year=year).first()
    if existing is not None and existing.stage != Stage.REGISTERED:
        messages.info(request, _("This commitment has been self-assessed and can no longer be changed."))
        return redirect("campaign:commitment", code=existing.code)
    initial = {"items": "\n".join(existing.items), "version": existing.version} if existing else {}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if existing is None:
                commitment = services.commitment_register(
                    acting_user=request.user, person=person, year=year, items=form.item_list()
                )
            else:
                commitment = services.commitment_update_items(
                    acting_user=request.user,
                    commitment=existing,
                    expected_version=form.cleaned_data["version"] or 0,
                    items=form.item_list(),
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The commitment for %(year)s has been saved.") % {"year": year})
            return redirect("campaign:commitment", code=commitment.code)
    plan = plan_for_unit(person.unit, year) if person.unit else None
    context = {"person": person, "year": year, "form": form, "existing": existing, "plan": plan}
    return render(request, "campaign/commitment_register.html", context)


def _detail_context(request: AuthenticatedRequest, commitment: Commitment) -> dict[str, object]:
    user = request.user
    writer = can_write_own_commitment(user, commitment.person, commitment.unit)
    open_ = not commitment.is_locked
    return {
        "commitment": commitment,
        "is_own": is_own(user, commitment.person),
        "can_edit_items": writer and commitment.stage == Stage.REGISTERED,
        "can_self_assess": writer and open_ and commitment.stage in (Stage.REGISTERED, Stage.SELF_ASSESSED),
        "can_evaluate": can_capture_unit(user, commitment.unit) and open_ and commitment.stage != Stage.REGISTERED,
        "can_approve": can_approve_in(user, commitment.unit) and commitment.stage == Stage.EVALUATED,
        "plan": plan_for_unit(commitment.unit, commitment.year),
    }


@login_required
def commitment_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    commitment = get_commitment_for_user(request.user, code)
    return render(request, "campaign/commitment_detail.html", _detail_context(request, commitment))


@login_required
@require_http_methods(["GET", "POST"])
def self_assess(request: AuthenticatedRequest, code: str) -> HttpResponse:
    commitment = get_commitment_for_user(request.user, code)
    require_commitment_writer(request.user, commitment.person, commitment.unit)
    initial = {
        "version": commitment.version,
        "self_assessment": commitment.self_assessment,
        "self_rating": commitment.self_rating,
    }
    form = SelfAssessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_self_assess(
                acting_user=request.user,
                commitment=commitment,
                expected_version=form.cleaned_data["version"],
                self_assessment=form.cleaned_data["self_assessment"],
                self_rating=form.cleaned_data["self_rating"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your self-assessment has been saved."))
            return redirect("campaign:commitment", code=commitment.code)
    context = {
        "commitment": commitment,
        "form": form,
        "title": _("Self-assessment for %(year)s") % {"year": commitment.year},
    }
    return render(request, "campaign/commitment_step.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request: AuthenticatedRequest, code: str) -> HttpResponse:
    commitment = get_commitment_for_user(request.user, code)
    if not can_capture_unit(request.user, commitment.unit):
        raise PermissionDenied
    initial = {
        "version": commitment.version,
        "cell_rating": commitment.cell_rating or commitment.self_rating,
        "cell_comment": commitment.cell_comment,
    }
    form = EvaluateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_evaluate(
                acting_user=request.user,
                commitment=commitment,
                expected_version=form.cleaned_data["version"],
                cell_rating=form.cleaned_data["cell_rating"],
                cell_comment=form.cleaned_data["cell_comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The cell's evaluation has been saved."))
            return redirect("campaign:cell_commitments", code=commitment.unit.code, year=commitment.year)
    context = {
        "commitment": commitment,
        "form": form,
        "title": _("The cell's evaluation of %(name)s, %(year)s")
        % {"name": commitment.person.full_name, "year": commitment.year},
    }
    return render(request, "campaign/commitment_step.html", context)


@login_required
@require_POST
def approve(request: AuthenticatedRequest, code: str) -> HttpResponse:
    commitment = get_commitment_for_user(request.user, code)
    if not can_approve_in(request.user, commitment.unit):
        raise PermissionDenied
    form = ApproveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the page and try again."))
        services.commitment_approve(
            acting_user=request.user, commitment=commitment, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Approved. The commitment is now locked."))
    return redirect("campaign:commitment", code=commitment.code)


@login_required
def cell_commitments(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    """A cell's members and where each one's commitment for the year stands."""
    cell = get_unit_for_user(request.user, code)
    if cell.kind != UnitKind.CELL:
        return redirect("campaign:progress", code=cell.code, year=year)
    lines = cell_members_with_commitments(cell, year)
    context = {
        "cell": cell,
        "year": year,
        "lines": lines,
        "can_capture": can_capture_unit(request.user, cell),
        "can_approve": can_approve_in(request.user, cell),
        "pending_approval": sum(1 for line in lines if line.commitment and line.commitment.stage == Stage.EVALUATED),
    }
    return render(request, "campaign/cell_commitments.html", context)


@login_required
@require_POST
def approve_cell(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    cell = get_unit_for_user(request.user, code)
    if not can_approve_in(request.user, cell):
        raise PermissionDenied
    try:
        count = services.commitment_approve_cell(acting_user=request.user, cell=cell, year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(count)s commitments approved and locked.") % {"count": count})
    return redirect("campaign:cell_commitments", code=cell.code, year=year)
