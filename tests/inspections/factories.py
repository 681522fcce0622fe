"""Inspection test data, written through the services like a user's would be."""

from __future__ import annotations

import datetime as dt

from lamtheo.inspections import services
from lamtheo.inspections.models import Finding, FindingKind, Inspection, InspectionKind, Recommendation
from lamtheo.org.models import Unit


def make_inspection(
    inspecting_unit: Unit,
    target: Unit,
    start: dt.date = dt.date(2016, 3, 10),
    *,
    kind: str = InspectionKind.INSPECTION,
    days: int = 1,
) -> Inspection:
    return services.inspection_record(
        acting_user=None,
        inspecting_unit=inspecting_unit,
        target=target,
        kind=kind,
        start_date=start,
        end_date=start + dt.timedelta(days=days),
    )


def make_finding(inspection: Inspection, title: str = "Sổ tay làm theo lời Bác", **kw: str) -> Finding:
    return services.finding_add(
        acting_user=None,
        inspection=inspection,
        kind=kw.get("kind", FindingKind.GOOD_PRACTICE),
        title=title,
        description=kw.get("description", ""),
    )


def make_recommendation(inspection: Inspection, due: dt.date | None = None) -> Recommendation:
    return services.recommendation_add(
        acting_user=None,
        inspection=inspection,
        text="Xây dựng kế hoạch thực hiện chuyên đề năm.",
        responsible_unit=inspection.target,
        due_date=due or inspection.end_date + dt.timedelta(days=30),
    )
