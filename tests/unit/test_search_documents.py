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


def test_documents_are_rewritten_only_when_they_change_and_removed_with_their_page(tmp_path):
    documents = SearchDocuments(tmp_path)
    entry = documents.write("domestic/produk/kopi-lereng/arabika/index.html", "id", PAGE)
    path = tmp_path / "domestic" / "id" / "produk__kopi-lereng__arabika.html"
    assert path.is_file() and entry[0] == "id"
    documents.finish({"domestic/produk/kopi-lereng/arabika/index.html": entry})
    key = documents.groups[("domestic", "id")]
    before = path.stat().st_mtime_ns

    again = SearchDocuments(tmp_path)
    assert again.write("domestic/produk/kopi-lereng/arabika/index.html", "id", PAGE) == entry
    assert path.stat().st_mtime_ns == before  # same bytes: not written again
    again.finish({"domestic/produk/kopi-lereng/arabika/index.html": entry})
    assert again.groups[("domestic", "id")] == key  # same documents: the index is reused

    gone = SearchDocuments(tmp_path)
    gone.finish({})
    assert not path.exists() and gone.groups == {}
    assert read_record(tmp_path / "documents") == {}


def test_a_document_cut_short_is_written_whole_by_the_next_build(tmp_path):
    relpath = "domestic/produk/kopi-lereng/arabika/index.html"
    path = tmp_path / "domestic" / "id" / "produk__kopi-lereng__arabika.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"<!DOCTYPE html>\n<html lang=")  # a new page's document, the build stopped mid-write

    documents = SearchDocuments(tmp_path)  # no manifest: the stopped build saved none
    entry = documents.write(relpath, "id", PAGE)
    assert path.read_text() == document_of(PAGE, "id", "/produk/kopi-lereng/arabika/")
    documents.finish({relpath: entry})

    changed = PAGE.replace("Dipetik merah.", "Dipetik merah, dijemur.")
    SearchDocuments(tmp_path).write(relpath, "id", changed)  # a known page: replaced in one step
    assert "dijemur" in path.read_text() and not list(path.parent.glob("*.tmp"))
