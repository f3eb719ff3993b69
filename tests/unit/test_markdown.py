"""Most texts take cmark, the others markdown-it (sadewa/markdown.py): for
the texts cmark takes, the HTML must be markdown-it's. The catalog's texts
give the same bytes. Random texts give what a reader sees the same: cmark
keeps, as CommonMark says, a no-break space or tab at a line's edge that
markdown-it trims, and writes an empty quote over two lines."""

from __future__ import annotations

import random
import re
from pathlib import Path

import nh3
import pytest

from sadewa import markdown, yamlfile

ROOT = Path(__file__).resolve().parents[2]
TOKENS = [
    "Batik", "tulis", "kain", "émigré", "Kopi", "12", "1.000", "(kecil)", '"asli"', "'ok'", "—", "–", "-", ",", ".",
    ":", ";", "!", "?", "%", "/", " ", "  ", "\n", "\n\n", "\n\n\n", "*", "**", "_", "#", "## ", "1.", "2)", "- ",
    "+ ", "> ", "`", "```", "[a]", "(b)", "!", "&amp;", "&#35;", "\\", "===", "---", "    ", "\t", "~", "|",
    "http://example.com", "\u00a0",
]


def catalog_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "products").rglob("*.yaml")):
        data = yamlfile.read(path)[0]
        for field in ("description", "story"):
            value = data.data.get(field) if data is not None and isinstance(data.data, dict) else None
            if isinstance(value, dict):
                texts += [str(v) for v in value.values()]
    return texts


def seen(html: str) -> str:
    """The HTML as a reader sees it: cleaned, each run of white space (no-break
    spaces too) one space, none next to a tag."""
    cleaned = nh3.clean(html, tags=markdown.TAGS, attributes={"a": {"href"}}, url_schemes=markdown.SCHEMES).replace("&nbsp;", " ")
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", cleaned))


def test_the_catalog_texts_render_as_markdown_it_renders_them():
    texts = [text for text in catalog_texts() if markdown.takes_cmark(text)]
    assert len(texts) > 50
    for text in texts:
        assert markdown._cmark(text) == markdown.markdown_it().render(text), text


@pytest.mark.parametrize("seed", range(4))
def test_random_texts_render_as_markdown_it_renders_them(seed):
    rng = random.Random(seed)
    taken = 0
    for _ in range(3000):
        text = "".join(rng.choice(TOKENS[:24] if rng.random() < 0.5 else TOKENS) for _ in range(rng.randint(0, 30)))
        if markdown.takes_cmark(text):
            taken += 1
            assert seen(markdown._cmark(text)) == seen(markdown.markdown_it().render(text)), repr(text)
    assert taken > 1000


@pytest.mark.parametrize("text", ["# Title", "## Sub", "### Deep", "#### Deeper", "Title\n===", "Title\n---"])
def test_headings_sit_under_the_page_headings(text):
    assert markdown.to_html(text) == markdown.markdown_it().render(text)
    assert "<h1>" not in markdown.to_html(text) and "<h2>" not in markdown.to_html(text)


@pytest.mark.parametrize("text", ["<b>bold</b>", "![photo](a.jpg)", "[site](javascript:alert(1))",
                                  "[site][x]\n\n[x]: ftp://example.com", "<http://example.com>", "`code`", "5\\* rating"])
def test_texts_that_may_lose_something_take_markdown_it(text):
    assert not markdown.takes_cmark(text)
    assert "<img" not in markdown.to_html(text) and "javascript:" not in markdown.to_html(text).replace("[site](javascript:", "")
