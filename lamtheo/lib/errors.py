"""Errors that services raise and views turn into messages in the user's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """Someone else saved the record after it was opened: the second writer is told, nothing is lost."""
