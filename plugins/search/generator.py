"""Index each site's staged pages with Pagefind and stage the index files;
offline copies get a script index instead (``script_index``).

Pages opt in with ``data-pagefind-body`` (listed products and SMEs only), so
listings, the search page and discontinued products stay out. Pagefind splits
the index by each page's ``<html lang>``: Indonesian pages are indexed as
Indonesian, English as English.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from pagefind.index import PagefindIndex
from pelican.generators import Generator

from i18n import use_language
from sadewa.config import built_sites, built_views
from sadewa import timing
from sadewa.model import Site

from .script_index import ScriptIndex

log = logging.getLogger(__name__)
BUNDLE = "pagefind"
# Pagefind's own UI kits: we ship a small UI of our own instead.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class SearchIndexError(Exception):
    pass


async def _index(site_folder: Path, bundle: Path) -> int:
    async with PagefindIndex(config={"output_path": str(bundle)}) as index:
        result = await index.add_directory(str(site_folder), glob="**/*.html")
        await index.write_files(output_path=str(bundle))
    return int(result.get("page_count", 0))


class SearchGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        if self.settings.get("SADEWA_SEARCH") is False or "SADEWA_CATALOG" not in self.context:
            return
        if self.settings.get("SADEWA_OFFLINE"):
            self.write_script_indexes(writer)
            return
        with timing.phase("search"):
            self.index_sites(writer)

    def index_sites(self, writer) -> None:
        writer.prune()  # index this build's pages only
        for site in built_sites(self.settings):
            bundle = self.bundle(writer, site)
            for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.name.startswith(UNUSED)):
                writer.write_bytes(f"{site.value}/{BUNDLE}/{path.relative_to(bundle).as_posix()}", path.read_bytes(), check_links=False)

    def bundle(self, writer, site: Site) -> Path:
        """Pagefind's files for the site's staged pages, made once per set of
        pages and kept in the cache: Pagefind orders its filter and metadata
        files differently on every run, and the same pages must give the
        same bytes (and nothing new to upload)."""
        pages = sorted((path, digest) for path, digest in writer.files.items() if path.startswith(f"{site.value}/") and path.endswith(".html"))
        key = hashlib.blake2b(json.dumps([version("pagefind"), pages]).encode(), digest_size=10).hexdigest()
        store = Path(self.settings.get("CACHE_PATH", ".cache")) / "pagefind"
        bundle = store / f"{site.value}-{key}"
        if bundle.is_dir():
            log.info("search: %s site, pages unchanged, index reused", site.value)
            return bundle
        store.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="pagefind-", dir=store) as tmp:
            made = Path(tmp) / BUNDLE
            try:
                count = asyncio.run(_index(Path(writer.stage) / site.value, made))
            except Exception as exc:  # the service reports failures as plain exceptions
                raise SearchIndexError(f"search index of the {site.value} site failed: {exc}") from None
            for older in store.glob(f"{site.value}-*"):
                shutil.rmtree(older)
            made.rename(bundle)
        log.info("search: %s site, %d pages indexed", site.value, count)
        return bundle

    def write_script_indexes(self, writer) -> None:
        explicit_index = bool(self.settings.get("SADEWA_EXPLICIT_INDEX"))
        macros = self.env.get_template("_macros.html")
        for view in built_views(self.settings):
            use_language(self.env, self.settings, view.lang)
            price = macros.make_module({"site": view.site.value, "lang": view.lang}).price
            index = ScriptIndex(view, self.context["SADEWA_CATALOG"], self.context["photo_of"], price, explicit_index)
            writer.write_text(f"{view.site.value}/{view.search_index()}", index.script(), check_links=False)
