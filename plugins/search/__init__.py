"""Search: a Pagefind index per site (one per language inside it), built from
the rendered product and SME pages before anything reaches ``output/``."""

from pelican import signals

from .bundle import SearchIndexError  # noqa: F401  (the plugin's API)
from .generator import SearchGenerator


def _generators(_pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
