"""What pages a site view has: every URL of SPEC §2 with its template and data.

The rules of *what* is shown come from the model (``is_published``,
``is_listed``, ``published_smes``); this module only arranges them into pages.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import partial
from itertools import islice
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from sadewa.model import LANGS, Catalog, Category, Product, Region, Site, Sme, product_order, sme_order
from sadewa.urls import View, file_for

from .content import ContentIndex
from .theme import theme_files

Route = Callable[[View], str]


@dataclass
class Rendered:
    """One page to write: its path in the view, template and data."""

    path: str
    template: str
    context: dict
    paths: dict[str, str] = field(default_factory=dict)  # lang → this page's path in that language
    alternates: dict[str, str] = field(default_factory=dict)  # lang → absolute URL
    noindex: bool = False
    root_relative: bool = False  # the 404 page is served at any depth
    lastmod: dt.date | None = None  # from the data, for sitemaps
    redirect: str | None = None  # for alias pages: the path they point to

    @property
    def indexable(self) -> bool:
        return not self.noindex and self.redirect is None

    @property
    def file(self) -> str:
        return file_for(self.path)


PAGER_NEAR = 2  # pages linked on each side of the current one


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    route: Callable[[int], str]

    @property
    def previous(self) -> str | None:
        return self.route(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.route(self.number + 1) if self.number < self.count else None

    def pages(self) -> list[tuple[int | None, str | None]]:
        """The pages the pager links, as (number, path): the first, the last
        and those near this one; (None, None) where it skips some. Linking
        every page would give each of a list's pages as many links as it has
        pages: 400 on each page listing 10,000 products."""
        near = range(max(1, self.number - PAGER_NEAR), min(self.count, self.number + PAGER_NEAR) + 1)
        links: list[tuple[int | None, str | None]] = []
        last = 0
        for number in sorted({1, self.count, *near}):
            if number == last + 2:  # a gap of one page: that page, not a gap
                links.append((last + 1, self.route(last + 1)))
            elif number > last + 2:
                links.append((None, None))
            links.append((number, self.route(number)))
            last = number
        return links


class Maker(NamedTuple):
    """A page of the plan, not made yet (see ``PagePlan.page_makers``)."""

    key: str  # names the page in its view while it exists (its place moves when pages come or go)
    make: Callable[[], Rendered]
    group: str | None = None  # an SME's slug: one process makes the pages of one SME
    # The lists the page shows, when they are all an SME's, a category's or a
    # region's (``PagePlan.lists_of``); None: lists of the whole view.
    lists: tuple[str, ...] | None = None


def list_name(owner: Sme | Category | Region) -> str:
    """The name of the list of an SME's, a category's or a region's products
    (and a region's SMEs), as pages and items name it (``Maker.lists``)."""
    return f"{type(owner).__name__.lower()} {owner.slug}"


class PagePlan:
    def __init__(self, catalog: Catalog, content: ContentIndex, view: View, settings: dict):
        self.catalog = catalog
        self.content = content
        self.view = view
        self.site = view.site
        self.settings = settings
        self.page_size = int(settings.get("SADEWA_PAGE_SIZE", 24))
        self.listed = sorted(catalog.listed_products(self.site), key=product_order(view.lang))
        self.smes = sorted(catalog.published_smes(self.site), key=sme_order)
        self.sme_slugs = {s.slug for s in self.smes}
        self.smes_by_region: dict[str, list[Sme]] = {}
        for sme in self.smes:
            self.smes_by_region.setdefault(sme.region.slug, []).append(sme)
        self.by_category: dict[str, list[Product]] = {}
        self.by_sme: dict[str, list[Product]] = {}  # listed, by name like every list of the view
        self.by_region: dict[str, list[Product]] = {}
        for product in self.listed:
            self.by_category.setdefault(product.category.slug, []).append(product)
            self.by_sme.setdefault(product.sme.slug, []).append(product)
            self.by_region.setdefault(product.region.slug, []).append(product)

    @staticmethod
    def shape(item: Product | Sme | Category | Region) -> tuple:
        """What of an item decides which pages a view has and the order of
        its lists (the rest of it only shows on the pages that show it)."""
        if type(item) is Product:
            names = tuple(item.name.text(lang) for lang in LANGS)
            return (item.key, item.category.slug, item.status, item.is_export_ready, names, item.added, item.aliases)
        if type(item) is Category or type(item) is Region:
            return (item.slug,)  # listed in their file's order; their names order nothing
        return (item.slug, item.name, item.region.slug, item.status, item.aliases)

    @staticmethod
    def lists_of(item: Product | Sme | Category | Region, catalog: Catalog) -> tuple[str, ...]:
        """The lists whose members or order an item's shape decides: an SME's
        decides whether and where its products are listed too."""
        if type(item) is Product:
            return (list_name(item.category), list_name(item.sme), list_name(item.region))
        if type(item) is Category or type(item) is Region:
            return (list_name(item),)
        categories = sorted({list_name(p.category) for p in catalog.products_of(item)})
        return (list_name(item), list_name(item.region), *categories)

    @staticmethod
    def arrangement(catalog: Catalog) -> str:
        """What else decides the pages and their lists besides the items' shapes."""
        return repr([(c.slug, c.title, c.description, c.event, [p.key for p in c.products]) for c in catalog.collections])

    def page(self, route: Route, template: str, noindex: bool = False, lastmod: dt.date | None = None, **context) -> Rendered:
        view = self.view
        paths = {lang: route(view.sibling(lang)) for lang in LANGS}
        alternates = {lang: view.absolute(path) for lang, path in paths.items()}
        return Rendered(paths[view.lang], template, context, paths, alternates, noindex, lastmod=lastmod)

    def pages(self) -> Iterator[Rendered]:
        return (maker.make() for maker in self.page_makers())

    def page_makers(self) -> Iterator[Maker]:
        """Every page of the view, in order, as a function that makes it: a
        process makes only the pages of its share. The pages of an SME's
        group (its products' pages in every view, its own page and media
        kit) show the same products and texts, so one process renders them
        all and makes those once."""
        yield Maker("home", self.home)
        yield from self.listing("products", lambda v, n: v.products(n), self.listed, "products.html")
        yield from self.products()
        yield from self.sme_pages()
        yield from self.categories()
        yield from self.regions()
        yield Maker("search", partial(self.page, lambda v: v.search(), "search.html", categories=self.catalog.categories,
                                      regions=[region for region, _ in self.region_counts()]))
        if self.site is Site.INTERNATIONAL:
            yield from self.collections()
        else:
            yield from self.blogger()
        yield from self.articles()
        yield from self.content_pages()
        yield from self.redirects()
        if not self.settings.get("SADEWA_OFFLINE"):  # opened from disk, an offline copy has no host to serve a 404 page
            yield Maker("404", self.not_found)

    # -- pages -------------------------------------------------------------------

    def not_found(self) -> Rendered:
        page = self.page(lambda v: v.not_found(), "404.html", noindex=True)
        page.root_relative = True
        return page

    def home(self) -> Rendered:
        newest = sorted(self.listed, key=lambda p: (p.added or self.catalog.today, p.key), reverse=True)
        return self.page(
            lambda v: v.home(), "home.html",
            newest=newest[:8], categories=self.category_counts(), smes_count=len(self.smes),
            products_count=len(self.listed), regions=self.region_counts(),
            collections=self.catalog.collections if self.site is Site.INTERNATIONAL else (),
            articles=self.content.articles_on(self.site)[:3],
        )

    def listing(self, name: str, route, items: list, template: str, first: dict | None = None,
                lists: tuple[str, ...] | None = None, **context) -> Iterator[Maker]:
        """Pages of ``items`` (``lists``: the list they are, if not the whole
        view's); ``first`` is shown on the first page only."""
        count = max(1, math.ceil(len(items) / self.page_size))
        for number in range(1, count + 1):
            chunk = items[(number - 1) * self.page_size : number * self.page_size]
            pager = Pager(number, count, lambda n, v=self.view: route(v, n))
            extra = first if number == 1 and first else {}
            make = partial(self.page, lambda v, n=number: route(v, n), template, items=chunk, pager=pager, total=len(items), **context, **extra)
            yield Maker(f"{name} {number}", make, lists=lists)

    def products(self) -> Iterator[Maker]:
        # A product's page lists its SME's other products and some of its category's.
        return (
            Maker(f"product {product.key}", partial(self.product, product), product.sme.slug,
                  (list_name(product.category), list_name(product.sme)))
            for product in self.catalog.published_products(self.site)
        )

    def product(self, product: Product) -> Rendered:
        today = self.catalog.today
        siblings = [p for p in self.catalog.products_of(product.sme) if p.is_listed(self.site) and p is not product]
        same_category = list(islice((p for p in self.by_category.get(product.category.slug, ()) if p.sme is not product.sme), 4))
        return self.page(
            lambda v: v.product(product), "product.html", noindex=product.is_discontinued,
            lastmod=product.updated or product.added,
            product=product, sme=product.sme, category=product.category, certificates=product.valid_certificates(today),
            searchable=product.is_listed(self.site),
            sme_certificates=product.sme.valid_certificates(today), halal=product.is_halal(today),
            same_sme=siblings[:8], same_category=same_category,
        )

    def sme_pages(self) -> Iterator[Maker]:
        yield from self.listing("smes", lambda v, n: v.smes(n), self.smes, "smes.html")
        yield from (Maker(list_name(sme), partial(self.sme, sme), sme.slug, (list_name(sme),)) for sme in self.smes)

    def sme(self, sme: Sme) -> Rendered:
        products = self.by_sme.get(sme.slug, [])
        dates = [d for p in products for d in (p.updated or p.added,) if d]
        return self.page(
            lambda v: v.sme(sme), "sme.html", sme=sme, items=products, lastmod=max(dates, default=None),
            certificates=sme.valid_certificates(self.catalog.today),
            articles=[a for a in self.content.articles_on(self.site) if sme.slug in a.smes],
        )

    def category_counts(self) -> list[tuple]:
        return [(c, len(self.by_category.get(c.slug, ()))) for c in self.catalog.categories]

    def region_counts(self) -> list[tuple]:
        """Regions with a published SME or a listed product, and how many products they list."""
        return [(r, len(self.by_region.get(r.slug, ()))) for r in self.catalog.regions
                if r.slug in self.smes_by_region or r.slug in self.by_region]

    def categories(self) -> Iterator[Maker]:
        for category, _ in self.category_counts():
            items = self.by_category.get(category.slug, [])
            name = list_name(category)
            yield from self.listing(name, lambda v, n, c=category: v.category(c, n), items, "category.html", lists=(name,), category=category)

    def regions(self) -> Iterator[Maker]:
        for region, _ in self.region_counts():
            items = self.by_region.get(region.slug, [])
            smes = self.smes_by_region.get(region.slug, [])
            name = list_name(region)
            # The region's SMEs once, on its first page: every page would repeat them all.
            yield from self.listing(name, lambda v, n, r=region: v.region(r, n), items, "region.html", first={"region_smes": smes},
                                    lists=(name,), region=region)

    def collections(self) -> Iterator[Maker]:
        yield Maker("collections", partial(self.page, lambda v: v.collections(), "collections.html", collections=self.catalog.collections))
        for collection in self.catalog.collections:
            yield Maker(f"collection {collection.slug}", partial(
                self.page, lambda v, c=collection: v.collection(c), "collection.html", collection=collection, items=list(collection.products)))

    def blogger(self) -> Iterator[Maker]:
        """The bloggers' hub and a media kit per SME (domestic site)."""
        campaigns = [a for a in self.content.articles_on(self.site) if a.smes]
        regions = [(r, self.smes_by_region[r.slug]) for r in self.catalog.regions if r.slug in self.smes_by_region]
        yield Maker("blogger", partial(self.page, lambda v: v.blogger(), "blogger.html", campaigns=campaigns, regions=regions))
        yield from (Maker(f"kit {sme.slug}", partial(self.media_kit, sme, campaigns), sme.slug, (list_name(sme),)) for sme in self.smes)

    def media_kit(self, sme: Sme, campaigns: list) -> Rendered:
        return self.page(
            lambda v: v.media_kit(sme), "media_kit.html", sme=sme, items=self.by_sme.get(sme.slug, []),
            certificates=sme.valid_certificates(self.catalog.today),
            campaigns=[a for a in campaigns if sme.slug in a.smes],
        )

    def articles(self) -> Iterator[Maker]:
        articles = self.content.articles_on(self.site)
        yield from self.listing("articles", lambda v, n: v.articles(n), articles, "articles.html")
        for piece in articles:
            yield Maker(f"article {piece.slug}", partial(
                self.page, lambda v, a=piece: v.article(a.slug), "article.html", piece=piece,
                featured=[self.catalog_sme(slug) for slug in piece.smes if slug in self.sme_slugs],
            ))

    def catalog_sme(self, slug: str):
        return next(s for s in self.smes if s.slug == slug)

    def content_pages(self) -> Iterator[Maker]:
        for piece in self.content.pages_on(self.site):
            yield Maker(f"page {piece.slug}", partial(self.page, lambda v, a=piece: v.page(a.slug), "page.html", piece=piece))

    # -- links that must keep working ------------------------------------------

    def redirects(self) -> Iterator[Maker]:
        """Alias URLs answer with a redirect to where the object lives now."""
        for path, (old, new) in sorted(self.redirect_routes().items()):
            yield Maker(f"redirect {path}", partial(self.redirect, old, new))

    def redirect(self, old: Route, new: Route) -> Rendered:
        page = self.page(old, "redirect.html", noindex=True, target=new(self.view))
        page.redirect = new(self.view)
        return page

    def redirect_routes(self) -> dict:
        """Old route → new route, for every alias published on this site."""
        routes: dict = {}

        def add(old: Route, new: Route) -> None:
            routes[old(self.view)] = (old, new)

        for sme in self.smes:
            for alias in sme.aliases:
                add(lambda v, a=alias: v.sme_at(a), lambda v, s=sme: v.sme(s))
                if self.site is Site.DOMESTIC:
                    add(lambda v, a=alias: v.media_kit_at(a), lambda v, s=sme: v.media_kit(s))
                for product in self.catalog.products_of(sme):
                    if product.is_published(self.site):
                        add(lambda v, a=alias, p=product: v.product_at(a, p.slug), lambda v, p=product: v.product(p))
        for product in self.catalog.published_products(self.site):
            for alias in product.aliases:
                sme_slug, _, slug = alias.rpartition("/")
                add(lambda v, s=sme_slug or product.sme.slug, a=slug: v.product_at(s, a), lambda v, p=product: v.product(p))
        return routes


def view_assets(view: View, settings: dict) -> Iterator[tuple[str, bytes]]:
    """The theme's static files, written once per site (with its first language)."""
    if view.lang != view.site.default_lang:
        return
    yield from theme_files(settings).files()
