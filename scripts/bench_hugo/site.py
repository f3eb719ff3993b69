"""The same catalog as a Hugo site, for the side-by-side benchmark.

Per site and language it has what our build renders for the catalog: a page
per published product and SME, the product listing, the SME listing and the
category and region listings, 24 items a page. Templates are minimal (the
same fields, no images); URLs use the English words in both languages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sadewa.model import LANGS, Catalog, Site

LAYOUTS = Path(__file__).resolve().parent


def _front(data: dict, body: str) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n\n" + body + "\n"


def write_site(catalog: Catalog, site: Site, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "layouts/_default").mkdir(parents=True)
    (root / "static/assets").mkdir(parents=True)
    (root / "static/assets/site.css").write_text("body{font-family:system-ui}")
    for name in ("baseof", "single", "list"):
        shutil.copy(LAYOUTS / f"layouts_{name}.html", root / f"layouts/_default/{name}.html")
    shutil.copy(LAYOUTS / "layouts_list.html", root / "layouts/_default/term.html")
    default = site.default_lang
    config = {
        "baseURL": "http://127.0.0.1:8000/",
        "title": "Sadewa Market",
        "defaultContentLanguage": default,
        "disableKinds": ["RSS", "sitemap", "robotsTXT", "404"],
        "taxonomies": {"category": "categories", "region": "regions"},
        "pagination": {"pagerSize": 24},
        "languages": {lang: {"weight": 1 if lang == default else 2, "languageName": lang} for lang in LANGS},
    }
    (root / "hugo.json").write_text(json.dumps(config, indent=1))
    content = root / "content"
    for lang in LANGS:
        for section, title in (("products", "Products"), ("sme", "SMEs")):
            (content / section).mkdir(parents=True, exist_ok=True)
            (content / section / f"_index.{lang}.md").write_text(_front({"title": title}, ""))
        (content / f"privacy.{lang}.md").write_text(_front({"title": "Privacy"}, "Privacy notice."))
    for product in catalog.published_products(site):
        folder = content / "products" / product.sme.slug
        folder.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            if site is Site.INTERNATIONAL and product.export:
                price = f"US$ {product.export.price_usd:.2f}"
                terms = {"MOQ": product.export.moq, "HS code": product.export.hs_code, "Incoterm": product.export.incoterm}
            else:
                price = f"Rp {product.price_idr}" if product.price_idr else "Price on request"
                terms = {}
            data = {
                "title": product.name.get(lang).text, "slug": product.slug, "sme": product.sme.name,
                "region": product.region.name, "price": price, "terms": terms, "listed": product.is_listed(site),
                "categories": [product.category.name.get(lang).text], "regions": [product.region.name],
                "summary": f"{product.name.get(lang).text} by {product.sme.name}",
                "contact": f"https://wa.me/{product.sme.contact.whatsapp or ''}",
            }
            body = product.description.get(lang).text if product.description else ""
            (folder / f"{product.slug}.{lang}.md").write_text(_front(data, body))
    for sme in catalog.published_smes(site):
        for lang in LANGS:
            data = {"title": sme.name, "slug": sme.slug, "region": sme.region.name, "listed": True, "summary": sme.name}
            (content / "sme" / f"{sme.slug}.{lang}.md").write_text(_front(data, sme.story.get(lang).text))
