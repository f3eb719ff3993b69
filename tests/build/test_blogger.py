"""Media kits for bloggers (SPEC §5): one per active SME in both languages,
downloads without metadata, a QR code that leads to the SME page, and cards
to paste that carry no script and only absolute URLs."""

import io
import re
import zipfile

import zxingcpp
from PIL import Image

from sadewa import loader
from sadewa.model import Site

from ..conftest import ROOT, TODAY


def test_every_active_sme_has_a_media_kit(sample):
    catalog, _ = loader.load(ROOT / "products", TODAY)
    for sme in catalog.smes:
        for prefix in ("", "en/"):
            assert sample.exists(f"domestic/{prefix}blogger/{sme.slug}/") == sme.is_active, sme.slug
        assert not sample.exists(f"international/blogger/{sme.slug}/")
    hub = sample.html("domestic/blogger/")
    kits = {a["href"] for a in hub.select("a.card-link")}
    assert len(kits) == len(catalog.published_smes(Site.DOMESTIC))
    assert hub.select("a[href^='../artikel/blogger-visit']"), "campaigns are listed"


def test_media_kit_downloads_carry_no_metadata(sample):
    page = sample.html("domestic/blogger/carica-dieng-mandiri/")
    downloads = [a["href"] for a in page.select("a[download]")]
    assert any(href.endswith(".zip") for href in downloads)
    folder = sample.output / "domestic/blogger/carica-dieng-mandiri"
    for href in downloads:
        path = (folder / href).resolve()
        assert path.is_file(), href
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                assert names and all(n.startswith("carica-dieng-mandiri/") for n in names)
                for name in names:
                    with Image.open(io.BytesIO(archive.read(name))) as image:
                        assert not image.getexif() and "exif" not in image.info
        elif path.suffix in {".jpg", ".png"}:
            with Image.open(path) as image:
                assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info


def test_qr_code_decodes_to_the_sme_page(sample):
    for prefix, url in [("", "http://127.0.0.1:8000/ukm/kopi-sindoro-sumbing/"), ("en/", "http://127.0.0.1:8000/en/sme/kopi-sindoro-sumbing/")]:
        page = sample.html(f"domestic/{prefix}blogger/kopi-sindoro-sumbing/")
        png = page.select_one("section[aria-labelledby=h-kit-qr] a[href$='.png']")["href"]
        with Image.open(sample.output / f"domestic/{prefix}blogger/kopi-sindoro-sumbing" / png) as image:
            decoded = [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]
        assert decoded == [url]


def test_embed_snippets_are_self_contained(sample):
    page = sample.html("domestic/blogger/batik-tulis-laweyan/")
    for field in ("embed-sme", "embed-product"):
        snippet = page.find("textarea", id=field).get_text()
        assert "<script" not in snippet.lower() and " on" not in re.sub(r'"[^"]*"', "", snippet).lower()
        urls = re.findall(r'(?:href|src)="([^"]+)"', snippet)
        assert urls and all(u.startswith("http://127.0.0.1:8000/") for u in urls), urls
        for url in urls:
            assert sample.exists("domestic/" + url.removeprefix("http://127.0.0.1:8000/")), url
    copies = [i["value"] for i in page.select(".copy-field input")]
    assert "http://127.0.0.1:8000/ukm/batik-tulis-laweyan/" in copies


def test_media_kit_follows_sme_aliases(sample):
    page = sample.html("domestic/blogger/kopi-temanggung/")
    assert page.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/blogger/kopi-sindoro-sumbing/"


def test_campaigns_show_their_smes_and_kits_their_campaigns(sample):
    article = sample.html("domestic/artikel/blogger-visit-wonosobo/")
    featured = {a["href"] for a in article.select("section a.card-link")}
    assert any("carica-dieng-mandiri" in href for href in featured)
    kit = sample.html("domestic/blogger/carica-dieng-mandiri/")
    assert kit.select("a[href$='artikel/blogger-visit-wonosobo/']")
