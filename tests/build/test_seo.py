"""Structured data, social tags, sitemaps, feeds and redirects (SPEC §4)."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from ..conftest import ROOT
from .conftest import run_build

PRODUCT = "batik-tulis-laweyan/kain-batik-tulis-parang-sogan"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml", "a": "http://www.w3.org/2005/Atom"}


def jsonld(soup) -> dict[str, dict]:
    found = {}
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found


def test_product_page_social_tags_and_structured_data(sample):
    page = sample.html(f"domestic/produk/{PRODUCT}/")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
    assert meta["og:type"] == "product" and meta["og:locale"] == "id_ID" and meta["og:locale:alternate"] == "en_US"
    assert meta["og:url"] == f"http://127.0.0.1:8000/produk/{PRODUCT}/"
    assert meta["og:image"].startswith("http://127.0.0.1:8000/cards/") and meta["og:image:width"] == "1200"
    assert meta["twitter:card"] == "summary_large_image"
    assert len(page.title.string) <= 90 and "Batik Tulis Laweyan" in page.title.string
    assert "Rp" in meta["description"] and "Kota Surakarta" in meta["description"]
    data = jsonld(page)
    product = data["Product"]
    assert product["offers"]["priceCurrency"] == "IDR" and product["offers"]["availability"].endswith("InStock")
    assert product["offers"]["seller"]["name"] and product["brand"]["name"] and product["image"]
    assert all(url.startswith("http://127.0.0.1:8000/") for url in product["image"])
    assert [item["position"] for item in data["BreadcrumbList"]["itemListElement"]] == [1, 2, 3, 4]

    international = jsonld(sample.html(f"international/products/{PRODUCT}/"))["Product"]
    assert international["offers"]["priceCurrency"] == "USD"
    assert international["offers"]["eligibleQuantity"]["minValue"] > 0


def test_discontinued_product_says_so(sample):
    data = jsonld(sample.html("domestic/produk/batik-pesisir-pekalongan/kain-batik-tiga-negeri/"))
    assert data["Product"]["offers"]["availability"] == "https://schema.org/Discontinued"


def test_sme_and_home_structured_data(sample):
    business = jsonld(sample.html("domestic/ukm/batik-tulis-laweyan/"))["LocalBusiness"]
    assert business["address"]["addressRegion"] == "Jawa Tengah" and business["address"]["addressCountry"] == "ID"
    assert business["telephone"].startswith("+62")
    home = jsonld(sample.html("international/"))
    assert home["WebSite"]["potentialAction"]["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")
    assert "BreadcrumbList" in home


def test_every_page_has_breadcrumbs_and_feeds_in_head(sample):
    for page in sample.output.rglob("index.html"):
        if "admin" in page.relative_to(sample.output).parts:
            continue  # the staff editor is a tool, not a page of the catalog
        soup = sample.html(str(page.relative_to(sample.output)))
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert "BreadcrumbList" in jsonld(soup), page
        feeds = [link["href"] for link in soup.find_all("link", type="application/atom+xml")]
        assert len(feeds) == 2, page


def test_sitemaps(sample):
    for site, base, default in [("domestic", "http://127.0.0.1:8000", "id"), ("international", "http://127.0.0.1:8001", "en")]:
        tree = ET.parse(sample.output / site / "sitemap.xml")
        urls = tree.getroot().findall("s:url", NS)
        locs = {u.find("s:loc", NS).text: u for u in urls}
        assert all(loc.startswith(base + "/") for loc in locs)
        assert not any("tiga-negeri" in loc for loc in locs), "discontinued pages are noindex: not in sitemaps"
        assert not any("kopi-temanggung" in loc for loc in locs), "redirects are not in sitemaps"
        for url in urls:
            langs = {link.get("hreflang") for link in url.findall("x:link", NS)}
            assert langs == {"id", "en", "x-default"}
        robots = (sample.output / site / "robots.txt").read_text()
        assert f"Sitemap: {base}/sitemap.xml" in robots
    product = next(u for loc, u in locs.items() if loc.endswith(f"/products/{PRODUCT}/"))
    assert product.find("s:lastmod", NS).text.startswith("20")


def test_feeds(sample):
    for path in ["domestic/feeds/produk-baru.atom", "domestic/en/feeds/new-products.atom", "international/feeds/new-products.atom",
                 "international/id/feeds/produk-baru.atom", "domestic/feeds/artikel.atom", "domestic/en/feeds/articles.atom"]:
        root = ET.parse(sample.output / path).getroot()
        entries = root.findall("a:entry", NS)
        assert entries, path
    international = ET.parse(sample.output / "international/feeds/new-products.atom").getroot()
    for entry in international.findall("a:entry", NS):
        assert entry.find("a:link", NS).get("href").startswith("http://127.0.0.1:8001/products/")


def test_redirects_file(sample):
    lines = (sample.output / "domestic/_redirects").read_text().splitlines()
    assert "/ukm/kopi-temanggung/ /ukm/kopi-sindoro-sumbing/ 301" in lines
    assert "/produk/batik-tulis-laweyan/batik-kawung-klasik/ /produk/batik-tulis-laweyan/kain-batik-tulis-kawung-sogan/ 301" in lines


def urlcheck(previous, current, products):
    return subprocess.run(
        [sys.executable, "scripts/urlcheck.py", str(previous), "--current", str(current), "--products", str(products)],
        cwd=ROOT, capture_output=True, text=True,
    )


def test_urlcheck_catches_a_rename_without_alias(catalog_copy, tmp_path):
    first = run_build(catalog_copy, tmp_path / "one", tmp_path / "cache")
    assert first.result.returncode == 0
    previous = tmp_path / "previous-urls.txt"
    previous.write_text((tmp_path / "one" / "urls.txt").read_text())

    # rename a product without an alias: caught
    (catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml").rename(catalog_copy / "kopi-lereng" / "arabika-sindoro-baru.yaml")
    second = run_build(catalog_copy, tmp_path / "two", tmp_path / "cache")
    assert second.result.returncode == 0
    result = urlcheck(previous, tmp_path / "two" / "urls.txt", catalog_copy)
    assert result.returncode == 1
    assert "http://127.0.0.1:8000/produk/kopi-lereng/arabika-sindoro/" in result.stdout

    # with the old slug as an alias: passes
    renamed = catalog_copy / "kopi-lereng" / "arabika-sindoro-baru.yaml"
    renamed.write_text(renamed.read_text() + "aliases: [arabika-sindoro]\n")
    third = run_build(catalog_copy, tmp_path / "three", tmp_path / "cache")
    assert third.result.returncode == 0, third.result.stdout
    assert urlcheck(previous, tmp_path / "three" / "urls.txt", catalog_copy).returncode == 0

    # a product turned draft may leave: excused
    draft = catalog_copy / "batik-sari" / "selendang.yaml"
    draft.write_text(draft.read_text().replace("status: discontinued", "status: draft"))
    fourth = run_build(catalog_copy, tmp_path / "four", tmp_path / "cache")
    assert fourth.result.returncode == 0, fourth.result.stdout
    result = urlcheck(previous, tmp_path / "four" / "urls.txt", catalog_copy)
    assert result.returncode == 0, result.stdout
