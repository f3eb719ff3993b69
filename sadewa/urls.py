"""Every URL of every object, per site view: the only place URLs are made.

Paths are relative to a site's root and end in ``/`` for pages (served by
``index.html``). Pages, hreflang, sitemaps, search, feeds and redirects all
ask a ``View`` for them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .model import LANGS, OTHER_LANG, Category, Collection, Product, Region, Site, Sme

# The URL words of SPEC §2, per language.
WORDS = {
    "id": {
        "products": "produk", "smes": "ukm", "category": "kategori", "region": "wilayah",
        "search": "cari", "collections": "koleksi", "blogger": "blogger", "page": "halaman",
        "articles": "artikel", "new_products_feed": "feeds/produk-baru.atom", "articles_feed": "feeds/artikel.atom",
    },
    "en": {
        "products": "products", "smes": "sme", "category": "category", "region": "region",
        "search": "search", "collections": "collections", "blogger": "blogger", "page": "page",
        "articles": "articles", "new_products_feed": "feeds/new-products.atom", "articles_feed": "feeds/articles.atom",
    },
}


@dataclass(frozen=True, slots=True)
class View:
    """One site in one language: what its URLs look like."""

    site: Site
    lang: str
    base_url: str  # absolute root of the site, without trailing slash

    @property
    def prefix(self) -> str:
        return "" if self.lang == self.site.default_lang else f"{self.lang}/"

    @property
    def other_lang(self) -> str:
        return OTHER_LANG[self.lang]

    def sibling(self, lang: str) -> "View":
        return View(self.site, lang, self.base_url)

    def _w(self, key: str) -> str:
        return WORDS[self.lang][key]

    def _paged(self, path: str, page: int) -> str:
        return path if page <= 1 else f"{path}{self._w('page')}/{page}/"

    # -- pages -----------------------------------------------------------------

    def home(self) -> str:
        return self.prefix

    def products(self, page: int = 1) -> str:
        return self._paged(f"{self.prefix}{self._w('products')}/", page)

    def product(self, product: Product) -> str:
        return self.product_at(product.sme.slug, product.slug)

    def product_at(self, sme_slug: str, product_slug: str) -> str:
        return f"{self.prefix}{self._w('products')}/{sme_slug}/{product_slug}/"

    def smes(self, page: int = 1) -> str:
        return self._paged(f"{self.prefix}{self._w('smes')}/", page)

    def sme(self, sme: Sme) -> str:
        return self.sme_at(sme.slug)

    def sme_at(self, slug: str) -> str:
        return f"{self.prefix}{self._w('smes')}/{slug}/"

    def category(self, category: Category, page: int = 1) -> str:
        return self._paged(f"{self.prefix}{self._w('category')}/{category.slug}/", page)

    def region(self, region: Region, page: int = 1) -> str:
        return self._paged(f"{self.prefix}{self._w('region')}/{region.slug}/", page)

    def search(self) -> str:
        return f"{self.prefix}{self._w('search')}/"

    def search_index(self) -> str:
        """The offline copy's search index, a script (``fetch`` fails on ``file://``)."""
        return f"{self.prefix}search-index.js"

    def collections(self) -> str:
        return f"{self.prefix}{self._w('collections')}/"

    def collection(self, collection: Collection) -> str:
        return f"{self.prefix}{self._w('collections')}/{collection.slug}/"

    def blogger(self) -> str:
        return f"{self.prefix}blogger/"

    def media_kit(self, sme: Sme) -> str:
        return self.media_kit_at(sme.slug)

    def media_kit_at(self, slug: str) -> str:
        return f"{self.prefix}blogger/{slug}/"

    def article(self, slug: str) -> str:
        return f"{self.prefix}{self._w('articles')}/{slug}/"

    def articles(self, page: int = 1) -> str:
        return self._paged(f"{self.prefix}{self._w('articles')}/", page)

    def page(self, slug: str) -> str:
        return f"{self.prefix}{slug}/"

    def new_products_feed(self) -> str:
        return f"{self.prefix}{self._w('new_products_feed')}"

    def articles_feed(self) -> str:
        return f"{self.prefix}{self._w('articles_feed')}"

    def not_found(self) -> str:
        return f"{self.prefix}404.html"

    # -- forms -----------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return f"{self.base_url}/{path}"


def views(base_urls: dict[Site, str]) -> list[View]:
    return [View(site, lang, base_urls[site].rstrip("/")) for site in Site for lang in LANGS]


def file_for(path: str) -> str:
    """The file that serves ``path``: ``produk/`` → ``produk/index.html``."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def relative(from_path: str, to_path: str, *, explicit_index: bool = False) -> str:
    """A relative link from the page at ``from_path`` to ``to_path``.

    ``explicit_index`` names ``index.html``, as ``file://`` needs (offline copies).
    """
    target = file_for(to_path) if explicit_index else to_path
    base = posixpath.dirname(file_for(from_path))
    rel = posixpath.relpath(target or ".", base or ".")
    if rel == ".":
        rel = "./"
    elif (to_path.endswith("/") or to_path == "") and not explicit_index and not rel.endswith("/"):
        rel += "/"
    return rel
