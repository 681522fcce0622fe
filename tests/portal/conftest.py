"""Portal fixtures: an editor and a moderator (roles on the Bloc, no sight of member records, as in the demo)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from lamtheo.accounts.models import Role, User
from lamtheo.accounts.services import role_grant
from lamtheo.portal import cache as portal_cache
from lamtheo.portal.models import Article, Category, SiteSettings
from tests.conftest import Org
from tests.factories import make_user
from tests.portal.factories import make_article, make_category

ANSWER = "lamtheo"


@dataclass
class Portal:
    org: Org
    editor: User
    moderator: User
    category: Category
    article: Article

    def valid_comment(self, **overrides: str) -> dict[str, str]:
        data = {
            "title": "Ý kiến của tôi",
            "name": "Trần Thị Bạn Đọc",
            "email": "bandoc@example.vn",
            "body": "Bài viết rất thiết thực.\nCảm ơn tòa soạn.",
            "conduct": "on",
            "challenge": ANSWER,
            "website": "",
        }
        data.update(overrides)
        return data


@pytest.fixture(autouse=True)
def portal_isolation(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test: its own media and var folders, an empty cache, and the cache version announced at once
    (tests run inside a transaction that never commits)."""
    monkeypatch.setattr(portal_cache, "_after_commit", lambda callback: callback())
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(org: Org) -> Portal:
    editor = make_user(username="bientap", first_name="Biên tập")
    moderator = make_user(username="kiemduyet", first_name="Kiểm duyệt")
    role_grant(acting_user=None, user=editor, unit=org.bloc, role=Role.EDITOR, can_view=False)
    role_grant(acting_user=None, user=moderator, unit=org.bloc, role=Role.MODERATOR, can_view=False)
    SiteSettings.objects.get_or_create(singleton=1)
    category = make_category("Đảng Cộng sản", slug="dang-cong-san")
    article = make_article(title="Đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh", category=category)
    return Portal(org=org, editor=editor, moderator=moderator, category=category, article=article)
