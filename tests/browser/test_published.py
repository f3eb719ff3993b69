"""The production build (`make publish`) in Chromium, served the way a host
that reads `_headers` serves it: every page type of every site and language
loads its fingerprinted files with no Content-Security-Policy violation (the
page's <meta> and the header both apply), and search works."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.serve import SiteHandler, SiteServer

from ..publishing import headers_for, publish, read_headers_file
from .conftest import LOCAL_HOST
from .support import ROOT, page_param_ids, page_params

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


class PublishedSiteHandler(SiteHandler):
    """Adds the headers the site's `_headers` file gives each URL, joining
    the values of a header set by two rules as Cloudflare Pages does."""

    def end_headers(self):
        rules = _rules(Path(self.directory) / "_headers")
        for name, values in headers_for(rules, urlsplit(self.path).path).items():
            self.send_header(name, ", ".join(values))
        super().end_headers()


@functools.cache
def _rules(path: Path) -> list:
    return read_headers_file(path.read_text())


@pytest.fixture(scope="module")
def published_urls(sample_images, tmp_path_factory):
    """Both sites published with the addresses they are served at here, so
    that their absolute URLs (media-kit cards, canonical links) stay on the
    site's own origin, as in production."""
    base = tmp_path_factory.mktemp("published-sites")
    servers, urls = [], {}
    try:
        for site in ("domestic", "international"):
            handler = functools.partial(PublishedSiteHandler, directory=str(base / "output" / site))
            server = SiteServer((LOCAL_HOST, 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            urls[site] = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
        # The photos of the session's first build of the sample (conftest.sample_images).
        publish(ROOT / "products", base / "output", base / "cache", SADEWA_IMAGE_CACHE=str(sample_images),
                SADEWA_DOMESTIC_URL=urls["domestic"].rstrip("/"), SADEWA_INTERNATIONAL_URL=urls["international"].rstrip("/"))
        yield urls
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def open_watched(page, url: str):
    """Open ``url``: its response, and the lists of policy violations reported
    on the console and of failed requests, filled as the page goes on."""
    console, failed = [], []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(url)
    return response, console, failed


@pytest.mark.parametrize(("variant", "kind"), page_params(), ids=page_param_ids())
def test_published_page_loads_without_policy_violations(variant, kind, page, published_urls, site_pages, requests_log):
    path = site_pages[variant][kind]
    response, console, failed = open_watched(page, published_urls[variant.site] + path)
    assert response.headers["cache-control"] == "public, max-age=300"  # served with its _headers
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == []
    assert console == []
    assert failed == []
    styled = page.evaluate("[...document.styleSheets].some((sheet) => sheet.href && sheet.href.includes('/assets/css/site.') && sheet.cssRules.length > 0)")
    assert styled, "the fingerprinted stylesheet did not load"
    requests_log.assert_all_local()


@pytest.mark.parametrize("site", ["domestic", "international"])
def test_published_search_finds_products(site, page, published_urls):
    search = "cari/" if site == "domestic" else "search/"
    response, console, failed = open_watched(page, f"{published_urls[site]}{search}?q=kopi")
    assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    page.wait_for_selector("#search-results [role=status]")
    assert page.locator("#search-results .card-link").count() > 0
    assert page.evaluate("window.__violations") == []
    assert console == [] and failed == []
