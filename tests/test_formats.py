"""Numbers are written as each language writes them: thousands grouped in Vietnamese too."""

from __future__ import annotations

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils import translation

from lamtheo.reports.charts import _grouped


@pytest.mark.parametrize(("language", "grouped", "decimal"), [("vi", "5.000.000", "91,3"), ("en", "5,000,000", "91.3")])
def test_counts_are_grouped_by_thousands(language: str, grouped: str, decimal: str) -> None:
    with translation.override(language):
        assert intcomma(5_000_000) == grouped
        assert floatformat(5_000_000.0, "0g") == grouped
        assert _grouped(4_999_999.6) == grouped  # a chart's axis and bar labels
        assert floatformat(91.25, "-1") == decimal
        assert intcomma(999) == "999"
