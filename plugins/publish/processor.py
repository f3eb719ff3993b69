"""What a production build does to each file as it is staged (the writer's
``StageProcessor``, see plugins/staged_output): pages minified, `.gz` and
`.br` copies beside every text file, and per site a `_headers` file."""

from __future__ import annotations

import gzip
import html
import re
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import brotli

from . import minify
from .files import COMPRESSED_SUFFIXES, cache_control, is_fingerprinted, is_served, is_text
from .headers import headers_file

# Bump when what `process` makes changes, so staged files are made again.
FORMAT = 1
# Brotli's best level costs about 10 ms a page: spent on fingerprinted files
# (made once per content, cached for a year), not on tens of thousands of
# pages, where level 5 comes within 10 % of its size.
BROTLI_QUALITY = {True: 11, False: 5}
# The policy <meta> opens a page's <head> (it only covers what follows it).
HEAD_BYTES = 4096
CSP_META = re.compile(rb"<meta\b[^>]*\bhttp-equiv=[\"']?Content-Security-Policy\b[^>]*>", re.IGNORECASE)
CONTENT = re.compile(rb"""\bcontent=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def page_policy(path: Path) -> str | None:
    """The Content-Security-Policy a staged page declares in its <meta>."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    tag = CSP_META.search(head)
    content = CONTENT.search(tag.group(0)) if tag else None
    if content is None:
        return None
    return html.unescape(next(value for value in content.groups() if value is not None).decode())


class ProductionFiles:
    def __init__(self, sites: list[str]):
        self.sites = set(sites)
        self.name = f"publish-{FORMAT}-minify-html-{version('minify-html')}-brotli-{version('brotli')}"

    def site_path(self, relpath: str) -> str | None:
        """The path of a file inside its site, or None for a file of no site (urls.txt)."""
        site, _, path = relpath.partition("/")
        return path if site in self.sites and path else None

    def suffixes(self, relpath: str) -> tuple[str, ...]:
        path = self.site_path(relpath)
        return COMPRESSED_SUFFIXES if path is not None and is_text(path) else ()

    def process(self, relpath: str, data: bytes) -> dict[str, bytes]:
        path = self.site_path(relpath)
        if path is None:
            return {"": data}
        if path.endswith(".html"):
            data = minify.html(data.decode("utf-8")).encode()
        staged = {"": data}
        if is_text(path):
            staged[".gz"] = gzip.compress(data, compresslevel=9, mtime=0)  # no name, no time: the same bytes every build
            staged[".br"] = brotli.compress(data, quality=BROTLI_QUALITY[is_fingerprinted(path)])
        return staged

    def finish(self, writer) -> None:
        staged = sorted(writer.files)
        for site in sorted(self.sites):
            served = [relpath.split("/", 1)[1] for relpath in staged if relpath.startswith(f"{site}/")]
            served = [path for path in served if is_served(path)]
            if not served:
                continue
            policies = {path: page_policy(Path(writer.location(writer.files[f"{site}/{path}"]))) for path in served if path.endswith(".html")}
            # Pages without a policy of their own (redirects) get the one most pages have.
            counts = Counter(policy for policy in policies.values() if policy)
            usual = min(counts, key=lambda policy: (-counts[policy], policy)) if counts else None
            files = {path: self.headers(path, policies.get(path) or usual) for path in served}
            writer.write_text(f"{site}/_headers", headers_file(files), check_links=False)

    @staticmethod
    def headers(path: str, policy: str | None) -> dict[str, str | None]:
        headers: dict[str, str | None] = {"Cache-Control": cache_control(path)}
        if path.endswith(".html"):
            # The same policy as the page's <meta>: a browser enforces both, so
            # a header that differed would take away what the page's own allows.
            headers["Content-Security-Policy"] = policy
        elif path.startswith("pagefind/"):
            # Pagefind runs WebAssembly in a worker, which takes the policy
            # its script is served with: none.
            headers["Content-Security-Policy"] = None
        return headers
