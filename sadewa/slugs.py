"""Slugs made from names, by the rules of SPEC §1 (``schema.SLUG_RE``).

``Kopi Arabika Sindoro (250 g)`` becomes ``kopi-arabika-sindoro-250-g``:
transliterated to ASCII, lower case, runs of anything else turned into one
dash. A slug that is taken or reserved gets a number: ``batik-sari-2``.
"""

from __future__ import annotations

import re
from collections.abc import Container

from unidecode import unidecode

from .schema import RESERVED_SLUGS, SLUG_RE

MAX_LENGTH = 80
_VALID = re.compile(SLUG_RE)


def slugify(name: str, fallback: str) -> str:
    """A valid slug for ``name``; ``fallback`` (itself a slug) leads names
    that hold no letter (``fallback-2024``) or are empty."""
    text = unidecode(name).lower().replace("&", " dan ").replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not re.search(r"[a-z]", slug):
        slug = f"{fallback}-{slug}".strip("-")
    if len(slug) < 2:
        slug = f"{fallback}-{slug}"
    return _shorten(slug, MAX_LENGTH)


def _shorten(slug: str, length: int) -> str:
    if len(slug) <= length:
        return slug
    cut = slug[:length]
    # End at a word when there is one to end at.
    return cut.rsplit("-", 1)[0] if "-" in cut[length // 2:] else cut.rstrip("-")


def unique(slug: str, taken: Container[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when taken or reserved."""
    candidate, number = slug, 1
    while candidate in taken or candidate in RESERVED_SLUGS or not _VALID.match(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = _shorten(slug, MAX_LENGTH - len(suffix)) + suffix
    return candidate
