"""Renders every site view (domestic | international) × (id | en) of the
catalog and of ``content/`` in one Pelican run."""

from pelican import signals

from .generator import CatalogError, CatalogSiteGenerator  # noqa: F401  (the plugin's API)


def _generators(_pelican):
    return CatalogSiteGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
