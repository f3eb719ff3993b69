"""Compile the theme's gettext catalogs and switch Jinja environments between them."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from . import formats
from .fixed import fixed_language_environment

DOMAIN = "messages"


def translations_dir(settings) -> Path:
    return Path(settings.get("THEME", "themes/sadewa")) / "translations"


@lru_cache(maxsize=None)
def load(translations: Path, lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang`` (compiled in memory from its .po file)."""
    po = translations / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def install(generator) -> None:
    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.filters.update(formats.FILTERS)
    use_language(env, generator.settings, generator.settings.get("DEFAULT_LANG", "id"))


def use_language(env, settings, lang: str) -> None:
    env.install_gettext_translations(load(translations_dir(settings), lang), newstyle=True)
    env.globals["lang"] = lang


def language_environment(env: Environment, settings, lang: str) -> Environment:
    """``env`` for one language, its messages translated when templates
    compile (see ``fixed``); made once per environment and language."""
    made = env.__dict__.setdefault("_sadewa_languages", {})
    if lang not in made:
        made[lang] = fixed_language_environment(env, load(translations_dir(settings), lang), lang)
    return made[lang]
