"""On the demo data: the cycles are there as the seed tells it, the summaries equal the live counts,
and the 2015 annual review and the 4-year review are generated.

The demo takes seconds to load, so the module loads it once in a transaction rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from docx import Document

from lamtheo.org.models import Unit
from lamtheo.reports.compute import compute
from lamtheo.reports.documents.review import review_docx
from lamtheo.reports.indicators import CATALOGUE
from lamtheo.reports.models import PeriodKind, ReportingCycle, ReviewDraft
from lamtheo.reports.selectors import completeness
from lamtheo.reports.summaries import read_summaries

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers), django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_load", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def bloc(demo: None) -> Unit:
    return Unit.objects.get(code="dukcqtw")


def test_the_2015_cycle_is_mostly_submitted_some_late_a_few_missing(bloc: Unit) -> None:
    annual = ReportingCycle.objects.get(issuing_unit=bloc, period_kind=PeriodKind.YEAR)
    assert annual.deadline == dt.date(2015, 12, 15)
    figures = completeness(annual, bloc)
    assert figures.expected == 63
    assert 55 <= figures.submitted < 63
    assert figures.on_time < figures.submitted
    assert figures.accepted > 40
    assert ReportingCycle.objects.filter(period_kind=PeriodKind.HALF_YEAR, status="open").exists()
    assert ReportingCycle.objects.get(period_kind=PeriodKind.MULTI_YEAR).title.startswith("Tổng kết 4 năm")


def test_the_summaries_equal_the_live_counts_on_the_demo(bloc: Unit) -> None:
    units = [bloc, *Unit.objects.filter(path__startswith=bloc.path, depth=bloc.depth + 1)]
    codes = [indicator.code for indicator in CATALOGUE]
    stored = read_summaries([u.pk for u in units], ["2015", "2016"])
    for year in (2015, 2016):
        live = compute(bloc, units, dt.date(year, 1, 1), dt.date(year, 12, 31), codes)
        for unit in units:
            assert stored[unit.pk][str(year)] == {code: live[code][unit.pk] for code in codes}, (unit.code, year)


@pytest.mark.parametrize("kind", [PeriodKind.YEAR, PeriodKind.MULTI_YEAR])
def test_the_annual_and_the_4_year_reviews_are_generated(bloc: Unit, kind: str) -> None:
    review = ReviewDraft.objects.get(cycle__issuing_unit=bloc, cycle__period_kind=kind)
    document = Document(io.BytesIO(review_docx(review)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and review.title in text
    assert "chi bộ" in text
    assert len(document.inline_shapes) == 2
    by_unit = document.tables[2]
    assert len(by_unit.rows) == 64  # a header and 63 committees
