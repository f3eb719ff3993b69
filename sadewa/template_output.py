"""Template output as plain text: each ``{{ value }}`` escaped without a Markup.

With autoescape on, Jinja compiles every ``{{ value }}`` to ``escape(value)``,
which wraps each value in a new Markup object: a product page has a few
hundred, all thrown away as soon as the page is joined, and they were a
sixth of its rendering. Templates compiled by ``TextOutputCodeGenerator``
call ``environment.html_text(value)`` instead (the environment must have
it: ``use_text_output``): the same characters, as a plain string, and an
already safe value passes as it is. Macros, blocks and ``{% set %}`` still
give Markup: Jinja wraps their joined output itself.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.compiler import CodeGenerator


def html_text(value) -> str:
    """``markupsafe.escape(value)`` as a plain string (the same replacements, in its order)."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")


class TextOutputCodeGenerator(CodeGenerator):
    def _output_child_pre(self, node, frame, finalize) -> None:
        if not frame.eval_ctx.autoescape or frame.eval_ctx.volatile:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.html_text(")
        if finalize.src is not None:
            self.write(finalize.src)


def use_text_output(env: Environment, generator: type[TextOutputCodeGenerator] = TextOutputCodeGenerator) -> None:
    env.code_generator_class = generator
    env.html_text = html_text
