"""The review's text, first assembled from the data and the accepted unit reports, then edited."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from lamtheo.org.models import Unit
from lamtheo.reports.compute import compute, values_for_unit
from lamtheo.reports.models import NarrativeSection, PeriodKind, ReportingCycle
from lamtheo.reports.selectors import Completeness, accepted_reports, completeness

INTRO = "intro"
TOTAL_CODES = (
    "cells",
    "members",
    "topic_meetings",
    "meeting_share",
    "attendance_rate",
    "commitments",
    "registration_share",
    "evaluated",
    "rating_excellent",
    "rating_good",
    "rating_complete",
    "rating_not_complete",
    "inspections_made",
    "inspected_subordinate",
    "subordinate_units",
    "good_practices",
    "public_opinion_issues",
    "commendations",
    "exemplars",
)


def number(value: float | None) -> str:
    """A figure the Vietnamese way: 7.276 and 93,5."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def period_words(cycle: ReportingCycle) -> str:
    if cycle.period_kind == PeriodKind.YEAR:
        return _("the year %(year)s") % {"year": cycle.period_start.year}
    if cycle.period_kind == PeriodKind.HALF_YEAR:
        return _("the half-year from %(start)s to %(end)s") % {
            "start": f"{cycle.period_start:%d/%m/%Y}",
            "end": f"{cycle.period_end:%d/%m/%Y}",
        }
    return _("the years %(first)s–%(last)s") % {"first": cycle.period_start.year, "last": cycle.period_end.year}


@dataclass
class Totals:
    values: dict[str, float | None]
    completeness: Completeness


def totals(cycle: ReportingCycle, unit: Unit | None = None) -> Totals:
    """The issuing unit's figures over the cycle's period, computed from the records."""
    unit = unit or cycle.issuing_unit
    figures = compute(unit, [unit], cycle.period_start, cycle.period_end, TOTAL_CODES)
    return Totals(values=values_for_unit(figures, unit.pk), completeness=completeness(cycle, unit))


def intro_text(cycle: ReportingCycle, data: Totals) -> str:
    v = data.values
    c = data.completeness
    sentences = [
        _(
            "In %(period)s, %(cells)s party cells with %(members)s members under %(unit)s held %(meetings)s "
            "party-cell meetings on the thematic topic; %(share)s%% of the cells met on the topic, with an "
            "attendance of %(attendance)s%%."
        )
        % {
            "period": period_words(cycle),
            "cells": number(v.get("cells")),
            "members": number(v.get("members")),
            "unit": cycle.issuing_unit.name,
            "meetings": number(v.get("topic_meetings")),
            "share": number(v.get("meeting_share")),
            "attendance": number(v.get("attendance_rate")),
        },
        _(
            "%(commitments)s members registered a commitment (%(registration)s%%); of the %(evaluated)s "
            "evaluated, %(excellent)s completed their tasks excellently, %(good)s well, %(complete)s completed "
            "them and %(not_complete)s did not."
        )
        % {
            "commitments": number(v.get("commitments")),
            "registration": number(v.get("registration_share")),
            "evaluated": number(v.get("evaluated")),
            "excellent": number(v.get("rating_excellent")),
            "good": number(v.get("rating_good")),
            "complete": number(v.get("rating_complete")),
            "not_complete": number(v.get("rating_not_complete")),
        },
        _(
            "%(inspections)s inspections, supervisions and situation-grasping visits were carried out; "
            "%(inspected)s of %(subordinate)s directly subordinate committees were inspected; %(practices)s good, "
            "creative practices and %(opinion)s public-opinion issues were found. %(commendations)s commendations "
            "were decided and %(exemplars)s exemplars of good people, good deeds were recognised."
        )
        % {
            "inspections": number(v.get("inspections_made")),
            "inspected": number(v.get("inspected_subordinate")),
            "subordinate": number(v.get("subordinate_units")),
            "practices": number(v.get("good_practices")),
            "opinion": number(v.get("public_opinion_issues")),
            "commendations": number(v.get("commendations")),
            "exemplars": number(v.get("exemplars")),
        },
        _("%(submitted)s of %(expected)s units sent their report (%(rate)s%%), %(on_time)s of them on time.")
        % {
            "submitted": c.submitted,
            "expected": c.expected,
            "rate": number(c.rate),
            "on_time": c.on_time,
        },
    ]
    return " ".join(sentences)


def assemble_sections(cycle: ReportingCycle) -> dict[str, str]:
    """The opening paragraph from the figures, then each narrative section from the accepted reports.

    Written in the organisation's language (``LANGUAGE_CODE``), whatever the language of the page: it
    is the text of a party document."""
    with translation.override(settings.LANGUAGE_CODE):
        return _assemble(cycle)


def _assemble(cycle: ReportingCycle) -> dict[str, str]:
    sections = {INTRO: intro_text(cycle, totals(cycle))}
    reports = list(accepted_reports(cycle))
    for key in cycle.template.sections:
        parts = [
            f"{report.unit.short_name or report.unit.name}: {text}"
            for report in reports
            if (text := (report.narrative.get(key) or "").strip())
        ]
        sections[key] = "\n\n".join(parts)
    return sections


def section_title(key: str) -> str:
    if key == INTRO:
        return _("General situation")
    return str(NarrativeSection(key).label) if key in NarrativeSection.values else key
