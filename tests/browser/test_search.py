"""Search in the browser, on every site and language: a query finds what is
published there and nothing else, filters narrow, a result opens, and the
query lives in the URL."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from sadewa import loader
from sadewa.model import Site

from .support import ROOT, VARIANT_IDS, VARIANTS

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = loader.load(ROOT / "products", TODAY)
    assert catalog is not None, problems.errors
    return catalog


def search_url(url_of, variant, query: str) -> str:
    return url_of(variant, f"{variant.prefix}{variant.seg('search')}/{query}")


def results(page) -> list[str]:
    page.wait_for_selector("#search-results [role=status]")
    return [urlsplit(a.get_attribute("href")).path for a in page.query_selector_all("#search-results .card-link")]


def product_key(path: str) -> str | None:
    parts = [p for p in path.strip("/").split("/") if p not in ("id", "en")]
    return f"{parts[1]}/{parts[2]}" if len(parts) == 3 and parts[0] in ("produk", "products") else None


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_query_finds_what_is_published_here(variant, page, url_of, catalog, requests_log):
    site = Site(variant.site)
    page.goto(search_url(url_of, variant, "?q=carica"))
    found = {product_key(p) for p in results(page)}
    assert "carica-dieng-mandiri/carica-sirup-toples-kaca" in found
    for key in found - {None}:
        product = next(p for p in catalog.products if p.key == key)
        assert product.is_listed(site), key

    page.goto(search_url(url_of, variant, "?q=nopia"))
    nopia = {product_key(p) for p in results(page)}
    assert ("keripik-banyumas/nopia-bawang-merah" in nopia) == (site is Site.DOMESTIC)
    requests_log.assert_all_local()


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_halal_filter_keeps_only_valid_halal_products(variant, page, url_of, catalog):
    page.goto(search_url(url_of, variant, "?q=kopi&halal=yes"))
    found = [product_key(p) for p in results(page)]
    assert found
    by_key = {p.key: p for p in catalog.products}
    for key in found:
        assert key is not None and by_key[key].is_halal(TODAY), key
    # the expired certificate (teh-hijau-tambi) never counts
    assert "teh-tambi-lestari/teh-hijau-tambi" not in found


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_filter_narrows_and_a_result_opens(variant, page, url_of, catalog):
    page.goto(search_url(url_of, variant, "?q=batik"))
    before = results(page)
    assert len(before) >= 2
    region = page.locator("#search-filters [data-filter=region] input").first
    region_name = region.get_attribute("value")
    region.check()
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('region').length === 1")
    page.wait_for_function("(n) => document.querySelectorAll('#search-results .card-link').length < n", arg=len(before) + 1)
    after = results(page)
    assert 0 < len(after) <= len(before)
    by_key = {p.key: p for p in catalog.products}
    for path in after:
        key = product_key(path)
        if key:
            assert by_key[key].region.name == region_name
    with page.expect_navigation():
        page.locator("#search-results .card-link").first.click()
    assert page.locator("h1").inner_text()


@pytest.mark.parametrize("variant", VARIANTS[:1] + VARIANTS[2:3], ids=[VARIANT_IDS[0], VARIANT_IDS[2]])
def test_query_in_url_and_back_button(variant, page, url_of):
    page.goto(search_url(url_of, variant, "?q=kopi"))
    results(page)
    page.fill("#q", "batik")
    page.press("#q", "Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'batik'")
    page.go_back()
    page.wait_for_function("() => document.getElementById('q').value === 'kopi'")
    assert "q=kopi" in page.url


def test_header_search_box_leads_to_search(page, url_of):
    variant = VARIANTS[0]
    page.goto(url_of(variant, ""))
    page.fill("#q-top", "carica")
    with page.expect_navigation():
        page.press("#q-top", "Enter")
    assert "/cari/?q=carica" in page.url
    assert results(page)
