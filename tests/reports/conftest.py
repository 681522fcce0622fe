from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lamtheo.campaign.models import Rating
from lamtheo.inspections.models import FindingKind
from lamtheo.reports.models import ReportingCycle, ReportTemplate, UnitReport
from tests.conftest import Org
from tests.factories import make_person
from tests.reports.factories import commendation, commitment, inspection, make_template, meeting, open_cycle


@dataclass
class Reporting:
    org: Org
    template: ReportTemplate
    cycle: ReportingCycle
    report_a: UnitReport
    report_b: UnitReport


def add_records(org: Org) -> None:
    """2015: two meetings in cell A1a and one in A2, three commitments, an inspection of committee A
    with two findings, a commendation of cell A2; one meeting of 2016 that a 2015 figure must not count."""
    meeting(org.cell_a1a, dt.date(2015, 3, 10), 10, 9)
    meeting(org.cell_a1a, dt.date(2015, 9, 10), 10, 7)
    meeting(org.cell_a2, dt.date(2015, 4, 2), 6, 6)
    meeting(org.cell_b1, dt.date(2016, 2, 2), 5, 5)
    commitment(org.member_person, 2015, Rating.EXCELLENT)
    commitment(make_person(org.cell_a1a, given_name="Hà"), 2015, Rating.GOOD)
    commitment(make_person(org.cell_a2, given_name="Lan"), 2015)
    inspection(
        org.bloc, org.committee_a, dt.date(2015, 6, 1), findings=(FindingKind.GOOD_PRACTICE, FindingKind.SHORTCOMING)
    )
    commendation(org.bloc, org.cell_a2, dt.date(2015, 12, 20))


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Charts and final review documents are written under MEDIA_ROOT: keep the tests' out of var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reporting(org: Org) -> Reporting:
    add_records(org)
    template = make_template()
    cycle = open_cycle(org.bloc, template)
    return Reporting(
        org=org,
        template=template,
        cycle=cycle,
        report_a=UnitReport.objects.get(cycle=cycle, unit=org.committee_a),
        report_b=UnitReport.objects.get(cycle=cycle, unit=org.committee_b),
    )
