"""Load test: officers and cell secretaries log in, browse their subtree, search and record data.

Run against `make serve` (demo data loaded) with `make load` (50 users, 3 minutes by default).
"""

from __future__ import annotations

import random
import re
import uuid

from locust import HttpUser, between, task

PASSWORD = "demo-2016"
UNIT_LINK = re.compile(r'href="/app/units/([a-z0-9-]+)/"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCHES = ["kiem tra", "chi bo vu", "dang bo cuc", "van phong", "hop tac quoc te", "nguyen van"]


class Officer(HttpUser):
    """A committee officer or support-unit officer reading their subtree."""

    wait_time = between(1, 3)
    weight = 4
    username = "dauy"
    start_unit = "du-bo-tu-phap"

    def on_start(self) -> None:
        self.client.verify = False  # make serve's self-signed certificate on loopback
        self.seen_units = [self.start_unit]
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = TOKEN.search(page.text)
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (POST)",
        )

    @task(3)
    def unit_page(self) -> None:
        code = random.choice(self.seen_units)
        page = self.client.get(f"/app/units/{code}/", name="/app/units/[code]/")
        found = UNIT_LINK.findall(page.text)
        if found:
            self.seen_units = list({*self.seen_units[-200:], *found})

    @task(2)
    def expand_children(self) -> None:
        self.client.get(f"/app/units/{random.choice(self.seen_units)}/children/", name="/app/units/[code]/children/")

    @task(1)
    def home(self) -> None:
        self.client.get("/app/", name="/app/")

    @task(1)
    def search(self) -> None:
        self.client.get("/app/units/search/", params={"q": random.choice(SEARCHES)}, name="/app/units/search/")
        self.client.get("/app/people/", params={"q": random.choice(SEARCHES)}, name="/app/people/")


class BlocOfficer(Officer):
    weight = 1
    username = "bophan"
    start_unit = "dukcqtw"


class CellSecretary(Officer):
    """Records data in their own cell: adds a person (the write path: service, audit, transaction)."""

    weight = 2
    username = "bithu"
    start_unit = "du-bo-tu-phap-cb-01-02"

    @task(1)
    def record_a_person(self) -> None:
        url = f"/app/units/{self.start_unit}/people/add/"
        form = self.client.get(url, name="/app/units/[code]/people/add/")
        token = TOKEN.search(form.text)
        self.client.post(
            url,
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "family_name": "Thử",
                "middle_name": "Tải",
                "given_name": f"Người {uuid.uuid4().hex[:6]}",
                "gender": "m",
            },
            headers={"Referer": f"{self.host}{url}"},
            name="/app/units/[code]/people/add/ (POST)",
        )
