"""Gettext catalogs and Babel formatting in every Jinja environment Pelican makes.

Pelican core never installs translations; without them ``_()`` fails. The
``.po`` catalogs in ``themes/sadewa/translations/`` are compiled at build
time (no ``.mo`` in git) and installed into each generator's environment.
Generators that render several languages call ``use_language`` per view, or
render with ``language_environment`` (messages translated at compile time).
"""

from pelican import signals

from .catalogs import install, language_environment, use_language  # noqa: F401  (the plugin's API)


def register() -> None:
    signals.generator_init.connect(install)
