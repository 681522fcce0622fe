"""Which plan applies where: a unit sees the nearest plan at or above it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from lamtheo.campaign.models import YearPlan
from lamtheo.org.models import Unit

STEPLEN = Unit.steplen


def _paths_up(unit: Unit) -> list[str]:
    return [unit.path[:i] for i in range(STEPLEN, len(unit.path) + 1, STEPLEN)]


def plans_reaching(unit: Unit) -> QuerySet[YearPlan]:
    """Plans of the unit and of the units above it, nearest first within a year."""
    return (
        YearPlan.objects.filter(unit__path__in=_paths_up(unit))
        .select_related("unit", "programme")
        .order_by("-year", "-unit__depth", "-programme__issued_on")
    )


def plan_for_unit(unit: Unit, year: int) -> YearPlan | None:
    """The plan a unit works to in ``year``: its own, or else the nearest one above it."""
    return plans_reaching(unit).filter(year=year).first()


def current_plan_for_unit(unit: Unit, today: dt.date) -> YearPlan | None:
    """This year's plan, or the latest before it when this year's has not been set."""
    return plans_reaching(unit).filter(year__lte=today.year).first()


def plan_years_for_unit(unit: Unit) -> list[int]:
    return sorted(set(plans_reaching(unit).values_list("year", flat=True)), reverse=True)


def default_day_in(plan: YearPlan, today: dt.date) -> dt.date:
    """Today when it lies in the plan's year; else the plan year's last day (recording after the fact)."""
    if today.year == plan.year:
        return today
    return dt.date(plan.year, 12, 31) if today.year > plan.year else dt.date(plan.year, 1, 1)
