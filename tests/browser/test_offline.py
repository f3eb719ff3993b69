"""The offline copy as a delegate uses it (SPEC §6): unzipped into a folder,
opened from file:// with the network cut — browse from the start page to a
product and its SME, switch language, see the photos, search and filter."""

from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from ..conftest import TODAY
from .test_accessibility import RUN_AXE, WCAG_TAGS, _describe

NAME = f"sadewa-international-{TODAY.isoformat()}"
OFFLINE_SCHEMES = {"file", "data", "blob", "about"}
# A word only one product's name has, and that product (sample catalog).
DISTINCTIVE = ("jlamprang", "products/batik-pesisir-pekalongan/kain-batik-tulis-jlamprang/index.html")


@pytest.fixture(scope="module")
def start_page(offline_copies, tmp_path_factory) -> str:
    """file:// URL of index.html in the unzipped international copy."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_copies.output / f"{NAME}.zip") as archive:
        archive.extractall(folder)
    return (folder / NAME / "index.html").as_uri()


def assert_offline(requests_log) -> None:
    assert requests_log, "no request was recorded"
    left = [url for url in requests_log if urlsplit(url).scheme not in OFFLINE_SCHEMES]
    assert not left, "requests left file://:\n" + "\n".join(left)


def assert_image_shows(page, selector: str) -> None:
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def results(page) -> list[str]:
    page.wait_for_selector("#search-results [role=status]")
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results .card-link")]


def test_browse_from_the_start_page_to_a_product_its_sme_and_the_other_language(page, start_page, requests_log):
    page.goto(start_page)
    assert page.locator(".start-notice [lang=en] h2").is_visible()
    assert page.locator(".start-notice [lang=id]").count() == 1
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)", "the stylesheet loads"

    with page.expect_navigation():
        page.locator(".tiles a").first.click()
    assert page.url.endswith("/index.html")
    with page.expect_navigation():
        page.locator("#main .card-link").first.click()
    assert "/products/" in page.url
    product = page.locator("h1").inner_text()
    assert_image_shows(page, ".main-photo img")

    with page.expect_navigation():
        page.locator(".summary .by a").first.click()
    assert "/sme/" in page.url
    sme = page.locator("h1").inner_text()
    assert_image_shows(page, ".sme-logo img")

    with page.expect_navigation():
        page.locator("a.lang-switch").click()
    assert "/id/ukm/" in page.url and page.url.endswith("/index.html")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == sme
    assert product
    assert_offline(requests_log)


def test_search_finds_a_product_by_a_distinctive_word_and_filters_narrow(page, start_page, requests_log):
    word, product = DISTINCTIVE
    page.goto(start_page)
    page.fill("#q-top", word)
    with page.expect_navigation():
        page.press("#q-top", "Enter")
    found = results(page)
    assert any(href.endswith(product) for href in found), found
    assert_image_shows(page, "#search-results img")

    page.goto(start_page.removesuffix("index.html") + "search/index.html?q=batik")
    before = results(page)
    assert len(before) >= 2
    region = page.locator("#search-filters [data-filter=region] input").first
    region_name = region.get_attribute("value")
    region.check()
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('region').length === 1")
    page.wait_for_function("(n) => document.querySelectorAll('#search-results .card-link').length < n", arg=len(before) + 1)
    after = results(page)
    assert 0 < len(after) <= len(before)
    for card in page.locator("#search-results .card-maker").all():
        assert region_name in card.inner_text()
    with page.expect_navigation():
        page.locator("#search-results .card-link").first.click()
    assert page.locator("h1").inner_text()
    assert_offline(requests_log)


def test_search_in_indonesian_with_the_halal_filter(page, start_page, requests_log):
    page.goto(start_page.removesuffix("index.html") + "id/cari/index.html?q=carica&halal=yes")
    found = results(page)
    assert found and all("/id/" in href for href in found)
    assert any(href.endswith("id/produk/carica-dieng-mandiri/carica-sirup-toples-kaca/index.html") for href in found)
    assert page.locator("#search-filters [data-filter=halal] input").is_checked()
    assert_offline(requests_log)


@pytest.mark.parametrize("path", ["index.html", "id/index.html", "search/index.html?q=batik", "id/cari/index.html?q=kopi"])
def test_no_axe_violations_offline(path, page, start_page, axe_source, requests_log):
    page.goto(start_page.removesuffix("index.html") + path)
    if "?q=" in path:
        results(page)
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, f"axe-core violations on {path}:\n{_describe(violations)}"
    assert_offline(requests_log)
