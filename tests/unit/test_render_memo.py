"""When a page of the last build is gone, the render memo tells whether the
dependency record foresaw it (then only the planned pages are rendered) or
kept pages could link to it (then every page is)."""

from __future__ import annotations

import sys

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from catalog_site.memo import RenderMemo, Unchanged  # noqa: E402


def memo_with(previous: dict, changed: set[int], moved: set[str]) -> RenderMemo:
    memo = RenderMemo.__new__(RenderMemo)  # only the record of the last build matters here
    memo.previous = previous
    memo.unchanged = Unchanged(changed, moved, previous)
    return memo


# relpath → [signature, staged digest, items shown, (view number, page key), page record, lists shown, place]
PREVIOUS = {
    "domestic/produk/a/index.html": ["s1", "d1", [1, 2], (0, "product a"), None, ("category c", "sme a"), (0, 9)],
    "domestic/kategori/c/2/index.html": ["s2", "d2", [3], (0, "category c 2"), None, ("category c",), (0, 14)],
    "domestic/produk/2/index.html": ["s3", "d3", [4], (0, "products 2"), None, None, (0, 2)],
}


def test_a_page_gone_with_an_item_it_showed_was_foreseen():
    memo = memo_with(PREVIOUS, changed={1}, moved=set())
    assert not memo.gone_unforeseen(set(PREVIOUS) - {"domestic/produk/a/index.html"})


def test_a_page_gone_with_a_list_that_moved_was_foreseen():
    memo = memo_with(PREVIOUS, changed={9}, moved={"category c"})
    assert not memo.gone_unforeseen(set(PREVIOUS) - {"domestic/kategori/c/2/index.html"})
    assert not memo.gone_unforeseen(set(PREVIOUS) - {"domestic/produk/2/index.html"})  # a list of the whole view


def test_a_page_gone_that_the_record_took_for_unchanged_renders_everything():
    memo = memo_with(PREVIOUS, changed={1}, moved=set())
    assert memo.gone_unforeseen(set(PREVIOUS) - {"domestic/kategori/c/2/index.html"})
    memo = memo_with(PREVIOUS, changed={9}, moved={"category d"})
    assert memo.gone_unforeseen(set(PREVIOUS) - {"domestic/kategori/c/2/index.html"})
    assert not memo.gone_unforeseen(set(PREVIOUS))


def test_with_every_page_planned_a_page_gone_renders_everything():
    memo = memo_with(PREVIOUS, changed=set(), moved=set())
    memo.unchanged = None  # a collection changed, say: no page was taken for unchanged
    assert memo.gone_unforeseen(set(PREVIOUS) - {"domestic/produk/a/index.html"})
