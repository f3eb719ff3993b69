"""A language's Pagefind index is brought up to date in its folder: only the
files the new index uses stay, files linked elsewhere are never rewritten,
and a run that did not finish is not trusted."""

import os
import sys

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from search.bundle import LanguageBundle  # noqa: E402


def write_documents(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, words in names.items():
        (folder / f"{name}.html").write_text(
            f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{name}</title></head><body>'
            f'<span hidden data-pagefind-meta="page">/produk/{name}/</span>'
            f'<article data-pagefind-body><span hidden data-pagefind-filter="region">Temanggung</span>'
            f'<h1>{name}</h1><p>{words}</p></article></body></html>'
        )


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_an_index_made_again_keeps_only_the_files_it_uses(tmp_path):
    documents, store = tmp_path / "documents", tmp_path / "pagefind"
    write_documents(documents, {"kopi": "kopi arabika sindoro", "batik": "batik tulis lasem"})
    bundle = LanguageBundle(store, "domestic", "id")
    first = bundle.make(documents, "first")
    assert files_in(bundle.folder) == first
    assert sum(name.startswith("fragment/") for name in first) == 2
    assert bundle.files("first") == first and bundle.files("second") is None

    # The stage and output/ link the files: a file of fixed name must not change under them.
    (tmp_path / "staged").mkdir()
    os.link(bundle.folder / "pagefind.js", tmp_path / "staged" / "pagefind.js")
    kept_fragment = next(name for name in first if name.startswith("fragment/"))
    inode = (bundle.folder / kept_fragment).stat().st_ino

    write_documents(documents, {"kopi": "kopi arabika sindoro", "batik": "batik cap pekalongan"})
    second = bundle.make(documents, "second")
    assert files_in(bundle.folder) == second  # the changed page's old fragment is gone
    assert sum(name.startswith("fragment/") for name in second) == 2
    assert kept_fragment in second and (bundle.folder / kept_fragment).stat().st_ino == inode  # not written again
    assert os.stat(tmp_path / "staged" / "pagefind.js").st_nlink == 1  # made new, the linked one left as it was
    assert bundle.files("second") == second and bundle.files("first") is None


def test_a_run_that_did_not_finish_is_not_trusted(tmp_path):
    documents, store = tmp_path / "documents", tmp_path / "pagefind"
    write_documents(documents, {"kopi": "kopi arabika sindoro"})
    bundle = LanguageBundle(store, "domestic", "id")
    made = bundle.make(documents, "key")
    fragment = next(name for name in made if name.startswith("fragment/"))
    good = (bundle.folder / fragment).read_bytes()
    (bundle.folder / fragment).write_bytes(good[:5])  # cut short by a run stopped halfway
    bundle.marker.touch()
    assert bundle.files("key") is None
    assert bundle.make(documents, "key") == made
    assert (bundle.folder / fragment).read_bytes() == good


def test_other_pagefind_versions_bundles_are_removed(tmp_path):
    documents, store = tmp_path / "documents", tmp_path / "pagefind"
    write_documents(documents, {"kopi": "kopi arabika sindoro"})
    (store / "domestic-id-0.9.0" / "fragment").mkdir(parents=True)
    (store / "domestic-en-0.9.0").mkdir()
    LanguageBundle(store, "domestic", "id").make(documents, "key")
    assert not (store / "domestic-id-0.9.0").exists() and (store / "domestic-en-0.9.0").exists()
