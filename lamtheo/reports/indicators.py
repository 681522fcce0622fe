"""The catalogue of indicators a template may use, each with its definition and where it comes from.

A *count* is summed up the tree from the records each unit owns (``sources``); a *ratio* is one
count over another, in per cent, computed after the roll-up so it never exceeds what it divides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lamtheo.reports.sources import campaign, inspections, org, recognition

SourceFunction = Callable[[str, dt.date, dt.date], dict[int, float]]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    definition: str | Promise
    source: SourceFunction | None = None  # a count
    ratio: tuple[str, str] | None = None  # (numerator, denominator): a share in per cent
    drill: str = ""  # which page shows the records behind it: activities, progress, inspections, recognition

    @property
    def is_ratio(self) -> bool:
        return self.ratio is not None


CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        "cells", _("Party cells"), _("Party cells active on the last day of the period."), org.cells, drill="tree"
    ),
    Indicator(
        "members",
        _("Party members"),
        _("Members of the party cells on the last day of the period."),
        org.members,
        drill="tree",
    ),
    Indicator(
        "leaders",
        _("Leaders among the members"),
        _("Members of the party cells on the last day of the period who hold a leading position."),
        org.leaders,
        drill="progress",
    ),
    Indicator(
        "subordinate_units",
        _("Directly subordinate committees"),
        _("Directly subordinate party committees active on the last day of the period."),
        org.subordinate_units,
        drill="tree",
    ),
    Indicator(
        "grassroots_units",
        _("Grassroots committees"),
        _("Grassroots party committees active on the last day of the period."),
        org.grassroots_units,
        drill="tree",
    ),
    Indicator(
        "topic_meetings",
        _("Party-cell meetings on the topic"),
        _("Party-cell meetings on the year's thematic topic held in the period, by the cells of the unit."),
        campaign.topic_meetings,
        drill="activities",
    ),
    Indicator(
        "cells_met",
        _("Cells that met on the topic"),
        _("Party cells that held at least one meeting on the thematic topic in the period."),
        campaign.cells_met,
        drill="activities",
    ),
    Indicator(
        "meeting_share",
        _("Cells meeting on the topic (%)"),
        _("Cells that met on the topic, out of the party cells active at the end of the period."),
        ratio=("cells_met", "cells"),
        drill="progress",
    ),
    Indicator(
        "attendance_expected",
        _("Members expected at topic meetings"),
        _("Sum over the topic meetings of the members expected to attend."),
        campaign.attendance_expected,
        drill="activities",
    ),
    Indicator(
        "attendance_present",
        _("Members present at topic meetings"),
        _("Sum over the topic meetings of the members present."),
        campaign.attendance_present,
        drill="activities",
    ),
    Indicator(
        "attendance_rate",
        _("Attendance at topic meetings (%)"),
        _("Members present out of members expected, over all topic meetings of the period."),
        ratio=("attendance_present", "attendance_expected"),
        drill="progress",
    ),
    Indicator(
        "other_activities",
        _("Other campaign activities"),
        _("Thematic study sessions, holiday propaganda, youth and other activities organised in the period."),
        campaign.other_activities,
        drill="activities",
    ),
    Indicator(
        "commitments",
        _("Members' commitments registered"),
        _("Yearly commitments registered by members for the years of the period, counted at their cell."),
        campaign.commitments,
        drill="progress",
    ),
    Indicator(
        "registration_share",
        _("Members who registered a commitment (%)"),
        _("Commitments registered out of the members at the end of the period."),
        ratio=("commitments", "members"),
        drill="progress",
    ),
    Indicator(
        "leader_commitments",
        _("Leaders' commitments (Regulation 101)"),
        _("Commitments registered by leaders, to whom Regulation 101 applies."),
        campaign.leader_commitments,
        drill="progress",
    ),
    Indicator(
        "self_assessed",
        _("Commitments self-assessed"),
        _("Commitments whose member has assessed their own year."),
        campaign.self_assessed,
        drill="progress",
    ),
    Indicator(
        "evaluated",
        _("Commitments evaluated by the cell"),
        _("Commitments the cell has rated."),
        campaign.evaluated,
        drill="progress",
    ),
    Indicator(
        "approved",
        _("Commitments approved"),
        _("Commitments whose evaluation the committee has approved."),
        campaign.approved,
        drill="progress",
    ),
    Indicator(
        "rating_excellent",
        _("Rated: completed tasks excellently"),
        _("Commitments the cell rated 'completed tasks excellently'."),
        campaign.rating_excellent,
        drill="progress",
    ),
    Indicator(
        "rating_good",
        _("Rated: completed tasks well"),
        _("Commitments the cell rated 'completed tasks well'."),
        campaign.rating_good,
        drill="progress",
    ),
    Indicator(
        "rating_complete",
        _("Rated: completed tasks"),
        _("Commitments the cell rated 'completed tasks'."),
        campaign.rating_complete,
        drill="progress",
    ),
    Indicator(
        "rating_not_complete",
        _("Rated: did not complete tasks"),
        _("Commitments the cell rated 'did not complete tasks'."),
        campaign.rating_not_complete,
        drill="progress",
    ),
    Indicator(
        "excellent_share",
        _("Rated excellent (%)"),
        _("Commitments rated 'completed tasks excellently' out of those evaluated."),
        ratio=("rating_excellent", "evaluated"),
        drill="progress",
    ),
    Indicator(
        "inspections_made",
        _("Inspections carried out"),
        _("Inspections, supervisions and situation-grasping visits the unit and its sub-units carried out."),
        inspections.inspections_made,
        drill="inspections",
    ),
    Indicator(
        "inspections_received",
        _("Inspections received"),
        _("Inspections, supervisions and situation-grasping visits of the unit and its sub-units."),
        inspections.inspections_received,
        drill="inspections",
    ),
    Indicator(
        "inspected_subordinate",
        _("Directly subordinate committees inspected"),
        _("Directly subordinate party committees inspected at least once in the period."),
        inspections.inspected_subordinate,
        drill="inspections",
    ),
    Indicator(
        "inspection_coverage",
        _("Inspection coverage of subordinate committees (%)"),
        _("Directly subordinate committees inspected, out of those active at the end of the period."),
        ratio=("inspected_subordinate", "subordinate_units"),
        drill="inspections",
    ),
    Indicator(
        "inspected_grassroots",
        _("Grassroots committees inspected"),
        _("Grassroots party committees inspected at least once in the period."),
        inspections.inspected_grassroots,
        drill="inspections",
    ),
    Indicator(
        "good_practices",
        _("Good, creative practices found"),
        _("Findings of kind 'good practice' in the inspections of the period."),
        inspections.good_practices,
        drill="inspections",
    ),
    Indicator(
        "shortcomings",
        _("Shortcomings found"),
        _("Findings of kind 'shortcoming' in the inspections of the period."),
        inspections.shortcomings,
        drill="inspections",
    ),
    Indicator(
        "public_opinion_issues",
        _("Public-opinion issues"),
        _("Findings of kind 'public-opinion issue' in the inspections of the period."),
        inspections.public_opinion_issues,
        drill="inspections",
    ),
    Indicator(
        "commendations",
        _("Commendations"),
        _("Commendations decided in the period for units and people of the unit."),
        recognition.commendations,
        drill="recognition",
    ),
    Indicator(
        "exemplars",
        _("Exemplars (good people, good deeds)"),
        _("Exemplars proposed in the period and verified or published."),
        recognition.exemplars,
        drill="exemplars",
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in CATALOGUE}
COUNTS: tuple[Indicator, ...] = tuple(i for i in CATALOGUE if i.source is not None)
RATIOS: tuple[Indicator, ...] = tuple(i for i in CATALOGUE if i.ratio is not None)

# The standard template of a unit's year (or half-year, or several years) report.
STANDARD_INDICATORS: tuple[str, ...] = (
    "cells",
    "members",
    "topic_meetings",
    "meeting_share",
    "attendance_rate",
    "other_activities",
    "commitments",
    "registration_share",
    "leader_commitments",
    "evaluated",
    "rating_excellent",
    "rating_good",
    "rating_complete",
    "rating_not_complete",
    "inspections_made",
    "inspections_received",
    "good_practices",
    "public_opinion_issues",
    "commendations",
    "exemplars",
)


def counts_needed(codes: list[str] | tuple[str, ...]) -> list[str]:
    """The counts behind ``codes``: the counts themselves and the two sides of every ratio."""
    needed: list[str] = []
    for code in codes:
        indicator = BY_CODE.get(code)
        if indicator is None:
            continue
        parts = list(indicator.ratio) if indicator.ratio else [code]
        for part in parts:
            if part not in needed:
                needed.append(part)
    return needed


def ratio_value(numerator: float | None, denominator: float | None) -> float | None:
    if not denominator:
        return None
    return round(min(100.0, 100.0 * (numerator or 0.0) / denominator), 1)
