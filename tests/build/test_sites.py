"""The sample catalog built and checked against SPEC §2, page by page."""

import posixpath
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from sadewa import loader
from sadewa.model import Site
from sadewa.urls import View

from ..conftest import ROOT, TODAY as TODAY_DATE

DOMESTIC, INTERNATIONAL = "domestic", "international"


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = loader.load(ROOT / "products", TODAY_DATE)
    assert catalog is not None, problems.errors
    return catalog


def test_every_published_product_has_its_pages(sample, catalog):
    for product in catalog.products:
        key = product.key
        domestic = product.is_published(Site.DOMESTIC)
        international = product.is_published(Site.INTERNATIONAL)
        assert sample.exists(f"domestic/produk/{key}/") == domestic, key
        assert sample.exists(f"domestic/en/products/{key}/") == domestic, key
        assert sample.exists(f"international/products/{key}/") == international, key
        assert sample.exists(f"international/id/produk/{key}/") == international, key


def test_inclusion_rules_of_the_sample(sample):
    # draft: nowhere
    assert not sample.exists("domestic/produk/teh-tambi-lestari/teh-tambi-kombucha/")
    # a domestic-only product is not on the international site
    assert sample.exists("domestic/produk/keripik-banyumas/nopia-bawang-merah/")
    assert not sample.exists("international/products/keripik-banyumas/nopia-bawang-merah/")
    # the international site lists only SMEs with export products
    assert not sample.exists("international/sme/keripik-banyumas/")
    assert sample.exists("international/sme/ukir-jati-jepara/")
    assert sample.exists("international/collections/update-of-the-region-2026/")
    assert not sample.exists("domestic/koleksi/")


def test_inactive_sme_is_published_nowhere(sample):
    for path in sample.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".atom"}:
            assert "sirup-kawista-rembang" not in path.read_text(encoding="utf-8"), path


def all_links(soup):
    return {a["href"] for a in soup.find_all("a", href=True)}


def test_discontinued_keeps_its_page_but_leaves_listings(sample):
    key = "batik-pesisir-pekalongan/kain-batik-tiga-negeri"
    page = sample.html(f"domestic/produk/{key}/")
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert page.select_one(".notice")
    others = [h for h in all_links(page) if "/batik-pesisir-pekalongan/" in h and "tiga-negeri" not in h]
    assert others, "links to the SME's other products"
    for listing in ["domestic/produk/", "domestic/kategori/batik/", "domestic/ukm/batik-pesisir-pekalongan/", "domestic/"]:
        assert not any("kain-batik-tiga-negeri" in h for h in all_links(sample.html(listing))), listing


