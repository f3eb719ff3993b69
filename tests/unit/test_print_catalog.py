"""The printed catalog's building blocks: WeasyPrint reads nothing remote,
embeds the bundled fonts and leaves Pillow strict; QR codes say the URL they
were made for."""

from __future__ import annotations

import base64
import io
import sys

import pytest
import zxingcpp
from PIL import Image, ImageFile
from pypdf import PdfReader

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from print_catalog.generator import PrintError, qr_code, to_pdf  # noqa: E402

STYLES = ROOT / "themes" / "sadewa" / "print"


def test_the_bundled_fonts_are_embedded():
    pdf = to_pdf('<!DOCTYPE html><html lang="en"><link rel="stylesheet" href="catalog.css"><p>Batik tulis</p></html>', STYLES)
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("Noto" in font for font in fonts), fonts
    assert "Batik tulis" in reader.pages[0].extract_text()


@pytest.mark.parametrize("url", ["https://example.invalid/photo.jpg", "http://127.0.0.1:9/photo.jpg", "ftp://example.invalid/x.jpg"])
def test_a_remote_url_stops_the_pdf_instead_of_being_fetched(url):
    with pytest.raises(PrintError, match="disallowed protocol"):
        to_pdf(f'<!DOCTYPE html><html lang="en"><img src="{url}" alt=""></html>', STYLES)


def test_a_missing_file_stops_the_pdf():
    with pytest.raises(PrintError, match="no-such-photo"):
        to_pdf('<!DOCTYPE html><html lang="en"><img src="no-such-photo.jpg" alt=""></html>', STYLES)


def test_pillow_still_refuses_truncated_images_after_a_pdf():
    """WeasyPrint's import turns LOAD_TRUNCATED_IMAGES on for the whole process;
    the validator and the photo pipeline of the next build must not see it."""
    to_pdf('<!DOCTYPE html><html lang="en"><p>x</p></html>', STYLES)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_qr_code_says_its_url():
    url = "https://export.sadewa.example/products/kopi-sindoro-sumbing/kopi-arabika-sindoro-natural/"
    data = qr_code(url)
    assert data.startswith("data:image/png;base64,")
    with Image.open(io.BytesIO(base64.b64decode(data.split(",", 1)[1]))) as picture:
        assert [code.text for code in zxingcpp.read_barcodes(picture)] == [url]
