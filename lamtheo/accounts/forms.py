from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from lamtheo.accounts.models import User
from lamtheo.accounts.services import login_failure_record, login_locked_until, login_success_record


class LockingAuthenticationForm(AuthenticationForm):
    """The login form, with lock-out after repeated failures (counted on the account)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "",  # set in __init__ so the message is translated per request
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _("Wrong username or password. Both are case-sensitive."),
            "inactive": _("This account is disabled."),
        }
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        account = User.objects.filter(username=username).first()
        if account is not None:
            until = login_locked_until(account)
            if until is not None:
                raise forms.ValidationError(
                    _("Too many failed attempts. This account is locked until %(time)s.")
                    % {"time": time_format(timezone.localtime(until), "H:i")},
                    code="locked",
                )
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            if account is not None:
                login_failure_record(user=account)
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        login_success_record(user=self.user_cache)
        return self.cleaned_data
