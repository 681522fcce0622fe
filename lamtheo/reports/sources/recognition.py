"""Figures from the recognition app: commendations decided and exemplars verified, counted where the
commended unit or person belongs.

The recognition app could offer ``selectors.figures_by_unit(prefix, start, end)`` to replace this
module.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from lamtheo.recognition.models import Commendation, Exemplar, ExemplarStatus


def commendations(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Commendations whose decision is dated in the period, at the commended unit or the person's cell."""
    rows = (
        Commendation.objects.filter(decision__date__gte=start, decision__date__lte=end)
        .filter(Q(nominee_unit__path__startswith=prefix) | Q(nominee_person__unit__path__startswith=prefix))
        .annotate(owner=Coalesce("nominee_unit_id", "nominee_person__unit_id"))
        .order_by()
        .values("owner")
        .annotate(n=Count("id"))
        .values_list("owner", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows if unit_id is not None}


def exemplars(prefix: str, start: dt.date, end: dt.date) -> dict[int, float]:
    """Exemplars ("good people, good deeds") verified or published, proposed in the period."""
    rows = (
        Exemplar.objects.filter(
            status__in=[ExemplarStatus.VERIFIED, ExemplarStatus.PUBLISHED],
            created_at__date__gte=start,
            created_at__date__lte=end,
        )
        .filter(Q(unit__path__startswith=prefix) | Q(person__unit__path__startswith=prefix))
        .annotate(owner=Coalesce("unit_id", "person__unit_id"))
        .order_by()
        .values("owner")
        .annotate(n=Count("id"))
        .values_list("owner", "n")
    )
    return {unit_id: float(n) for unit_id, n in rows if unit_id is not None}
