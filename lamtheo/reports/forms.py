from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lamtheo.org.models import UnitKind
from lamtheo.reports.models import PeriodKind, ReportTemplate, UnitReport
from lamtheo.reports.selectors import IndicatorLine

ASSIGNABLE_KINDS = [
    (UnitKind.SUBORDINATE_COMMITTEE.value, UnitKind.SUBORDINATE_COMMITTEE.label),
    (UnitKind.GRASSROOTS_COMMITTEE.value, UnitKind.GRASSROOTS_COMMITTEE.label),
    (UnitKind.CELL.value, UnitKind.CELL.label),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CycleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    template = forms.ModelChoiceField(label=_("Template"), queryset=ReportTemplate.objects.order_by("name"))
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.YEAR)
    period_start = forms.DateField(label=_("Period starts"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Period ends"), widget=DATE_INPUT)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_INPUT)
    assigned_kind = forms.ChoiceField(
        label=_("Units that report"),
        choices=ASSIGNABLE_KINDS,
        help_text=_("Every unit of this kind under the issuing unit that was active in the period."),
    )


class ReportForm(forms.Form):
    """The narrative sections of the template and the figures the unit types in."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, report: UnitReport, manual: list[IndicatorLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lamtheo.reports.models import NarrativeSection

        for line in manual:
            self.fields[f"value_{line.code}"] = forms.FloatField(
                label=line.label, required=False, min_value=0, help_text=line.definition
            )
        labels = dict(NarrativeSection.choices)
        for key in report.cycle.template.sections:
            self.fields[f"section_{key}"] = forms.CharField(
                label=labels.get(key, key),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=20000,
            )

    def narrative(self) -> dict[str, str]:
        return {name[8:]: value for name, value in self.cleaned_data.items() if name.startswith("section_")}

    def manual_values(self) -> dict[str, float | None]:
        return {name[6:]: value for name, value in self.cleaned_data.items() if name.startswith("value_")}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What must be fixed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )


class ReviewCreateForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("For example 12-BC/ĐUK"))
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=80, initial="Hà Nội")
    title = forms.CharField(label=_("Title"), max_length=400)


class ReviewForm(ReviewCreateForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, section_titles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in section_titles:
            self.fields[f"section_{key}"] = forms.CharField(
                label=title, required=False, widget=forms.Textarea(attrs={"rows": 8}), max_length=100000
            )

    def sections(self) -> dict[str, str]:
        return {name[8:]: value for name, value in self.cleaned_data.items() if name.startswith("section_")}
