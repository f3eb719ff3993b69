"""Markdown from the data, rendered safely.

Raw HTML is never rendered, only http(s), mailto and tel links survive, and
external links get ``rel="nofollow noopener"``. ``dropped`` tells the
validator what a text loses, so staff see a warning rather than a surprise.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import cmarkgfm
import nh3

SCHEMES = {"http", "https", "mailto", "tel"}
TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "hr"}

def _down(level: int) -> int:
    """A data heading's level on the page: under the page's own h1 and h2."""
    return min(level + 2, 4)


def _heading_down(renderer, tokens, idx, options, env):
    token = tokens[idx]
    level = _down(int(token.tag[1]))
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


def _image_as_text(renderer, tokens, idx, options, env):
    # Photos come from `images`, never from inside a text.
    from markdown_it.common.utils import escapeHtml

    return escapeHtml(tokens[idx].content)


# markdown-it is loaded on the first text that needs it: most builds have none.
@cache
def markdown_it():
    """markdown-it as the pages use it: raw HTML off, headings moved down, images as their text."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.add_render_rule("image", _image_as_text)
    parser.add_render_rule("heading_open", _heading_down)
    parser.add_render_rule("heading_close", _heading_down)
    return parser


@cache
def _inspector():
    """markdown-it reading raw HTML, to tell what the pages' parser drops."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


# Texts that could lose something (raw HTML, images, links) take
# markdown-it, whose rules decide what they lose (``dropped``); so do code
# and backslash escapes, where its newer CommonMark and cmark's differ. cmark
# (C, CommonMark's reference implementation) renders the rest, most texts,
# thirty times faster with the same HTML: tests/unit/test_markdown.py.
_MAY_LOSE = ("<", "](", "]:")  # raw HTML, images and links start so
_TAKE_MARKDOWN_IT = (*_MAY_LOSE, "`", "\\")
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _cmark(text: str) -> str:
    return _HEADING.sub(lambda m: f"<{m[1]}h{_down(int(m[2]))}>", cmarkgfm.markdown_to_html(text))


def takes_cmark(text: str) -> bool:
    return not any(mark in text for mark in _TAKE_MARKDOWN_IT)


# Made once: nh3.clean() would build the same sanitizer again for every text.
_SANITIZER = nh3.Cleaner(tags=TAGS, attributes={"a": {"href"}}, url_schemes=SCHEMES, link_rel="nofollow noopener")


@lru_cache(maxsize=None)  # a text shows on up to four site views; texts are small
def to_html(text: str) -> str:
    html = _cmark(text) if takes_cmark(text) else markdown_it().render(text)
    return _SANITIZER.clean(html)


def dropped(text: str) -> list[str]:
    """What rendering removes from ``text``: raw HTML and links of other schemes."""
    if not any(mark in text for mark in _MAY_LOSE):
        return []  # nothing that could be dropped: no parse needed (most texts)
    found: list[str] = []
    for token in _inspector().parse(text):
        if token.type == "html_block":
            found.append(f"raw HTML `{token.content.strip()[:40]}`")
        for child in token.children or ():
            if child.type == "html_inline":
                found.append(f"raw HTML `{child.content[:40]}`")
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                scheme = href.split(":", 1)[0].lower() if ":" in href else ""
                if scheme and scheme not in SCHEMES:
                    found.append(f"link `{href[:40]}`")
            if child.type == "image":
                found.append("an image (put photos in `images` instead)")
    # markdown-it refuses javascript:/vbscript:/data: links outright; they stay text.
    lowered = text.lower()
    for scheme in ("javascript:", "vbscript:", "data:"):
        if f"]({scheme}" in lowered.replace(" ", ""):
            found.append(f"a `{scheme}` link")
    return found
