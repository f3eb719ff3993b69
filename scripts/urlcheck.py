"""`make urlcheck PREVIOUS=<urls.txt or sitemap.xml>`: links must never break.

Every URL of a previous build must still answer — as a page or as a redirect
— unless its object is still in the data as `draft` or belongs to an inactive
SME (SPEC §4). Lists each broken URL and exits 1; exit 0 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sadewa import loader
from sadewa.config import reference_date
from sadewa.urls import WORDS

_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def previous_urls(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml" or text.lstrip().startswith("<?xml"):
        return _LOC.findall(text)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def object_of(path: str) -> tuple[str, str] | None:
    """("product", "sme/slug") or ("sme", "slug") for a page path, else None."""
    parts = [p for p in path.strip("/").split("/") if p]
    if parts and parts[0] in ("id", "en"):
        parts = parts[1:]
    words = {w for lang in WORDS.values() for w in (lang["products"], lang["smes"])}
    if len(parts) == 3 and parts[0] in words:
        return "product", f"{parts[1]}/{parts[2]}"
    if len(parts) == 2 and (parts[0] in words or parts[0] == "blogger"):
        return "sme", parts[1]
    return None


def excused(path: str, catalog) -> bool:
    """Still in the data as draft, or of an inactive SME: its page may be gone."""
    found = object_of(path)
    if found is None or catalog is None:
        return False
    kind, key = found
    # An old URL may name the object by a former slug (an alias).
    smes = {s.slug: s for s in catalog.smes}
    smes.update({alias: s for s in catalog.smes for alias in s.aliases})
    if kind == "sme":
        return key in smes and not smes[key].is_active
    products = {p.key: p for p in catalog.products}
    for p in catalog.products:
        products.update({(a if "/" in a else f"{p.sme.slug}/{a}"): p for a in p.aliases})
    sme_slug, _, slug = key.partition("/")
    sme = smes.get(sme_slug)
    product = products.get(key) or (products.get(f"{sme.slug}/{slug}") if sme else None)
    if product is not None:
        return product.status == "draft" or not product.sme.is_active
    return sme is not None and not sme.is_active


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("previous", type=Path, help="urls.txt or sitemap.xml of the previous build")
    parser.add_argument("--current", type=Path, default=Path("output/urls.txt"))
    parser.add_argument("--products", type=Path, default=Path("products"))
    args = parser.parse_args(argv)
    if not args.previous.is_file():
        print(f"error: {args.previous} does not exist; pass the urls.txt (or sitemap.xml) of the previous build", file=sys.stderr)
        return 2
    if not args.current.is_file():
        print(f"error: {args.current} does not exist; run `make html` first", file=sys.stderr)
        return 2
    current = set(previous_urls(args.current))
    catalog, _ = loader.load(args.products, reference_date())
    broken = []
    for url in previous_urls(args.previous):
        if url in current:
            continue
        if excused(urlsplit(url).path, catalog):
            continue
        broken.append(url)
    for url in broken:
        print(f"error: {url} is gone: no page and no redirect answers there. Add the old slug to `aliases`, or mark the product `discontinued` instead of deleting it.")
    print(f"{len(broken)} broken URL(s) of {len(previous_urls(args.previous))} checked")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
