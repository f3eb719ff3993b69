"""The catalog as the sites see it: validated, immutable, with every rule in one place.

Templates and plugins ask these objects ("is this export-ready?", "which
certificates are valid today?", "is this published on the international
site?") instead of deciding for themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter
from pathlib import Path

EXPIRY_WARNING_DAYS = 60
LANGS = ("id", "en")
OTHER_LANG = {"id": "en", "en": "id"}


def record(cls):
    """An immutable dataclass with slots that pickles fast: the catalog cache
    pickles tens of thousands of them, and the state functions dataclasses
    give slotted classes look their fields up again for every object."""
    cls = dataclass(frozen=True, slots=True)(cls)
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)
    if len(names) == 1:
        cls.__getstate__ = lambda self: (values(self),)
    else:
        cls.__getstate__ = lambda self: values(self)

    # Each field set through its slot, in one generated function: a loop
    # over the names with object.__setattr__ took a quarter of the unpickling.
    setters = {f"set_{name}": getattr(cls, name).__set__ for name in names}
    body = "".join(f"    set_{name}(self, state[{i}])\n" for i, name in enumerate(names))
    exec(f"def __setstate__(self, state):\n{body}", setters)
    cls.__setstate__ = setters["__setstate__"]
    return cls


class Site(str, Enum):
    DOMESTIC = "domestic"
    INTERNATIONAL = "international"

    @property
    def default_lang(self) -> str:
        return "id" if self is Site.DOMESTIC else "en"


@record
class Localized:
    """A text chosen for a page's language; ``lang`` differs when it fell back."""

    text: str
    lang: str


@record
class Text:
    id: str
    en: str | None = None

    def has(self, lang: str) -> bool:
        return getattr(self, lang) is not None

    def get(self, lang: str) -> Localized:
        """The text in ``lang``, or in the other language when it is missing."""
        shown = lang if getattr(self, lang) is not None else OTHER_LANG[lang]
        return Localized(getattr(self, shown), shown)

    def text(self, lang: str) -> str:
        """``get(lang).text``, without making a Localized: lists sort tens of thousands by it."""
        value = getattr(self, lang)
        return value if value is not None else getattr(self, OTHER_LANG[lang])


