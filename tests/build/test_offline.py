"""Offline copies (SPEC §6): the zips and PDFs of `make offline` on the sample
catalog — names, one top folder with a start page, links that work from
file:// (every one names a file in the zip), nothing fetched from a host,
collections holding exactly their products, the same bytes on every run."""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from sadewa import loader
from sadewa.model import Site

from ..conftest import ROOT, TODAY, run_offline

DAY = TODAY.isoformat()
ONLINE = "https://export.sadewa.example"  # publishconf.py's international URL (SADEWA_INTERNATIONAL_URL unset)
# Attributes the browser fetches by itself: these must stay inside the copy.
RESOURCES = {("img", "src"), ("img", "srcset"), ("source", "srcset"), ("script", "src"), ("iframe", "src")}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
PRODUCT_PAGE = r"{words}/([a-z0-9-]+)/([a-z0-9-]+)/index\.html"
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = loader.load(ROOT / "products", TODAY)
    assert catalog is not None, problems.errors
    return catalog


def edition_names(catalog) -> list[str]:
    return [f"sadewa-international-{DAY}"] + [f"sadewa-collection-{c.slug}-{DAY}" for c in catalog.collections]


class Copy:
    """One zip, read into memory: its entries by path inside the top folder."""

    def __init__(self, path):
        self.name = path.stem
        with zipfile.ZipFile(path) as archive:
            self.names = archive.namelist()
            self.files = {n.split("/", 1)[1]: archive.read(n) for n in self.names if not n.endswith("/")}

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.files[path].decode("utf-8"), "html.parser")

    def search_records(self, path: str = "search-index.js") -> list[dict]:
        text = self.files[path].decode("utf-8")
        return json.loads(text.removeprefix("window.SADEWA_SEARCH_INDEX = ").removesuffix(";\n"))


@pytest.fixture(scope="module")
def copies(offline_copies, catalog) -> dict[str, Copy]:
    return {name: Copy(offline_copies.output / f"{name}.zip") for name in edition_names(catalog)}


def test_a_zip_and_a_pdf_per_edition_named_by_the_reference_date(offline_copies, catalog):
    names = edition_names(catalog)
    assert len(names) >= 2, "the sample catalog has collections"
    assert offline_copies.files() == {f"{n}.zip" for n in names} | {f"{n}.pdf" for n in names}


def test_each_zip_holds_one_folder_of_its_name_whose_index_is_the_start_page(copies, catalog):
    for name, copy in copies.items():
        assert {n.split("/", 1)[0] for n in copy.names} == {name}, name
        notice = copy.html("index.html").select_one(".start-notice")
        assert notice is not None, f"{name}: index.html is not the start page"
        assert [part["lang"] for part in notice.select("[lang]")] == ["en", "id"], "both languages"
        text = notice.get_text(" ")
        assert "November 28, 2026" in text and "28 November 2026" in text, "when it was made, in each language"
        assert "ekspor@sadewa.example" in text, "how to reach the export desk"
        assert copy.html("id/index.html").select(".start-notice [lang]")[0]["lang"] == "id"
    for collection in catalog.collections:
        notice = copies[f"sadewa-collection-{collection.slug}-{DAY}"].html("index.html").select_one(".start-notice")
        assert collection.title.en in notice.get_text(" ") and collection.event.name in notice.get_text(" ")


