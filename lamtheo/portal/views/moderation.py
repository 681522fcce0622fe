"""The moderators' queue: approve, reject with a reason, or mark as spam, one or many at a time."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.portal import selectors, services
from lamtheo.portal.forms import ModerationForm
from lamtheo.portal.models import Comment, CommentStatus
from lamtheo.portal.views.access import moderator_required

PAGE_SIZE = 50


@moderator_required
@require_http_methods(["GET", "POST"])
def queue(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in CommentStatus.values:
        status = CommentStatus.PENDING
    form = ModerationForm(request.POST or None)
    if request.method == "POST":
        codes = request.POST.getlist("comment")
        if not codes:
            messages.error(request, _("Tick at least one comment."))
        elif form.is_valid():
            try:
                chosen = list(Comment.objects.filter(code__in=codes))
            except ValidationError:
                chosen = []
            try:
                changed = services.comments_moderate(
                    acting_user=request.user,
                    comments=chosen,
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    ngettext("%(count)d comment updated.", "%(count)d comments updated.", changed) % {"count": changed},
                )
                return redirect(f"{request.path}?status={status}")
    page = Paginator(selectors.moderation_queue(status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": CommentStatus.choices,
        "counters": selectors.moderation_counters(),
        "form": form,
    }
    return render(request, "portal/editor/moderation.html", context)
