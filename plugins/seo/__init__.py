"""Found, shared and linked for years: structured data for the templates, and
per site the sitemap, robots.txt, Atom feeds and the `_redirects` file."""

from pelican import signals

from .generator import SeoGenerator
from .structured import GLOBALS


def _generators(_pelican):
    return SeoGenerator


def _install(generator) -> None:
    generator.env.globals.update(GLOBALS)


def register() -> None:
    signals.generator_init.connect(_install)
    signals.get_generators.connect(_generators)
