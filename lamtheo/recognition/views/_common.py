from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lamtheo.org.models import Person, Unit


def person_by_card(card: str, within: Unit) -> Person:
    """A person of the unit's subtree found by party card number, or a form error."""
    person = (
        Person.objects.filter(party_card_number=card.strip(), unit__path__startswith=within.path)
        .select_related("unit")
        .first()
    )
    if person is None:
        raise ValidationError(
            _("No member of “%(unit)s” has the party card number %(card)s.") % {"unit": within.name, "card": card}
        )
    return person


def unit_by_code(code: str, within: Unit) -> Unit:
    unit = Unit.objects.filter(code=code, path__startswith=within.path).first()
    if unit is None:
        raise ValidationError(_("No unit with code “%(code)s” under “%(unit)s”.") % {"code": code, "unit": within.name})
    return unit
