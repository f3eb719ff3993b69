"""Files for the bloggers' media kits: a QR code of every SME page (SVG and
PNG) and a zip of each SME's photos at full size, metadata removed. The
pages themselves are rendered by ``catalog_site``."""

from pelican import signals

from .generator import MediaKitGenerator  # noqa: F401  (the plugin's API)


def _generators(_pelican):
    return MediaKitGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
