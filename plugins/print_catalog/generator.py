"""Render ``templates/print/catalog.html`` per language and turn it into an
A4 PDF with WeasyPrint; the PDFs are staged as ``print/catalog-<lang>.pdf``.

WeasyPrint may read only local files and ``data:`` URLs: the fonts bundled
with the theme, the photos in the image cache, the QR codes made here. Any
other URL stops the build instead of reaching the network.
"""

from __future__ import annotations

import logging
from pathlib import Path

import segno
from PIL import ImageFile
from pelican.generators import Generator

from catalog_site.helpers import markdown, template_helpers
from i18n import use_language
from sadewa.config import SettingError
from sadewa.model import LANGS, Catalog, Product, Site, Sme, product_order, sme_order
from sadewa.urls import View

log = logging.getLogger(__name__)
SITE = Site.INTERNATIONAL
PHOTO_WIDTH = 640  # px: about 280 dpi at the printed width
SYSTEM_LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class PrintError(Exception):
    pass


def output_path(lang: str) -> str:
    """Where the PDF of ``lang`` lands in the build output."""
    return f"print/catalog-{lang}.pdf"


def qr_code(url: str) -> str:
    """A PNG QR code of ``url`` as a data URL (error correction M, quiet zone)."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=4)


def anchor(item: Product | Sme) -> str:
    """The id of an item's entry in the PDF, for links and page references."""
    return f"p-{item.sme.slug}_{item.slug}" if isinstance(item, Product) else f"s-{item.slug}"


def _weasyprint():
    # Importing WeasyPrint makes Pillow accept truncated images process-wide;
    # the validator and the photo pipeline must keep refusing them.
    accepts_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint
    except OSError as exc:  # Pango and the libraries around it are missing
        raise PrintError(
            f"WeasyPrint cannot load its system libraries ({exc}). Install them with "
            f"`bash scripts/system-deps.sh` (as root on Debian), or: apt-get install {SYSTEM_LIBRARIES}"
        ) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepts_truncated
    return weasyprint


def to_pdf(html: str, folder: Path) -> bytes:
    """``html`` as a PDF; relative URLs resolve in ``folder`` (the print
    stylesheet and, through it, the fonts). Only ``file:`` and ``data:`` URLs
    are read; any other, or a missing file, stops with ``PrintError``."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    try:
        return weasyprint.HTML(string=html, base_url=f"{folder.resolve().as_uri()}/", url_fetcher=fetcher).write_pdf()
    except weasyprint.urls.FatalURLFetchingError as exc:  # a BaseException: catch it here
        raise PrintError(f"the printed catalog: {exc} ({exc.__cause__})") from None


class PrintCatalogGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["markdown"] = markdown

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        langs = self.settings.get("SADEWA_PDF_LANGS") or []
        catalog: Catalog | None = self.context.get("SADEWA_CATALOG")
        if not langs or catalog is None:
            return
        unknown = [lang for lang in langs if lang not in LANGS]
        if unknown:
            raise SettingError(f"SADEWA_PDF_LANGS names {', '.join(unknown)}; the catalog is written in {' and '.join(LANGS)}")
        styles = Path(self.settings["THEME"]) / "print"
        base_url = self.settings["SADEWA_SITE_URLS"][SITE.value].rstrip("/")
        for lang in langs:
            html = self.render(catalog, View(SITE, lang, base_url))
            writer.write_bytes(output_path(lang), to_pdf(html, styles), check_links=False)
            log.info("print: catalog in %s written", lang)

    def render(self, catalog: Catalog, view: View) -> str:
        lang = view.lang
        use_language(self.env, self.settings, lang)
        products = sorted(catalog.listed_products(SITE), key=product_order(lang))
        sections = [(c, [p for p in products if p.category is c]) for c in catalog.categories]
        smes = sorted({p.sme.slug: p.sme for p in products}.values(), key=sme_order)
        collection = catalog.collections[0] if self.settings.get("SADEWA_COLLECTION") else None
        context = {
            **self.context, **template_helpers(self.settings),
            "view": view, "lang": lang, "site": SITE.value, "today": catalog.today,
            "collection": collection, "products": products,
            "sections": [(category, items) for category, items in sections if items],
            "smes": [(sme, [p for p in products if p.sme is sme]) for sme in smes],
            "qr_code": qr_code, "anchor": anchor, "photo_uri": self.photo_uri,
        }
        return self.get_template("print/catalog").render(context)

    def photo_uri(self, item: Product | Sme) -> str | None:
        picture = self.context["photo_of"](item)
        if picture is None:
            return None
        return Path(self.context["photo_file"](picture, f"{picture.nearest(PHOTO_WIDTH)}.jpg")).resolve().as_uri()
