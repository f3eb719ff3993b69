"""Calls from templates through PlainCallContext (sadewa/template_calls.py)
get what Jinja's own Context.call gives them."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, pass_context, pass_environment, pass_eval_context

from sadewa.template_calls import PlainCallContext, use_plain_calls


class Shop:
    def __init__(self):
        self.name = "Batik <Sari>"

    def title(self, suffix=""):
        return self.name + suffix

    @pass_context
    def greeting(self, context, word):
        return f"{word} {context['who']}"

    def empty(self):
        raise StopIteration


class Counter:
    """A callable object whose __call__ wants the context."""

    @pass_context
    def __call__(self, context, n):
        return f"{context['who']}×{n}"


@pass_context
def in_context(context, key):
    return context.get(key)


@pass_eval_context
def autoescaping(eval_ctx):
    return eval_ctx.autoescape


@pass_environment
def environment_name(environment):
    return type(environment).__name__


def plain(a, b=1):
    return a * b


TEMPLATES = {
    "_macros.html": "{% macro card(x) %}<li>{{ x }}|{{ who }}</li>{% endmacro %}",
    "page.html": (
        '{% import "_macros.html" as m with context %}'
        "{{ plain(2, b=3) }}|{{ shop.title('!') }}|{{ shop.greeting('hi') }}|{{ counter(4) }}|{{ in_context('who') }}"
        "|{{ autoescaping() }}|{{ environment_name() }}|[{{ shop.empty() }}]|{{ m.card(shop.title()) }}|{{ 'a-b'.split('-')|join }}"
        "{% for i in range(2) %}{% set local = i * 10 %}({{ in_context('local') }},{{ plain(i) }},{{ shop.greeting(i) }}){% endfor %}"
        "{% block body %}{% set inner = 'b' %}[{{ in_context('inner') }}|{{ plain('x', 2) }}]{% endblock %}"
    ),
}


def render(plain_calls: bool) -> str:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    if plain_calls:
        use_plain_calls(env)
    template = env.get_template("page.html")
    context = {"who": "Sari", "shop": Shop(), "counter": Counter(), "plain": plain, "in_context": in_context,
               "autoescaping": autoescaping, "environment_name": environment_name}
    assert type(template.new_context(context)) is (PlainCallContext if plain_calls else env.context_class)
    return template.render(context)


def test_calls_get_what_jinja_gives_them():
    expected = render(False)
    assert render(True) == expected
    # what each kind of callable was given, so the comparison above compares something
    assert expected.startswith("6|Batik &lt;Sari&gt;!|hi Sari|Sari×4|Sari|True|Environment|[]|<li>Batik &lt;Sari&gt;|Sari</li>|ab")
    assert "(0,0,0 Sari)(10,1,1 Sari)" in expected and expected.endswith("[b|xx]")


def test_an_error_in_a_called_function_is_not_swallowed():
    env = Environment(autoescape=True)
    use_plain_calls(env)
    with pytest.raises(ZeroDivisionError):
        env.from_string("{{ f() }}").render(f=lambda: 1 / 0)
