"""Figures for units' subtrees: the sources' per-unit counts summed up the tree, then the ratios.

One grouped query per count over the whole subtree, then one pass over the units that own records,
adding each value to the ancestors asked for: the cost follows the subtree and its number of units,
never the number of records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from lamtheo.org.models import Unit
from lamtheo.reports.indicators import BY_CODE, counts_needed, ratio_value
from lamtheo.reports.sources import one_reading

STEPLEN = Unit.steplen

Figures = dict[str, dict[int, float | None]]  # indicator code → {unit id: value}


def compute(root: Unit, targets: Iterable[Unit], start: dt.date, end: dt.date, codes: Iterable[str]) -> Figures:
    """The values of ``codes`` over the period for each target's subtree (targets lie under ``root``)."""
    codes = list(codes)
    target_ids = {unit.path: unit.pk for unit in targets}
    id_to_path = dict(Unit.objects.filter(path__startswith=root.path).order_by().values_list("id", "path"))
    counts: dict[str, dict[int, float]] = {}
    with one_reading():  # counts read from the same rows share one query
        for code in counts_needed(codes):
            source = BY_CODE[code].source
            if source is None:
                continue
            totals: dict[int, float] = defaultdict(float)
            for unit_id, value in source(root.path, start, end).items():
                path = id_to_path.get(unit_id)
                if path is None:
                    continue
                for length in range(STEPLEN, len(path) + 1, STEPLEN):
                    target = target_ids.get(path[:length])
                    if target is not None:
                        totals[target] += value
            counts[code] = dict(totals)
    result: Figures = {}
    for code in codes:
        indicator = BY_CODE.get(code)
        if indicator is None:
            continue
        if indicator.ratio is not None:
            numerator, denominator = (counts.get(part, {}) for part in indicator.ratio)
            result[code] = {
                unit_id: ratio_value(numerator.get(unit_id), denominator.get(unit_id))
                for unit_id in target_ids.values()
            }
        else:
            values = counts.get(code, {})
            result[code] = {unit_id: values.get(unit_id, 0.0) for unit_id in target_ids.values()}
    return result


def values_for_unit(figures: Figures, unit_id: int) -> dict[str, float | None]:
    return {code: by_unit.get(unit_id) for code, by_unit in figures.items()}
