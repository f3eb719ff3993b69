"""What each file of a production site is: how long it may be cached, its
media type, whether it gets precompressed copies. One table for the
`_headers` file (this plugin) and for the uploads of `make deploy`
(scripts/deploy.py), so a host that reads `_headers` and plain object storage
serve every file alike.

Paths are relative to a site's root, as `make publish` writes them.
"""

from __future__ import annotations

import posixpath

# Named by their content, so never changed in place: cached for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
# Pages, feeds, sitemaps and Pagefind's entry files keep their URLs across
# deploys: caches check again after five minutes.
SHORT = "public, max-age=300"

# Folders whose every file is named by a hash of its content: theme files
# (fingerprinted by this plugin), photos and share cards (plugins/images),
# media-kit files (plugins/blogger) and Pagefind's index chunks.
FINGERPRINTED_FOLDERS = ("assets/", "media/", "cards/", "pagefind/fragment/", "pagefind/index/", "pagefind/filter/")
PAGEFIND_META = ("pagefind/", ".pf_meta")  # pagefind/pagefind.<lang>_<hash>.pf_meta

# Read by hosts such as Netlify or Cloudflare Pages, never served.
HOST_FILES = frozenset({"_headers", "_redirects"})
# Precompressed copies, beside every text file, for hosts that serve them.
COMPRESSED_SUFFIXES = (".gz", ".br")

TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".yml": "text/yaml; charset=utf-8",  # the staff editor's settings (admin/config.yml)
}
BINARY_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".zip": "application/zip",
    ".wasm": "application/wasm",
    # Pagefind's index files, fetched and unpacked by pagefind.js.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
}


def extension(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def is_fingerprinted(path: str) -> bool:
    return path.startswith(FINGERPRINTED_FOLDERS) or (path.startswith(PAGEFIND_META[0]) and path.endswith(PAGEFIND_META[1]))


def cache_control(path: str) -> str:
    return IMMUTABLE if is_fingerprinted(path) else SHORT


def content_type(path: str) -> str | None:
    """The media type of a file, or None for a kind this table does not know."""
    ext = extension(path)
    return TEXT_TYPES.get(ext) or BINARY_TYPES.get(ext)


def is_text(path: str) -> bool:
    """Text files get precompressed copies."""
    return extension(path) in TEXT_TYPES


def is_served(path: str) -> bool:
    """Whether a file is a page or asset of the site, rather than a file for
    the host (`_headers`) or a precompressed copy of another file."""
    return path not in HOST_FILES and not path.endswith(COMPRESSED_SUFFIXES)
