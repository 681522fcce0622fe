from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lamtheo.accounts.access import can_capture_unit, can_view_unit, get_unit_for_user
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.ops.jobs import job_enqueue
from lamtheo.org import selectors as org_selectors
from lamtheo.reports import selectors
from lamtheo.reports.charts import CHART_NAMES, chart_title, render_chart
from lamtheo.reports.indicators import BY_CODE
from lamtheo.reports.jobs import REFRESH_KIND
from lamtheo.reports.models import ReportingCycle
from lamtheo.reports.summaries import last_refreshed, summary_years

CHART_DIR = "reports/charts"


def _years(unit_years: list[int], year: int) -> list[int]:
    return sorted({*unit_years, year})


@login_required
def dashboard_current(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    years = summary_years(unit)
    year = years[-1] if years else timezone.localdate().year
    return redirect("reports:dashboard", code=unit.code, year=year)


@login_required
def dashboard(request: AuthenticatedRequest, code: str, year: int) -> HttpResponse:
    """The year at a glance for the unit's subtree, each child a drill-down: read from the summaries."""
    unit = get_unit_for_user(request.user, code)
    years = summary_years(unit)
    board = selectors.dashboard(unit, year, _years(years, year))
    ancestors = [a for a in org_selectors.ancestors(unit) if can_view_unit(request.user, a)]
    # The latest cycle the unit issued for the year: how many of its units have reported.
    cycle = (
        ReportingCycle.objects.filter(issuing_unit=unit, period_start__year__lte=year, period_end__year__gte=year)
        .order_by("-period_end", "-id")
        .first()
    )
    reporting = {row.unit.pk: row.figures for row in selectors.completeness_by_child(cycle, unit)} if cycle else {}
    context = {
        "unit": unit,
        "board": board,
        "cycle": cycle,
        "cycle_total": selectors.completeness(cycle, unit) if cycle else None,
        "rows": [(row, reporting.get(row.unit.pk)) for row in board.rows],
        "years": _years(years, year),
        "ancestors": ancestors,
        "labels": {code: BY_CODE[code].label for code in selectors.DASHBOARD_CODES},
        "charts": [(name, chart_title(name)) for name in CHART_NAMES],
        "refreshed": last_refreshed(unit),
        "can_refresh": can_capture_unit(request.user, unit),
    }
    return render(request, "reports/dashboard.html", context)


@login_required
def chart(request: AuthenticatedRequest, code: str, year: int, name: str) -> HttpResponse:
    """A dashboard chart as PNG, kept in MEDIA_ROOT until the summaries are refreshed again."""
    unit = get_unit_for_user(request.user, code)
    if name not in CHART_NAMES:
        raise Http404
    refreshed = last_refreshed(unit)
    stamp = f"{refreshed:%Y%m%d%H%M%S%f}" if refreshed else "none"
    path = Path(settings.MEDIA_ROOT) / CHART_DIR / unit.code / f"{year}-{name}-{get_language()}-{stamp}.png"
    if path.exists():
        content = path.read_bytes()
    else:
        years = _years(summary_years(unit), year)
        content = render_chart(selectors.dashboard(unit, year, years), name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    response = HttpResponse(content, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def summaries_refresh(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code, write=True)
    job_enqueue(acting_user=request.user, kind=REFRESH_KIND, params={"unit": unit.code})
    messages.success(request, _("The figures will be recomputed in the background in a few moments."))
    return redirect("reports:dashboard_current", code=unit.code)
