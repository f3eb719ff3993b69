"""The field rules of every data file, written once.

These models are the single source of the validator (``validate.py`` runs
them on each file), of the JSON Schemas in ``schema/`` (``jsonschemas.py``)
and of the messages staff read. Rules that need more than one file (does the
region exist? is the photo there?) live in ``validate.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

RESERVED_SLUGS = ("sme", "page", "halaman")
CERTIFICATE_TYPES = ("halal", "merek", "pirt", "bpom", "sni", "organik", "svlk", "other")
# Bilingual long texts written in Markdown (SPEC §1); the other texts are plain.
MARKDOWN_FIELDS = ("story", "description")

# What a value that fails a pattern should have looked like, by pattern.
EXPECTED_BY_PATTERN: dict[str, str] = {}


class RuleError(ValueError):
    """A rule across fields, reported at ``at`` (a path inside the model)."""

    def __init__(self, message: str, at: tuple = ()):
        super().__init__(message)
        self.at = at


def _pattern(pattern: str, expected: str, **extra: Any) -> Any:
    EXPECTED_BY_PATTERN[pattern] = expected
    return Field(pattern=pattern, json_schema_extra={"errorMessage": expected, **extra})


def _not_reserved(value: str) -> str:
    if value in RESERVED_SLUGS:
        raise ValueError(f"`{value}` is reserved for the site's own pages; choose another slug")
    return value


SLUG_RE = r"^(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,79}$"
SLUG_EXPECTED = "a slug: 2–80 characters of a-z, 0-9 and -, starting with a letter or digit and holding a letter"
Slug = Annotated[str, _pattern(SLUG_RE, SLUG_EXPECTED)]
OwnSlug = Annotated[Slug, AfterValidator(_not_reserved), Field(json_schema_extra={"not": {"enum": list(RESERVED_SLUGS)}})]
ProductAlias = Annotated[
    str,
    _pattern(
        r"^(?:(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,79}/)?(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,79}$",
        "a former product slug (`old-slug`), or `old-sme/old-slug` for a product moved from another SME",
    ),
]
ProductRef = Annotated[
    str,
    _pattern(
        r"^(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,79}/(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,79}$",
        "a product as `sme-slug/product-slug`",
    ),
]
Line = Annotated[str, Field(min_length=1, pattern=r"\S")]
# Bounded, so that `1e400` (infinity to YAML) is an error, in the JSON Schemas too,
# and so is a whole number too long for the pages to format (Babel's decimals
# hold 28 digits): no price, quantity or weight comes near either bound.
PositiveInt = Annotated[int, Field(gt=0, lt=10**15)]
PositiveNumber = Annotated[float, Field(gt=0, lt=1e12)]

_PHONE_CHARS = r"[\s.()-]*"
WHATSAPP_RE = rf"^(?=(?:\D*\d){{10,15}}\D*$)\s*(?:\+62|62|0){_PHONE_CHARS}8[\d\s.()-]*$"


def normalize_whatsapp(value: str) -> str:
    """``0812-2700-1234``, ``+62 812 2700 1234`` and ``62812…`` all become ``62812…``."""
    digits = re.sub(r"\D", "", value)
    return "62" + digits[1:] if digits.startswith("0") else digits


WhatsApp = Annotated[
    str,
    _pattern(WHATSAPP_RE, "an Indonesian mobile number such as \"0812-2700-1234\" or \"+62 812 2700 1234\""),
    AfterValidator(normalize_whatsapp),
]
Phone = Annotated[str, _pattern(r"^\+?[0-9(][0-9\s.()-]{5,24}$", "a phone number such as \"(0286) 321 456\" or \"+62 24 351 2345\"")]
Email = Annotated[str, _pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "an e-mail address such as halo@contoh.co.id")]
HttpsUrl = Annotated[str, _pattern(r"^https://[^\s/$.?#][^\s]*$", "a web address starting with https://")]
Instagram = Annotated[str, _pattern(r"^@?[A-Za-z0-9._]{1,30}$", "an Instagram handle such as @batiklaweyan")]
HsCode = Annotated[str, _pattern(r"^[0-9]{2,}(?:\.[0-9]+)*$", "an HS code of digits and dots in quotes, such as \"6206.30\"")]
ImagePath = Annotated[
    str,
    _pattern(
        r"^(?![/\\])(?!.*\\)[^\0]*\.(?:[jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP]|[hH][eE][iI][cCfF])$",
        "an image path relative to the SME folder, such as images/batik-parang.jpg (.jpg, .jpeg, .png, .webp or .heic)",
    ),
]


class Strict(BaseModel):
    """YAML values are taken as written: no coercion, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, regex_engine="python-re")


class Text(Strict):
    """Text in Indonesian (required) and English (optional)."""

    id: Line = Field(description="Bahasa Indonesia")
    en: Line | None = Field(None, description="English")


class FullText(Strict):
    """Text in both languages."""

    id: Line = Field(description="Bahasa Indonesia")
    en: Line = Field(description="English")


class Certification(Strict):
    type: Literal[CERTIFICATE_TYPES] = Field(description="halal, merek (trademark), pirt, bpom, sni, organik, svlk or other")
    number: Line = Field(description="certificate number, in quotes")
    issuer: Line | None = None
    valid_until: dt.date | None = Field(None, description="last day of validity, YYYY-MM-DD")


