"""Pages and articles of ``content/``, as Pelican read them, grouped for our views.

Each piece is read once by Pelican (with its translations); here we note in
which sites it appears (metadata ``sites``, default domestic), which SMEs it
features (``smes``), and give each language its version — or the other
language's, marked, when a translation is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sadewa.model import Site


def _split(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


@dataclass
class Piece:
    """One page or article in every language it was written in."""

    slug: str
    kind: str  # "article" | "page"
    versions: dict[str, object] = field(default_factory=dict)  # lang → Pelican content

    def _any(self):
        return self.versions.get("id") or next(iter(self.versions.values()))

    @property
    def sites(self) -> tuple[Site, ...]:
        names = _split(self._any().metadata.get("sites")) or ("domestic",)
        return tuple(Site(name) for name in names if name in {s.value for s in Site})

    @property
    def smes(self) -> tuple[str, ...]:
        return _split(self._any().metadata.get("smes"))

    @property
    def date(self):
        return getattr(self._any(), "date", None)

    def version(self, lang: str):
        """The content in ``lang`` or, missing that, in the other language."""
        return self.versions.get(lang) or self._any()


@dataclass
class ContentIndex:
    articles: list[Piece]
    pages: list[Piece]

    @classmethod
    def from_context(cls, context: dict) -> "ContentIndex":
        return cls(
            articles=_group(context.get("articles", []), "article"),
            pages=_group(context.get("pages", []), "page"),
        )

    def articles_on(self, site: Site) -> list[Piece]:
        return sorted((a for a in self.articles if site in a.sites), key=lambda a: (a.date, a.slug), reverse=True)

    def pages_on(self, site: Site) -> list[Piece]:
        return [p for p in self.pages if site in p.sites]

    def page(self, slug: str) -> Piece | None:
        return next((p for p in self.pages if p.slug == slug), None)


def _group(items, kind: str) -> list[Piece]:
    pieces: dict[str, Piece] = {}
    for item in items:
        for version in [item, *getattr(item, "translations", [])]:
            if getattr(version, "status", "published") != "published":
                continue
            piece = pieces.setdefault(version.slug, Piece(version.slug, kind))
            piece.versions.setdefault(version.lang, version)
    return [pieces[slug] for slug in sorted(pieces)]
