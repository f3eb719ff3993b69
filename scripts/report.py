"""`make report`: the staff report, output/report/index.html (never deployed).

What the catalog holds and what it lacks, on the reference date: counts by
region and category, halal certificate coverage of the categories that
expect one, certificates expired or expiring within 60 and 90 days, products
without English or photos, and SMEs without products. One standalone HTML
file (inline CSS, charts as inline SVG, no script), in the staff's language.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))  # the theme's gettext catalogs and Babel filters

from i18n.catalogs import load as load_translations  # noqa: E402
from i18n.formats import FILTERS  # noqa: E402
from sadewa import loader  # noqa: E402
from sadewa.config import SettingError, reference_date  # noqa: E402
from sadewa.model import EXPIRY_WARNING_DAYS, Catalog, Certificate, Product, Sme  # noqa: E402
from sadewa.problems import report as print_problems  # noqa: E402

THEME = ROOT / "themes" / "sadewa"
LATER_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # what the bar's length shows
    shown: str  # the value as text beside the bar


@dataclass(frozen=True)
class CertificateRow:
    holder: str  # "sme" or "sme/product"
    name: str
    certificate: Certificate
    days_left: int


@dataclass(frozen=True)
class Coverage:
    region: str
    expected: int  # products in halal_expected categories
    certified: int  # of which hold a valid halal certificate

    @property
    def share(self) -> float:
        return self.certified / self.expected if self.expected else 0.0


def _counted(counter: Counter, names: dict[str, str]) -> list[Bar]:
    return [Bar(names[slug], n, str(n)) for slug, n in sorted(counter.items(), key=lambda item: (-item[1], names[item[0]]))]


def _considered(product: Product) -> bool:
    """Products staff answer for: everything but drafts of active SMEs."""
    return product.status != "draft" and product.sme.is_active


def coverage(catalog: Catalog) -> list[Coverage]:
    expected: Counter = Counter()
    certified: Counter = Counter()
    for product in catalog.products:
        if _considered(product) and product.category.halal_expected:
            expected[product.region.name] += 1
            certified[product.region.name] += product.is_halal(catalog.today)
    return [Coverage(region, expected[region], certified[region]) for region in sorted(expected)]


def certificates(catalog: Catalog) -> list[CertificateRow]:
    """Every dated certificate of an active SME or product, soonest first."""
    held: list[tuple[str, str, Certificate]] = []
    for sme in catalog.smes:
        if sme.is_active:
            held += [(sme.slug, sme.name, c) for c in sme.certifications]
    for product in catalog.products:
        if _considered(product):
            held += [(product.key, product.name.id, c) for c in product.certifications]
    rows = [
        CertificateRow(holder, name, cert, (cert.valid_until - catalog.today).days)
        for holder, name, cert in held
        if cert.valid_until is not None
    ]
    return sorted(rows, key=lambda r: (r.days_left, r.holder, r.certificate.type))


def without_english(product: Product) -> bool:
    return not product.name.has("en") or (product.description is not None and not product.description.has("en"))


def sections(catalog: Catalog) -> dict:
    regions = {r.slug: r.name for r in catalog.regions}
    categories = {c.slug: c.name.id for c in catalog.categories}
    considered = [p for p in catalog.products if _considered(p)]
    certs = certificates(catalog)
    halal = coverage(catalog)
    smes_without: list[tuple[Sme, int]] = []
    for sme in catalog.smes:
        products = catalog.products_of(sme)
        if sme.is_active and not any(p.status == "active" for p in products):
            smes_without.append((sme, len(products)))
    return {
        "catalog": catalog,
        "today": catalog.today,
        "totals": Counter(p.status for p in catalog.products),
        "export_ready": sum(1 for p in considered if p.is_export_ready),
        "by_region": _counted(Counter(p.region.slug for p in considered), regions),
        "smes_by_region": _counted(Counter(s.region.slug for s in catalog.smes if s.is_active), regions),
        "by_category": _counted(Counter(p.category.slug for p in considered), categories),
        "coverage": halal,
        "coverage_bars": [Bar(c.region, c.share, f"{round(100 * c.share)}% ({c.certified}/{c.expected})") for c in halal],
        "coverage_total": Coverage("", sum(c.expected for c in halal), sum(c.certified for c in halal)),
        "expired": [c for c in certs if c.days_left < 0],
        "expiring_soon": [c for c in certs if 0 <= c.days_left <= EXPIRY_WARNING_DAYS],
        "expiring_later": [c for c in certs if EXPIRY_WARNING_DAYS < c.days_left <= LATER_WINDOW_DAYS],
        "soon_days": EXPIRY_WARNING_DAYS,
        "later_days": LATER_WINDOW_DAYS,
        "no_english": [p for p in considered if without_english(p)],
        "no_photos": [p for p in considered if not p.images],
        "smes_without_products": smes_without,
    }


def render(catalog: Catalog, lang: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(load_translations(THEME / "translations", lang), newstyle=True)
    env.filters.update(FILTERS)
    return env.get_template("report.html").render(lang=lang, **sections(catalog))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=Path, default=Path("products"))
    parser.add_argument("--output", type=Path, default=Path("output/report/index.html"))
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report (default: id)")
    args = parser.parse_args(argv)
    try:
        today = reference_date()
    except SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    catalog, problems = loader.load(args.products, today)
    if catalog is None:
        print_problems(problems, sys.stdout)
        print("no report: fix the errors above first (the report needs a valid catalog)", file=sys.stderr)
        return 1
    html = render(catalog, args.lang)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(f".{args.output.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, args.output)
    print(f"wrote {args.output} ({today.isoformat()}: {len(catalog.smes)} SMEs, {len(catalog.products)} products)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
