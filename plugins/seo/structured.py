"""JSON-LD (schema.org) for product, SME and home pages.

Follows the required and recommended properties of Google's product snippet
documentation; templates call these with the page's view and print the
result with ``|tojson`` inside ``<script type="application/ld+json">``.
"""

from __future__ import annotations

from sadewa.model import Product, Site, Sme
from sadewa.urls import View

CERTIFICATE_NAMES = {
    "halal": "Halal", "merek": "Merek (registered trademark)", "pirt": "P-IRT", "bpom": "BPOM",
    "sni": "SNI", "organik": "Organik", "svlk": "SVLK", "other": "Certificate",
}


def _absolute(view: View, link_paths) -> list[str]:
    return [view.absolute(path) for path in link_paths]


def _certifications(certificates) -> list[dict]:
    return [
        {
            "@type": "Certification",
            "name": CERTIFICATE_NAMES[c.type],
            "certificationIdentification": c.number,
            **({"issuedBy": {"@type": "Organization", "name": c.issuer}} if c.issuer else {}),
            **({"expires": c.valid_until.isoformat()} if c.valid_until else {}),
        }
        for c in certificates
    ]


def product_jsonld(product: Product, view: View, path: str, images: list[str], today) -> dict:
    name = product.name.get(view.lang).text
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "sku": product.key,
        "url": view.absolute(path),
        "category": product.category.name.get(view.lang).text,
        "brand": {"@type": "Brand", "name": product.sme.name},
        "countryOfOrigin": "ID",
    }
    if product.description is not None:
        data["description"] = product.description.get(view.lang).text[:5000]
    if images:
        data["image"] = _absolute(view, images)
    certificates = product.valid_certificates(today)
    if certificates:
        data["hasCertification"] = _certifications(certificates)
    seller = {"@type": "Organization", "name": product.sme.name, "url": view.absolute(view.sme(product.sme))}
    availability = "https://schema.org/Discontinued" if product.is_discontinued else "https://schema.org/InStock"
    if view.site is Site.INTERNATIONAL and product.export is not None:
        data["offers"] = {
            "@type": "Offer", "url": view.absolute(path), "price": f"{product.export.price_usd:.2f}",
            "priceCurrency": "USD", "availability": availability, "itemCondition": "https://schema.org/NewCondition",
            "eligibleQuantity": {"@type": "QuantitativeValue", "minValue": product.export.moq},
            "seller": seller,
        }
    elif product.price_idr is not None:
        data["offers"] = {
            "@type": "Offer", "url": view.absolute(path), "price": str(product.price_idr),
            "priceCurrency": "IDR", "availability": availability, "itemCondition": "https://schema.org/NewCondition",
            "seller": seller,
        }
    return data


def sme_jsonld(sme: Sme, view: View, path: str, images: list[str], today) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": sme.name,
        "url": view.absolute(path),
        "description": sme.story.get(view.lang).text[:5000],
        "address": {
            "@type": "PostalAddress",
            **({"streetAddress": sme.address} if sme.address else {}),
            "addressLocality": sme.region.name,
            "addressRegion": "Jawa Tengah",
            "addressCountry": "ID",
        },
        "areaServed": "ID",
    }
    if images:
        data["image"] = _absolute(view, images)
        data["logo"] = data["image"][0]
    if sme.contact.whatsapp:
        data["telephone"] = f"+{sme.contact.whatsapp}"
    if sme.contact.email:
        data["email"] = sme.contact.email
    if sme.established:
        data["foundingDate"] = str(sme.established)
    if sme.owner:
        data["founder"] = {"@type": "Person", "name": sme.owner}
    same_as = [sme.contact.website] if sme.contact.website else []
    if sme.contact.instagram:
        same_as.append(f"https://www.instagram.com/{sme.contact.instagram.lstrip('@')}/")
    same_as += [market.url for market in sme.marketplaces]
    if same_as:
        data["sameAs"] = same_as
    certificates = sme.valid_certificates(today)
    if certificates:
        data["hasCertification"] = _certifications(certificates)
    return data


def website_jsonld(view: View, name: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": view.absolute(view.home()),
        "inLanguage": view.lang,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": view.absolute(view.search()) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs_jsonld(view: View, trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": view.absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


GLOBALS = {
    "product_jsonld": product_jsonld,
    "sme_jsonld": sme_jsonld,
    "website_jsonld": website_jsonld,
    "breadcrumbs_jsonld": breadcrumbs_jsonld,
}
