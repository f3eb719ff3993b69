"""Minified HTML, CSS and JavaScript, all through minify-html (Rust: its own
HTML minifier, lightningcss and oxc for stylesheets and scripts)."""

from __future__ import annotations

import minify_html

from .errors import PublishError


def html(text: str) -> str:
    # Opening and closing tags stay: Pagefind reads <html lang>, and so do
    # link-preview scrapers that are not full HTML parsers. Inline scripts are
    # JSON data only (the CSP allows no inline script), left as they are.
    return minify_html.minify(text, minify_css=True, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def stylesheet(text: str, source: str) -> str:
    return _inside("style", "", text, source, minify_css=True)


def script(text: str, source: str) -> str:
    """A JavaScript module (``type="module"`` keeps import() and top-level await)."""
    return _inside("script", ' type="module"', text, source, minify_js=True)


def _inside(tag: str, attributes: str, text: str, source: str, **options) -> str:
    """minify-html minifies stylesheets and scripts inside an HTML element
    only: wrap the file in one and take it out again."""
    closing = f"</{tag}>"
    if closing in text.lower():
        raise PublishError(f"{source}: contains `{closing}`, which cannot be minified inside a <{tag}> element")
    minified = minify_html.minify(f"<{tag}{attributes}>{text}{closing}", **options)
    if not (minified.startswith(f"<{tag}") and minified.endswith(closing)):
        raise PublishError(f"{source}: the minifier did not return one <{tag}> element")
    return minified[minified.index(">") + 1 : -len(closing)]
