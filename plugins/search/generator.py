"""A Pagefind index per site, made after the pages are live; offline copies
get a script index instead (``script_index``).

Pages opt in with ``data-pagefind-body`` (listed products and SMEs only), so
listings, the search page and discontinued products stay out. While pages
render, each searchable one leaves a small search document (``documents``),
written to disk when the index is made; Pagefind then indexes each site and language on its own (Indonesian pages as
Indonesian, English as English), and the languages are merged into the
site's bundle. In development builds the index follows the pages: they are
checked and synced into ``output/`` first, then the index is added (a
production build syncs everything at once, so that ``_headers`` covers it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from pathlib import Path

from pelican.generators import Generator

from i18n import use_language
from sadewa.config import built_sites, built_views
from sadewa import timing
from sadewa.model import Site

from .bundle import ENTRY, HASHED, LanguageBundle
from .documents import SearchDocuments
from .script_index import ScriptIndex

log = logging.getLogger(__name__)
BUNDLE = "pagefind"
# Pagefind's own UI kits: we ship a small UI of our own instead.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


def _digest_of(name: str, path: Path) -> str:
    """Pagefind names its index files by their content: the name is their
    digest, so a new index replaces only the files that changed."""
    if name.startswith(HASHED) or name.endswith(".pf_meta"):
        return name
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


class SearchGenerator(Generator):
    def generate_context(self) -> None:
        if self.enabled() and not self.settings.get("SADEWA_OFFLINE"):
            self.documents = SearchDocuments(self.cache / "search-documents")
            self.context["SADEWA_SEARCH_DOCUMENTS"] = self.documents  # filled while pages render

    @property
    def cache(self) -> Path:
        return Path(self.settings.get("CACHE_PATH", ".cache"))

    def enabled(self) -> bool:
        return self.settings.get("SADEWA_SEARCH") is not False

    def generate_output(self, writer) -> None:
        if not self.enabled() or "SADEWA_CATALOG" not in self.context:
            return
        if self.settings.get("SADEWA_OFFLINE"):
            self.write_script_indexes(writer)
            return
        sites = built_sites(self.settings)
        # The index follows the pages: they are live first (development builds).
        writer.follow(self.index_sites, [f"{site.value}/{BUNDLE}/pagefind.js" for site in sites])

    def index_sites(self, writer) -> None:
        with timing.phase("search"):
            self.documents.write()
            for site in built_sites(self.settings):
                self.stage_site_bundle(writer, site)

    def stage_site_bundle(self, writer, site: Site) -> None:
        """The site's Pagefind files: each language's index, merged. A file
        of a language's index never changes under its name while the index
        uses it, so it is linked, not copied."""
        languages = sorted(lang for s, lang in self.documents.groups if s == site.value) or [site.default_lang]
        entry: dict = {}
        for lang in languages:
            folder, files = self.language_bundle(site, lang)
            for name in files:
                path = folder / name
                if name == ENTRY:
                    found = json.loads(path.read_text())
                    entry = {**found, "languages": {**entry.get("languages", {}), **found["languages"]}}
                elif not name.startswith(UNUSED):
                    writer.write_file_from(f"{site.value}/{BUNDLE}/{name}", path, digest=_digest_of(name, path))
        writer.write_bytes(f"{site.value}/{BUNDLE}/{ENTRY}", json.dumps(entry, separators=(",", ":"), sort_keys=True).encode(), check_links=False)

    def language_bundle(self, site: Site, lang: str) -> tuple[Path, list[str]]:
        """Pagefind's files for one site and language (their folder and their
        paths in it), made again only when the documents change: Pagefind
        orders its filter and metadata files differently on every run, and
        the same pages must give the same bytes (and nothing new to upload)."""
        key = self.documents.groups.get((site.value, lang), "empty")
        bundle = LanguageBundle(self.cache / "pagefind", site.value, lang)
        files = bundle.files(key)
        if files is not None:
            log.info("search: %s site, %s: documents unchanged, index reused", site.value, lang)
            return bundle.folder, files
        source = self.documents.folder / site.value / lang
        with tempfile.TemporaryDirectory(prefix="pagefind-empty-") as tmp:
            if not source.is_dir():  # nothing searchable yet: an empty index
                source = Path(tmp)
                (source / "index.html").write_text(f'<!DOCTYPE html><html lang="{lang}"><head><title></title></head><body></body></html>')
            files = bundle.make(source, key)
        log.info("search: %s site, %s: indexed", site.value, lang)
        return bundle.folder, files

    def write_script_indexes(self, writer) -> None:
        explicit_index = bool(self.settings.get("SADEWA_EXPLICIT_INDEX"))
        macros = self.env.get_template("_macros.html")
        for view in built_views(self.settings):
            use_language(self.env, self.settings, view.lang)
            price = macros.make_module({"site": view.site.value, "lang": view.lang}).price
            index = ScriptIndex(view, self.context["SADEWA_CATALOG"], self.context["photo_of"], price, explicit_index)
            writer.write_text(f"{view.site.value}/{view.search_index()}", index.script(), check_links=False)
