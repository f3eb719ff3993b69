"""Templates compiled for one language (plugins/i18n/fixed.py) render exactly
what the ordinary gettext calls render."""

from __future__ import annotations

import gettext
import io
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from i18n.fixed import fixed_language_environment  # noqa: E402

MESSAGES = {
    "Details": "Rincian",
    "Save 100%%": "Hemat 100%%",
    "Fish & chips <b>": "Ikan & keripik <b>",
    "by %(sme)s": "oleh %(sme)s",
    "%(num)s left": "sisa %(num)s",
    "%(num)d days": "%(num)d hari",
    ("%(num)s photo <b>", "%(num)s photos <b>"): ("%(num)s foto <b>",),
}
TEMPLATE = (
    '{{ _("Details") }}|{{ _("Save 100%%") }}|{{ _("Fish & chips <b>") }}|{{ _("by %(sme)s", sme=name) }}|'
    '{{ _("%(num)s left", num=3) }}|{{ _("Not in the catalog") }}|{{ _(dynamic) }}|{{ ngettext("%(num)s day", "%(num)s days", 2) }}|'
    '{{ _("by %(sme)s", sme=link) }}|{{ _("by %(sme)s", sme=none) }}|{{ _("%(num)s left", num=name ~ "&") }}|{{ _("%(num)d days", num=7) }}|'
    '{% set message = _("by %(sme)s", sme=name) %}{{ message }}{{ message|length }}'
    '{% set block %}<i>{{ _("Fish & chips <b>") }}</i>{% endset %}{{ block }}|{{ _("Fish & chips <b>")|upper }}|'
    '{{ ngettext("%(num)s photo <b>", "%(num)s photos <b>", 1) }}|{{ ngettext("%(num)s photo <b>", "%(num)s photos <b>", name|length) }}|'
    '{{ ngettext("%(num)s day", "%(num)s days", 1, num=name) }}|{% for n in [1, 2] %}{{ ngettext("%(num)s day", "%(num)s days", n) }}{% endfor %}|'
    '{% autoescape false %}{{ _("Fish & chips <b>") }}{{ ngettext("%(num)s photo <b>", "%(num)s photos <b>", 3) }}{% endautoescape %}|{% autoescape flag %}{{ _("Fish & chips <b>") }}{% endautoescape %}'
)


def translations() -> gettext.GNUTranslations:
    catalog = Catalog(locale="id")
    for msgid, msgstr in MESSAGES.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("autoescape", [True, False])
def test_constant_messages_compiled_in_render_what_gettext_renders(autoescape):
    env = Environment(loader=DictLoader({"page.html": TEMPLATE}), extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    env.install_gettext_translations(translations(), newstyle=True)
    fixed = fixed_language_environment(env, translations(), "id")
    context = {"name": "Batik <Sari> & 'Co'", "dynamic": "Details", "link": Markup('<a href="x">Sari</a>'), "flag": True}
    expected = env.get_template("page.html").render(context)
    assert fixed.get_template("page.html").render(context) == expected
    assert "Rincian|Hemat 100%|" in expected and "|1 foto <b>|" in expected


def _theme_with(tmp_path, msgstr: str):
    po = tmp_path / "theme" / "translations" / "id" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Details"\nmsgstr "{msgstr}"\n')
    (tmp_path / "theme" / "templates").mkdir(exist_ok=True)
    (tmp_path / "theme" / "templates" / "page.html").write_text('{{ _("Details") }}')
    return {"THEME": str(tmp_path / "theme"), "CACHE_PATH": str(tmp_path / "cache")}


def _render_in_new_process_state(settings) -> str:
    from jinja2 import FileSystemLoader
    from i18n import catalogs

    catalogs.load.cache_clear()  # as a new build would
    env = Environment(loader=FileSystemLoader(settings["THEME"] + "/templates"), extensions=["jinja2.ext.i18n"], autoescape=True)
    return catalogs.language_environment(env, settings, "id").get_template("page.html").render()


def test_compiled_templates_are_kept_per_translation(tmp_path):
    """Templates compiled with their messages are cached between builds; a
    changed translation is never served from a template compiled with the old one."""
    settings = _theme_with(tmp_path, "Rincian")
    assert _render_in_new_process_state(settings) == "Rincian"
    cached = list((tmp_path / "cache" / "templates").glob("id-*/*"))
    assert len(cached) == 1
    assert _render_in_new_process_state(settings) == "Rincian"  # from the cache
    _theme_with(tmp_path, "Keterangan")
    assert _render_in_new_process_state(settings) == "Keterangan"
