"""What the browser tests know about the sites: variants, URLs, page types.

Concrete pages (which product, which SME…) are picked from the build output
rather than hard-coded, so that the tests follow the catalog as it changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = ROOT / "products"
TODAY = "2026-11-28"

# The one discontinued product of the catalog (domestic only: it has no export block).
DISCONTINUED = ("batik-pesisir-pekalongan", "kain-batik-tiga-negeri")

# URL segments per language (SPEC §2).
SEGMENTS = {
    "id": {"products": "produk", "smes": "ukm", "category": "kategori", "region": "wilayah",
           "search": "cari", "articles": "artikel", "collections": "koleksi"},
    "en": {"products": "products", "smes": "sme", "category": "category", "region": "region",
           "search": "search", "articles": "articles", "collections": "collections"},
}


@dataclass(frozen=True)
class Variant:
    site: str  # "domestic" or "international"
    lang: str  # "id" or "en"

    @property
    def id(self) -> str:
        return f"{self.site}-{self.lang}"

    @property
    def default_lang(self) -> str:
        return "id" if self.site == "domestic" else "en"

    @property
    def other_lang(self) -> str:
        return "en" if self.lang == "id" else "id"

    @property
    def prefix(self) -> str:
        """The language's root inside the site: "" for the default language."""
        return "" if self.lang == self.default_lang else f"{self.lang}/"

    def seg(self, name: str) -> str:
        return SEGMENTS[self.lang][name]

    def other(self) -> "Variant":
        return Variant(self.site, self.other_lang)


VARIANTS = [
    Variant("domestic", "id"),
    Variant("domestic", "en"),
    Variant("international", "en"),
    Variant("international", "id"),
]
VARIANT_IDS = [v.id for v in VARIANTS]

PAGE_TYPES = [
    "home", "products", "product", "discontinued", "smes", "sme", "category",
    "region", "search", "article", "content-page", "404", "blogger", "media-kit", "collection",
]


DOMESTIC_ONLY = {"discontinued", "blogger", "media-kit"}
INTERNATIONAL_ONLY = {"collection"}


def page_params() -> list[tuple[Variant, str]]:
    """(variant, page type) pairs that exist: the discontinued product is domestic only."""
    return [
        (variant, kind)
        for variant in VARIANTS
        for kind in PAGE_TYPES
        if not (kind in DOMESTIC_ONLY and variant.site != "domestic")
        and not (kind in INTERNATIONAL_ONLY and variant.site != "international")
    ]


def page_param_ids() -> list[str]:
    return [f"{variant.id}-{kind}" for variant, kind in page_params()]


_NOINDEX = re.compile(r'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)


def _indexable(folder: Path) -> bool:
    """A live, listed page: not an alias redirect and not a discontinued product."""
    index = folder / "index.html"
    return index.is_file() and not _NOINDEX.search(index.read_text(encoding="utf-8"))


def _first_page(parent: Path, depth: int = 1) -> str:
    """Relative path ("a/" or "a/b/") of the first indexable page `depth` levels under parent."""
    candidates = sorted(p for p in parent.glob("/".join(["*"] * depth)) if p.is_dir() and _indexable(p))
    assert candidates, f"no page found under {parent}"
    return candidates[0].relative_to(parent).as_posix() + "/"


def discover_pages(site_root: Path, variant: Variant) -> dict[str, str]:
    """Page type -> path of one such page, relative to the site's root."""
    lang_root = site_root / variant.prefix if variant.prefix else site_root
    pre, seg = variant.prefix, variant.seg
    pages = {
        "home": pre,
        "products": f"{pre}{seg('products')}/",
        "product": f"{pre}{seg('products')}/{_first_page(lang_root / seg('products'), depth=2)}",
        "smes": f"{pre}{seg('smes')}/",
        "sme": f"{pre}{seg('smes')}/{_first_page(lang_root / seg('smes'))}",
        "category": f"{pre}{seg('category')}/{_first_page(lang_root / seg('category'))}",
        "region": f"{pre}{seg('region')}/{_first_page(lang_root / seg('region'))}",
        "search": f"{pre}{seg('search')}/",
        "article": f"{pre}{seg('articles')}/{_first_page(lang_root / seg('articles'))}",
        "content-page": f"{pre}privacy/",
        "404": f"{pre}404.html",
    }
    if variant.site == "domestic":
        sme, product = DISCONTINUED
        pages["discontinued"] = f"{pre}{seg('products')}/{sme}/{product}/"
        pages["blogger"] = f"{pre}blogger/"
        pages["media-kit"] = f"{pre}blogger/{_first_page(lang_root / 'blogger')}"
    else:
        pages["collection"] = f"{pre}{seg('collections')}/{_first_page(lang_root / seg('collections'))}"
    for kind, path in pages.items():
        target = site_root / path
        assert (target / "index.html" if path.endswith("/") or not path else target).is_file(), (
            f"{variant.id}: {kind} page {path!r} is not in the build"
        )
    return pages


def product_path(variant: Variant, sme: str, product: str) -> str:
    return f"/{variant.prefix}{variant.seg('products')}/{sme}/{product}/"


def parse_product_path(variant: Variant, url: str) -> tuple[str, str]:
    """(sme, product) from a product page URL of this variant; fails on any other URL."""
    path = urlsplit(url).path
    pattern = rf"/{re.escape(variant.prefix)}{variant.seg('products')}/([a-z0-9-]+)/([a-z0-9-]+)/"
    match = re.fullmatch(pattern, path)
    assert match, f"{url} is not a {variant.id} product page ({pattern})"
    return match[1], match[2]


def sme_contact(sme_slug: str) -> dict:
    data = yaml.safe_load((PRODUCTS / sme_slug / "sme.yaml").read_text(encoding="utf-8"))
    return data.get("contact") or {}


def whatsapp_number(raw: str) -> str:
    """The wa.me form of an Indonesian mobile number: digits, starting with 62."""
    digits = re.sub(r"\D", "", raw)
    return "62" + digits[1:] if digits.startswith("0") else digits