class Contact(Strict):
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["whatsapp"]}, {"required": ["email"]}]})

    whatsapp: WhatsApp | None = None
    email: Email | None = None
    phone: Phone | None = None
    website: HttpsUrl | None = None
    instagram: Instagram | None = None

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if self.whatsapp is None and self.email is None:
            raise RuleError("buyers need a way to reach the SME: give `contact.whatsapp` or `contact.email` (or both)")
        return self


class Marketplace(Strict):
    name: Line
    url: HttpsUrl


class Training(Strict):
    program: Line = Field(description="office training programme, e.g. Balatkop batik")
    year: Annotated[int, Field(ge=1900)]


class SmeFile(Strict):
    """`products/<sme-slug>/sme.yaml`"""

    name: Line
    region: Slug = Field(description="slug of a region in _regions.yaml")
    story: Text
    contact: Contact
    address: Line | None = None
    established: Annotated[int, Field(ge=1900)] | None = Field(None, description="year, 1900 to this year")
    owner: Line | None = None
    marketplaces: list[Marketplace] = []
    certifications: list[Certification] = []
    training: list[Training] = []
    logo: ImagePath | None = None
    photos: list[ImagePath] = []
    aliases: list[OwnSlug] = Field([], description="former slugs of this SME; old URLs redirect here")
    status: Literal["active", "inactive"] = "active"


class Price(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["idr"], "not": {"required": ["on_request"], "properties": {"on_request": {"const": True}}}},
                {"required": ["on_request"], "properties": {"on_request": {"const": True}}, "not": {"required": ["idr"]}},
            ]
        }
    )

    idr: PositiveInt | None = Field(None, description="price in rupiah, a whole number without dots")
    on_request: bool = False

    @model_validator(mode="after")
    def _priced(self) -> "Price":
        if self.on_request and self.idr is not None:
            raise RuleError("give either `price.idr` or `price.on_request: true`, not both")
        if not self.on_request and self.idr is None:
            raise RuleError("`price.idr` is required (a whole number of rupiah) unless `price.on_request: true`")
        return self


class Export(Strict):
    price_usd: PositiveNumber
    moq: PositiveInt = Field(description="minimum order quantity")
    capacity_per_month: PositiveInt | None = None
    hs_code: HsCode | None = None
    incoterm: Line | None = Field(None, description="e.g. FOB Semarang")
    lead_time_days: PositiveInt | None = None


class ProductFile(Strict):
    """`products/<sme-slug>/<product-slug>.yaml`"""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"required": ["export"]},
            "then": {
                "required": ["description"],
                "properties": {"name": {"required": ["en"]}, "description": {"required": ["en"]}},
            },
        }
    )

    name: Text
    category: Slug = Field(description="slug of a category in _categories.yaml")
    description: Text | None = None
    price: Price
    unit: Text | None = None
    images: list[ImagePath] = []
    certifications: list[Certification] = []
    tags: list[Line] = []
    weight_g: PositiveInt | None = None
    shelf_life_days: PositiveInt | None = None
    dimensions_cm: Annotated[list[PositiveNumber], Field(min_length=2, max_length=3)] | None = None
    materials: Text | None = None
    export: Export | None = Field(None, description="present = export-ready")
    status: Literal["active", "draft", "discontinued"] = "active"
    aliases: list[ProductAlias] = []
    added: dt.date | None = Field(None, description="first listed, YYYY-MM-DD")
    updated: dt.date | None = Field(None, description="last checked or changed, YYYY-MM-DD")

    @model_validator(mode="after")
    def _export_in_english(self) -> "ProductFile":
        if self.export is not None:
            if self.name.en is None:
                raise RuleError("an export-ready product needs an English name: add `name.en`", at=("name",))
            if self.description is None or self.description.en is None:
                at = ("description",) if self.description is not None else ("export",)
                raise RuleError("an export-ready product needs an English description: add `description.en`", at=at)
        return self


class Category(Strict):
    slug: Slug
    name: FullText
    halal_expected: bool = Field(False, description="products here are expected to hold a halal certificate")


class Region(Strict):
    slug: Slug
    name: Line
    type: Literal["kabupaten", "kota"]


class Event(Strict):
    name: Line
    place: Line
    date: dt.date


class CollectionFilter(Strict):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    categories: Annotated[list[Slug], Field(min_length=1)] | None = None
    regions: Annotated[list[Slug], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "CollectionFilter":
        if self.categories is None and self.regions is None:
            raise RuleError("a filter needs `categories`, `regions` or both")
        return self


class CollectionFile(Strict):
    """`products/_collections/<slug>.yaml`"""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["products"]}, {"required": ["filter"]}]}
    )

    title: Text
    description: Text
    event: Event
    products: list[ProductRef] | None = None
    filter: CollectionFilter | None = None

    @model_validator(mode="after")
    def _one_selection(self) -> "CollectionFile":
        if (self.products is None) == (self.filter is None):
            raise RuleError("a collection needs either `products` (a list) or `filter`, not both and not neither")
        return self
