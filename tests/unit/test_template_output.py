"""Templates whose output is escaped as plain text (sadewa/template_output.py)
render exactly what Jinja's own autoescaping renders."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup, escape

from sadewa.template_output import html_text, use_text_output

VALUES = ["", "plain", "Fish & chips <b>'x'\"y\"", Markup("<b>safe</b>"), 0, 12.5, None, True, ["a<", 1], "é & 😀"]

TEMPLATES = {
    "_macros.html": "{% macro card(x) %}<li>{{ x }}</li>{% endmacro %}{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}",
    "base.html": "<title>{% block title %}{% endblock %}</title>{% set head %}<h>{{ title }}</h>{% endset %}{{ head }}{{ head|length }}{% block body %}{% endblock %}",
    "page.html": (
        '{% extends "base.html" %}{% import "_macros.html" as m %}'
        "{% block title %}{{ title }} — {{ missing }}{% endblock %}"
        "{% block body %}{% for v in values %}{{ v }}|{{ m.card(v) }}|{{ v ~ '&' }}|{{ v|string|upper }}{% endfor %}"
        "{% filter upper %}{{ title }}{% endfilter %}{% autoescape false %}{{ title }}{% endautoescape %}"
        "{% call m.wrap() %}{{ title }}{% endcall %}{{ m.card(title)|length }}{% endblock %}"
    ),
}


@pytest.mark.parametrize("value", VALUES)
def test_html_text_is_escape_as_text(value):
    assert html_text(value) == str(escape(value))
    assert type(html_text(value)) in (str, Markup)


def test_templates_render_what_autoescape_renders():
    def environment(text_output: bool) -> Environment:
        env = Environment(loader=DictLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
        if text_output:
            use_text_output(env)
        return env

    context = {"values": VALUES, "title": "Batik <Sari> & 'Co'"}
    expected = environment(False).get_template("page.html").render(context)
    assert environment(True).get_template("page.html").render(context) == expected
    assert "Batik &lt;Sari&gt; &amp; &#39;Co&#39;" in expected and "<b>safe</b>" in expected
