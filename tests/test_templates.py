"""Templates hold no inline script, style or event handler: the Content Security Policy forbids them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
TEMPLATES = sorted(BASE.glob("lamtheo/**/templates/**/*.html"))
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_templates_are_found() -> None:
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(t.relative_to(BASE)) for t in TEMPLATES])
def test_template_is_allowed_by_the_content_security_policy(template: Path) -> None:
    text = template.read_text()
    problems = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not problems, f"{template.name}: {', '.join(problems)}"
