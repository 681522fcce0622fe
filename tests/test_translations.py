"""Every catalogue is complete: a Vietnamese user must never meet an English string."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    [*BASE.glob("locale/vi/LC_MESSAGES/django.po"), *BASE.glob("lamtheo/*/locale/vi/LC_MESSAGES/django.po")]
)


def test_there_is_a_vietnamese_catalogue() -> None:
    assert BASE / "locale/vi/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=[str(c.relative_to(BASE)) for c in CATALOGUES])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) is needed to check the catalogues"
    result = subprocess.run(  # noqa: S603 - fixed program, our own file
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
