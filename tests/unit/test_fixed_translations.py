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

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from i18n.fixed import fixed_language_environment  # noqa: E402

MESSAGES = {
    "Details": "Rincian",
    "Save 100%%": "Hemat 100%%",
    "Fish & chips <b>": "Ikan & keripik <b>",
    "by %(sme)s": "oleh %(sme)s",
    "%(num)s left": "sisa %(num)s",
}
TEMPLATE = (
    '{{ _("Details") }}|{{ _("Save 100%%") }}|{{ _("Fish & chips <b>") }}|{{ _("by %(sme)s", sme=name) }}|'
    '{{ _("%(num)s left", num=3) }}|{{ _("Not in the catalog") }}|{{ _(dynamic) }}|{{ ngettext("%(num)s day", "%(num)s days", 2) }}'
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
    context = {"name": "Batik <Sari>", "dynamic": "Details"}
    expected = env.get_template("page.html").render(context)
    assert fixed.get_template("page.html").render(context) == expected
    assert "Rincian|Hemat 100%|" in expected
