"""The photo pipeline on hostile phone photos, generated small in each test."""

import io
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from images import photos  # noqa: E402

GPS = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_and_rotation(size=(400, 200), orientation=6) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS).update({1: "S", 2: (7.0, 21.0, 30.0), 3: "E", 4: (109.0, 54.0, 10.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"home of the owner")
    return out.getvalue()


def assert_no_metadata(path: Path) -> None:
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert "exif" not in image.info and "xmp" not in image.info and "comment" not in image.info, image.info.keys()
        assert "icc_profile" not in image.info


def test_orientation_applied_and_all_metadata_removed(tmp_path):
    meta = photos.process(jpeg_with_gps_and_rotation(), tmp_path)
    assert (meta["width"], meta["height"]) == (200, 400)  # rotated upright
    for file in tmp_path.iterdir():
        if file.suffix in {".jpg", ".webp", ".png"}:
            assert_no_metadata(file)
    with Image.open(tmp_path / "full.jpg") as full:
        top = full.convert("RGB").getpixel((100, 10))
        assert top[2] > top[0], "the blue half is on top after rotating 90°"


def test_variants_never_wider_than_the_source(tmp_path):
    source = io.BytesIO()
    Image.new("RGB", (1000, 750), (10, 120, 60)).save(source, "JPEG")
    meta = photos.process(source.getvalue(), tmp_path)
    assert [v["width"] for v in meta["variants"]] == [320, 640, 960]
    small = io.BytesIO()
    Image.new("RGB", (200, 100)).save(small, "PNG")
    meta = photos.process(small.getvalue(), tmp_path / "small")
    assert [v["width"] for v in meta["variants"]] == [200]


def test_large_photo_gets_every_width(tmp_path):
    source = io.BytesIO()
    Image.new("RGB", (3000, 2000), (90, 60, 30)).save(source, "JPEG", quality=60)
    meta = photos.process(source.getvalue(), tmp_path)
    assert [v["width"] for v in meta["variants"]] == [320, 640, 960, 1600]
    with Image.open(tmp_path / "1600.webp") as webp:
        assert webp.size == (1600, 1067)


def test_cmyk_with_profile_becomes_srgb(tmp_path):
    image = Image.new("CMYK", (300, 200), (0, 200, 200, 0))
    out = io.BytesIO()
    image.save(out, "JPEG")
    meta = photos.process(out.getvalue(), tmp_path)
    with Image.open(tmp_path / "300.jpg") as result:
        assert result.mode == "RGB"
        r, g, b = result.getpixel((10, 10))
        assert r > 200 and g < 120 and b < 120  # magenta+yellow = red
    assert meta["alpha"] is False


def test_icc_profile_is_converted_not_kept(tmp_path):
    image = Image.new("RGB", (100, 100), (120, 130, 140))
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", icc_profile=profile)
    photos.process(out.getvalue(), tmp_path)
    assert_no_metadata(tmp_path / "100.jpg")


def test_png_with_transparency_keeps_alpha_in_webp_and_flattens_jpeg(tmp_path):
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (100, 100, 300, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    meta = photos.process(out.getvalue(), tmp_path)
    assert meta["alpha"] and meta["full"] == "full.png"
    with Image.open(tmp_path / "320.webp") as webp:
        assert webp.mode == "RGBA" and webp.getpixel((2, 2))[3] == 0
    with Image.open(tmp_path / "320.jpg") as jpeg:
        assert jpeg.getpixel((2, 2)) == pytest.approx((255, 255, 255), abs=3)


def test_heic_from_a_phone(tmp_path):
    from sadewa import imageformats  # noqa: F401  (registers HEIF)

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 140, 200)).save(out, "HEIF", quality=70)
    meta = photos.process(out.getvalue(), tmp_path)
    assert (meta["width"], meta["height"]) == (640, 480)


@pytest.mark.parametrize("data", [b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 20])
def test_broken_files_are_errors_not_crashes(tmp_path, data):
    with pytest.raises(photos.PhotoError):
        photos.process(data, tmp_path)


def test_truncated_jpeg_is_an_error(tmp_path):
    data = jpeg_with_gps_and_rotation((800, 600))
    with pytest.raises(photos.PhotoError):
        photos.process(data[: len(data) // 2], tmp_path)


def test_decompression_bomb_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    out = io.BytesIO()
    Image.new("L", (100, 100)).save(out, "PNG")
    with pytest.raises(photos.PhotoError):
        photos.process(out.getvalue(), tmp_path)
