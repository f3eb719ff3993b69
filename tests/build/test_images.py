"""Photos as published: no metadata anywhere, sizes declared, nothing wider
than its source, a share card for every product and SME, and a second build
that processes nothing."""

import io
import json
from urllib.parse import urlsplit

from PIL import Image

from .conftest import run_build


def phone_photo(size, orientation=6) -> bytes:
    image = Image.new("RGB", size, (180, 90, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 21.0, 30.0), 3: "E", 4: (109.0, 54.0, 10.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=70)
    return out.getvalue()


def transparent_png(size) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 120, 0, 90)).save(out, "PNG")
    return out.getvalue()


def add_hostile_photos(products):
    images = products / "batik-sari" / "images"
    (images / "kain-jlamprang.jpg").write_bytes(phone_photo((2400, 1200)))
    (images / "logo.png").write_bytes(transparent_png((700, 700)))
    (products / "kopi-lereng" / "images").mkdir()
    (products / "kopi-lereng" / "images" / "arabika.jpg").write_bytes(phone_photo((500, 300), orientation=3))
    product = products / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text() + "images:\n  - images/arabika.jpg\n", encoding="utf-8")


def test_published_images(catalog_copy, tmp_path):
    add_hostile_photos(catalog_copy)
    build = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert build.result.returncode == 0, build.result.stdout + build.result.stderr
    published = [p for p in build.output.rglob("*") if p.suffix in {".jpg", ".webp", ".png", ".avif"}]
    assert published
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not any(k in image.info for k in ("exif", "xmp", "comment", "icc_profile")), path

    # the 2400×1200 photo rotated by its EXIF tag is 1200×2400: no variant wider than 1200
    page = build.html("domestic/produk/batik-sari/kain-jlamprang/")
    img = page.select_one(".main-photo img")
    assert img["width"] == "1200" and img["height"] == "2400"
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    for candidate in img["srcset"].split(", "):
        url, width = candidate.split(" ")
        with Image.open(build.output / "domestic/produk/batik-sari/kain-jlamprang" / url) as variant:
            assert variant.width == int(width[:-1]) and variant.width <= 1200
            assert variant.height > variant.width  # orientation applied

    for html in build.output.rglob("*.html"):
        soup = build.html(str(html.relative_to(build.output)))
        for image in soup.find_all("img"):
            assert image.get("width") and image.get("height") and image.get("alt") is not None and image.get("srcset"), (html, image)

    small = build.html("domestic/produk/kopi-lereng/arabika-sindoro/").select_one(".main-photo img")
    assert small["srcset"].count("w") == 2  # 320w and the 500px source itself
    assert "500w" in small["srcset"]


def test_every_product_and_sme_page_has_a_share_card(catalog_copy, tmp_path):
    build = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert build.result.returncode == 0, build.result.stderr
    pages = [p for p in build.output.rglob("index.html") if "/produk/" in p.as_posix() or "/products/" in p.as_posix() or "/ukm/" in p.as_posix() or "/sme/" in p.as_posix()]
    checked = 0
    for page in pages:
        soup = build.html(str(page.relative_to(build.output)))
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or page.parent.name in {"produk", "products", "ukm", "sme"}:
            continue
        card = soup.find("meta", property="og:image")
        assert card, page
        site = page.relative_to(build.output).parts[0]
        with Image.open(build.output / site / urlsplit(card["content"]).path.lstrip("/")) as image:
            assert image.size == (1200, 630)
        checked += 1
    assert checked >= 8


def test_second_build_processes_no_image(catalog_copy, tmp_path):
    add_hostile_photos(catalog_copy)
    first = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert first.result.returncode == 0
    stats = json.loads((tmp_path / "cache" / "image-stats.json").read_text())
    assert stats["photos"] == 3 and stats["cards"] > 0
    (catalog_copy / "kopi-lereng" / "sme.yaml").touch()  # saved again, unchanged: the build runs
    second = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert second.result.returncode == 0 and "up to date" not in second.result.stdout
    stats = json.loads((tmp_path / "cache" / "image-stats.json").read_text())
    assert stats["photos"] == 0 and stats["cards"] == 0
    assert stats["photos_cached"] == 3

    (catalog_copy / "kopi-lereng" / "images" / "arabika.jpg").write_bytes(phone_photo((600, 300)))
    third = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert third.result.returncode == 0
    stats = json.loads((tmp_path / "cache" / "image-stats.json").read_text())
    assert stats["photos"] == 1  # only the changed photo is redone
