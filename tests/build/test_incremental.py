"""A rebuild renders only the pages whose inputs changed, and gives the same
output as a full build (Pagefind's own files aside: it orders them
differently on every run)."""

import filecmp
import json
import shutil

from .conftest import run_build


def stats(cache):
    return json.loads((cache / "build-stats.json").read_text())


def same_tree(left, right, ignore=("pagefind",)) -> list[str]:
    different = []

    def walk(compare, prefix=""):
        different.extend(prefix + name for name in compare.left_only + compare.right_only + compare.diff_files)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=list(ignore)))
    return different


def test_rebuild_renders_only_what_changed(catalog_copy, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    first = stats(cache)["pages rendered"]

    assert run_build(catalog_copy, out, cache).result.returncode == 0
    assert stats(cache)["pages rendered"] == 0

    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    changed = stats(cache)["pages rendered"]
    assert 0 < changed < first

    full = run_build(catalog_copy, tmp_path / "full", tmp_path / "full-cache")
    assert full.result.returncode == 0
    assert same_tree(out, tmp_path / "full") == []


def test_removed_page_renders_everything_again(catalog_copy, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    shutil.rmtree(catalog_copy / "kopi-lereng")  # an SME and its pages go
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    assert stats(cache)["pages kept"] == 0
    assert not (out / "domestic/ukm/kopi-lereng").exists()
