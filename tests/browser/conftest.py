"""Fixtures for the browser tests: a freshly built site, a local HTTP server, headless Chromium.

The site is built once per test session (shared by xdist workers through a lock
file) from datapackages/ when the real packages exist, else from the fixture
packages, into a scratch directory: the repository's docs/ and site/ are not touched.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.pages.sitebuild import build_site

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "datapackages"
FIXTURE = REPO / "tests/fixtures/datapackages"
CHROMIUM = Path("/usr/bin/chromium")
DESKTOP = {"width": 1400, "height": 900}  # the desktop the site is checked at (issue 11)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def packages_dir() -> Path:
    override = os.environ.get("SITE_TEST_PACKAGES")  # e.g. tests/fixtures/datapackages
    if override:
        return Path(override).resolve()
    return REAL if (REAL / "all" / "datapackage.json").is_file() else FIXTURE


def _inputs_digest(packages: Path) -> str:
    """Changes when the packages, the generator's page code or the hand-written docs change."""
    h = hashlib.sha256()
    roots = [packages, REPO / "generator/pages", REPO / "docs", REPO / "overrides"]
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and "specs" not in p.parts \
                    and "downloads" not in p.parts:
                h.update(p.as_posix().encode())
                h.update(p.read_bytes())
    h.update((REPO / "mkdocs.yml").read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    packages = packages_dir()
    shared = tmp_path_factory.getbasetemp().parent  # common to all xdist workers of this run
    work = shared / f"site-build-{_inputs_digest(packages)}"
    with (shared / "site-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "site" / "index.html").is_file():
            shutil.rmtree(work, ignore_errors=True)
            build_site(packages, work)
        fcntl.flock(lock, fcntl.LOCK_UN)
    return work / "site"


def _site_url() -> str:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:", 1)[0])
    return str(config["site_url"])


class _Server(http.server.SimpleHTTPRequestHandler):
    """Static server; sitemap.xml is served as if the site were deployed at this server's address.

    Material's instant navigation only intercepts links listed in sitemap.xml (matched by
    scheme, host and port), which names the public site_url: rewriting it here lets the tests
    exercise instant navigation exactly as it works on the deployed site.
    """

    site_url = ""

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        if self.path.split("?", 1)[0].endswith("/sitemap.xml"):
            path = Path(self.translate_path(self.path))
            if path.is_file():
                host, port = self.server.server_address[:2]
                body = path.read_text(encoding="utf-8").replace(self.site_url, f"http://{host}:{port}/")
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
        super().do_GET()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    _Server.site_url = _site_url()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Server, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: run `make sysdeps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """A page that records console errors, page errors and every request leaving 127.0.0.1."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # HTTP errors, and requests that failed for another reason than the page moving on (ERR_ABORTED)
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.failure} {r.url}")
                if "ERR_ABORTED" not in (r.failure or "") else None)

        def route(route):
            url = route.request.url
            if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.route("**/*", route)


@pytest.fixture
def watched(browser, base_url) -> Iterator[PageWatch]:
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    watch = PageWatch(page, base_url)
    yield watch
    context.close()