@pytest.mark.parametrize(
    "path, lang, other, canonical",
    [
        ("domestic/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "id", "http://127.0.0.1:8000/en/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "http://127.0.0.1:8000/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/"),
        ("domestic/en/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "en", "http://127.0.0.1:8000/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "http://127.0.0.1:8000/en/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/"),
        ("international/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "en", "http://127.0.0.1:8001/id/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "http://127.0.0.1:8001/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/"),
        ("international/id/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "id", "http://127.0.0.1:8001/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/", "http://127.0.0.1:8001/id/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/"),
    ],
)
def test_language_canonical_and_alternates(sample, path, lang, other, canonical):
    page = sample.html(path)
    assert page.html["lang"] == lang
    assert page.find("link", rel="canonical")["href"] == canonical
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate") if link.get("hreflang")}
    assert alternates[lang] == canonical
    assert alternates["en" if lang == "id" else "id"] == other
    default = "id" if path.startswith("domestic") else "en"
    assert alternates["x-default"] == alternates[default]
    switch = page.select_one("a.lang-switch")
    site_root = sample.output / path.split("/")[0]
    target = (sample.output / path / switch["href"]).resolve()
    assert target.relative_to(site_root.resolve()).as_posix() + "/" == urlsplit(other).path.lstrip("/")


def catalog_pages(sample):
    """Every HTML page but the staff editor (/admin/, a tool, not part of the catalog)."""
    return [p for p in sample.output.rglob("*.html") if "admin" not in p.relative_to(sample.output).parts]


def test_every_page_has_lang_canonical_and_privacy_link(sample):
    for page in catalog_pages(sample):
        soup = sample.html(str(page.relative_to(sample.output)))
        assert soup.html.get("lang") in {"id", "en"}, page
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert soup.find("link", rel="canonical"), page
        assert any(h.rstrip("/").endswith("privacy") for h in all_links(soup)), page


def test_missing_english_falls_back_marked(sample):
    page = sample.html("domestic/en/products/keripik-banyumas/nopia-bawang-merah/")
    title = page.find("h1")
    marked = title.find(attrs={"lang": "id"})
    assert marked is not None and marked.get_text(strip=True)


def text_of(sample, path, selector):
    return sample.html(path).select_one(selector).get_text(" ", strip=True)


def test_price_formats(sample):
    key = "batik-tulis-laweyan/kain-batik-tulis-parang-sogan"
    assert re.match(r"^Rp\d{1,3}(\.\d{3})+$", text_of(sample, f"domestic/produk/{key}/", ".product-price .price"))
    assert re.match(r"^IDR\s\d{1,3}(,\d{3})+$", text_of(sample, f"domestic/en/products/{key}/", ".product-price .price"))
    assert re.match(r"^\$\d+(,\d{3})*\.\d{2}$", text_of(sample, f"international/products/{key}/", ".product-price .price"))
    assert re.match(r"^US\$\d+(\.\d{3})*,\d{2}$", text_of(sample, f"international/id/produk/{key}/", ".product-price .price"))
    on_request = text_of(sample, "domestic/en/products/ukir-jati-jepara/gebyok-ukir-jati/", ".product-price")
    assert "Price on request" in on_request


def test_whatsapp_link_is_normalized_and_prefilled(sample):
    page = sample.html("domestic/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/")
    link = page.select_one("a.button-wa")["href"]
    parts = urlsplit(link)
    assert parts.netloc == "wa.me" and re.fullmatch(r"/628\d{7,11}", parts.path)
    message = parse_qs(parts.query)["text"][0]
    assert page.find("h1").get_text(strip=True) in message
    assert "http://127.0.0.1:8000/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/" in message


def test_quote_request_goes_to_export_desk_with_sme_in_copy(sample):
    page = sample.html("international/products/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/")
    quote = next(a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("mailto:ekspor@"))
    query = parse_qs(urlsplit(quote).query)
    assert query["cc"] == ["halo@batiklaweyan.example"] or query["cc"][0].endswith(".example")
    assert "kain-batik-tulis-parang-sogan" in query["body"][0]
    assert "MOQ" in unquote(quote) or "Minimum order" in query["body"][0]


def test_alias_redirects(sample):
    page = sample.html("domestic/ukm/kopi-temanggung/")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = (sample.output / "domestic/ukm/kopi-temanggung" / refresh.removeprefix("0; url=")).resolve()
    assert target == (sample.output / "domestic/ukm/kopi-sindoro-sumbing").resolve()
    assert page.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/ukm/kopi-sindoro-sumbing/"
    assert sample.exists("domestic/en/sme/kopi-temanggung/")
    assert sample.exists("domestic/produk/kopi-temanggung/kopi-arabika-sindoro-natural/")
    product_alias = sample.html("domestic/produk/batik-tulis-laweyan/batik-kawung-klasik/")
    assert product_alias.find("link", rel="canonical")["href"].endswith("/produk/batik-tulis-laweyan/kain-batik-tulis-kawung-sogan/")


def test_no_third_party_requests(sample):
    own = ("http://127.0.0.1:8000/", "http://127.0.0.1:8001/")  # the blog cards' absolute URLs
    for page in catalog_pages(sample):
        soup = sample.html(str(page.relative_to(sample.output)))
        for tag in soup.find_all(["script", "img", "source", "iframe", "link", "video", "audio"]):
            for attr in ("src", "srcset"):
                for value in (tag.get(attr) or "").split(","):
                    value = value.strip()
                    assert not re.match(r"^(https?:)?//", value) or value.startswith(own), (page, value)
            if tag.name == "link" and "stylesheet" in (tag.get("rel") or []):
                assert not re.match(r"^(https?:)?//", tag["href"]), page
        assert "@import" not in page.read_text(encoding="utf-8")


def test_urls_txt_lists_every_page(sample):
    urls = (sample.output / "urls.txt").read_text().splitlines()
    assert urls == sorted(urls)
    assert "http://127.0.0.1:8000/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/" in urls
    assert "http://127.0.0.1:8001/id/produk/batik-tulis-laweyan/kain-batik-tulis-parang-sogan/" in urls
    pages = [p for p in catalog_pages(sample) if p.name == "index.html"]
    assert len(urls) == len(pages)


@pytest.mark.parametrize("site", [Site.DOMESTIC, Site.INTERNATIONAL])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_search_page_offers_every_category_and_region_to_browse(sample, catalog, site, lang):
    """Without JavaScript, search offers browsing instead: every category,
    and every region with something published on the site."""
    view = View(site, lang, "")
    page = f"{site.value}/{view.search()}"
    linked = set()
    for chips in sample.html(page).select("ul.chips"):
        linked |= {posixpath.normpath(posixpath.join(page, a["href"])) + "/" for a in chips.select("a")}
    regions = {s.region for s in catalog.published_smes(site)} | {p.region for p in catalog.listed_products(site)}
    expected = {f"{site.value}/{view.category(c)}" for c in catalog.categories}
    expected |= {f"{site.value}/{view.region(r)}" for r in catalog.regions if r in regions}
    assert linked == expected
