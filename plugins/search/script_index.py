"""The offline copy's search index: one script per site view that assigns its
records to ``window.SADEWA_SEARCH_INDEX``, since browsers block ``fetch`` (and
so Pagefind) on ``file://``. ``static/js/offline-search.js`` searches it.

The records hold what Pagefind holds online (the listed products and the
SMEs, the same filter values, the same card data), so that both searches
show the same thing. Paths are relative to the index file.
"""

from __future__ import annotations

import json
import unicodedata

from markupsafe import Markup

from sadewa.markdown import to_html
from sadewa.model import Catalog, Product, Sme, product_order, sme_order
from sadewa.urls import View, relative


def fold(text: str) -> str:
    """Lower case without accents, as ``offline-search.js`` folds a query."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _plain(text, lang: str) -> str:
    return Markup(to_html(text.get(lang).text)).striptags() if text is not None else ""


class ScriptIndex:
    """Records of one site view; ``price`` is the theme's price macro."""

    def __init__(self, view: View, catalog: Catalog, photo_of, price, explicit_index: bool):
        self.view = view
        self.catalog = catalog
        self.photo_of = photo_of
        self.price = price
        self.explicit_index = explicit_index

    def path(self, target: str) -> str:
        return relative(self.view.search_index(), target, explicit_index=self.explicit_index)

    def thumbnail(self, item: Product | Sme) -> str | None:
        picture = self.photo_of(item)
        return self.path(picture.src(320)) if picture else None

    def product(self, product: Product) -> dict:
        lang, today = self.view.lang, self.catalog.today
        name = product.name.get(lang).text
        category = product.category.name.get(lang).text
        filters = {"category": [category], "region": [product.region.name]}
        if product.is_halal(today):
            filters["halal"] = ["yes"]
        words = [
            name, product.sme.name, product.region.name, category, _plain(product.description, lang),
            product.materials.get(lang).text if product.materials else "", " ".join(product.tags),
            " ".join(c.type for c in product.valid_certificates(today)),
        ]
        return {
            "url": self.path(self.view.product(product)), "title": name, "sme": product.sme.name,
            "region": product.region.name, "price": Markup(self.price(product)).striptags(),
            "image": self.thumbnail(product), "filters": filters, "text": fold(" ".join(words)),
        }

    def sme(self, sme: Sme) -> dict:
        words = [sme.name, sme.region.name, _plain(sme.story, self.view.lang), sme.owner or "", sme.address or ""]
        return {
            "url": self.path(self.view.sme(sme)), "title": sme.name, "region": sme.region.name,
            "image": self.thumbnail(sme), "filters": {"region": [sme.region.name]}, "text": fold(" ".join(words)),
        }

    def script(self) -> str:
        site, lang = self.view.site, self.view.lang
        products = sorted(self.catalog.listed_products(site), key=product_order(lang))
        smes = sorted(self.catalog.published_smes(site), key=sme_order)
        records = [self.product(p) for p in products] + [self.sme(s) for s in smes]
        data = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return f"window.SADEWA_SEARCH_INDEX = {data};\n"
