from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lamtheo.org.models import Gender, SectorTag, UnitKind


class DateInput(forms.DateInput):
    input_type = "date"


class UnitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=SectorTag.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class UnitCreateForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens; unique."))
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=SectorTag.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    active_from = forms.DateField(label=_("Active from"), widget=DateInput)


class UnitCloseForm(forms.Form):
    on_date = forms.DateField(label=_("From date"), widget=DateInput)
    merge_into = forms.CharField(
        label=_("Merge into (unit code)"),
        required=False,
        help_text=_("Leave empty to dissolve the unit."),
    )


class PersonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=60)
    middle_name = forms.CharField(label=_("Middle name"), max_length=80, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=60)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput)
    party_card_number = forms.CharField(label=_("Party card number"), max_length=30, required=False)
    position = forms.CharField(label=_("Position"), max_length=160, required=False)
    is_leader = forms.BooleanField(
        label=_("Leader (Regulation 101 applies)"),
        required=False,
    )


class PersonTransferForm(forms.Form):
    to_unit = forms.CharField(label=_("New cell (unit code)"), max_length=40)
    on_date = forms.DateField(label=_("From date"), widget=DateInput)
