"""Finding the links of a rendered page and checking where they lead."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(rb'\s(?:href|src)="([^"]*)"|\scontent="(https?://[^"]*)"')
_SRCSET = re.compile(rb'\ssrcset="([^"]*)"')
_EXTERNAL = ("mailto:", "tel:", "data:", "javascript:", "#", "https://wa.me/")


def links_of(html: bytes) -> set[str]:
    found = {(m.group(1) or m.group(2)).decode() for m in _ATTR.finditer(html)}
    for m in _SRCSET.finditer(html):
        found.update(part.strip().split(" ")[0] for part in m.group(1).decode().split(","))
    return {link.replace("&amp;", "&") for link in found if link}


def target_of(page: str, link: str, bases: dict[str, str]) -> str | None:
    """The output file path ``link`` on ``page`` points to, or None if it
    leaves our sites. ``bases`` maps a site's absolute URL to its folder."""
    if link.startswith(_EXTERNAL):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        for base, folder in bases.items():
            if link.startswith(base + "/") or link == base:
                return posixpath.join(folder, unquote(parts.path)[len(urlsplit(base).path) :].lstrip("/"))
        return None
    path = unquote(parts.path)
    site = page.split("/", 1)[0]
    if path.startswith("/"):
        resolved = posixpath.join(site, path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if path.endswith("/") or path == "":
            resolved += "/"
    return resolved


def exists(target: str, files: set[str]) -> bool:
    if target.endswith("/"):
        return target + "index.html" in files
    return target in files or target + "/index.html" in files