def _links(path: str, data: bytes) -> list[tuple[str, str, bool]]:
    """(kind, URL, fetched by the browser by itself) of every link of a file."""
    found = []
    if path.endswith(".html"):
        soup = BeautifulSoup(data.decode("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attr in ("href", "src", "srcset", "action"):
                value = tag.get(attr)
                if value is None:
                    continue
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attr == "srcset" else [value]
                fetched = (tag.name, attr) in RESOURCES or (
                    tag.name == "link" and bool(FETCHED_LINKS & set(tag.get("rel") or ())))
                found += [(f"<{tag.name} {attr}>", url, fetched) for url in urls]
            if tag.name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
                found.append(("<meta refresh>", tag["content"].split("url=", 1)[1], True))
        for style in soup.find_all("style"):
            found += [("<style> url()", url, True) for url in CSS_URL.findall(style.get_text())]
    elif path.endswith(".css"):
        found += [("url()", url, True) for url in CSS_URL.findall(data.decode("utf-8"))]
    return found


def test_every_link_inside_a_copy_names_a_file_of_the_zip(copies):
    for name, copy in copies.items():
        broken = []
        for path, data in sorted(copy.files.items()):
            for kind, url, fetched in _links(path, data):
                parts = urlsplit(url)
                if parts.scheme in ("http", "https"):
                    assert not fetched, f"{name}/{path}: {kind} {url} would be fetched from a host"
                    continue
                if not url or parts.scheme or url.startswith("#"):  # this page; mailto:, tel:, data:
                    continue
                if url.startswith("/"):
                    broken.append((path, url, "root-relative: breaks on file://"))
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
                if target not in copy.files:
                    broken.append((path, url, "no such file (links must name index.html)"))
        assert not broken, f"{name}: {len(broken)} broken link(s), e.g. {broken[:5]}"


def test_absolute_urls_are_the_online_catalogs_own(copies):
    """Canonical, hreflang and og:url lead to the online international site."""
    page = copies[f"sadewa-international-{DAY}"].html("index.html")
    assert page.select_one("link[rel=canonical]")["href"] == f"{ONLINE}/"
    assert page.select_one("link[hreflang=id]")["href"] == f"{ONLINE}/id/"
    assert not page.select("meta[property='og:image']"), "no share cards in an offline copy"


def test_search_index_records_lead_to_files_of_the_zip(copies):
    for name, copy in copies.items():
        for index in ("search-index.js", "id/search-index.js"):
            records = copy.search_records(index)
            assert records, f"{name}/{index} is empty"
            folder = posixpath.dirname(index)
            for record in records:
                for url in filter(None, (record["url"], record.get("image"))):
                    assert posixpath.normpath(posixpath.join(folder, url)) in copy.files, (name, index, url)
        search = copy.html("search/index.html")
        scripts = [s["src"] for s in search.select("script[src]")]
        assert scripts == ["../search-index.js", "../assets/js/offline-search.js", "../assets/js/search.js"]
        assert not search.select("script[type=module]"), "module scripts do not load from file://"


def test_what_a_host_needs_is_left_out(copies):
    for name, copy in copies.items():
        for path in ("404.html", "id/404.html", "_redirects", "sitemap.xml", "robots.txt"):
            assert path not in copy.files, f"{name}: {path}"
        top = {path.split("/", 1)[0] for path in copy.files}
        assert not top & {"pagefind", "cards", "domestic"}, f"{name}: {top}"
        widths = {int(m[1]) for path in copy.files if (m := re.fullmatch(r"media/[0-9a-f]+-(\d+)\.(?:jpg|webp)", path))}
        assert widths and max(widths) <= 960, f"{name}: photo widths {sorted(widths)}"
        assert not [p for p in copy.files if "-full." in p], f"{name}: full-size originals"


def _live_pages(copy: Copy, pattern: str) -> set[str]:
    """The slugs matched by ``pattern`` (a regex of paths) of live pages, alias redirects left out."""
    found = set()
    for path in copy.files:
        match = re.fullmatch(pattern, path)
        if match and not copy.html(path).select("meta[http-equiv=refresh]"):
            found.add("/".join(match.groups()))
    return found


def test_a_collection_zip_holds_exactly_its_products_and_their_smes(copies, catalog):
    for collection in catalog.collections:
        copy = copies[f"sadewa-collection-{collection.slug}-{DAY}"]
        expected = {p.key for p in collection.products}
        assert _live_pages(copy, PRODUCT_PAGE.format(words="products")) == expected
        assert _live_pages(copy, PRODUCT_PAGE.format(words="id/produk")) == expected
        assert _live_pages(copy, r"sme/([a-z0-9-]+)/index\.html") == {p.sme.slug for p in collection.products}
        listed = {r["url"] for r in copy.search_records() if r["url"].startswith("products/")}
        assert listed == {f"products/{key}/index.html" for key in expected}
    whole = copies[f"sadewa-international-{DAY}"]
    published = {p.key for p in catalog.published_products(Site.INTERNATIONAL)}
    assert _live_pages(whole, PRODUCT_PAGE.format(words="products")) == published


def test_the_same_input_and_date_give_the_same_bytes(offline_copies, catalog, tmp_path, sample_images):
    again = run_offline(tmp_path / "offline", tmp_path / "cache", env={"SADEWA_IMAGE_CACHE": str(sample_images)})
    assert again.result.returncode == 0, again.result.stderr
    for name in offline_copies.files():
        assert (tmp_path / "offline" / name).read_bytes() == (offline_copies.output / name).read_bytes(), name


# -- the printed catalog ---------------------------------------------------------


def _pdf(offline_copies, name: str) -> tuple[PdfReader, str, set[str]]:
    """The PDF, its text with whitespace collapsed, and what its QR codes say."""
    reader = PdfReader(offline_copies.output / f"{name}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    decoded = set()
    for page in reader.pages:
        for image in page.images:
            with Image.open(io.BytesIO(image.data)) as picture:
                if picture.width == picture.height:  # QR codes are square; photos are not decoded
                    decoded.update(code.text for code in zxingcpp.read_barcodes(picture))
    return reader, text, decoded


def test_the_pdf_lists_every_product_with_name_price_and_a_qr_code_to_its_page(offline_copies, catalog):
    for collection in catalog.collections:
        reader, text, decoded = _pdf(offline_copies, f"sadewa-collection-{collection.slug}-{DAY}")
        assert len(reader.pages) >= 3, "cover, contents, products"
        assert collection.title.en in text and collection.event.name in text
        for product in collection.products:
            assert " ".join(product.name.en.split()) in text, product.key
            assert f"${product.export.price_usd:,.2f}" in text, product.key
            assert f"{ONLINE}/products/{product.key}/" in decoded, product.key
        assert f"{ONLINE}/collections/{collection.slug}/" in decoded, "the cover leads to the collection online"
        for sme in {p.sme for p in collection.products}:
            assert sme.name in text


def test_the_pdf_has_contents_with_page_numbers_and_the_sme_directory(offline_copies):
    reader, text, _ = _pdf(offline_copies, f"sadewa-international-{DAY}")
    assert "Contents" in text and "SME directory" in text
    last = len(reader.pages)
    assert f"{last} / {last}" in text, "page numbers in the footer"
    assert reader.metadata.title.startswith("Export catalog")
    assert str(reader.metadata.creation_date.date()) == DAY, "dated by the reference date, not the clock"


def test_an_indonesian_pdf_when_asked(tmp_path, offline_copies, catalog, sample_images):
    result = run_offline(tmp_path / "offline", tmp_path / "cache", "--pdf-langs", "en", "id",
                         env={"SADEWA_IMAGE_CACHE": str(sample_images)})
    assert result.result.returncode == 0, result.result.stderr
    name = f"sadewa-international-{DAY}"
    assert {f"{name}.pdf", f"{name}.id.pdf"} <= result.files()
    _, _, decoded = _pdf(result, f"{name}.id")
    product = catalog.listed_products(Site.INTERNATIONAL)[0]
    assert f"{ONLINE}/id/produk/{product.key}/" in decoded
