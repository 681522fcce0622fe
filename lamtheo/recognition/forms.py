from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lamtheo.org.models import Unit, UnitKind
from lamtheo.recognition.models import CommendationForm, ExemplarStatus


class DateInput(forms.DateInput):
    input_type = "date"


def nominee_unit_choices(unit: Unit) -> list[tuple[str, str]]:
    """Sub-units one and two levels down (cells two levels down included: a cell may be commended)."""
    units = (
        Unit.objects.filter(path__startswith=unit.path, depth__in=(unit.depth + 1, unit.depth + 2))
        .exclude(kind=UnitKind.YOUTH_UNION)
        .filter(active_to__isnull=True)
        .order_by("path")
        .only("code", "name", "depth")
    )
    return [("", "—")] + [(u.code, ("— " if u.depth > unit.depth + 1 else "") + u.name) for u in units]


class OccasionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    year_from = forms.IntegerField(label=_("From year"), min_value=1930, max_value=2200)
    year_to = forms.IntegerField(label=_("To year"), min_value=1930, max_value=2200)


class NominationForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Occasion"))
    nominee_unit = forms.ChoiceField(label=_("Nominate a unit"), required=False)
    nominee_card = forms.CharField(label=_("… or a person (party card number)"), max_length=30, required=False)
    proposed_form = forms.ChoiceField(label=_("Proposed form"), choices=CommendationForm.choices)
    reasons = forms.CharField(label=_("Reasons and achievements"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence (PDF, DOCX, XLSX, PNG, JPEG)"), required=False)
    submit_now = forms.BooleanField(label=_("Submit to the support unit now"), required=False, initial=True)

    def __init__(self, *args: Any, unit: Unit, occasions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occasion"].choices = occasions  # type: ignore[attr-defined]
        self.fields["nominee_unit"].choices = nominee_unit_choices(unit)  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("For example 123-QĐ/ĐUK."))
    date = forms.DateField(label=_("Date"), widget=DateInput)
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120)
    form = forms.ChoiceField(label=_("Form"), choices=CommendationForm.choices)
    nominations = forms.MultipleChoiceField(
        label=_("Accepted nominations"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, accepted: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = accepted  # type: ignore[attr-defined]


class ExemplarForm(forms.Form):
    unit = forms.ChoiceField(label=_("A collective"), required=False)
    person_card = forms.CharField(label=_("… or a person (party card number)"), max_length=30, required=False)
    title = forms.CharField(label=_("Title"), max_length=255)
    story = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 6}))
    evidence = forms.FileField(label=_("Evidence (PDF, DOCX, XLSX, PNG, JPEG)"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = nominee_unit_choices(unit)  # type: ignore[attr-defined]


class ExemplarReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in ExemplarStatus if s != ExemplarStatus.PROPOSED],
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    published_url = forms.URLField(label=_("Address of the published story"), required=False, assume_scheme="https")
