from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from lamtheo.accounts.models import AuditEntry, User
from tests.conftest import PASSWORD, Org


def test_the_login_page_is_vietnamese(org: Org) -> None:
    body = Client().get("/accounts/login/").content.decode()
    assert "Đăng nhập" in body
    assert "Mật khẩu" in body


def test_a_user_logs_in_and_lands_on_home(org: Org) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "binh", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/app/"
    assert "Đảng ủy Bộ A" in response.content.decode()


def test_a_wrong_password_gets_a_vietnamese_message(org: Org) -> None:
    response = Client().post("/accounts/login/", {"username": "binh", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_repeated_failures_lock_the_account(org: Org, settings: object) -> None:
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "binh", "password": "sai"})
    user = User.objects.get(username="binh")
    assert user.locked_until is not None and user.locked_until > timezone.now()
    # Even the right password is refused while locked.
    response = client.post("/accounts/login/", {"username": "binh", "password": PASSWORD})
    assert response.status_code == 200
    assert "bị khóa" in response.content.decode()
    assert AuditEntry.objects.filter(action="user.lock", object_id=str(user.pk)).exists()


def test_the_lock_expires(org: Org) -> None:
    User.objects.filter(username="binh").update(locked_until=timezone.now() - dt.timedelta(minutes=1))
    response = Client().post("/accounts/login/", {"username": "binh", "password": PASSWORD})
    assert response.status_code == 302


def test_a_good_login_resets_the_failure_count(org: Org) -> None:
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "binh", "password": "sai"})
    client.post("/accounts/login/", {"username": "binh", "password": PASSWORD})
    assert User.objects.get(username="binh").failed_login_count == 0


def test_logout_needs_post_and_ends_the_session(org: Org) -> None:
    client = org.client_for(org.committee_officer)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/app/").status_code == 302


def test_password_change(org: Org) -> None:
    client = org.client_for(org.committee_officer)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    assert Client().login(username="binh", password="Mot-mat-khau-moi-2026")


@pytest.mark.parametrize("language", ["en"])
def test_english_is_available(org: Org, language: str) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": language, "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()
