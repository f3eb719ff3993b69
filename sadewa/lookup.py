"""Naming a region, category or SME the way staff do: by slug or by name.

``Kabupaten Semarang``, ``semarang`` and ``Semarang`` all name the region
``semarang``; ``Makanan ringan`` names the category ``makanan-ringan``.
Used by the scaffold (``make new-*``) and the spreadsheet import.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter

from . import loader, schema, slugs, yamlfile


class CatalogListError(ValueError):
    """A catalog-wide list cannot be read; the message says which."""


def _listed(root: Path, name: str, adapter: TypeAdapter) -> list:
    doc, errors = yamlfile.read(root / name)
    value, problems = loader.validate(doc, adapter) if doc is not None and not errors else (None, True)
    if problems:
        raise CatalogListError(f"{root / name} has errors; run `make validate` and fix it first")
    return value


def regions(root: Path) -> dict[str, tuple[str, ...]]:
    """slug → the names it goes by: ``Semarang``, ``kabupaten Semarang``."""
    return {
        r.slug: (r.name, f"{r.type} {r.name}")
        for r in _listed(root, loader.REGIONS_FILE, TypeAdapter(list[schema.Region]))
    }


def categories(root: Path) -> dict[str, tuple[str, ...]]:
    return {
        c.slug: (c.name.id, c.name.en)
        for c in _listed(root, loader.CATEGORIES_FILE, TypeAdapter(list[schema.Category]))
    }


def resolve(given: str, options: dict[str, tuple[str, ...]]) -> str | None:
    """The slug among ``options`` that ``given`` names, or None."""
    wanted = given.strip()
    for slug, names in options.items():
        if wanted == slug or wanted.casefold() in {n.casefold() for n in names}:
            return slug
    slug = slugs.slugify(wanted, "x")
    return slug if slug in options else None
