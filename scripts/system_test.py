"""System test: lamtheo as it runs for real, on one machine standing in for several.

Starts Redis, two gunicorn app processes (HTTPS, DEBUG off) and a background worker against one
PostgreSQL database, then checks that
  1. a session started on one app process continues on the other (sessions and cache in Redis);
  2. a background job queued through one process is run by the worker and downloaded from the other;
  3. killing the app with SIGKILL in the middle of an XLSX import leaves no half-written data;
  4. a PostgreSQL restart under the running app gives clean 503 pages, then works again without
     restarting anything;
  5. a read-only database gives a clear error page, not a traceback;
  3b. killing the app in the middle of a report submission leaves the report as it was.

Usage (from .ci/run): DATABASE_URL=postgres://…/lamtheo PGDATA_DIR=/tmp/lamtheo-ci-pg \
    .venv/bin/python scripts/system_test.py
"""

from __future__ import annotations

import contextlib
import http.client
import http.cookiejar
import io
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORTS = (8101, 8102)
REDIS_PORT = 56379
DEMO_PASSWORD = "demo-2016"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # our own self-signed certificate on loopback


def log(message: str) -> None:
    print(f"[system-test {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fail(message: str) -> None:
    log(f"FAILED: {message}")
    raise SystemExit(1)


@dataclass
class Response:
    status: int
    url: str
    body: str
    raw: bytes = b""


@dataclass
class Browser:
    """A cookie-keeping HTTPS client: the stand-in for one user's browser."""

    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), urllib.request.HTTPSHandler(context=TLS)
        )

    def request(self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Response:
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self._opener().open(request, timeout=60) as answer:
                raw = answer.read()
                return Response(answer.status, answer.url, raw.decode("utf-8", "replace"), raw)
        except urllib.error.HTTPError as error:
            raw = error.read()
            return Response(error.code, url, raw.decode("utf-8", "replace"), raw)

    def get(self, url: str) -> Response:
        return self.request(url)

    def post(self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> Response:
        origin = re.match(r"https://[^/]+", url)
        assert origin is not None
        headers = {"Referer": url, "Origin": origin.group(0)}
        if files:
            boundary = secrets.token_hex(16)
            body = io.BytesIO()
            for name, value in fields.items():
                body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, (filename, content) in files.items():
                body.write(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                )
                body.write(content + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            return self.request(url, body.getvalue(), headers)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(url, urllib.parse.urlencode(fields).encode(), headers)

    def csrf_token(self, page: Response) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if not found:
            fail(f"no CSRF token on {page.url}")
        assert found is not None
        return found.group(1)


class System:
    def __init__(self, database_url: str, pgdata: str) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="lamtheo-system-"))
        self.admin_url = database_url
        base = database_url.rsplit("/", 1)[0]
        self.database_name = "lamtheo_system"
        self.database_url = f"{base}/{self.database_name}"
        self.pgdata = pgdata
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "LAMTHEO_VAR_DIR": str(self.scratch / "var"),  # shared storage for app processes and worker
            "EXPORT_SYNC_LIMIT": "0",  # every export goes through the worker
            "DB_CONN_MAX_AGE": "60",
        }

    # -- processes ------------------------------------------------------------------------
    def psql(self, sql: str, database: str = "postgres") -> str:
        url = self.admin_url.rsplit("/", 1)[0] + f"/{database}"
        result = subprocess.run(["psql", url, "-tAc", sql], capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            fail(f"manage.py {' '.join(args)}: {result.stderr[-2000:]}")
        return result.stdout

    def start(self, name: str, command: list[str]) -> None:
        logfile = (self.scratch / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_app(self, index: int) -> None:
        port = PORTS[index]
        self.start(
            f"app{index}",
            [GUNICORN, "lamtheo.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "gthread",
             "--threads", "4", "--timeout", "120",
             "--certfile", str(self.scratch / "tls/cert.pem"), "--keyfile", str(self.scratch / "tls/key.pem")],
        )  # fmt: skip
        self.wait_until(lambda: self.health(port) == 200, f"app process on port {port}")

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def health(self, port: int) -> int:
        try:
            return Browser().get(f"https://127.0.0.1:{port}/health/").status
        except (urllib.error.URLError, ConnectionError, OSError):
            return 0  # not listening (yet)

    @staticmethod
    def wait_until(check: object, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():  # type: ignore[operator]
                return
            time.sleep(0.3)
        fail(f"timed out waiting for {what}")

    def url(self, index: int, path: str) -> str:
        return f"https://127.0.0.1:{PORTS[index]}{path}"

    def pg_ctl(self, action: str) -> None:
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        command = [str(bindir / "pg_ctl"), "-D", self.pgdata, "-w", "-m", "fast", action]
        if action == "start":
            port = re.search(r":(\d+)/", self.admin_url)
            assert port is not None
            command[-1:-1] = ["-l", f"{self.pgdata}/server.log", "-o",
                              f"-p {port.group(1)} -k /tmp -c listen_addresses=127.0.0.1"]  # fmt: skip
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    # -- set-up and tear-down ---------------------------------------------------------------
    def up(self) -> None:
        redis = shutil.which("redis-server")
        if not redis:
            fail("redis-server is not installed (Debian package redis-server)")
        assert redis is not None
        self.start(
            "redis", [redis, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        )
        self.psql(f"DROP DATABASE IF EXISTS {self.database_name} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {self.database_name}")
        subprocess.run([str(ROOT / "scripts/tls-cert"), str(self.scratch / "tls")], check=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("demo_load")
        self.start_app(0)
        self.start_app(1)
        self.start("worker", [PY, "manage.py", "worker", "--sleep", "0.5"])

    def down(self) -> None:
        for name in list(self.processes):
            with contextlib.suppress(ProcessLookupError):
                self.kill(name)
        with contextlib.suppress(subprocess.CalledProcessError):
            self.psql(f"DROP DATABASE IF EXISTS {self.database_name} WITH (FORCE)")
        shutil.rmtree(self.scratch, ignore_errors=True)

    def people_count(self) -> int:
        return int(self.psql("SELECT count(*) FROM org_person", self.database_name))


def login(system: System, browser: Browser, index: int, username: str) -> None:
    page = browser.get(system.url(index, "/accounts/login/"))
    answer = browser.post(
        system.url(index, "/accounts/login/"),
        {"csrfmiddlewaretoken": browser.csrf_token(page), "username": username, "password": DEMO_PASSWORD},
    )
    if not answer.url.endswith("/app/"):
        fail(f"login as {username} on app {index} ended at {answer.url} ({answer.status})")


def check_shared_session(system: System) -> Browser:
    browser = Browser()
    login(system, browser, 0, "dauy")
    home = browser.get(system.url(1, "/app/"))
    if home.status != 200 or "Xin chào" not in home.body or "/accounts/login/" in home.url:
        fail("the session started on app 0 is not known to app 1")
    log("1. logged in on app 0, continued on app 1: the session is shared")
    return browser


def check_background_job(system: System, browser: Browser) -> None:
    unit_page = browser.get(system.url(1, "/app/units/du-bo-tu-phap/"))
    queued = browser.post(
        system.url(1, "/app/units/du-bo-tu-phap/export/"), {"csrfmiddlewaretoken": browser.csrf_token(unit_page)}
    )
    match = re.search(r"/app/jobs/([0-9a-f-]{36})/", queued.url)
    if not match:
        fail(f"the export was not queued ({queued.status} {queued.url})")
    assert match is not None
    job_url = system.url(0, f"/app/jobs/{match.group(1)}/")
    system.wait_until(lambda: "/download/" in browser.get(job_url).body, "the worker to finish the export")
    download = browser.get(job_url + "download/")
    if download.status != 200 or not download.raw.startswith(b"PK"):
        fail("the exported workbook could not be downloaded from the other app process")
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(download.raw), read_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(min_row=2))
    if rows < 40:
        fail(f"the exported workbook has only {rows} unit rows")
    log(f"2. export queued on app 1, run by the worker, downloaded from app 0 ({rows} units)")


def _people_workbook(rows: int) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đảng viên"
    sheet.append(
        ["Họ", "Tên đệm", "Tên", "Giới tính", "Ngày sinh", "Số thẻ đảng viên", "Chức vụ", "Lãnh đạo", "Mã chi bộ"]
    )
    for n in range(rows):
        sheet.append(
            ["Nguyễn", "Văn", f"Thử{n}", "Nam", "01/01/1980", f"9{n:08d}", "Chuyên viên", "", "du-bo-tu-phap-cb-01-02"]
        )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def check_kill_during_import(system: System) -> None:
    browser = Browser()
    login(system, browser, 0, "dauy")
    before = system.people_count()
    page = browser.get(system.url(0, "/app/units/du-bo-tu-phap/import/"))
    token = browser.csrf_token(page)
    content = _people_workbook(15000)
    results: list[Response | Exception] = []

    def upload() -> None:
        try:
            results.append(
                browser.post(
                    system.url(0, "/app/units/du-bo-tu-phap/import/"),
                    {"csrfmiddlewaretoken": token, "what": "people"},
                    files={"file": ("dang-vien.xlsx", content)},
                )
            )
        except Exception as exc:
            results.append(exc)

    # The people are written with COPY in a fraction of a second, too fast to catch; the import's audit
    # entry, written after them in the same transaction, waits 10 s: the app is killed in that window.
    system.psql(SLOW_AUDIT.format(action="person.import"), system.database_name)
    try:
        thread = threading.Thread(target=upload)
        thread.start()
        system.wait_until(
            lambda: system.psql(AUDIT_WAITING, system.database_name) != "0", "the import to start writing", 90
        )
        system.kill("app0")
        thread.join(timeout=60)
    finally:
        system.psql("DROP TRIGGER IF EXISTS lamtheo_slow_audit ON accounts_auditentry", system.database_name)
    after = system.people_count()
    if after != before:
        fail(f"kill -9 during the import left {after - before} people half-imported")
    system.start_app(0)
    log(f"3. kill -9 during a 15,000-row import: people before {before}, after {after}; nothing half-written")


# Fault injection: an audit entry (written in the same transaction as the change it records) of the
# given action waits 10 s, so the app can be killed while the transaction is open. The dead client
# never commits: PostgreSQL rolls the transaction back once the statement ends.
SLOW_AUDIT = """
CREATE OR REPLACE FUNCTION lamtheo_slow_audit() RETURNS trigger AS $$
BEGIN
  IF NEW.action = '{action}' THEN PERFORM pg_sleep(10); END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER lamtheo_slow_audit BEFORE INSERT ON accounts_auditentry
  FOR EACH ROW EXECUTE FUNCTION lamtheo_slow_audit();
"""
AUDIT_WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND query ILIKE 'INSERT INTO \"accounts_auditentry\"%'"
)


PREPARE_REPORT = """
from lamtheo.reports.models import UnitReport
report = (UnitReport.objects.filter(unit__code="du-bo-tu-phap", status__in=["draft", "returned"], cycle__status="open")
          .select_related("cycle__template").first())
report.narrative = {section: "Nội dung báo cáo." for section in report.cycle.template.sections}
report.save(update_fields=["narrative"])
print(report.code, report.version)
"""


def check_kill_during_report_submission(system: System) -> None:
    code, version = system.manage("shell", "--no-imports", "-c", PREPARE_REPORT).split()[-2:]
    status = f"SELECT status FROM reports_unitreport WHERE code = '{code}'"
    submitted = "SELECT count(*) FROM accounts_auditentry WHERE action = 'unit_report.submit'"
    before = (system.psql(status, system.database_name), system.psql(submitted, system.database_name))
    browser = Browser()
    login(system, browser, 0, "dauy")
    page = browser.get(system.url(0, f"/app/reports/reports/{code}/"))
    token = browser.csrf_token(page)
    system.psql(SLOW_AUDIT.format(action="unit_report.submit"), system.database_name)
    try:
        fields = {"csrfmiddlewaretoken": token, "version": version}
        submit_url = system.url(0, f"/app/reports/reports/{code}/submit/")

        def submit() -> None:
            with contextlib.suppress(OSError, http.client.HTTPException):  # the app dies mid-request
                browser.post(submit_url, fields)

        thread = threading.Thread(target=submit)
        thread.start()
        system.wait_until(
            lambda: system.psql(AUDIT_WAITING, system.database_name) != "0", "the submission to be under way"
        )
        system.kill("app0")
        thread.join(timeout=60)
    finally:
        system.psql("DROP TRIGGER IF EXISTS lamtheo_slow_audit ON accounts_auditentry", system.database_name)
    after = (system.psql(status, system.database_name), system.psql(submitted, system.database_name))
    if after != before:
        fail(f"kill -9 during a report submission changed {before} into {after}")
    system.start_app(0)
    log(f"3b. kill -9 during a report submission: the report is still '{after[0]}', no audit entry written")


def check_database_restart(system: System, browser: Browser) -> None:
    system.pg_ctl("stop")
    during = browser.get(system.url(1, "/app/units/du-bo-tu-phap/"))
    health = system.health(PORTS[0])
    system.pg_ctl("start")
    if during.status != 503 or "không có dữ liệu nào bị ghi dở" not in during.body or "Traceback" in during.body:
        fail(f"during the outage the app answered {during.status}, not the clean 503 page")
    if health != 503:
        fail(f"the health check answered {health} during the outage")
    after = browser.get(system.url(1, "/app/units/du-bo-tu-phap/"))
    if after.status != 200:
        fail(f"after PostgreSQL came back the app answered {after.status}")
    log("4. PostgreSQL stopped: clean 503 page and health 503; restarted: pages work, no app restart")


def check_read_only_database(system: System, browser: Browser) -> None:
    name = system.database_name
    # Existing connections keep their settings: end them so the app reconnects read-only.
    disconnect = f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
    system.psql(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    system.psql(disconnect)
    try:
        form = browser.get(system.url(0, "/app/units/du-bo-tu-phap/edit/"))
        if form.status == 200:
            token = browser.csrf_token(form)
            version = re.search(r'name="version" value="(\d+)"', form.body)
            answer = browser.post(
                system.url(0, "/app/units/du-bo-tu-phap/edit/"),
                {"csrfmiddlewaretoken": token, "version": version.group(1) if version else "1", "name": "Đổi tên"},
            )
        else:
            answer = form
        if answer.status != 503 or "Traceback" in answer.body or "chưa được thực hiện" not in answer.body:
            fail(f"a write to a read-only database answered {answer.status}, not the clear 503 page")
    finally:
        system.psql(f"ALTER DATABASE {name} SET default_transaction_read_only = off")
        system.psql(disconnect)
    log("5. read-only database: the write got a clear 503 page, nothing changed")


def main() -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    pgdata = os.environ.get("PGDATA_DIR", "")
    if not database_url.startswith("postgres") or not pgdata:
        fail("set DATABASE_URL (PostgreSQL) and PGDATA_DIR (its data directory, to restart it)")
    started = time.monotonic()
    system = System(database_url, pgdata)
    try:
        system.up()
        log(f"up: Redis, 2 app processes (ports {PORTS}), 1 worker, PostgreSQL ({time.monotonic() - started:.0f} s)")
        browser = check_shared_session(system)
        check_background_job(system, browser)
        check_kill_during_import(system)
        check_kill_during_report_submission(system)
        check_database_restart(system, browser)
        check_background_job(system, browser)  # the worker survived the restart too
        check_read_only_database(system, browser)
    except SystemExit:
        for logfile in sorted(system.scratch.glob("*.log")):
            print(f"--- {logfile.name} (last lines)")
            print("\n".join(logfile.read_text(errors="replace").splitlines()[-25:]))
        raise
    finally:
        system.down()
    log(f"passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
