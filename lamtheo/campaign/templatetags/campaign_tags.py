from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """A share as a whole percentage, or a dash when there is nothing to divide by."""
    if value is None:
        return "—"
    return f"{value:.0f}%"


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)
