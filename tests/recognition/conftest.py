from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploaded files of a test go to its own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Service errors are matched on their English text; pages are checked in Vietnamese by the browser tests."""
    with translation.override("en"):
        yield
