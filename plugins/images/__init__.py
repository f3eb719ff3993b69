"""Photos that load fast on a cheap phone, without private metadata, and a
1200×630 share card for every product and SME.

Runs after the catalog is loaded (``catalog_site``): every photo the sites
use is processed once per content (cached under ``.cache/images``, in
parallel over the cores) and the templates get ``photo_of``, ``photos_of``
and ``share_card_of``.
"""

from pelican import signals

from .generator import ImageError, ImagesGenerator  # noqa: F401  (the plugin's API)


def _generators(_pelican):
    return ImagesGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
