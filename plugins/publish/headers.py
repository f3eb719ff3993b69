"""The `_headers` file of a site, for hosts that read one (Netlify and
Cloudflare Pages syntax).

Both hosts apply every rule whose pattern matches a URL, and Cloudflare joins
the values of a header that two matching rules set. So apart from the
headers every file shares (the first rule, `/*`), each header reaches a URL
through one rule only: a folder whose files all get the same value is one
rule (`/produk/*`), any other folder is split into its files and subfolders.
Rules of different headers may overlap; those with the same pattern share a
block.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

EVERY_FILE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
RULE_LIMIT = 100  # Cloudflare Pages reads no more rules than this


def headers_file(files: dict[str, dict[str, str | None]]) -> str:
    """``files``: every served file of a site (path from its root) → its
    headers. A header a file leaves out may reach it or not (a policy on an
    image); one whose value is None must not."""
    blocks: dict[str, dict[str, str]] = {"/*": dict(EVERY_FILE)}
    for name in sorted({name for headers in files.values() for name in headers}):
        values = {path: headers[name] for path, headers in files.items() if name in headers}
        for pattern, value in rules(_tree(values)):
            if value is not None:
                blocks.setdefault(pattern, {})[name] = value
    if len(blocks) > RULE_LIMIT:
        log.warning("_headers has %d rules; Cloudflare Pages reads only the first %d", len(blocks), RULE_LIMIT)
    text = "".join(
        f"\n{pattern}\n" + "".join(f"  {name}: {value}\n" for name, value in blocks[pattern].items())
        for pattern in ["/*", *sorted(set(blocks) - {"/*"})]
    )
    return "# Written by `make publish` (plugins/publish), for hosts that read it.\n" + text


def _tree(values: dict[str, str | None]) -> dict:
    """Nested folders: a name ending in "/" holds a folder, any other a file's value."""
    root: dict = {}
    for path, value in values.items():
        *folders, name = path.split("/")
        node = root
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[name] = value
    return root


def _values(node: dict) -> set:
    found = set()
    for name, child in node.items():
        found |= _values(child) if name.endswith("/") else {child}
    return found


def rules(node: dict, prefix: str = "/") -> list[tuple[str, str | None]]:
    """(URL pattern, value) reaching every file under ``node`` exactly once."""
    values = _values(node)
    if len(values) == 1:
        return [(prefix + "*", values.pop())]
    found = []
    for name, child in sorted(node.items()):
        if name.endswith("/"):
            found += rules(child, prefix + name)
        else:  # a page is asked for by its folder's URL
            found.append((prefix if name == "index.html" else prefix + name, child))
    return found
