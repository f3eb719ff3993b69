"""Links a page holds that link() did not make: the ones the link check must resolve itself."""

from __future__ import annotations

import re
import sys

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from catalog_site.render import ROOT as SITE_ROOT, LinkBook, finish, foreign_links  # noqa: E402


def test_only_relative_links_without_a_scheme_are_foreign():
    html = (
        f'<a href="{SITE_ROOT}produk/">made by link()</a><a href="#top">anchor</a><a href="/abs">root</a>'
        '<a href="https://example.org/">web</a><a href="mailto:a@b.id">mail</a><a href="tel:+62">tel</a>'
        '<a href="">empty</a><a href="../../tidak-ada/">by hand</a><img src="foto.jpg" alt="">'
        '<a href="javascript:alert(1)">kept as text by the renderer</a><a href="unterminated'
    )
    assert sorted(foreign_links(html)) == ["../../tidak-ada/", "foto.jpg"]


def test_a_finished_page_has_its_root_resolved():
    html = finish(f'<a href="{SITE_ROOT}ukm/">x</a><a href="lain/">y</a>', "produk/a/b/index.html")
    assert html == '<a href="../../../ukm/">x</a><a href="lain/">y</a>'
    assert finish(f'<a href="{SITE_ROOT}ukm/">x</a>', "index.html") == '<a href="./ukm/">x</a>'


def test_hand_written_html_reports_its_foreign_links_for_the_page_showing_it():
    book = LinkBook()
    book.page = "domestic/produk/a/b/index.html"
    shown = book.hand_written('<p><a href="lain/">y</a> <a href="https://example.org/">web</a></p>')
    assert shown.__html__() == '<p><a href="lain/">y</a> <a href="https://example.org/">web</a></p>'
    book.page = "domestic/ukm/a/index.html"
    book.hand_written('<p>no links</p><img src="foto.jpg" alt="">')
    assert book.foreign == [("domestic/produk/a/b/index.html", "lain/"), ("domestic/ukm/a/index.html", "foto.jpg")]


def test_templates_write_no_relative_link_by_hand():
    """Pages are not scanned for links: every relative link a template
    writes must come from link() or asset(), which record it for the check.
    (The admin page is written by its own generator, whose files are scanned.)"""
    attribute = re.compile(r'(?:href|src)="([^"]*)"')
    not_relative = ("#", "/", "https:", "http:", "mailto:", "tel:")
    templates = ROOT / "themes" / "sadewa" / "templates"
    values = [
        (template.name, value)
        for template in sorted(templates.glob("*.html")) if template.name != "admin.html"
        for value in attribute.findall(template.read_text(encoding="utf-8"))
    ]
    # A literal is written by hand; an expression is a link() or asset()
    # call, or an absolute URL (view.absolute, mailto, whatsapp, the data's).
    by_hand = [f"{name}: {value}" for name, value in values if not value.startswith(("{{", "{%", *not_relative))]
    assert len(values) > 50 and by_hand == []
