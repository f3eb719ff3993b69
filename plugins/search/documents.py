"""What Pagefind reads: one small document per searchable page.

A searchable page (one with ``data-pagefind-body``) gives a document of its
language, its title and the part of the body that is searched: from the
``data-pagefind-body`` element up to the first part marked
``data-pagefind-ignore`` (the cards of other products, which Pagefind would
parse only to throw away). Pagefind parses these instead of every page of the
site: a tenth of the bytes, and the index can be made after the pages are
live. Documents are kept per site and language, so each language is indexed
by its own Pagefind run (half the memory), and rewritten only when they
change, so an unchanged language keeps its index. They are made while the
pages render and written to disk by the search step, after the pages are
live: creating tens of thousands of files is the file system's slowest
work, and the pages need not wait for it. They lie flat in one
folder (no folder per page to make): the page's address is their ``page``
metadata, which the search script links to.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sadewa.cachefiles import read_record, write_record

MANIFEST = "documents"
BODY = "data-pagefind-body"


def document_of(html: str, lang: str, url: str) -> str | None:
    """The search document of a rendered page (at ``url`` from the site's
    root), or None if the page is not searched."""
    body = html.find(BODY)
    if body < 0:
        return None
    start = html.rfind("<", 0, body)
    tag = html[start + 1 : html.find(" ", start)]
    ignored = html.find("data-pagefind-ignore", body)
    end = html.rfind("<", 0, ignored) if ignored >= 0 else html.rfind(f"</{tag}>")
    title_start = html.find("<title>") + len("<title>")
    title = html[title_start : html.find("</title>", title_start)]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><span hidden data-pagefind-meta="page">{url}</span>{html[start:end]}</{tag}></body></html>\n'
    )


class SearchDocuments:
    """The documents of every searchable page, under ``folder/<site>/<lang>/``.

    Rendering workers call ``make`` (forked: each returns what it made);
    the main process calls ``finish`` with every page's entry and the
    documents to write, and the search step ``write``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.previous: dict[str, list[str]] = read_record(folder / MANIFEST)
        self.folders: set[str] = set()  # made by this process
        self.groups: dict[tuple[str, str], str] = {}  # (site, lang) → key of its documents, after finish
        self.entries: dict[str, list[str]] = {}  # relpath → [lang, digest] of every page's document, after finish
        self.pending: dict[str, bytes] = {}  # relpath → a document to write, after finish

    def path(self, relpath: str, lang: str) -> str:
        site, _, rest = relpath.partition("/")
        return f"{self.folder}/{site}/{lang}/{rest.removesuffix('index.html').strip('/').replace('/', '__') or 'index'}.html"

    def make(self, relpath: str, lang: str, html: str) -> tuple[list[str], bytes | None] | None:
        """The page's manifest entry ``[lang, digest]`` and, if its file
        does not hold it yet, its document; None for a page not searched."""
        document = document_of(html, lang, "/" + relpath.partition("/")[2].removesuffix("index.html"))
        if document is None:
            return None
        data = document.encode("utf-8")
        entry = [lang, hashlib.blake2b(data, digest_size=16).hexdigest()]
        unchanged = self.previous.get(relpath) == entry and os.path.exists(self.path(relpath, lang))
        return entry, None if unchanged else data

    def kept(self, relpath: str) -> list[str] | None:
        """The entry of a page that was not rendered again (unchanged)."""
        return self.previous.get(relpath)

    def finish(self, entries: dict[str, list[str]], pending: dict[str, bytes]) -> None:
        """Take every page's entry and the documents to write; remove the
        documents of pages gone; a key per (site, language) in ``groups``
        that changes whenever one of its documents does."""
        for relpath, (lang, _) in self.previous.items():
            if relpath not in entries:
                Path(self.path(relpath, lang)).unlink(missing_ok=True)
        self.entries, self.pending = entries, pending
        groups: dict[tuple[str, str], list] = {}
        for relpath, (lang, digest) in sorted(entries.items()):
            groups.setdefault((relpath.split("/", 1)[0], lang), []).append((relpath, digest))
        self.groups = {group: hashlib.blake2b(json.dumps(items).encode(), digest_size=10).hexdigest() for group, items in groups.items()}

    def write(self) -> None:
        """Write the documents that changed, then the manifest that names
        them: a build stopped before leaves the last manifest, and the next
        build writes again what it does not name."""
        for relpath, data in self.pending.items():
            path = self.path(relpath, self.entries[relpath][0])
            folder = os.path.dirname(path)
            if folder not in self.folders:
                os.makedirs(folder, exist_ok=True)
                self.folders.add(folder)
            if relpath not in self.previous:
                # A page the last build did not have: a document cut short
                # by a crash is not in the manifest, so the next build
                # writes it again; no temporary file and rename (a cold
                # build writes tens of thousands).
                with open(path, "wb") as handle:
                    handle.write(data)
            else:
                with open(f"{path}.tmp", "wb") as handle:
                    handle.write(data)
                os.replace(f"{path}.tmp", path)
        write_record(self.folder / MANIFEST, self.entries)
        self.previous, self.pending = self.entries, {}
