"""How heavy search is: index size per site and language, and the bytes a
first query transfers in Chromium (search code included).

`python scripts/search_weight.py OUTPUT [QUERY]` on a built output/ folder;
used for the numbers in docs/benchmark.md. Serves the sites on 127.0.0.1.
"""

from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from serve import SiteHandler, SiteServer  # quiet, and served as `make serve` serves

SEARCH_PAGES = {"domestic": {"id": "cari/", "en": "en/search/"}, "international": {"en": "search/", "id": "id/cari/"}}


def language_of(name: str) -> str:
    """Pagefind names per-language files `id_…`, `pagefind.id_….pf_meta`, `wasm.id.pagefind`."""
    for lang in ("id", "en"):
        if name.startswith(f"{lang}_") or f".{lang}_" in name or f".{lang}." in name:
            return lang
    return "shared"


def index_sizes(site: Path) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            lang = language_of(path.name)
            sizes[lang] = sizes.get(lang, 0) + path.stat().st_size
    return sizes


def first_query_bytes(site: Path, page: str, query: str) -> int:
    server = SiteServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            tab = browser.new_page()
            sizes: list[int] = []
            tab.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{page}?q={query}")
            tab.wait_for_selector("#search-results [role=status]", timeout=60_000)
            html_and_css = sum(sizes[:2])  # the page itself and its stylesheet are not search
            total = sum(sizes) - html_and_css
            browser.close()
    finally:
        server.shutdown()
    return total


def main(argv: list[str]) -> int:
    output = Path(argv[0])
    query = argv[1] if len(argv) > 1 else "batik"
    for site, pages in SEARCH_PAGES.items():
        sizes = index_sizes(output / site)
        print(f"{site}: index " + ", ".join(f"{lang} {size / 1024:.0f} KiB" for lang, size in sorted(sizes.items())))
        for lang, page in pages.items():
            print(f"  {lang}: first query “{query}” transferred {first_query_bytes(output / site, page, query) / 1024:.0f} KiB (search code and index)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
