"""Throughput of the portal's article page (50 approved comments) and comment POST, under gunicorn, with wrk.

Run on a database with the demo loaded (``demo_load``). For the comparison the issue asks for, run the
anchors (Isso, Wagtail) in the same session on the same machine and pass their results folder with
``--anchors``: the command prints the ratios against Wagtail's news page and Isso's moderated POST.
Rate limits are raised for the run and put back afterwards; the comments the run posted are deleted.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from lamtheo.portal.models import Article, Comment, CommentStatus, SiteSettings

BENCH_EMAIL = "wrk-bench@example.invalid"
WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
# Anchor figures: wrk c=10 lines in the anchors' summary.txt files.
ANCHOR_RATE = re.compile(r"=== (\S+) c=10\n(?:.*\n)*?Requests/sec:\s+([\d.]+)")
# …or the rows of the anchors' TABLE.md: "| isso | gunicorn-moderated-post-c10 | 136.02 | …".
ANCHOR_ROW = re.compile(r"^\|\s*\S+\s*\|\s*(\S+)-c10\s*\|\s*([\d.]+)\s*\|", re.MULTILINE)


class Command(BaseCommand):
    help = "Benchmark the article page and the comment POST under gunicorn with wrk (c=10)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8190)
        parser.add_argument("--duration", default="15s")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--threads", type=int, default=0, help="gthread workers with this many threads (keep-alive); 0: sync"
        )
        parser.add_argument("--anchors", type=Path, help="the anchors' results folder (with isso/ and wagtail/)")

    def handle(self, *args: Any, **options: Any) -> None:
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed (apt-get install -y wrk).")
        article = (
            Article.objects.live()
            .annotate(n=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
            .filter(n__gte=50)
            .order_by("-n")
            .first()
        )
        if article is None:
            raise CommandError("No published article with 50 approved comments: run demo_load first.")
        state = SiteSettings.objects.get(singleton=1)
        limits = (state.rate_limit_per_ip, state.rate_limit_per_email)
        SiteSettings.objects.filter(pk=state.pk).update(rate_limit_per_ip=10**9, rate_limit_per_email=10**9)
        base = f"http://127.0.0.1:{options['port']}"
        env = {
            **os.environ,
            "DEBUG": "0",
            "HTTPS": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "lamtheo.wsgi:application",
                "-b",
                f"127.0.0.1:{options['port']}",
                "-w",
                str(options["workers"]),
                *(["-k", "gthread", "--threads", str(options["threads"])] if options["threads"] else []),
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = base + article.get_absolute_url()
            self._wait(url)
            results = {
                "article_get": self._wrk(url, options["duration"]),
                "comment_post": self._wrk(
                    base + f"/tin/{article.slug}/binh-luan/", options["duration"], script=self._post_script(url)
                ),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
            SiteSettings.objects.filter(pk=state.pk).update(rate_limit_per_ip=limits[0], rate_limit_per_email=limits[1])
            posted, _deleted = Comment.objects.filter(email=BENCH_EMAIL).delete()
            self.stdout.write(f"comments posted by the run (deleted): {posted}")
        self.stdout.write(f"article page ({article.slug}, 50+ comments), c=10: {results['article_get']:.1f} req/s")
        self.stdout.write(f"comment POST (all checks on, moderation), c=10: {results['comment_post']:.1f} req/s")
        if options["anchors"]:
            self._ratios(options["anchors"], results)

    def _wait(self, url: str) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own server)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not come up.")

    def _post_script(self, page_url: str) -> Path:
        """A wrk script posting a valid comment with a CSRF token and cookie read by one GET."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(page_url, timeout=5) as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        cookie = next((c for c in jar if c.name == settings.CSRF_COOKIE_NAME), None)
        if token is None or cookie is None:
            raise CommandError("The article page gave no CSRF token.")
        answer = SiteSettings.objects.get(singleton=1).logo_name
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "title": "Ý kiến đo tải",
                "name": "Người đo tải",
                "email": BENCH_EMAIL,
                "body": "Bài viết rất thiết thực.\nĐề nghị nhân rộng những cách làm hay.",
                "conduct": "on",
                "challenge": answer,
                "website": "",
            }
        )
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f'wrk.headers["Cookie"] = "{cookie.name}={cookie.value}"\n'
            f'wrk.body = "{body}"\n'
        )
        return script

    def _wrk(self, url: str, duration: str, script: Path | None = None) -> float:
        extra = ["-s", str(script)] if script else []
        subprocess.run(["wrk", "-t1", "-c10", "-d3s", *extra, url], capture_output=True, check=True)  # noqa: S603,S607
        done = subprocess.run(  # noqa: S603
            ["wrk", "-t1", "-c10", f"-d{duration}", "--latency", *extra, url],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
        self.stdout.write(done.stdout)
        match = WRK_RATE.search(done.stdout)
        if match is None or "Non-2xx" in done.stdout:
            raise CommandError(f"wrk failed or got errors:\n{done.stdout}")
        return float(match.group(1))

    def _ratios(self, folder: Path, results: dict[str, float]) -> None:
        anchors: dict[str, float] = {}
        for name in ("wagtail", "isso"):
            summary = folder / name / "summary.txt"
            if summary.exists():
                anchors.update({k: float(v) for k, v in ANCHOR_RATE.findall(summary.read_text())})
        table = folder / "TABLE.md"
        if not anchors and table.exists():
            # Several runs per test in the table: compare with their mean.
            runs: dict[str, list[float]] = {}
            for name, rate in ANCHOR_ROW.findall(table.read_text()):
                runs.setdefault(name, []).append(float(rate))
            anchors = {name: sum(rates) / len(rates) for name, rates in runs.items()}
        wagtail, isso = anchors.get("newspage"), anchors.get("gunicorn-moderated-post")
        if wagtail:
            self.stdout.write(
                f"article page / Wagtail news page: {results['article_get']:.1f} / {wagtail:.1f} "
                f"= {results['article_get'] / wagtail:.2f}× (target ≥ 4×)"
            )
        if isso:
            self.stdout.write(
                f"comment POST / Isso moderated POST: {results['comment_post']:.1f} / {isso:.1f} "
                f"= {results['comment_post'] / isso:.2f}× (target ≥ 1.5×)"
            )
