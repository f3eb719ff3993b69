"""Pages whose inputs did not change are not rendered again.

Each page gets a signature: a digest of everything it shows — the objects in
its context (products and SMEs by the digest of their files, their photos
and share card), its path, template and alternates — on top of a build-wide
key (templates, theme files, translations, settings, categories, regions,
content pages, the reference date).
A page whose signature matches the last build's, and whose file is still
staged, keeps that file. When a page disappears, links to it could break on
pages not rendered again, so such a build renders everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sadewa.cachefiles import read_record, write_record
from sadewa.model import LANGS, Category, Collection, Product, Region, Sme

from .content import Piece
from .pages import Pager

MEMO_FILE = "render-memo"


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


class RenderMemo:
    def __init__(self, settings: dict, context: dict, catalog, content):
        self.path = Path(settings.get("CACHE_PATH", ".cache")) / MEMO_FILE
        self.photos_of = context["photos_of"]
        self.card_of = context["share_card_of"]
        self.versions = catalog.versions
        code = Path(__file__).resolve().parents[1]  # our plugins render the pages
        key = hashlib.blake2b(digest_size=16)
        key.update(_files_digest([Path(settings["THEME"]), code]).encode())
        shown = {k: repr(v) for k, v in sorted(settings.items()) if k.startswith("SADEWA_") or k in ("SITENAME", "THEME")}
        key.update(json.dumps(shown, sort_keys=True).encode())
        key.update(catalog.today.isoformat().encode())
        key.update(repr((catalog.categories, catalog.regions)).encode())
        for piece in content.articles + content.pages:
            key.update(self._piece(piece).encode())
        self.key = key.hexdigest()
        stored = read_record(self.path)
        self.previous: dict[str, list[str]] = stored.get("pages", {}) if stored.get("key") == self.key else {}
        self._items: dict[str, dict[int, str]] = {lang: {} for lang in LANGS}  # lang → id(item) → token

    @staticmethod
    def _piece(piece: Piece) -> str:
        return repr([(lang, v.title, v.content, v.metadata.get("summary"), str(v.date) if hasattr(v, "date") else "") for lang, v in sorted(piece.versions.items())])

    def _item(self, item, lang: str) -> str:
        """A short token for a product or SME as a page in ``lang`` shows it:
        the digests of its files, its photos and its share card."""
        tokens = self._items[lang]
        found = tokens.get(id(item))  # items live as long as the build: their id is theirs
        if found is None:
            files = [item.source, item.sme.source] if type(item) is Product else [item.source]
            pictures = [p.key for p in self.photos_of(item)]
            shown = repr(([self.versions[path] for path in files], pictures, self.card_of(item, lang)))
            found = tokens[id(item)] = hashlib.blake2b(shown.encode(), digest_size=12).hexdigest()
        return found

    def _tokens(self, value, lang: str, out: list[str]) -> None:
        """Write what a page's ``value`` shows as a flat list of tokens (one
        string hashed per page: nesting lists and repr-ing them cost more
        than the rest of signing)."""
        kind = type(value)
        if kind is Product or kind is Sme:
            out.append(self._item(value, lang))
        elif kind is list or kind is tuple:
            out.append("[")
            for item in value:
                self._tokens(item, lang, out)
            out.append("]")
        elif kind is dict:
            out.append("{")
            for key, item in value.items():
                out.append(repr(key))
                self._tokens(item, lang, out)
            out.append("}")
        elif kind is Pager:
            out.append(f"pager {value.number} {value.count}")
        elif kind is Category or kind is Region:
            out.append(f"{kind.__name__} {value.slug}")  # their data is in the build-wide key
        elif kind is Piece:
            out.append(self._piece(value))
        elif kind is Collection:
            out.append(repr((value.slug, value.title, value.description, value.event)))
            self._tokens(value.products, lang, out)
        else:
            out.append(repr(value))  # a repr never holds a line break: tokens stay apart

    def signature(self, page, lang: str) -> str:
        # The context's order is the plan's, the same every build.
        out = [page.template, repr((page.path, page.paths, page.noindex, page.redirect))]
        self._tokens(page.context, lang, out)
        return hashlib.blake2b("\n".join(out).encode(), digest_size=16).hexdigest()

    def reuse(self, relpath: str, signature: str, writer) -> str | None:
        """The staged file's digest if the page need not be rendered again."""
        known = self.previous.get(relpath)
        if known and known[0] == signature and writer.previous.get(relpath) == known[1] and writer.is_staged(known[1]):
            return known[1]
        return None

    def pages_left(self, relpaths: set[str]) -> bool:
        """Did a page of the last build disappear (``relpaths``: this build's)?"""
        return bool(self.previous.keys() - relpaths)

    def save(self, pages: dict[str, list[str]]) -> None:
        write_record(self.path, {"key": self.key, "pages": pages})
