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
from sadewa.model import Category, Collection, Product, Region, Sme

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
        self._items: dict[tuple, str] = {}

    @staticmethod
    def _piece(piece: Piece) -> str:
        return repr([(lang, v.title, v.content, v.metadata.get("summary"), str(v.date) if hasattr(v, "date") else "") for lang, v in sorted(piece.versions.items())])

    def _item(self, item, lang: str) -> str:
        key = (type(item).__name__, getattr(item, "key", None) or item.slug, lang)
        found = self._items.get(key)
        if found is None:
            files = [item.source, item.sme.source] if isinstance(item, Product) else [item.source]
            pictures = [p.key for p in self.photos_of(item)]
            found = self._items[key] = repr(([self.versions[path] for path in files], pictures, self.card_of(item, lang)))
        return found

    def _value(self, value, lang: str):
        if isinstance(value, (Product, Sme)):
            return self._item(value, lang)
        if isinstance(value, (list, tuple)):
            return [self._value(v, lang) for v in value]
        if isinstance(value, dict):
            return {str(k): self._value(v, lang) for k, v in value.items()}
        if isinstance(value, Pager):
            return (value.number, value.count)
        if isinstance(value, (Category, Region)):
            return value.slug  # their data is in the build-wide key
        if isinstance(value, Piece):
            return self._piece(value)
        if isinstance(value, Collection):
            return (repr((value.slug, value.title, value.description, value.event)), [self._item(p, lang) for p in value.products])
        return repr(value)

    def signature(self, page, lang: str) -> str:
        # repr, not JSON: the context's order is the plan's, the same every build.
        data = (page.template, page.path, page.paths, page.noindex, page.redirect, self._value(page.context, lang))
        return hashlib.blake2b(repr(data).encode(), digest_size=16).hexdigest()

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
