from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lamtheo.inspections.models import CoverageRule, FindingKind, InspectionKind
from lamtheo.org.models import Person, SectorTag, Unit, UnitKind

_SEPARATORS = re.compile(r"[\s,;]+")


class DateInput(forms.DateInput):
    input_type = "date"


def target_choices(unit: Unit, *, day: dt.date | None = None) -> list[tuple[str, str]]:
    """Units an inspecting unit can pick: its sub-units one level down, and committees two levels down."""
    units = (
        Unit.objects.filter(path__startswith=unit.path, depth__in=(unit.depth + 1, unit.depth + 2))
        .exclude(depth=unit.depth + 2, kind=UnitKind.CELL)
        .filter(active_to__isnull=True)
        .order_by("path")
        .only("code", "name", "depth")
    )
    return [(u.code, ("— " if u.depth > unit.depth + 1 else "") + u.name) for u in units]


def responsible_choices(target: Unit) -> list[tuple[str, str]]:
    units = (
        Unit.objects.filter(path__startswith=target.path, depth__in=(target.depth, target.depth + 1))
        .filter(active_to__isnull=True)
        .order_by("path")
        .only("code", "name", "depth")
    )
    return [(u.code, ("— " if u.depth > target.depth else "") + u.name) for u in units]


class TeamField(forms.CharField):
    """Party card numbers of the team's members, separated by commas or spaces."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Team members (party card numbers)"))
        kwargs.setdefault("help_text", _("Separate card numbers with commas. Others can be named below."))
        super().__init__(**kwargs)


def resolve_team(raw: str, inspecting_unit: Unit) -> list[Person]:
    numbers = [n for n in _SEPARATORS.split(raw.strip()) if n]
    if not numbers:
        return []
    people = list(
        Person.objects.filter(
            party_card_number__in=numbers, unit__path__startswith=inspecting_unit.path
        ).select_related("unit")
    )
    found = {p.party_card_number for p in people}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ValidationError(
            gettext("No member of “%(unit)s” has the party card number %(numbers)s.")
            % {"unit": inspecting_unit.name, "numbers": ", ".join(missing)}
        )
    return people


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2200)
    coverage_rule = forms.ChoiceField(label=_("Coverage rule"), choices=CoverageRule.choices)
    priority_sectors = forms.ModelMultipleChoiceField(
        label=_("Priority sectors"),
        queryset=SectorTag.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlanEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    coverage_rule = forms.ChoiceField(label=_("Coverage rule"), choices=CoverageRule.choices)
    priority_sectors = forms.ModelMultipleChoiceField(
        label=_("Priority sectors"),
        queryset=SectorTag.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weak_units = forms.ModelMultipleChoiceField(
        label=_("Units flagged as weak"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weak_units"].queryset = candidates  # type: ignore[attr-defined]


class PlannedItemForm(forms.Form):
    target = forms.ChoiceField(label=_("Unit"))
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[(m, str(m)) for m in range(1, 13)])
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=InspectionKind.choices)
    team = TeamField()
    team_note = forms.CharField(label=_("Other team members"), max_length=255, required=False)
    reasons = forms.CharField(label=_("Priority reasons"), max_length=255, required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices(unit)  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    target = forms.ChoiceField(label=_("Inspected unit"))
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=InspectionKind.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    team = TeamField()
    team_note = forms.CharField(label=_("Other team members"), max_length=255, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    planned = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices(unit)  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of finding"), choices=FindingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_unit = forms.ChoiceField(label=_("Responsible unit"))
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    finding = forms.TypedChoiceField(label=_("About the finding"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, target: Unit, findings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].choices = responsible_choices(target)  # type: ignore[attr-defined]
        self.fields["finding"].choices = [("", "—"), *findings]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("What the unit has done"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG, JPEG; at most 10 MB)"))


def this_year() -> int:
    return timezone.localdate().year
