from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lamtheo.campaign.models import ActivityKind, Holiday, Programme, Rating, YearPlan


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens; unique."))
    title = forms.CharField(label=_("Title"), max_length=255)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput)
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput, required=False)


class PlanForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), to_field_name="code")
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2200)
    topic_title = forms.CharField(label=_("Thematic topic"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    goals = forms.CharField(label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PlanEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    topic_title = forms.CharField(label=_("Thematic topic"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    goals = forms.CharField(label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG, JPEG; at most 10 MB)"))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)
    owner_unit = forms.CharField(label=_("Owner unit (code)"), max_length=40, required=False)


class HolidayForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput)
    name = forms.CharField(label=_("Name"), max_length=255)


class ThresholdForm(forms.Form):
    min_meeting_share = forms.IntegerField(
        label=_("Cells meeting on the topic, at least (%)"), min_value=0, max_value=100
    )
    min_attendance = forms.IntegerField(label=_("Attendance, at least (%)"), min_value=0, max_value=100)
    min_registration = forms.IntegerField(label=_("Members registered, at least (%)"), min_value=0, max_value=100)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.year}: {obj.topic_title}"


class MeetingForm(forms.Form):
    """The quick cell-meeting form; the attendance rows are read from ``present_<id>`` / ``reason_<id>``."""

    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    plan = PlanChoiceField(label=_("Topic"), queryset=YearPlan.objects.none(), to_field_name="code")
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]


OTHER_KINDS = [(value, label) for value, label in ActivityKind.choices if value != ActivityKind.CELL_MEETING]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OTHER_KINDS)
    title = forms.CharField(label=_("Title"), max_length=255)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    holiday = forms.ModelChoiceField(label=_("Holiday"), queryset=Holiday.objects.all(), required=False)
    co_organisers = forms.CharField(
        label=_("Co-organisers (unit codes, separated by commas)"),
        max_length=400,
        required=False,
        help_text=_("For example the Bloc's Youth Union: doan-khoi"),
    )
    expected_count = forms.IntegerField(label=_("Expected participants"), min_value=0, required=False)
    present_count = forms.IntegerField(label=_("Participants"), min_value=0, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (PNG or JPEG; at most 10 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)


class RegisterForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    items = forms.CharField(
        label=_("What I will study and follow this year (one item per line)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def item_list(self) -> list[str]:
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class SelfAssessForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    self_assessment = forms.CharField(label=_("Self-assessment"), widget=forms.Textarea(attrs={"rows": 6}))
    self_rating = forms.ChoiceField(label=_("Self-rating"), choices=Rating.choices, widget=forms.RadioSelect)


class EvaluateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    cell_rating = forms.ChoiceField(label=_("The cell's rating"), choices=Rating.choices, widget=forms.RadioSelect)
    cell_comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
