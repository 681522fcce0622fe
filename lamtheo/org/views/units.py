from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lamtheo.accounts.access import (
    can_capture_unit,
    can_view_unit,
    get_unit_for_user,
    is_administrator,
    top_units_for,
    units_visible_to,
)
from lamtheo.accounts.models import Role
from lamtheo.lib import extensions
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.org import selectors, services
from lamtheo.org.forms import UnitCloseForm, UnitCreateForm, UnitForm
from lamtheo.org.models import UnitKind

PEOPLE_PAGE_SIZE = 100


@login_required
def tree(request: AuthenticatedRequest) -> HttpResponse:
    """The tree browser: the user's top units; deeper levels load on demand (htmx)."""
    rows = []
    for unit in top_units_for(request.user).prefetch_related("sector_tags"):
        totals = selectors.subtree_totals(unit)
        rows.append(selectors.ChildRow(unit=unit, sub_units=totals["units"], people=totals["people"]))
    return render(request, "org/tree.html", {"rows": rows})


@login_required
def children(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    rows = selectors.children_with_counts(unit, include_closed=request.GET.get("closed") == "1")
    return render(request, "org/_tree_rows.html", {"rows": rows, "parent": unit})


@login_required
def search(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = list(selectors.search_units(units_visible_to(request.user), query)) if query else []
    template = "org/_search_results.html" if request.headers.get("HX-Request") else "org/search.html"
    return render(request, template, {"query": query, "results": results})


@login_required
def unit_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    page = Paginator(selectors.people_of_unit(unit), PEOPLE_PAGE_SIZE).get_page(request.GET.get("trang"))
    counts = selectors.subtree_counts(unit)
    totals = selectors.subtree_totals(unit, counts)
    officers = (
        # Members and the portal's editors and moderators are not the unit's officers.
        unit.role_assignments.exclude(role__in=[Role.MEMBER, Role.EDITOR, Role.MODERATOR])
        .select_related("user", "user__person")
        .order_by("role", "user__username")
    )
    context = {
        "unit": unit,
        "ancestors": [a for a in selectors.ancestors(unit) if can_view_unit(request.user, a)],
        "rows": selectors.children_with_counts(unit, include_closed=True, counts=counts),
        "people": page,
        "people_total": page.paginator.count,
        "officers": officers,
        "totals": totals,
        "export_in_background": totals["units"] + totals["people"] > settings.EXPORT_SYNC_LIMIT,
        "can_capture": can_capture_unit(request.user, unit),
        "is_admin": is_administrator(request.user),
        "merged_units": unit.merged_units.all(),
        "extra_links": extensions.unit_links(request.user, unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def tree_as_of(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    raw = request.GET.get("date", "")
    error = ""
    try:
        day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
        error = _("“%(value)s” is not a date; showing today instead.") % {"value": raw}
    node = selectors.tree_as_of(unit, day)
    # A whole Bloc is thousands of rows: prepare plain values once instead of per-row template lookups.
    unit_url = reverse("org:unit", args=["-code-"])
    kinds = dict(UnitKind.choices)
    rows = [
        {
            "url": unit_url.replace("-code-", row.code),
            "name": row.name,
            "kind": kinds.get(row.kind, row.kind),
            "closed": "" if row.active_to is None else row.status_label,
            "level": min(level, 6),
        }
        for row, level in (selectors.outline(node) if node is not None else [])
    ]
    return render(request, "org/tree_as_of.html", {"unit": unit, "day": day, "rows": rows, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = UnitForm(request.POST)
        if form.is_valid():
            try:
                services.unit_update(
                    acting_user=request.user,
                    unit=unit,
                    expected_version=form.cleaned_data["version"],
                    name=form.cleaned_data["name"],
                    short_name=form.cleaned_data["short_name"],
                    sector_codes=[t.code for t in form.cleaned_data["sectors"]],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The unit has been saved."))
                return redirect("org:unit", code=unit.code)
    else:
        form = UnitForm(
            initial={
                "version": unit.version,
                "name": unit.name,
                "short_name": unit.short_name,
                "sectors": list(unit.sector_tags.all()),
            }
        )
    return render(request, "org/unit_form.html", {"unit": unit, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    parent = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = UnitCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = services.unit_create(
                    acting_user=request.user,
                    parent=parent,
                    code=data["code"],
                    name=data["name"],
                    short_name=data["short_name"],
                    kind=data["kind"],
                    sector_codes=[t.code for t in data["sectors"]],
                    active_from=data["active_from"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The unit has been created."))
                return redirect("org:unit", code=unit.code)
    else:
        form = UnitCreateForm(initial={"active_from": timezone.localdate()})
    return render(request, "org/unit_add.html", {"parent": parent, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Merge a unit into another, or dissolve it; its history is kept either way."""
    unit = get_unit_for_user(request.user, code, write=True)
    if request.method == "POST":
        form = UnitCloseForm(request.POST)
        if form.is_valid():
            into_code = form.cleaned_data["merge_into"].strip()
            try:
                if into_code:
                    try:
                        into = get_unit_for_user(request.user, into_code, write=True)
                    except Http404 as exc:
                        raise ValidationError(
                            _("No unit with code “%(code)s” in your scope.") % {"code": into_code}
                        ) from exc
                    services.unit_merge(
                        acting_user=request.user,
                        unit=unit,
                        into=into,
                        on_date=form.cleaned_data["on_date"],
                    )
                    messages.success(request, _("The unit has been merged."))
                else:
                    services.unit_dissolve(
                        acting_user=request.user,
                        unit=unit,
                        on_date=form.cleaned_data["on_date"],
                    )
                    messages.success(request, _("The unit has been dissolved."))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("org:unit", code=unit.code)
    else:
        form = UnitCloseForm(initial={"on_date": timezone.localdate()})
    return render(request, "org/unit_close.html", {"unit": unit, "form": form})
