"""Plain texts skip the Markdown parser: the HTML must be the parser's, byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import nh3
import pytest

from sadewa import markdown, yamlfile

ROOT = Path(__file__).resolve().parents[2]
TOKENS = [
    "Batik", "tulis", "kain", "émigré", "Kopi", "12", "1.000", "(kecil)", '"asli"', "'ok'", "—", "–", "-", ",", ".",
    ":", ";", "!", "?", "%", "/", " ", "  ", "\n", "\n\n", "\n\n\n", "*", "_", "#", "1.", "2)", "- ", "+ ", "> ",
    "`", "[a](b)", "<b>", "&amp;", "\\", "===", "---", "    ", "\t", "~", "|", "http://example.com",
]


def full_render(text: str) -> str:
    return nh3.clean(markdown._render.render(text), tags=markdown.TAGS, attributes={"a": {"href"}},
                     url_schemes=markdown.SCHEMES, link_rel="nofollow noopener")


def catalog_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "products").rglob("*.yaml")):
        data = yamlfile.read(path)[0]
        for field in ("description", "story"):
            value = data.data.get(field) if data is not None and isinstance(data.data, dict) else None
            if isinstance(value, dict):
                texts += [str(v) for v in value.values()]
    return texts


def test_the_catalog_texts_render_as_the_parser_renders_them():
    texts = catalog_texts()
    assert len(texts) > 50
    assert sum(bool(markdown._PLAIN.fullmatch(t)) for t in texts) > 10  # the fast way is taken
    for text in texts:
        assert markdown.to_html.__wrapped__(text) == full_render(text), text


@pytest.mark.parametrize("seed", range(4))
def test_random_texts_render_as_the_parser_renders_them(seed):
    rng = random.Random(seed)
    plain = 0
    for _ in range(3000):
        text = "".join(rng.choice(TOKENS[:24] if rng.random() < 0.5 else TOKENS) for _ in range(rng.randint(0, 30)))
        if markdown._PLAIN.fullmatch(text):
            plain += 1
            assert markdown._paragraphs(text) == markdown._render.render(text), repr(text)
    assert plain > 100


@pytest.mark.parametrize("text", ["1. first", "- item", "Title\n===", "Title\n---", "    code", "line  \nbreak",
                                  "a *b*", "a_b_", "&amp;", "x\n  y", "# Heading", "> quote", "100% cotton"])
def test_texts_with_markdown_take_the_parser(text):
    assert not markdown._PLAIN.fullmatch(text)
