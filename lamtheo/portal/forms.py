from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lamtheo.portal.models import ArticleStatus, Category

HONEYPOT_FIELD = "website"


class CommentForm(forms.Form):
    """The reader-comment form of the seed page, field for field."""

    title = forms.CharField(
        label=_("Title (*)"),
        max_length=200,
        error_messages={
            "required": _("Please enter a title."),
            "max_length": _("The title is too long (at most %(limit_value)d characters)."),
        },
    )
    name = forms.CharField(
        label=_("Full name (*)"),
        max_length=100,
        error_messages={
            "required": _("Please enter your full name."),
            "max_length": _("The name is too long (at most %(limit_value)d characters)."),
        },
    )
    email = forms.EmailField(
        label=_("Email (*)"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("The email address is not valid."),
            "max_length": _("The email address is too long."),
        },
    )
    body = forms.CharField(
        label=_("Content (*)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please write the content of your comment."),
            "max_length": _("The comment is too long (at most %(limit_value)d characters)."),
        },
    )
    conduct = forms.BooleanField(
        label=_("I have read the Code of Conduct"),
        error_messages={"required": _("Please confirm that you have read the Code of Conduct.")},
    )
    challenge = forms.CharField(
        label=_("(Type the logo's name in lower case)"),
        max_length=60,
        error_messages={"required": _("Please type the logo's name in lower case.")},
    )
    # Hidden from people by CSS; bots that fill every field give themselves away.
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args: Any, answer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer = answer

    def clean_challenge(self) -> str:
        value: str = self.cleaned_data["challenge"].strip()
        if value != self.answer:
            raise forms.ValidationError(
                _("The logo's name is not right. Look at the logo and type its name in lower case.")
            )
        return value

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, so ``portal/editor/_form.html`` can render fields as they are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css


class ArticleForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=255)
    slug = forms.SlugField(
        label=_("Address"), max_length=100, required=False, help_text=_("Empty: made from the title.")
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), empty_label=None)
    lead = forms.CharField(label=_("Lead"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "HTML: paragraphs, headings, bold, italics, links, lists, quotes, images. Anything else is removed."
        ),
    )
    tags = forms.CharField(label=_("Tags"), max_length=500, required=False, help_text=_("Separated by commas."))
    byline = forms.CharField(label=_("Byline"), max_length=120, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ArticleStatus.choices)
    publish_at = forms.DateTimeField(
        label=_("Publication time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("A later time schedules the article."),
    )
    featured = forms.BooleanField(label=_("Featured on the home page"), required=False)
    exemplar_code = forms.UUIDField(
        label=_("Exemplar code"), required=False, help_text=_("For an exemplar story: the exemplar's code.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["class"] += " font-monospace"
        if not self.is_bound and "publish_at" not in self.initial:
            self.initial["publish_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def tag_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]


class PhotoForm(BootstrapForm):
    image = forms.FileField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class SiteSettingsForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    site_name = forms.CharField(label=_("Site name"), max_length=120)
    logo_name = forms.CharField(
        label=_("Logo name (the challenge's answer)"), max_length=40, help_text=_("Lower case, as readers type it.")
    )
    challenge_text = forms.CharField(
        label=_("Challenge question"), max_length=200, required=False, help_text=_("Empty: the standard wording.")
    )
    code_of_conduct = forms.CharField(
        label=_("Code of conduct"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    rate_limit_per_ip = forms.IntegerField(label=_("Comments per IP address per hour"), min_value=1, max_value=1000000)
    rate_limit_per_email = forms.IntegerField(
        label=_("Comments per email address per hour"), min_value=1, max_value=1000000
    )


class ProgrammeForm(BootstrapForm):
    title = forms.CharField(label=_("Title"), max_length=120)
    url = forms.CharField(label=_("Link"), max_length=300, required=False)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=0, required=False)


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("spam", _("Mark as spam"))],
    )
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=300, required=False)
