"""Per site: sitemap(s) with language alternates, robots.txt, Atom feeds of new
products and of articles per language, and `_redirects` for CDNs that read one."""

from __future__ import annotations

import datetime as dt
import math

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from i18n.catalogs import load, translations_dir
from sadewa.config import built_sites, built_views
from sadewa.model import LANGS, Site
from sadewa.urls import View

def _xml(text: str) -> str:
    """``text`` escaped for XML text and double-quoted attributes (a sitemap
    escapes four URLs a page: saxutils' quoteattr costs three times this)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


SITEMAP_LIMIT = 45_000  # the protocol allows 50,000 URLs a file
FEED_SIZE = 50


def _when(day: dt.date | None) -> dt.datetime:
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


class SeoGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        records = self.context.get("SADEWA_PAGES")
        catalog = self.context.get("SADEWA_CATALOG")
        if records is None or catalog is None:
            return
        urls = self.settings["SADEWA_SITE_URLS"]
        # An offline copy is opened from disk: no host reads its sitemaps,
        # robots.txt or _redirects.
        if not self.settings.get("SADEWA_OFFLINE"):
            as_before = self.context.get("SADEWA_PAGES_AS_BEFORE", False)
            for site in built_sites(self.settings):
                site_records = [r for r in records if r.view.site is site]
                if as_before and writer.keep_previous(self.record_files(site, site_records)):
                    continue  # the same pages, with the same records: the same files
                self.write_sitemaps(writer, site, urls[site.value].rstrip("/"), site_records)
                self.write_redirects(writer, site, site_records)
        for view in built_views(self.settings):
            self.write_product_feed(writer, view, catalog)
            self.write_article_feed(writer, view)

    # -- sitemaps --------------------------------------------------------------------

    @staticmethod
    def sitemap_names(count: int) -> list[str]:
        """The sitemaps of ``count`` pages (a sitemap index too if there are several)."""
        if count <= SITEMAP_LIMIT:
            return ["sitemap.xml"]
        return [f"sitemap-{n}.xml" for n in range(1, math.ceil(count / SITEMAP_LIMIT) + 1)]

    def record_files(self, site: Site, records) -> list[str]:
        """The files of ``site`` made of its pages' records alone."""
        names = self.sitemap_names(sum(1 for r in records if r.indexable))
        names += ["sitemap.xml"] if len(names) > 1 else []
        return [f"{site.value}/{name}" for name in (*names, "robots.txt", "_redirects")]

    def write_sitemaps(self, writer, site: Site, base: str, records) -> None:
        pages = sorted((r for r in records if r.indexable), key=lambda r: r.path)
        # One entry per page in every language, each listing all alternates.
        names = self.sitemap_names(len(pages))
        chunks = [pages[i : i + SITEMAP_LIMIT] for i in range(0, len(pages), SITEMAP_LIMIT)] or [[]]
        for name, chunk in zip(names, chunks):
            writer.write_text(f"{site.value}/{name}", self.sitemap(base, site, chunk), check_links=False)
        if len(chunks) > 1:
            entries = "".join(f"<sitemap><loc>{_xml(base)}/{name}</loc></sitemap>\n" for name in names)
            index = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</sitemapindex>\n'
            writer.write_text(f"{site.value}/sitemap.xml", index, check_links=False)
        robots = f"User-agent: *\nAllow: /\nDisallow: /pagefind/\n\nSitemap: {base}/sitemap.xml\n"
        writer.write_text(f"{site.value}/robots.txt", robots, check_links=False)

    @staticmethod
    def sitemap(base: str, site: Site, records) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n']
        for record in records:
            out.append(f"<url><loc>{_xml(record.view.absolute(record.path))}</loc>")
            if record.lastmod:
                out.append(f"<lastmod>{record.lastmod.isoformat()}</lastmod>")
            for lang in LANGS:
                href = f"{base}/{record.paths[lang]}"
                out.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{_xml(href)}"/>')
            default = f"{base}/{record.paths[site.default_lang]}"
            out.append(f'<xhtml:link rel="alternate" hreflang="x-default" href="{_xml(default)}"/></url>\n')
        out.append("</urlset>\n")
        return "".join(out)

    # -- redirects ---------------------------------------------------------------------

    def write_redirects(self, writer, site: Site, records) -> None:
        lines = [f"/{r.path} /{r.redirect} 301\n" for r in sorted(records, key=lambda r: r.path) if r.redirect]
        writer.write_text(f"{site.value}/_redirects", "".join(lines), check_links=False)

    # -- feeds -------------------------------------------------------------------------------

    def write_product_feed(self, writer, view: View, catalog) -> None:
        _ = load(translations_dir(self.settings), view.lang).gettext
        products = sorted(
            catalog.listed_products(view.site),
            key=lambda p: (p.updated or p.added or dt.date.min, p.added or dt.date.min, p.key),
            reverse=True,
        )[:FEED_SIZE]
        feed = Atom1Feed(
            title=_("Sadewa Market: new products"),
            link=view.absolute(view.products()),
            feed_url=view.absolute(view.new_products_feed()),
            description=_("New and updated products of Central Java's SMEs"),
            language=view.lang,
        )
        for product in products:
            name = product.name.get(view.lang).text
            description = product.description.get(view.lang).text if product.description else name
            feed.add_item(
                title=f"{name} — {product.sme.name}",
                link=view.absolute(view.product(product)),
                unique_id=view.absolute(view.product(product)),
                description=description,
                pubdate=_when(product.added),
                updateddate=_when(product.updated or product.added),
                categories=[product.category.name.get(view.lang).text, product.region.name],
            )
        writer.write_text(f"{view.site.value}/{view.new_products_feed()}", feed.writeString("utf-8"), check_links=False)

    def write_article_feed(self, writer, view: View) -> None:
        _ = load(translations_dir(self.settings), view.lang).gettext
        content = self.context.get("SADEWA_CONTENT")
        pieces = content.articles_on(view.site)[:FEED_SIZE] if content else []
        feed = Atom1Feed(
            title=_("Sadewa Market: news"),
            link=view.absolute(view.articles()),
            feed_url=view.absolute(view.articles_feed()),
            description=_("News from the cooperatives and SME office of Central Java"),
            language=view.lang,
        )
        for piece in pieces:
            article = piece.version(view.lang)
            feed.add_item(
                title=article.title,
                link=view.absolute(view.article(piece.slug)),
                unique_id=view.absolute(view.article(piece.slug)),
                description=article.content,
                pubdate=article.date,
                updateddate=getattr(article, "modified", None) or article.date,
            )
        writer.write_text(f"{view.site.value}/{view.articles_feed()}", feed.writeString("utf-8"), check_links=False)
