"""Pages whose inputs did not change are not rendered again.

Each page gets a signature: a digest of everything it shows — the objects in
its context (products and SMEs by the digest of their files, their photos
and share card), its path, template and alternates — on top of a build-wide
key (templates, theme files, translations, settings, categories, regions,
content pages, the reference date).
A page whose signature matches the last build's, and whose file is still
staged, keeps that file.

Each page also records the products, SMEs, categories and regions it shows
(its dependencies): renaming a category or a region signs again only the
pages showing it, not every page, as a change to the list of categories or
regions does. An item keeps its number from build to build, so adding or
removing one renumbers nothing.

A page none of whose items changed would get the same signature again, as
long as the lists it shows stayed as they were: it is kept without being
planned or signed (``Unchanged``). What decides a list's members and order
is its items' shapes (``PagePlan.shape``); an item added, removed or changed
in shape moves the lists it is in or was in (``PagePlan.lists_of``: its
category's, its SME's, its region's) and the lists of the whole view. A page
names the lists it shows (``pages.Maker``): one of an SME, a category or a
region names theirs, any other page shows lists of the whole view. An edit
to one product thus plans a few dozen pages; adding one, or renaming it,
plans the pages of its category, SME and region and the view's listings,
not every page of the catalog.

A page that disappears was one of those planned: it showed an item that
changed or a list that moved, and so does every page that links to it (a
list's pages link to each other, a page to the items it shows). Should one
the record took for unchanged disappear, kept pages could link to it: the
build then renders everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import partial
from pathlib import Path

from sadewa import background
from sadewa.cachefiles import read_record, write_record
from sadewa.model import LANGS, Category, Collection, Product, Region, Sme

from .content import Piece
from .pages import Pager, PagePlan

MEMO_FILE = "render-memo"
UNNUMBERED = -1  # an item outside the catalog's lists: always counted as changed


def _files_digest(folders: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".pyc", ".mo")):
                    continue
                path = os.path.join(dirpath, name)
                digest.update(path.encode() + b"\0")
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


def _source(item) -> str:
    """What an item is made of, as the memo records it: a category or a
    region is an entry of ``_categories.yaml`` or ``_regions.yaml``, named
    by its slug."""
    kind = type(item)
    return f"{kind.__name__} {item.slug}" if kind is Category or kind is Region else item.source


class RenderMemo:
    def __init__(self, settings: dict, context: dict, catalog, content):
        self.path = Path(settings.get("CACHE_PATH", ".cache")) / MEMO_FILE
        self.photos_of = context["photos_of"]
        self.card_of = context["share_card_of"]
        self.versions = catalog.versions
        self.shown_region = catalog.shown_region
        code = Path(__file__).resolve().parents[1]  # our plugins render the pages
        key = hashlib.blake2b(digest_size=16)
        key.update(_files_digest([Path(settings["THEME"]), code]).encode())
        shown = {k: repr(v) for k, v in sorted(settings.items()) if k.startswith("SADEWA_") or k in ("SITENAME", "THEME")}
        key.update(json.dumps(shown, sort_keys=True).encode())
        key.update(catalog.today.isoformat().encode())
        # Which categories and regions there are, in their order; what each one says is an item's (``_item``).
        key.update(repr(([c.slug for c in catalog.categories], [r.slug for r in catalog.regions])).encode())
        for piece in content.articles + content.pages:
            key.update(self._piece(piece).encode())
        self.key = key.hexdigest()
        stored = read_record(self.path)
        if stored.get("key") != self.key:
            stored = {}
        # relpath → [signature, staged digest, numbers of the items shown, (view number, page key), page record,
        #            lists shown, (view number, page number)]
        self.previous: dict[str, list] = stored.get("pages", {})
        items = [*catalog.smes, *catalog.products, *catalog.categories, *catalog.regions]
        sources = [_source(item) for item in items]
        # source → [number, shape, lists, token in each language]: an item keeps its number from build to build
        before: dict[str, list] = stored.get("items", {})
        self.next_number = stored.get("next number", 0)
        self._numbers = {id(item): self._number(source, before) for item, source in zip(items, sources)}
        self._items: dict[str, dict[int, tuple[str, int]]] = {lang: {} for lang in LANGS}  # lang → id(item) → (token, number)
        self.arrangement = PagePlan.arrangement(catalog)
        self.items: dict[str, list] = {}
        self.unchanged = self._unchanged(items, sources, before, catalog, stored)

    def _number(self, source: str, before: dict[str, list]) -> int:
        known = before.get(source)
        if known is not None:
            return known[0]
        self.next_number += 1
        return self.next_number - 1

    @staticmethod
    def _piece(piece: Piece) -> str:
        return repr([(lang, v.title, v.content, v.metadata.get("summary"), str(v.date) if hasattr(v, "date") else "") for lang, v in sorted(piece.versions.items())])

    def _item(self, item, lang: str) -> tuple[str, int]:
        """A short token for a product, SME, category or region as a page in
        ``lang`` shows it (``_item_tokens``), and its number (``UNNUMBERED``
        if it is not in the catalog's lists)."""
        found = self._items[lang].get(id(item))  # items live as long as the build: their id is theirs
        if found is None:
            self._item_tokens(item, self._numbers.get(id(item), UNNUMBERED))
            found = self._items[lang][id(item)]
        return found

    def _item_tokens(self, item, number: int) -> list[str]:
        """The item's token in each language, made together (what does not
        depend on the language is looked up once): the digests of its files,
        its region, its photos and its share card; a category's or region's
        own data."""
        if type(item) is Category or type(item) is Region:
            shown, cards = repr(item), ("",) * len(LANGS)
        else:
            files = (item.source, item.sme.source) if type(item) is Product else (item.source,)
            digests = [self.versions[path] for path in files] + [p.key for p in self.photos_of(item)]
            # a product's card and page, an SME's, show the region's name (hex digests: no space in one)
            shown = f"{' '.join(digests)} {self.shown_region(item.region)}"
            cards = [self.card_of(item, lang) or "" for lang in LANGS]
        tokens = []
        for lang, card in zip(LANGS, cards):
            token = hashlib.blake2b(f"{shown}|{card}".encode(), digest_size=12).hexdigest()
            self._items[lang][id(item)] = (token, number)
            tokens.append(token)
        return tokens

    def _unchanged(self, items: list, sources: list[str], before: dict[str, list], catalog, stored: dict) -> "Unchanged | None":
        """What a rebuild may keep without planning it (None: nothing, every
        page is planned). The pages showing a changed item are planned; when
        an item was added, removed or changed its shape, so are the pages
        showing a list it is in (or was), and the pages of the whole view's lists."""
        changed = {UNNUMBERED}
        moved: set[str] = set()  # lists whose members or order changed
        for item, source in zip(items, sources):
            number = self._numbers[id(item)]
            tokens = self._item_tokens(item, number)
            known = before.get(source)
            if known is not None and known[3:] == tokens:
                self.items[source] = known
                continue
            changed.add(number)
            shape = hashlib.blake2b(repr(PagePlan.shape(item)).encode(), digest_size=12).hexdigest()
            lists = PagePlan.lists_of(item, catalog)
            if known is None or known[1] != shape:
                moved.update(lists)
                if known is not None:
                    moved.update(known[2])
            self.items[source] = [number, shape, lists, *tokens]
        for source in before.keys() - self.items.keys():  # removed
            number, _, lists, *_ = before[source]
            changed.add(number)
            moved.update(lists)
        same = bool(self.previous) and stored.get("arrangement") == self.arrangement
        return Unchanged(changed, moved, self.previous) if same else None

    def _tokens(self, value, lang: str, out: list[str], deps: set[int]) -> None:
        """Write what a page's ``value`` shows as a flat list of tokens (one
        string hashed per page: nesting lists and repr-ing them cost more
        than the rest of signing)."""
        kind = type(value)
        if kind is Product or kind is Sme or kind is Category or kind is Region:
            token, number = self._item(value, lang)
            out.append(token)
            deps.add(number)
        elif kind is list or kind is tuple:
            out.append("[")
            for item in value:
                self._tokens(item, lang, out, deps)
            out.append("]")
        elif kind is dict:
            out.append("{")
            for key, item in value.items():
                out.append(repr(key))
                self._tokens(item, lang, out, deps)
            out.append("}")
        elif kind is Pager:
            out.append(f"pager {value.number} {value.count}")
        elif kind is Piece:
            out.append(self._piece(value))
        elif kind is Collection:
            out.append(repr((value.slug, value.title, value.description, value.event)))
            self._tokens(value.products, lang, out, deps)
        else:
            out.append(repr(value))  # a repr never holds a line break: tokens stay apart

    def signature(self, page, lang: str) -> tuple[str, list[int]]:
        """The page's signature, and the numbers of the items it shows."""
        # The context's order is the plan's, the same every build.
        out = [page.template, repr((page.path, page.paths, page.noindex, page.redirect))]
        deps: set[int] = set()
        self._tokens(page.context, lang, out, deps)
        return hashlib.blake2b("\n".join(out).encode(), digest_size=16).hexdigest(), sorted(deps)

    def reuse(self, relpath: str, signature: str, writer) -> str | None:
        """The staged file's digest if the page need not be rendered again."""
        known = self.previous.get(relpath)
        if known and known[0] == signature and self.still_staged(relpath, known, writer):
            return known[1]
        return None

    @staticmethod
    def still_staged(relpath: str, entry: list, writer) -> bool:
        """Is the file the last build staged for ``relpath`` still there?"""
        return writer.previous.get(relpath) == entry[1] and writer.is_staged(entry[1])

    def gone_unforeseen(self, relpaths: set[str]) -> bool:
        """Did a page of the last build disappear that showed no changed item
        and no list that moved (``relpaths``: this build's pages)?"""
        gone = self.previous.keys() - relpaths
        if not gone or self.unchanged is None:  # every page was planned: none was taken for unchanged
            return bool(gone)
        return not gone.isdisjoint(relpath for relpath, _ in self.unchanged.pages.values())

    def same_records(self, pages: dict[str, list]) -> bool:
        """Are ``pages`` (this build's entries) the last build's pages, each
        with the same record (address, alternates, last change, redirect)?"""
        previous = self.previous
        return bool(previous) and len(pages) == len(previous) and all(
            (before := previous.get(relpath)) is entry or (before is not None and before[4] == entry[4])
            for relpath, entry in pages.items()
        )

    def save(self, pages: dict[str, list]) -> None:
        """Store the memo for the next build. Only that build reads it: a
        forked process writes it (a tenth of a second at 10,000 products)
        while this one goes on, and is waited for before the build ends."""
        memo = {"key": self.key, "pages": pages, "items": self.items, "next number": self.next_number, "arrangement": self.arrangement}
        background.start(partial(write_record, self.path, memo), "storing the render memo for the next build")


class Unchanged:
    """The pages of the last build that show no changed item and no list that
    ``moved``, by their name in the plan ((view number, page key))."""

    def __init__(self, changed: set[int], moved: set[str], previous: dict[str, list]):
        self.pages = {
            entry[3]: (relpath, entry) for relpath, entry in previous.items()
            if changed.isdisjoint(entry[2]) and not (moved and (entry[5] is None or not moved.isdisjoint(entry[5])))
        }
        self.planned = len(previous) - len(self.pages)  # pages that show a changed item or list
        self.moved = bool(moved)  # pages may have come, gone or moved: their numbers do not hold
