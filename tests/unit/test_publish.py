"""Pieces of plugins/publish: fingerprinted theme files, minified modules,
the rules of `_headers`, the caching table."""

from __future__ import annotations

import sys

import pytest

from ..conftest import ROOT
from ..publishing import headers_for, read_headers_file

sys.path.insert(0, str(ROOT / "plugins"))
from publish import minify  # noqa: E402
from publish.errors import PublishError  # noqa: E402
from publish.files import IMMUTABLE, SHORT, cache_control, content_type, is_served  # noqa: E402
from publish.headers import headers_file  # noqa: E402
from publish.theme import FingerprintedThemeFiles  # noqa: E402


@pytest.fixture
def static(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "css" / "site.css").write_text(
        ".a { background: url(../img/dot.svg) }\n.b { background: url('../img/dot.svg#x') }\n.c { background: url(data:image/gif;base64,R0) }\n"
    )
    return tmp_path


def test_theme_files_get_content_hashed_names_and_stylesheets_name_them(static):
    files = FingerprintedThemeFiles(static)
    svg = files.path("img/dot.svg")
    css = files.path("css/site.css")
    assert svg.startswith("assets/img/dot.") and svg.endswith(".svg") and len(svg) == len("assets/img/dot.svg") + 13
    stylesheet = dict(files.files())[css].decode()
    name = svg.rsplit("/", 1)[1]
    assert f"url(../img/{name})" in stylesheet and f"url(../img/{name}#x)" in stylesheet
    assert "data:image/gif" in stylesheet
    assert "\n" not in stylesheet.strip()  # minified
    assert files.path("css/missing.css") == "assets/css/missing.css"  # left for the link check to report


def test_a_stylesheet_naming_a_missing_file_stops_the_build(static):
    (static / "css" / "site.css").write_text(".a { background: url(../img/gone.svg) }")
    with pytest.raises(PublishError, match=r"css/site\.css: url\(\.\./img/gone\.svg\) names no file of the theme"):
        FingerprintedThemeFiles(static)


def test_a_changed_file_gets_a_new_name(static):
    before = FingerprintedThemeFiles(static)
    (static / "img" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1"/>')
    after = FingerprintedThemeFiles(static)
    assert after.path("img/dot.svg") != before.path("img/dot.svg")
    assert after.path("css/site.css") != before.path("css/site.css")  # it names the new file


def test_minified_module_keeps_its_dynamic_import():
    source = 'const bundle = "x/";\nconst module = await import(new URL(bundle + "pagefind.js", document.baseURI).href);\nexport { module };\n'
    minified = minify.script(source, "search.js")
    assert "import(" in minified and "pagefind.js" in minified and len(minified) < len(source)


def test_headers_reach_every_file_through_one_rule():
    page = "default-src 'self'"
    search = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
    files = {
        "index.html": {"Cache-Control": SHORT, "Content-Security-Policy": page},
        "produk/a/index.html": {"Cache-Control": SHORT, "Content-Security-Policy": page},
        "produk/b/index.html": {"Cache-Control": SHORT, "Content-Security-Policy": page},
        "cari/index.html": {"Cache-Control": SHORT, "Content-Security-Policy": search},
        "en/index.html": {"Cache-Control": SHORT, "Content-Security-Policy": page},
        "en/search/index.html": {"Cache-Control": SHORT, "Content-Security-Policy": search},
        "assets/css/site.0123456789ab.css": {"Cache-Control": IMMUTABLE},
        "pagefind/pagefind-worker.js": {"Cache-Control": SHORT, "Content-Security-Policy": None},
        "pagefind/fragment/en_1.pf_fragment": {"Cache-Control": IMMUTABLE, "Content-Security-Policy": None},
        "sitemap.xml": {"Cache-Control": SHORT},
    }
    rules = read_headers_file(headers_file(files))
    patterns = [rule.pattern for rule in rules]
    assert patterns[0] == "/*" and "/produk/*" in patterns and "/en/" in patterns
    for path, expected in files.items():
        found = headers_for(rules, "/" + path.removesuffix("index.html"))
        assert found["Cache-Control"] == [expected["Cache-Control"]], path
        policy = expected.get("Content-Security-Policy")
        if policy:
            assert found["Content-Security-Policy"] == [policy], path
        elif "Content-Security-Policy" in expected:
            assert "Content-Security-Policy" not in found, path


def test_caching_and_types_of_published_files():
    assert cache_control("assets/css/site.0123456789ab.css") == IMMUTABLE
    assert cache_control("media/0123-640.webp") == IMMUTABLE
    assert cache_control("cards/0123.jpg") == IMMUTABLE
    assert cache_control("pagefind/index/en_1.pf_index") == IMMUTABLE
    assert cache_control("pagefind/pagefind.en_0123456789.pf_meta") == IMMUTABLE
    for path in ("index.html", "produk/a/b/index.html", "feeds/produk-baru.atom", "sitemap.xml", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"):
        assert cache_control(path) == SHORT, path
    assert content_type("feeds/new-products.atom") == "application/atom+xml; charset=utf-8"
    assert content_type("index.html") == "text/html; charset=utf-8"
    assert content_type("notes.docx") is None
    assert not is_served("_headers") and not is_served("index.html.br") and is_served("index.html")