@record
class Certificate:
    type: str
    number: str
    issuer: str | None = None
    valid_until: dt.date | None = None

    def is_valid(self, on: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= on

    def expires_soon(self, on: dt.date, days: int = EXPIRY_WARNING_DAYS) -> bool:
        return self.valid_until is not None and on <= self.valid_until <= on + dt.timedelta(days=days)


@record
class Category:
    slug: str
    name: Text
    halal_expected: bool = False


@record
class Region:
    slug: str
    name: str
    type: str


@record
class Contact:
    whatsapp: str | None = None  # normalized to 62…
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    instagram: str | None = None


@record
class Link:
    name: str
    url: str


@record
class Training:
    program: str
    year: int


@record
class Sme:
    slug: str
    name: str
    region: Region
    story: Text
    contact: Contact
    source: str  # the file it was read from (a string: see Catalog.versions)
    address: str | None = None
    established: int | None = None
    owner: str | None = None
    marketplaces: tuple[Link, ...] = ()
    certifications: tuple[Certificate, ...] = ()
    training: tuple[Training, ...] = ()
    logo: Path | None = None
    photos: tuple[Path, ...] = ()
    aliases: tuple[str, ...] = ()
    status: str = "active"

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def valid_certificates(self, on: dt.date) -> tuple[Certificate, ...]:
        return tuple(c for c in self.certifications if c.is_valid(on))


@record
class ExportTerms:
    price_usd: float
    moq: int
    capacity_per_month: int | None = None
    hs_code: str | None = None
    incoterm: str | None = None
    lead_time_days: int | None = None


@record
class Product:
    slug: str
    sme: Sme
    name: Text
    category: Category
    source: str  # the file it was read from (a string: see Catalog.versions)
    description: Text | None = None
    price_idr: int | None = None
    unit: Text | None = None
    images: tuple[Path, ...] = ()
    certifications: tuple[Certificate, ...] = ()
    tags: tuple[str, ...] = ()
    weight_g: int | None = None
    shelf_life_days: int | None = None
    dimensions_cm: tuple[float, ...] | None = None
    materials: Text | None = None
    export: ExportTerms | None = None
    status: str = "active"
    aliases: tuple[str, ...] = ()
    added: dt.date | None = None
    updated: dt.date | None = None

    @property
    def key(self) -> str:
        """``sme-slug/product-slug``: unique in the catalog."""
        return f"{self.sme.slug}/{self.slug}"

    @property
    def region(self) -> Region:
        return self.sme.region

    @property
    def price_on_request(self) -> bool:
        return self.price_idr is None

    @property
    def is_export_ready(self) -> bool:
        return self.export is not None

    @property
    def is_discontinued(self) -> bool:
        return self.status == "discontinued"

    def valid_certificates(self, on: dt.date) -> tuple[Certificate, ...]:
        return tuple(c for c in self.certifications if c.is_valid(on))

    def is_halal(self, on: dt.date) -> bool:
        """Halal is per product: its own valid halal certificate counts."""
        return any(c.type == "halal" and c.is_valid(on) for c in self.certifications)

    def is_published(self, site: Site) -> bool:
        """Has a page on ``site`` (discontinued products keep theirs)."""
        if self.status == "draft" or not self.sme.is_active:
            return False
        return site is Site.DOMESTIC or self.is_export_ready

    def is_listed(self, site: Site) -> bool:
        """Appears in listings, search, sitemaps and feeds of ``site``."""
        return self.status == "active" and self.is_published(site)


@record
class Event:
    name: str
    place: str
    date: dt.date


@record
class Collection:
    slug: str
    title: Text
    description: Text
    event: Event
    products: tuple[Product, ...]
    source: str  # the file it was read from (a string: see Catalog.versions)


def product_order(lang: str):
    """The order of every list of products in ``lang``: by name, then key."""
    return lambda product: (product.name.text(lang).casefold(), product.key)


def sme_order(sme: "Sme") -> tuple:
    """The order of every list of SMEs: by name, then slug."""
    return (sme.name.casefold(), sme.slug)


@dataclass(frozen=True)
class Catalog:
    """Everything in ``products/``, cross-checked. Listings are sorted by key."""

    today: dt.date
    categories: tuple[Category, ...]
    regions: tuple[Region, ...]
    smes: tuple[Sme, ...]
    products: tuple[Product, ...]
    collections: tuple[Collection, ...] = ()
    # Each SME's and product's file → digest of its bytes: what a page of it
    # was made from, for rebuilds to tell what changed. Files are named by
    # strings, not Path objects: a rebuild unpickles one per SME and product
    # (a fifth of the catalog's unpickling), and looks each up again.
    versions: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _by_sme: dict[str, tuple[Product, ...]] = field(default_factory=dict, repr=False, compare=False)
    _lists: dict[tuple[str, Site | None], tuple | dict] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Product]] = {}
        for product in self.products:
            grouped.setdefault(product.sme.slug, []).append(product)
        self._by_sme.update({slug: tuple(items) for slug, items in grouped.items()})

    def products_of(self, sme: Sme) -> tuple[Product, ...]:
        return self._by_sme.get(sme.slug, ())

    def published_products(self, site: Site) -> tuple[Product, ...]:
        return self._once("published products", site, lambda: (p for p in self.products if p.is_published(site)))

    def listed_products(self, site: Site) -> tuple[Product, ...]:
        return self._once("listed products", site, lambda: (p for p in self.products if p.is_listed(site)))

    def published_smes(self, site: Site) -> tuple[Sme, ...]:
        """Active SMEs; on the international site only those with a page for an export product."""
        if site is Site.DOMESTIC:
            return self._once("published smes", site, lambda: (s for s in self.smes if s.is_active))
        return self._once("published smes", site, lambda: (
            s for s in self.smes if s.is_active and any(p.is_published(site) for p in self.products_of(s))
        ))

    def shown_region(self, region: Region) -> str:
        """All a page or a share card shows of ``region``, as one string
        (its repr), made once per region: rebuilds compare it for every SME
        and product."""
        shown = self._lists.get(("shown regions", None))
        if shown is None:
            shown = self._lists[("shown regions", None)] = {r.slug: repr(r) for r in self.regions}
        return shown[region.slug]

    def _once(self, name: str, site: Site, items) -> tuple:
        """A list made once per build: a dozen passes ask for each."""
        key = (name, site)
        if key not in self._lists:
            self._lists[key] = tuple(items())
        return self._lists[key]

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_lists": {}}  # the lists are made again, not stored

    def for_collection(self, slug: str) -> "Catalog":
        """The catalog cut down to one collection: its products, their SMEs
        (with only those products) and the collection itself."""
        collection = next((c for c in self.collections if c.slug == slug), None)
        if collection is None:
            raise KeyError(f"no collection `{slug}`; collections are: {', '.join(c.slug for c in self.collections)}")
        keys = {p.key for p in collection.products}
        products = tuple(p for p in self.products if p.key in keys)
        smes = {p.sme.slug for p in products}
        return Catalog(
            today=self.today, categories=self.categories, regions=self.regions,
            smes=tuple(s for s in self.smes if s.slug in smes), products=products, collections=(collection,),
            versions=self.versions,
        )

    def halal_missing(self) -> list[Product]:
        """Products in halal-expected categories without a valid halal certificate."""
        return [
            p for p in self.products
            if p.category.halal_expected and p.status != "draft" and not p.is_halal(self.today)
        ]
