"""Index each site's staged pages with Pagefind and stage the index files.

Pages opt in with ``data-pagefind-body`` (listed products and SMEs only), so
listings, the search page and discontinued products stay out. Pagefind splits
the index by each page's ``<html lang>``: Indonesian pages are indexed as
Indonesian, English as English.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from pagefind.index import PagefindIndex
from pelican.generators import Generator

from sadewa.model import Site

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
        writer.prune()  # index this build's pages only
        for site in Site:
            folder = Path(writer.stage) / site.value
            with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
                bundle = Path(tmp) / BUNDLE
                try:
                    pages = asyncio.run(_index(folder, bundle))
                except Exception as exc:  # the service reports failures as plain exceptions
                    raise SearchIndexError(f"search index of the {site.value} site failed: {exc}") from None
                for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.name.startswith(UNUSED)):
                    writer.write_bytes(f"{site.value}/{BUNDLE}/{path.relative_to(bundle).as_posix()}", path.read_bytes(), check_links=False)
            log.info("search: %s site, %d pages indexed", site.value, pages)
