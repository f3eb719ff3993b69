"""What Pagefind reads instead of the pages: the searched part of each page."""

from __future__ import annotations

import sys

from sadewa.cachefiles import read_record

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from search.documents import SearchDocuments, document_of  # noqa: E402

PAGE = """<!DOCTYPE html>
<html lang="id"><head><title>Kopi Arabika — Kopi Lereng · Sadewa</title></head>
<body><header>menu</header>
<main><article class="product" data-pagefind-body>
<div hidden><span data-pagefind-filter="region">Temanggung</span></div>
<h1>Kopi Arabika</h1><p>Dipetik merah.</p>
<section data-pagefind-ignore="all"><article class="card">Kopi lain</article></section>
<p class="report" data-pagefind-ignore>Laporkan</p>
</article></main><footer>kaki</footer></body></html>"""


def test_a_document_holds_the_searched_part_its_title_language_and_address():
    document = document_of(PAGE, "id", "/produk/kopi-lereng/arabika/")
    assert '<html lang="id">' in document
    assert "<title>Kopi Arabika — Kopi Lereng · Sadewa</title>" in document
    assert '<span hidden data-pagefind-meta="page">/produk/kopi-lereng/arabika/</span>' in document
    assert "Dipetik merah." in document and 'data-pagefind-filter="region"' in document
    assert "Kopi lain" not in document and "menu" not in document and "kaki" not in document
    assert document.count("<article") == document.count("</article>") == 1


def test_a_page_that_is_not_searched_has_no_document():
    assert document_of(PAGE.replace(" data-pagefind-body", ""), "id", "/x/") is None


def build(folder, pages: dict[str, str]) -> SearchDocuments:
    """What a build does: make each page's document, finish, then write."""
    documents = SearchDocuments(folder)
    made = {relpath: documents.make(relpath, "id", html) for relpath, html in pages.items()}
    documents.finish({relpath: entry for relpath, (entry, _) in made.items()},
                     {relpath: data for relpath, (_, data) in made.items() if data is not None})
    documents.write()
    return documents


ARABIKA = "domestic/produk/kopi-lereng/arabika/index.html"


def test_documents_are_rewritten_only_when_they_change_and_removed_with_their_page(tmp_path):
    path = tmp_path / "domestic" / "id" / "produk__kopi-lereng__arabika.html"
    first = build(tmp_path, {ARABIKA: PAGE})
    assert path.is_file() and first.entries[ARABIKA][0] == "id"
    key = first.groups[("domestic", "id")]
    before = path.stat().st_mtime_ns

    again = SearchDocuments(tmp_path)
    assert again.make(ARABIKA, "id", PAGE) == (first.entries[ARABIKA], None)  # same bytes: nothing to write
    assert build(tmp_path, {ARABIKA: PAGE}).groups[("domestic", "id")] == key  # same documents: the index is reused
    assert path.stat().st_mtime_ns == before

    gone = build(tmp_path, {})
    assert not path.exists() and gone.groups == {}
    assert read_record(tmp_path / "documents") == {}


def test_documents_wait_for_the_search_step_and_the_manifest_for_them(tmp_path):
    path = tmp_path / "domestic" / "id" / "produk__kopi-lereng__arabika.html"
    build(tmp_path, {ARABIKA: PAGE})
    changed = PAGE.replace("Dipetik merah.", "Dipetik merah, dijemur.")
    stopped = SearchDocuments(tmp_path)  # a build that stops after its pages, before the search step
    entry, data = stopped.make(ARABIKA, "id", changed)
    stopped.finish({ARABIKA: entry}, {ARABIKA: data})
    assert "dijemur" not in path.read_text()
    assert read_record(tmp_path / "documents")[ARABIKA] != entry  # the manifest still names the old one

    assert SearchDocuments(tmp_path).make(ARABIKA, "id", changed)[1] == data  # so the next build writes it
    build(tmp_path, {ARABIKA: changed})
    assert "dijemur" in path.read_text() and not list(path.parent.glob("*.tmp"))


def test_a_document_cut_short_is_written_whole_by_the_next_build(tmp_path):
    path = tmp_path / "domestic" / "id" / "produk__kopi-lereng__arabika.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"<!DOCTYPE html>\n<html lang=")  # a new page's document, the build stopped mid-write

    build(tmp_path, {ARABIKA: PAGE})  # no manifest: the stopped build saved none
    assert path.read_text() == document_of(PAGE, "id", "/produk/kopi-lereng/arabika/")
