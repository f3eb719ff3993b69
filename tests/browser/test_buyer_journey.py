"""A buyer's way through the site: home → category → product → contact link;
and the language switch on a product page."""

from __future__ import annotations

import re
import runpy
from urllib.parse import parse_qs, urlsplit

import pytest

from .support import (
    ROOT, VARIANT_IDS, VARIANTS, parse_product_path, product_path, sme_contact, whatsapp_number,
)

SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
EXPORT_DESK = SETTINGS["SADEWA_EXPORT_DESK"]


def _goto(page, url: str):
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    return response


def _follow(page, link) -> None:
    """Click a link and wait for the page it leads to (no sleeps)."""
    href = link.get_attribute("href")
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.ok, f"link {href!r} -> HTTP {response and response.status}"


def _query(href: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query, strict_parsing=True).items()}


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_buyer_finds_a_product_and_can_contact_the_maker(variant, page, url_of, requests_log):
    _goto(page, url_of(variant, variant.prefix))

    tile = page.locator(f"main .tiles a[href*='{variant.seg('category')}/']").first
    assert tile.count(), "no category tile on the home page"
    _follow(page, tile)
    assert f"/{variant.prefix}{variant.seg('category')}/" in page.url

    card = page.locator(f"main a.card-link[href*='{variant.seg('products')}/']").first
    assert card.count(), f"no product card on the category page {page.url}"
    _follow(page, card)
    sme_slug, _ = parse_product_path(variant, page.url)

    name = page.locator("main h1").inner_text().strip()
    assert name, "the product page has no heading"
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    contact = sme_contact(sme_slug)
    links = page.locator("main a[href]")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    wa_links = [href for href in hrefs if href.startswith("https://wa.me/")]

    if variant.site == "domestic":
        assert contact.get("whatsapp"), f"{sme_slug} (in the journey) has no WhatsApp number in products/{sme_slug}/sme.yaml"
        assert wa_links, f"no WhatsApp link on {page.url}"
    else:
        quotes = [href for href in hrefs if href.startswith(f"mailto:{EXPORT_DESK}?")]
        assert len(quotes) == 1, f"expected one quote request to {EXPORT_DESK} on {page.url}, got {quotes}"
        quote = _query(quotes[0])
        if contact.get("email"):
            assert quote.get("cc") == contact["email"], f"the SME is not in copy: {quotes[0]}"
        assert name in quote["subject"], f"the quote subject does not name {name!r}: {quote['subject']!r}"
        assert name in quote["body"] and canonical in quote["body"], quote["body"]
        quote_link = page.locator(f"main a[href^='mailto:{EXPORT_DESK}?']")
        if variant.lang == "en":
            assert quote_link.inner_text().strip() == "Request a quote"
        assert quote_link.is_visible()
        if contact.get("whatsapp"):
            assert wa_links, f"no WhatsApp link (the second way) on {page.url}"

    for href in wa_links:
        match = re.fullmatch(r"https://wa\.me/(62\d{8,13})\?text=[^&]+", href)
        assert match, f"not a wa.me link with a prefilled text: {href}"
        assert match[1] == whatsapp_number(contact["whatsapp"]), href
        text = _query(href)["text"]
        assert name in text, f"the WhatsApp message does not name {name!r}: {text!r}"
        assert canonical in text, f"the WhatsApp message does not give the page {canonical}: {text!r}"

    requests_log.assert_all_local()


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_language_switch_leads_to_the_same_product(variant, page, url_of, site_pages, requests_log):
    sme_slug, product_slug = parse_product_path(variant, "/" + site_pages[variant]["product"])
    _goto(page, url_of(variant, product_path(variant, sme_slug, product_slug)))
    assert page.locator("html").get_attribute("lang") == variant.lang

    other = variant.other()
    expected = url_of(other, product_path(other, sme_slug, product_slug))
    switch = page.locator("a.lang-switch")
    assert switch.count() == 1, "expected one language switch"
    assert switch.get_attribute("hreflang") == other.lang
    with page.expect_navigation():
        switch.click()
    page.wait_for_url(expected)
    assert page.locator("html").get_attribute("lang") == other.lang
    requests_log.assert_all_local()


def test_missing_page_is_answered_with_the_styled_404(page, site_urls, requests_log):
    """The host serves /404.html for any missing path: its links and styles
    must not depend on where it is served."""
    response = page.goto(site_urls["domestic"] + "produk/tidak-ada/sama-sekali/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "id"
    styled = page.evaluate(
        "() => [...document.styleSheets].some((sheet) => sheet.href && sheet.cssRules.length > 0)"
    )
    assert styled, "the 404 page's stylesheet did not load at a nested path"
    home = page.locator("main a").first
    with page.expect_navigation() as navigation:
        home.click()
    assert navigation.value.ok
    requests_log.assert_all_local()
