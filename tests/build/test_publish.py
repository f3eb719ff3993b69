"""`make publish` (SPEC §7): production URLs, minified pages, fingerprinted
theme files, `.gz` and `.br` copies, a `_headers` file per site, and the
same bytes every time."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup

from ..conftest import FIXTURES, ROOT
from ..publishing import BASE_URLS, headers_for, publish, read_headers_file, snapshot, url_path

sys.path.insert(0, str(ROOT / "plugins"))
from publish import minify  # noqa: E402
from publish.files import TEXT_TYPES, cache_control  # noqa: E402

SITES = tuple(BASE_URLS)
FINGERPRINTED_NAME = re.compile(r"\.[0-9a-f]{12}\.[a-z]+$")
# Pagefind orders these differently on every run; the search plugin reuses
# them while the pages stay the same (the first test), so only a build with
# an empty cache gets new ones.
PAGEFIND_ORDERED = re.compile(r"/pagefind/(filter/|pagefind-entry\.json|pagefind\.\w+\.pf_meta)")


@dataclass
class Published:
    output: Path
    first: dict[str, str]  # snapshot after the first run
    second: dict[str, str]  # and after the second, same cache and output

    def pages(self, site: str) -> list[str]:
        return sorted(path.split("/", 1)[1] for path in self.second if path.startswith(f"{site}/") and path.endswith(".html"))

    def soup(self, site: str, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    base = tmp_path_factory.mktemp("publish")
    products = FIXTURES / "catalog" / "products"
    publish(products, base / "output", base / "cache")
    first = snapshot(base / "output")
    publish(products, base / "output", base / "cache")
    return Published(base / "output", first, snapshot(base / "output"))


@pytest.fixture(scope="module")
def published_afresh(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("publish-afresh")
    publish(FIXTURES / "catalog" / "products", base / "output", base / "cache")
    return base / "output"


def test_publishing_twice_gives_the_same_bytes(published):
    assert len(published.first) > 100
    assert published.first == published.second


def test_a_build_from_an_empty_cache_gives_the_same_bytes_but_for_pagefinds_ordering(published, published_afresh):
    def ours(files: dict[str, str]) -> dict[str, str]:
        return {path: digest for path, digest in files.items() if not PAGEFIND_ORDERED.search("/" + path) and not path.endswith("_headers")}

    afresh = snapshot(published_afresh)
    assert ours(afresh) == ours(published.second)
    for site in SITES:
        def rules(output: Path) -> list:
            return [rule for rule in read_headers_file((output / site / "_headers").read_text()) if ".pf_meta" not in rule.pattern]
        assert rules(published_afresh) == rules(published.output)


def test_every_text_file_has_gzip_and_brotli_copies_that_unpack_to_it(published):
    text_files = [path for path in published.second if path.split("/", 1)[0] in SITES and posixpath.splitext(path)[1] in TEXT_TYPES]
    assert any(path.endswith(".html") for path in text_files) and any(path.endswith(".css") for path in text_files)
    for path in text_files:
        data = (published.output / path).read_bytes()
        packed = (published.output / f"{path}.gz").read_bytes()
        assert gzip.decompress(packed) == data, path
        assert packed[4:8] == b"\0\0\0\0" and not packed[3] & 0x08, f"{path}.gz carries a time or a file name"
        assert brotli.decompress((published.output / f"{path}.br").read_bytes()) == data, path
    photos = [path for path in published.second if path.endswith((".jpg", ".webp"))]
    assert photos and not any(f"{path}.gz" in published.second for path in photos)


def test_pages_name_fingerprinted_theme_files_that_exist(published):
    for site in SITES:
        assets = [path for path in published.second if path.startswith(f"{site}/assets/") and not path.endswith((".gz", ".br"))]
        assert assets and all(FINGERPRINTED_NAME.search(path) for path in assets), assets
        for page in published.pages(site):
            if page.startswith("admin/"):
                continue  # the staff editor loads Decap CMS's own bundle, cached briefly
            soup = published.soup(site, page)
            if soup.find("meta", attrs={"http-equiv": "refresh"}):
                continue  # an alias's redirect page
            references = [tag["href"] for tag in soup.find_all("link", rel=["stylesheet", "icon"])]
            references += [tag["src"] for tag in soup.find_all("script", src=True)]
            assert any(ref.endswith(".css") for ref in references), page
            for reference in references:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(f"/{page}"), reference)).lstrip("/")
                assert FINGERPRINTED_NAME.search(target), f"{site}/{page}: {reference}"
                assert (published.output / site / target).is_file(), f"{site}/{page}: {reference}"
        for stylesheet in (path for path in assets if path.endswith(".css")):
            for reference in re.findall(r"url\(([^)]+)\)", (published.output / stylesheet).read_text()):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(stylesheet), reference.strip("'\"")))
                assert FINGERPRINTED_NAME.search(target) and (published.output / target).is_file(), reference


def test_search_page_loads_the_fingerprinted_search_module_and_pagefind(published):
    for site, search in (("domestic", "cari/index.html"), ("international", "search/index.html")):
        soup = published.soup(site, search)
        module = soup.find("script", type="module")
        assert FINGERPRINTED_NAME.search(module["src"]) and "/search." in module["src"]
        script = (published.output / site / posixpath.normpath(posixpath.join(posixpath.dirname(search), module["src"]))).read_text()
        assert "import(" in script  # the minified module still imports Pagefind
        bundle = posixpath.normpath(posixpath.join(posixpath.dirname(search), soup.find(id="search-form")["data-bundle"]))
        assert bundle.endswith("pagefind/pagefind.js") and (published.output / site / bundle).is_file()


def test_canonical_and_shared_urls_use_the_production_base_urls(published):
    for site, base in BASE_URLS.items():
        checked = 0
        for page in published.pages(site):
            soup = published.soup(site, page)
            canonical = soup.find("link", rel="canonical")
            if canonical is None:
                continue
            assert canonical["href"].startswith(base + "/"), f"{site}/{page}: {canonical['href']}"
            og_url = soup.find("meta", property="og:url")
            assert og_url is None or og_url["content"] == canonical["href"]
            checked += 1
        assert checked > 10
        sitemap = (published.output / site / "sitemap.xml").read_text()
        locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert locations and all(loc.startswith(base + "/") for loc in locations)
        assert f"Sitemap: {base}/sitemap.xml" in (published.output / site / "robots.txt").read_text()


def test_headers_file_gives_each_file_its_caching_and_each_page_its_own_policy(published):
    for site in SITES:
        rules = read_headers_file((published.output / site / "_headers").read_text())
        assert rules[0].pattern == "/*"
        assert ("X-Content-Type-Options", "nosniff") in rules[0].headers
        assert ("Referrer-Policy", "strict-origin-when-cross-origin") in rules[0].headers
        served = [path.split("/", 1)[1] for path in published.second
                  if path.startswith(f"{site}/") and not path.endswith((".gz", ".br", "/_headers", "/_redirects"))]
        for path in served:
            headers = headers_for(rules, url_path(path))
            assert headers["Cache-Control"] == [cache_control(path)], path
            assert headers["X-Content-Type-Options"] == ["nosniff"], path
            if path.endswith(".html"):
                meta = published.soup(site, path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
                if meta is not None:
                    assert headers["Content-Security-Policy"] == [meta["content"]], path
                assert len(headers["Content-Security-Policy"]) == 1, path
            elif path.startswith("pagefind/"):
                assert "Content-Security-Policy" not in headers, path  # its worker runs WebAssembly
        immutable = "public, max-age=31536000, immutable"
        assert headers_for(rules, "/assets/css/site.0123456789ab.css")["Cache-Control"] == [immutable]
        assert headers_for(rules, "/media/x-320.webp")["Cache-Control"] == [immutable]
        assert headers_for(rules, "/")["Cache-Control"] == ["public, max-age=300"]
        search = "/cari/" if site == "domestic" else "/search/"
        assert "'wasm-unsafe-eval'" in headers_for(rules, search)["Content-Security-Policy"][0]
        assert "'wasm-unsafe-eval'" not in headers_for(rules, "/")["Content-Security-Policy"][0]
        assert (published.output / site / "_redirects").is_file()


def test_pages_are_minified(published):
    page = (published.output / "domestic" / "index.html").read_text()
    assert page.startswith("<!doctype html><html lang=id><head>")
    assert "\n<" not in page


def _product_page_with_photo(sample) -> str:
    for path in sorted((sample.output / "domestic" / "produk").glob("*/*/index.html")):
        if "<picture" in path.read_text():
            return path.relative_to(sample.output).as_posix()
    raise AssertionError("no product page with a photo")


def test_minifier_keeps_structured_data_pictures_and_inline_json(sample):
    for page in (_product_page_with_photo(sample), "domestic/cari/index.html", "international/search/index.html"):
        source = (sample.output / page).read_text()
        before = BeautifulSoup(source, "html.parser")
        after = BeautifulSoup(minify.html(source), "html.parser")
        assert after.html["lang"] == before.html["lang"]

        def data(soup, kind):
            return [json.loads(tag.string) for tag in soup.find_all("script", type=kind)]

        for kind in ("application/ld+json", "application/json"):
            assert data(after, kind) == data(before, kind), page

        def pictures(soup):
            return [[(tag.name, dict(tag.attrs)) for tag in picture.find_all(True)] for picture in soup.find_all("picture")]

        assert pictures(after) == pictures(before), page
    assert pictures(BeautifulSoup(minify.html((sample.output / _product_page_with_photo(sample)).read_text()), "html.parser"))


def test_development_builds_stay_as_they_were(sample):
    site = sample.output / "domestic"
    assert (site / "assets" / "css" / "site.css").is_file()
    assert not (site / "_headers").exists()
    assert not list(site.rglob("*.gz"))
    assert '<html lang="id">' in (site / "index.html").read_text()
