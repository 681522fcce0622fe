"""Reads for inspections: the coverage board, proposed priorities, lists. Callers pass scoped objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lamtheo.accounts.access import sees_a_whole_tree
from lamtheo.inspections.models import (
    CoverageRule,
    Finding,
    FindingKind,
    Inspection,
    InspectionPlan,
    PlannedInspection,
    Recommendation,
    RecommendationStatus,
)
from lamtheo.inspections.scope import recommendations_visible_to
from lamtheo.lib.text import fold
from lamtheo.org.models import SectorTag, Unit, UnitKind


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def rule_units(plan: InspectionPlan) -> QuerySet[Unit]:
    """Every unit the plan's rule names, whatever its dates (the current tree: merged units keep their place)."""
    unit = plan.unit
    if plan.coverage_rule == CoverageRule.SUBORDINATE:
        return Unit.objects.filter(
            path__startswith=unit.path, depth=unit.depth + 1, kind=UnitKind.SUBORDINATE_COMMITTEE
        )
    if plan.coverage_rule == CoverageRule.GRASSROOTS:
        return Unit.objects.filter(path__startswith=unit.path, kind=UnitKind.GRASSROOTS_COMMITTEE)
    return Unit.objects.filter(pk__in=PlannedInspection.objects.filter(plan=plan).values("target"))


def units_active_in_year(plan: InspectionPlan) -> QuerySet[Unit]:
    """Units of the rule active on at least one day of the plan's year."""
    start, end = _year_bounds(plan.year)
    return rule_units(plan).filter(active_from__lte=end).filter(Q(active_to__isnull=True) | Q(active_to__gte=start))


def first_inspections(plan: InspectionPlan, units: QuerySet[Unit]) -> dict[int, dt.date]:
    """Each unit's first visit by the plan's unit in the plan's year (one grouped query)."""
    start, end = _year_bounds(plan.year)
    return dict(
        Inspection.objects.filter(
            inspecting_unit=plan.unit, target__in=units, start_date__gte=start, start_date__lte=end
        )
        .order_by()
        .values("target")
        .annotate(first=Min("start_date"))
        .values_list("target", "first")
    )


@dataclass
class CoverageRow:
    unit: Unit
    inspected_on: dt.date | None
    planned_months: list[int]
    ceased_in_year: bool


@dataclass
class MonthBar:
    month: int
    inspected: int  # units first inspected this month
    cumulative: int
    planned: int  # units planned for this month


@dataclass
class SectorLine:
    tag: SectorTag
    covered: int
    expected: int

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.expected) if self.expected else 0


@dataclass
class Coverage:
    plan: InspectionPlan
    covered: int
    expected: int
    rows: list[CoverageRow] = field(default_factory=list)
    months: list[MonthBar] = field(default_factory=list)
    sectors: list[SectorLine] = field(default_factory=list)
    left_out: list[Unit] = field(default_factory=list)  # ceased during the year without a visit

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.expected) if self.expected else 0


def coverage(plan: InspectionPlan) -> Coverage:
    """The coverage board: "41/63 inspected in 2016", by month and by sector.

    The denominator is the units the rule names that were active on at least one day of the year.
    A unit merged or dissolved before the year is out. A unit that ceased *during* the year counts
    only if it was inspected before it ceased: otherwise the unit it was merged into carries the
    duty, and it leaves the denominator. So the rate never exceeds 100 %.
    Six queries whatever the number of units.
    """
    _, end = _year_bounds(plan.year)
    candidates = list(units_active_in_year(plan).prefetch_related("sector_tags").order_by("name"))
    firsts = first_inspections(plan, units_active_in_year(plan))
    planned: dict[int, list[int]] = {}
    for target_id, month in (
        PlannedInspection.objects.filter(plan=plan).order_by("month").values_list("target_id", "month")
    ):
        planned.setdefault(target_id, []).append(month)

    result = Coverage(plan=plan, covered=0, expected=0)
    for unit in candidates:
        ceased = unit.active_to is not None and unit.active_to < end
        inspected_on = firsts.get(unit.pk)
        if ceased and inspected_on is None:
            result.left_out.append(unit)
            continue
        result.rows.append(
            CoverageRow(
                unit=unit, inspected_on=inspected_on, planned_months=planned.get(unit.pk, []), ceased_in_year=ceased
            )
        )
    result.expected = len(result.rows)
    result.covered = sum(1 for row in result.rows if row.inspected_on is not None)

    new_by_month = [0] * 13
    planned_by_month = [0] * 13
    for row in result.rows:
        if row.inspected_on is not None:
            new_by_month[row.inspected_on.month] += 1
        for month in set(row.planned_months):
            planned_by_month[month] += 1
    running = 0
    for month in range(1, 13):
        running += new_by_month[month]
        result.months.append(
            MonthBar(month=month, inspected=new_by_month[month], cumulative=running, planned=planned_by_month[month])
        )

    expected_by_tag: dict[int, int] = {}
    covered_by_tag: dict[int, int] = {}
    tags: dict[int, SectorTag] = {}
    for row in result.rows:
        for tag in row.unit.sector_tags.all():  # prefetched above
            tags[tag.pk] = tag
            expected_by_tag[tag.pk] = expected_by_tag.get(tag.pk, 0) + 1
            if row.inspected_on is not None:
                covered_by_tag[tag.pk] = covered_by_tag.get(tag.pk, 0) + 1
    result.sectors = [
        SectorLine(tag=tags[pk], covered=covered_by_tag.get(pk, 0), expected=n)
        for pk, n in sorted(expected_by_tag.items(), key=lambda item: tags[item[0]].name)
    ]
    return result


