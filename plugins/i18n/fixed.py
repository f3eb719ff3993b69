"""Templates compiled for one language: constant messages translated once.

A page calls ``_()`` some fifty times; each call goes through Jinja's
context, gettext and Markup at render time. An environment made for one
language compiles ``_("constant", name=value)`` straight into its translation
(``Markup(translation) % {"name": value}``, or ``Markup(translation)`` when
there is nothing to put in: what the call would return; when every
placeholder is ``%(name)s``, ``Markup(translation % {"name": escaped value})``,
the same text without Markup's formatting helpers around each value), so
rendering thousands of pages pays for each message once. Written straight
into the page, a message with nothing to put in is part of the template's
text, like the HTML around it. ``ngettext`` with two constant forms becomes
a plain call of the language's own ngettext. Other calls stay ordinary calls.
"""

from __future__ import annotations

import gettext
import re

from jinja2 import Environment, nodes
from jinja2.compiler import Frame
from jinja2.ext import InternationalizationExtension
from markupsafe import Markup

from sadewa.template_calls import use_plain_calls
from sadewa.template_output import TextOutputCodeGenerator, use_text_output

GETTEXT_NAMES = ("_", "gettext")
_NAMED_ONLY = re.compile(r"(?:[^%]|%%|%\(\w+\)s)*", re.DOTALL)  # placeholders %(name)s only


def _constant_strings(node: nodes.Expr, names: tuple[str, ...], arity: int, constants: int) -> tuple[str, ...] | None:
    """The first ``constants`` arguments of a call of one of ``names`` with
    ``arity`` arguments, when they are constant strings and nothing is
    passed as ``*args`` or ``**kwargs``."""
    if (
        isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in names
        and len(node.args) == arity and node.dyn_args is None and node.dyn_kwargs is None
        and all(isinstance(arg, nodes.Const) and isinstance(arg.value, str) for arg in node.args[:constants])
    ):
        return tuple(arg.value for arg in node.args[:constants])
    return None


class TranslatingCodeGenerator(TextOutputCodeGenerator):
    def _fixed(self, frame: Frame) -> gettext.NullTranslations | None:
        """The language's translations, when this code is compiled for one language."""
        return None if frame.eval_ctx.volatile else getattr(self.environment, "fixed_translations", None)

    def _translation(self, node: nodes.Expr, frame: Frame) -> str | None:
        """The translation of a constant message ``node`` calls for, if it is one."""
        translations = self._fixed(frame)
        message = _constant_strings(node, GETTEXT_NAMES, 1, 1) if translations is not None else None
        return None if message is None else translations.gettext(message[0])

    @staticmethod
    def _known_now(node: nodes.Call, text: str) -> bool:
        """Is the message's text all the call gives (nothing to put in)?"""
        return not node.kwargs and "%" not in text

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize) -> str:
        # A message without values written out is part of the template's text.
        text = self._translation(node, frame)
        if text is not None and self._known_now(node, text):
            return finalize.const(text)  # Markup(text) escaped is text itself
        return super()._output_child_to_const(node, frame, finalize)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if forward_caller:
            super().visit_Call(node, frame, forward_caller=True)
            return
        forms = _constant_strings(node, ("ngettext",), 3, 2) if self._fixed(frame) is not None and not node.kwargs else None
        if forms is not None:
            # a plain call of the language's own ngettext, not one through the context
            self.write(f"environment.plural_text({forms[0]!r}, {forms[1]!r}, ")
            self.visit(node.args[2], frame)
            self.write(f", {frame.eval_ctx.autoescape!r})")
            return
        text = self._translation(node, frame)
        if text is None:
            super().visit_Call(node, frame)
            return
        if self._known_now(node, text):
            self.write(f"Markup({text!r})" if frame.eval_ctx.autoescape else repr(text))
            return
        if frame.eval_ctx.autoescape and _NAMED_ONLY.fullmatch(text):
            # What Markup's % gives when every placeholder is %(name)s: each
            # value escaped, into the text, without a Markup per value.
            self.write(f"Markup({text!r} % {{")
            value_start = "environment.html_text("
        else:
            self.write(f"(Markup({text!r}) % {{" if frame.eval_ctx.autoescape else f"({text!r} % {{")
            value_start = "("
        for keyword in node.kwargs:
            self.write(f"{keyword.key!r}: {value_start}")
            self.visit(keyword.value, frame)
            self.write("), ")
        self.write("})")


def fixed_language_environment(env: Environment, translations: gettext.NullTranslations, lang: str) -> Environment:
    """An overlay of ``env`` (same loader, filters, settings) that renders
    ``lang`` only, its output escaped as plain text (``sadewa.template_output``),
    plain functions called directly (``sadewa.template_calls``)."""
    overlay = env.overlay(auto_reload=False)  # templates do not change during a build
    overlay.globals = dict(env.globals)  # an overlay shares the dict: each language needs its own
    use_text_output(overlay, TranslatingCodeGenerator)
    use_plain_calls(overlay)
    overlay.fixed_translations = translations

    def plural_text(singular: str, plural: str, num, autoescape: bool) -> str:
        """What Jinja's ngettext gives for a call without other values."""
        text = translations.ngettext(singular, plural, num)
        return (Markup(text) if autoescape else text) % {"num": num}

    overlay.plural_text = plural_text
    # env.install_gettext_translations is bound to env's own extension: use the overlay's
    i18n = next(ext for ext in overlay.extensions.values() if isinstance(ext, InternationalizationExtension))
    i18n._install(translations, newstyle=True)
    overlay.globals["lang"] = lang
    return overlay
