"""Product pages work with JavaScript switched off: price and contact link."""

from __future__ import annotations

import re
import runpy

import pytest

from .support import ROOT, VARIANT_IDS, VARIANTS

EXPORT_DESK = runpy.run_path(str(ROOT / "pelicanconf.py"))["SADEWA_EXPORT_DESK"]
# IDR on the domestic site, USD on the international one (Babel's formats per locale).
PRICE = {"domestic": re.compile(r"(Rp|IDR)\s?\d"), "international": re.compile(r"(US\$|\$|USD)\s?\d")}


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_product_page_without_javascript(variant, new_page, url_of, site_pages, requests_log):
    page = new_page(java_script_enabled=False)
    url = url_of(variant, site_pages[variant]["product"])
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"

    price = page.locator("main .product-price .price")
    assert price.is_visible(), f"no visible price on {url}"
    text = price.inner_text()
    on_request = "price-request" in (price.get_attribute("class") or "")
    assert on_request or PRICE[variant.site].search(text), f"not a price: {text!r}"

    if variant.site == "domestic":
        contact = page.locator("main a[href^='https://wa.me/']").first
    else:
        contact = page.locator(f"main a[href^='mailto:{EXPORT_DESK}?']").first
    assert contact.is_visible(), f"no visible contact link on {url}"
    assert contact.inner_text().strip(), "the contact link has no text"
    requests_log.assert_all_local()
