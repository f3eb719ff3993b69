"""The theme's gettext catalogs (themes/sadewa/translations/).

The Indonesian catalog must translate every string the templates and plugins
mark for translation, keep their %(name)s placeholders, carry no fuzzy entry,
and declare Indonesian's single plural form. The English catalog leaves its
msgstr empty (gettext falls back to the English msgid) but needs a valid
header. When a template gains a string, run `make translations` and translate
the new entries in id/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..conftest import ROOT

TRANSLATIONS = ROOT / "themes" / "sadewa" / "translations"
LANGS = ("id", "en")
PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
NPLURALS = {"id": 1, "en": 2}

# A printf-style conversion: %(name)s, %s, %d, %% … (Jinja's newstyle gettext
# always %-formats the translation, so a bare "%" would break rendering).
CONVERSION = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<type>[a-zA-Z%])")


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def load(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, abort_invalid=True)


def key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def msgids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def msgstrs(message: Message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string or ())


def placeholders(text: str) -> set[str]:
    """The conversions of ``text`` other than ``%%``: ``%(name)s`` and unnamed ones."""
    return {m.group(0) for m in CONVERSION.finditer(text) if m.group("type") != "%"}


def short(text: str) -> str:
    return repr(text if len(text) <= 70 else text[:67] + "...")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """The strings the theme and plugins use now, extracted as `make translations` does."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
               "--no-location", "--sort-output", "-o", str(pot), "."]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"pybabel extract failed:\n{done.stderr}"
    with pot.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def indonesian() -> Catalog:
    return load("id")


def test_every_extracted_string_is_translated_in_indonesian(extracted, indonesian):
    missing = []
    for message in extracted:
        if not message.id:
            continue
        entry = indonesian.get(message.id, message.context)
        if entry is None or not all(msgstrs(entry)):
            missing.append(short(key(message)))
    assert not missing, (
        f"{len(missing)} string(s) of the templates have no Indonesian translation. "
        "Run `make translations`, then translate them in "
        "themes/sadewa/translations/id/LC_MESSAGES/messages.po:\n  " + "\n  ".join(missing)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_loads_with_a_valid_header(lang):
    catalog = load(lang)  # abort_invalid: a malformed line raises PoFileError
    headers = dict(catalog.mime_headers)
    assert headers.get("Language") == lang, (
        f"{lang}: the header is missing or wrong (Language: {headers.get('Language')!r}). "
        "`make translations` runs `pybabel update --omit-header`, which drops it; restore it."
    )
    assert headers.get("Plural-Forms") == PLURAL_FORMS[lang]
    assert catalog.num_plurals == NPLURALS[lang]
    assert headers.get("Content-Type", "").lower() == "text/plain; charset=utf-8"
    assert headers.get("Project-Id-Version") == "Sadewa catalog"


@pytest.mark.parametrize("lang", LANGS)
def test_plural_entries_have_one_msgstr_per_plural_form(lang):
    catalog = load(lang)
    wrong = [short(key(m)) for m in catalog if m.id and m.pluralizable and len(msgstrs(m)) != NPLURALS[lang]]
    assert not wrong, f"{lang}: plural entries need exactly {NPLURALS[lang]} msgstr: {wrong}"


def test_indonesian_translations_keep_the_placeholders(indonesian):
    wrong = []
    for message in indonesian:
        if not message.id:
            continue
        expected = set().union(*(placeholders(text) for text in msgids(message)))
        for text in msgstrs(message):
            if text and placeholders(text) != expected:
                wrong.append(f"{short(key(message))}: {sorted(placeholders(text))} != {sorted(expected)}")
    assert not wrong, "placeholders differ from the msgid:\n  " + "\n  ".join(wrong)


def test_indonesian_translations_format_like_jinja_does(indonesian):
    """Jinja's newstyle gettext runs ``translation % variables`` on every string."""
    broken = []
    for message in indonesian:
        if not message.id:
            continue
        names = {m.group("name") for text in msgids(message) for m in CONVERSION.finditer(text) if m.group("name")}
        variables = {name: "x" for name in names} | {"num": 2}
        for text in msgstrs(message):
            try:
                text % variables
            except (KeyError, TypeError, ValueError) as error:
                broken.append(f"{short(text)}: {error!r}")
    assert not broken, "translations that fail to format:\n  " + "\n  ".join(broken)


@pytest.mark.parametrize("lang", LANGS)
def test_no_fuzzy_entries(lang):
    catalog = load(lang)
    assert not catalog.fuzzy, f"{lang}: the header is marked fuzzy"
    fuzzy = [short(key(m)) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries (check the translation, then remove '#, fuzzy'): {fuzzy}"


def test_english_catalog_falls_back_to_the_msgids():
    translated = [short(key(m)) for m in load("en") if m.id and any(msgstrs(m))]
    assert not translated, f"en: leave msgstr empty so gettext shows the msgid: {translated}"


def compiled(lang: str) -> gettext.GNUTranslations:
    """The catalog as the build's i18n plugin compiles it (plugins/i18n/catalogs.py)."""
    buffer = io.BytesIO()
    write_mo(buffer, load(lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("count", [1, 2, 24])
def test_indonesian_plurals_render_in_indonesian(count, indonesian):
    entry = indonesian.get(("%(num)s product", "%(num)s products"))
    if entry is None:
        pytest.skip("the templates no longer count products")
    rendered = compiled("id").ngettext("%(num)s product", "%(num)s products", count)
    assert rendered == entry.string[0], "without `Plural-Forms: nplurals=1` gettext falls back to English"


def test_english_plurals_follow_the_msgids():
    english = compiled("en")
    assert english.ngettext("%(num)s product", "%(num)s products", 1) == "%(num)s product"
    assert english.ngettext("%(num)s product", "%(num)s products", 2) == "%(num)s products"
