"""Compile the theme's gettext catalogs and switch Jinja environments between them."""

from __future__ import annotations

import gettext
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2 import __version__ as jinja_version

from sadewa import template_output

from . import formats
from .fixed import fixed_language_environment

# The code that compiles the templates, besides Jinja's own.
COMPILER_CODE = (Path(__file__).with_name("fixed.py"), Path(template_output.__file__))

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
        overlay = made[lang] = fixed_language_environment(env, load(translations_dir(settings), lang), lang)
        folder = Path(settings.get("CACHE_PATH", ".cache")) / "templates" / _compiled_key(overlay, settings, lang)
        folder.mkdir(parents=True, exist_ok=True)
        overlay.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return made[lang]


def _compiled_key(env: Environment, settings, lang: str) -> str:
    """What a template compiled for ``lang`` depends on besides its own source
    (which Jinja's bytecode cache checks itself): the translations compiled
    into it, the code that compiles them, Jinja and the environment's options."""
    po = translations_dir(settings) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    digest = hashlib.blake2b(digest_size=8)
    for part in (lang, jinja_version, sorted(env.extensions), env.autoescape if isinstance(env.autoescape, bool) else env.autoescape.__qualname__,
                 env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence):
        digest.update(repr(part).encode() + b"\0")
    for code in COMPILER_CODE:
        digest.update(code.read_bytes())
    digest.update(po.read_bytes() if po.exists() else b"")
    return f"{lang}-{digest.hexdigest()}"
