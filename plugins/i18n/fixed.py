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


def _constant_message(node: nodes.Call) -> str | None:
    if (
        isinstance(node.node, nodes.Name) and node.node.name in GETTEXT_NAMES
        and len(node.args) == 1 and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str)
        and node.dyn_args is None and node.dyn_kwargs is None
    ):
        return node.args[0].value
    return None


def _constant_plural(node: nodes.Call) -> tuple[str, str] | None:
    """``ngettext("%(num)s day", "%(num)s days", n)``: its two constant forms."""
    if (
        isinstance(node.node, nodes.Name) and node.node.name == "ngettext" and len(node.args) == 3
        and all(isinstance(arg, nodes.Const) and isinstance(arg.value, str) for arg in node.args[:2])
        and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
    ):
        return node.args[0].value, node.args[1].value
    return None


class TranslatingCodeGenerator(TextOutputCodeGenerator):
    def _translation(self, node: nodes.Expr, frame: Frame) -> str | None:
        """The translation of a constant message ``node`` calls for, if it is one."""
        translations = getattr(self.environment, "fixed_translations", None)
        if translations is None or frame.eval_ctx.volatile or not isinstance(node, nodes.Call):
            return None
        message = _constant_message(node)
        return None if message is None else translations.gettext(message)

    def _plural(self, node: nodes.Call) -> tuple[str, str] | None:
        return _constant_plural(node) if getattr(self.environment, "fixed_translations", None) is not None else None

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize) -> str:
        # A message without values written out is part of the template's text.
        text = self._translation(node, frame)
        if text is not None and not node.kwargs and "%" not in text:
            return finalize.const(text)  # Markup(text) escaped is text itself
        return super()._output_child_to_const(node, frame, finalize)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        text = None if forward_caller else self._translation(node, frame)
        forms = None if forward_caller or text is not None or frame.eval_ctx.volatile else self._plural(node)
        if forms is not None:
            # a plain call of the language's own ngettext, not one through the context
            self.write(f"environment.plural_text({forms[0]!r}, {forms[1]!r}, ")
            self.visit(node.args[2], frame)
            self.write(f", {frame.eval_ctx.autoescape!r})")
            return
        if text is None:
            super().visit_Call(node, frame, **({"forward_caller": True} if forward_caller else {}))
            return
        if not node.kwargs and "%" not in text:  # what the call returns is known now
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
