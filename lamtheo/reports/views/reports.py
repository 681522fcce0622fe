from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.lib.errors import ConflictError
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.reports import selectors, services
from lamtheo.reports.access import can_edit_report, can_review_report, get_report_for_user
from lamtheo.reports.forms import ReportForm, ReturnForm
from lamtheo.reports.models import NarrativeSection, UnitReport


def _drill_url(drill: str, report: UnitReport) -> str:
    """The page that lists the records behind a figure, for the report's unit and period."""
    unit, year = report.unit.code, report.cycle.period_start.year
    targets: dict[str, tuple[str, list[Any], str]] = {
        "activities": ("campaign:unit_activities", [unit], f"?year={year}"),
        "progress": ("campaign:progress", [unit, report.cycle.period_end.year], ""),
        "inspections": ("inspections:unit", [unit], ""),
        "recognition": ("recognition:index", [], f"?year={year}"),
        "exemplars": ("recognition:exemplars", [], ""),
        "tree": ("org:unit", [unit], ""),
    }
    if drill not in targets:
        return ""
    name, args, query = targets[drill]
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return ""


def _context(request: AuthenticatedRequest, report: UnitReport, form: ReportForm | None = None) -> dict[str, Any]:
    lines = selectors.indicator_lines(report.cycle.template)
    editable = report.is_editable and can_edit_report(request.user, report)
    if form is None and editable:
        form = _form(report, lines)
    labels = dict(NarrativeSection.choices)
    return {
        "report": report,
        "cycle": report.cycle,
        "figures": [(line, report.values.get(line.code), _drill_url(line.drill, report)) for line in lines],
        "sections": [(labels.get(key, key), report.narrative.get(key, "")) for key in report.cycle.template.sections],
        "form": form,
        "editable": editable,
        "can_review": can_review_report(request.user, report) and report.status == "submitted",
        "return_form": ReturnForm(),
        "expected": selectors.is_expected(report),
        "on_time": selectors.is_on_time(report),
    }


def _form(report: UnitReport, lines: list[selectors.IndicatorLine], data: Any = None) -> ReportForm:
    manual = [line for line in lines if line.manual]
    initial: dict[str, Any] = {"version": report.version}
    initial.update({f"section_{k}": v for k, v in report.narrative.items()})
    for line in manual:
        value = report.values.get(line.code)
        # 14, not 14.0, in the number box.
        initial[f"value_{line.code}"] = int(value) if isinstance(value, float) and value.is_integer() else value
    return ReportForm(data, report=report, manual=manual, initial=initial)


@login_required
def report_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, code)
    return render(request, "reports/report_detail.html", _context(request, report))


@login_required
@require_http_methods(["POST"])
def report_save(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Save the draft; with ``submit`` in the form, save and submit it in the same click."""
    report = get_report_for_user(request.user, code, write=True)
    lines = selectors.indicator_lines(report.cycle.template)
    form = _form(report, lines, request.POST)
    if form.is_valid():
        try:
            report = services.report_save(
                acting_user=request.user,
                report=report,
                expected_version=form.cleaned_data["version"],
                narrative=form.narrative(),
                manual_values=form.manual_values(),
            )
            if "submit" in request.POST:
                services.report_submit(acting_user=request.user, report=report, expected_version=report.version)
                messages.success(request, _("The report has been submitted."))
            else:
                messages.success(request, _("The draft has been saved."))
            return redirect("reports:report", code=report.code)
        except ConflictError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
            report.refresh_from_db()
    return render(request, "reports/report_detail.html", _context(request, report, form), status=200)


@login_required
@require_POST
def report_submit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, code, write=True)
    try:
        version = int(request.POST.get("version", "0"))
        services.report_submit(acting_user=request.user, report=report, expected_version=version)
    except ValueError:
        messages.error(request, _("The form was incomplete. Reload the page."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report has been submitted."))
    return redirect("reports:report", code=report.code)


@login_required
@require_POST
def report_refresh(request: AuthenticatedRequest, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, code, write=True)
    try:
        version = int(request.POST.get("version", "0"))
        services.report_refresh_figures(acting_user=request.user, report=report, expected_version=version)
    except ValueError:
        messages.error(request, _("The form was incomplete. Reload the page."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The figures have been read again from the records."))
    return redirect("reports:report", code=report.code)


@login_required
@require_POST
def report_accept(request: AuthenticatedRequest, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, code, review=True)
    try:
        services.report_accept(acting_user=request.user, report=report, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report has been accepted and is now locked."))
    return redirect("reports:report", code=report.code)


@login_required
@require_POST
def report_return(request: AuthenticatedRequest, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, code, review=True)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(acting_user=request.user, report=report, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The report has been returned to the unit with your comment."))
            return redirect("reports:report", code=report.code)
    context = _context(request, report)
    context["return_form"] = form
    return render(request, "reports/report_detail.html", context)
