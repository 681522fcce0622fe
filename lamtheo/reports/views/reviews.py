from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lamtheo.accounts.access import can_capture_unit
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.reports import services
from lamtheo.reports.access import get_cycle_for_user, get_review_for_user
from lamtheo.reports.documents.narrative import INTRO, section_title
from lamtheo.reports.documents.review import review_docx
from lamtheo.reports.forms import ReviewCreateForm, ReviewForm
from lamtheo.reports.models import ReviewDraft

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for_user(request.user, code, write=True)
    existing = ReviewDraft.objects.filter(cycle=cycle).first()
    if existing is not None:
        return redirect("reports:review", code=existing.code)
    initial = {"date": timezone.localdate(), "title": cycle.title, "place": "Hà Nội"}
    form = ReviewCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(acting_user=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The review has been drafted from the data and the accepted reports."))
            return redirect("reports:review", code=review.code)
    return render(request, "reports/review_create.html", {"cycle": cycle, "form": form})


def _titles(review: ReviewDraft) -> list[tuple[str, str]]:
    keys = [INTRO, *[k for k in review.cycle.template.sections if k in review.sections]]
    return [(key, section_title(key)) for key in keys]


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    review = get_review_for_user(request.user, code)
    can_edit = can_capture_unit(request.user, review.cycle.issuing_unit) and not review.is_final
    titles = _titles(review)
    if request.method == "POST":
        review = get_review_for_user(request.user, code, write=True)
        form = ReviewForm(request.POST, section_titles=titles)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.review_save(
                    acting_user=request.user,
                    review=review,
                    expected_version=data["version"],
                    number=data["number"],
                    date=data["date"],
                    title=data["title"],
                    place=data["place"],
                    sections=form.sections(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The review has been saved."))
                return redirect("reports:review", code=review.code)
    else:
        initial = {
            "version": review.version,
            "number": review.number,
            "date": review.date,
            "place": review.place,
            "title": review.title,
            **{f"section_{k}": v for k, v in review.sections.items()},
        }
        form = ReviewForm(initial=initial, section_titles=titles)
    context = {"review": review, "cycle": review.cycle, "form": form, "can_edit": can_edit, "titles": titles}
    return render(request, "reports/review_edit.html", context)


@login_required
@require_POST
def review_finalise(request: AuthenticatedRequest, code: str) -> HttpResponse:
    review = get_review_for_user(request.user, code, write=True)
    try:
        services.review_finalise(
            acting_user=request.user, review=review, expected_version=int(request.POST.get("version", "0"))
        )
    except ValueError:
        messages.error(request, _("The form was incomplete. Reload the page."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The review is final: its document is stored and can no longer change."))
    return redirect("reports:review", code=review.code)


@login_required
def review_download(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The final document as stored, or the draft as it would print now."""
    review = get_review_for_user(request.user, code)
    if review.is_final and review.document:
        with review.document.open("rb") as stream:
            content = stream.read()
    else:
        content = review_docx(review)
    response = HttpResponse(content, content_type=DOCX)
    name = f"bao-cao-{review.cycle.period_start:%Y}-{review.cycle.period_end:%Y}"
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response
