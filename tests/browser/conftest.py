"""Browser tests: build both sites once, serve them on 127.0.0.1, drive Chromium.

Chromium is Debian's /usr/bin/chromium, launched through Playwright's
`executable_path` (never `playwright install`). Without it the suite is
skipped, or fails when the CI environment variable is set.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.serve import SiteHandler, SiteServer  # the same 404 behaviour as `make serve`, like a static host

from .support import ROOT, TODAY, VARIANTS, discover_pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
# Schemes that never touch the network (file: for the offline copies).
_LOCAL_SCHEMES = {"data", "blob", "about", "file"}


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


# -- the sites ---------------------------------------------------------------


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory, sample_images) -> Path:
    """Both sites, built once per session into a temporary folder."""
    base = tmp_path_factory.mktemp("browser-sites")
    out = base / "output"
    env = {**os.environ, "SADEWA_TODAY": TODAY, "SADEWA_IMAGE_CACHE": str(sample_images)}
    env.pop("SADEWA_PRODUCTS", None)  # the real catalog, which the tests read too
    # Its own cache and staging folder: a `make html` or `make serve` running
    # at the same time must not mix its files into this build.
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--output", str(out), "--cache", str(base / "cache")],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def site_urls(built_sites):
    """{"domestic": "http://127.0.0.1:<port>/", "international": ...}, served
    from threads on ports chosen by the OS, stopped after the session."""
    servers, threads, urls = [], [], {}
    try:
        for site in ("domestic", "international"):
            handler = functools.partial(SiteHandler, directory=str(built_sites / site))
            server = SiteServer((LOCAL_HOST, 0), handler)
            thread = threading.Thread(target=server.serve_forever, name=f"serve-{site}", daemon=True)
            thread.start()
            servers.append(server)
            threads.append(thread)
            urls[site] = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
        yield urls
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        for thread in threads:
            thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_pages(built_sites):
    """{variant: {page type: path relative to the site root}}."""
    return {variant: discover_pages(built_sites / variant.site, variant) for variant in VARIANTS}


@pytest.fixture
def url_of(site_urls):
    def url_of(variant, path: str) -> str:
        return site_urls[variant.site] + path.lstrip("/")
    return url_of


# -- the browser -------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra pins it
        _unavailable(f"Playwright is not installed ({exc}); run `make test` to install the test extra")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class RequestLog(list):
    """Every URL a page requested (recorded with page.on("request"))."""

    def remote(self) -> list[str]:
        return [
            url for url in self
            if urlsplit(url).scheme not in _LOCAL_SCHEMES and urlsplit(url).hostname != LOCAL_HOST
        ]

    def assert_all_local(self) -> None:
        assert self, "no request was recorded"
        remote = self.remote()
        assert not remote, "requests left 127.0.0.1:\n" + "\n".join(f"  {url}" for url in remote)


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


def _guard(route):
    """Let through only what stays on this machine; the request is still recorded."""
    url = route.request.url
    if urlsplit(url).scheme in _LOCAL_SCHEMES or urlsplit(url).hostname == LOCAL_HOST:
        route.continue_()
    else:
        route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def _contexts(browser):
    """Browser contexts shared by the session, one per set of options (the
    sites are static: nothing a test does changes what another one sees)."""
    contexts = {}

    def context_for(**options):
        key = repr(sorted(options.items()))
        if key not in contexts:
            context = browser.new_context(**options)
            context.route("**/*", _guard)
            contexts[key] = context
        return contexts[key]

    yield context_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def new_page(_contexts, requests_log):
    """Factory: a fresh page in a context with the given options.

    Every request is recorded in `requests_log`; anything not addressed to
    127.0.0.1 is aborted as well, so that no test ever reaches the network.
    """
    pages = []

    def new_page(**context_options):
        page = _contexts(**context_options).new_page()
        pages.append(page)
        page.on("request", lambda request: requests_log.append(request.url))
        return page

    yield new_page
    for page in pages:
        page.close()


@pytest.fixture
def page(new_page):
    return new_page()


# -- axe-core ----------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js as shipped in the pinned PyPI package axe-playwright-python."""
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
