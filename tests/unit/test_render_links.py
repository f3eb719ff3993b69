"""Links a page holds that link() did not make: the ones the link check must resolve itself."""

from __future__ import annotations

import sys

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from catalog_site.render import ROOT as SITE_ROOT, finish, foreign_links  # noqa: E402


def test_only_relative_links_without_a_scheme_are_foreign():
    html = (
        f'<a href="{SITE_ROOT}produk/">made by link()</a><a href="#top">anchor</a><a href="/abs">root</a>'
        '<a href="https://example.org/">web</a><a href="mailto:a@b.id">mail</a><a href="tel:+62">tel</a>'
        '<a href="">empty</a><a href="../../tidak-ada/">by hand</a><img src="foto.jpg" alt="">'
        '<a href="javascript:alert(1)">kept as text by the renderer</a><a href="unterminated'
    )
    assert sorted(foreign_links(html)) == ["../../tidak-ada/", "foto.jpg"]


def test_a_finished_page_has_its_root_resolved_and_reports_its_foreign_links():
    html, foreign = finish(f'<a href="{SITE_ROOT}ukm/">x</a><a href="lain/">y</a>', "produk/a/b/index.html")
    assert html == '<a href="../../../ukm/">x</a><a href="lain/">y</a>'
    assert foreign == ["lain/"]