@dataclass
class Priority:
    unit: Unit
    reasons: list[str]
    score: int
    last_inspected: dt.date | None


def priorities(plan: InspectionPlan, *, limit: int = 15) -> list[Priority]:
    """Units the plan should take first, with why: flagged weak, not inspected for longest, priority sector.

    Units already planned or inspected this year are left out. Four queries.
    """
    start, _end = _year_bounds(plan.year)
    units = units_active_in_year(plan).filter(active_to__isnull=True)
    already = set(PlannedInspection.objects.filter(plan=plan).values_list("target_id", flat=True))
    already.update(first_inspections(plan, units).keys())
    last_before: dict[int, dt.date] = dict(
        Inspection.objects.filter(target__in=units, start_date__lt=start)
        .order_by()
        .values("target")
        .annotate(last=Max("start_date"))
        .values_list("target", "last")
    )
    weak = set(plan.weak_units.values_list("pk", flat=True))
    sector_ids = set(plan.priority_sectors.values_list("pk", flat=True))
    result: list[Priority] = []
    for unit in units.prefetch_related("sector_tags"):
        if unit.pk in already:
            continue
        reasons: list[str] = []
        score = 0
        if unit.pk in weak:
            reasons.append(_("flagged as weak"))
            score += 3
        last = last_before.get(unit.pk)
        if last is None:
            reasons.append(_("never inspected"))
            score += 2
        elif plan.year - last.year >= 2:
            reasons.append(_("not inspected since %(year)s") % {"year": last.year})
            score += 1
        matching = [tag.name for tag in unit.sector_tags.all() if tag.pk in sector_ids]
        if matching:
            reasons.append(_("priority sector: %(sectors)s") % {"sectors": ", ".join(matching)})
            score += 1
        if score:
            result.append(Priority(unit=unit, reasons=reasons, score=score, last_inspected=last))
    result.sort(key=lambda p: (-p.score, p.last_inspected or dt.date.min, p.unit.name))
    return result[:limit]


def with_counts(inspections: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """Inspections for a list, each with its number of findings of each kind and open recommendations."""
    return inspections.select_related("inspecting_unit", "target").annotate(
        good_practices=Count("findings", filter=Q(findings__kind=FindingKind.GOOD_PRACTICE), distinct=True),
        shortcomings=Count("findings", filter=~Q(findings__kind=FindingKind.GOOD_PRACTICE), distinct=True),
        open_recommendations=Count(
            "recommendations",
            filter=~Q(recommendations__status=RecommendationStatus.CLOSED),
            distinct=True,
        ),
    )


def search_good_practices(query: str) -> QuerySet[Finding]:
    """The good-practice library, open to every logged-in user; diacritics-insensitive search."""
    practices = Finding.objects.filter(kind=FindingKind.GOOD_PRACTICE).select_related(
        "inspection", "inspection__target", "inspection__inspecting_unit"
    )
    condition = Q()
    for word in fold(query).split():
        condition &= Q(search_text__contains=word)
    return practices.filter(condition).order_by("-inspection__start_date", "-id")


def overdue_at_a_glance(user: Any, *, shown: int = 5) -> tuple[int, list[Recommendation]]:
    """How many recommendations the user sees are overdue, and the first ``shown`` of them. A scope
    smaller than a whole tree is read once (the ids, in order: a few hundred for a province), then only
    the rows shown; a whole tree's are counted, as they are thousands."""
    overdue = overdue_recommendations(user)
    if sees_a_whole_tree(user):
        return overdue.count(), list(overdue[:shown])
    ids = list(overdue.values_list("pk", flat=True))
    if not ids:
        return 0, []
    first = (
        Recommendation.objects.filter(pk__in=ids[:shown])
        .select_related("responsible_unit", "inspection", "inspection__inspecting_unit")
        .order_by("due_date", "id")
    )
    return len(ids), list(first)


def overdue_recommendations(user: Any) -> QuerySet[Recommendation]:
    """Open recommendations past their due date that either side of the inspection can see."""
    return (
        recommendations_visible_to(user)
        .filter(status=RecommendationStatus.OPEN, due_date__lt=timezone.localdate())
        .select_related("responsible_unit", "inspection", "inspection__inspecting_unit")
        .order_by("due_date", "id")
    )
