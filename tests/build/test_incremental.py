"""A rebuild renders only the pages whose inputs changed, and gives the same
output as a full build (Pagefind's own files aside: it orders them
differently on every run)."""

import filecmp
import json
import shutil

import pytest
from PIL import Image

from plugins.staged_output.presence import STAGE_MANIFEST
from sadewa.cachefiles import read_record, same_record
from sadewa.uptodate import output_manifest

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


def assert_same_search_index(updated_root, made_root) -> None:
    """The search index, brought up to date in place, uses the same pages'
    fragments and word index as one made from nothing, and keeps no other."""
    for site in ("domestic", "international"):
        for folder in ("fragment", "index"):
            updated, made = (sorted(p.name for p in (root / site / "pagefind" / folder).iterdir()) for root in (updated_root, made_root))
            assert updated == made and updated, (site, folder)
        assert len(list((updated_root / site / "pagefind").glob("*.pf_meta"))) == 2  # one per language


def test_rebuild_renders_only_what_changed(catalog_copy, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    first = stats(cache)["pages rendered"]

    again = run_build(catalog_copy, out, cache, PYTHONPROFILEIMPORTTIME="1")
    assert again.result.returncode == 0 and "up to date" in again.result.stdout
    assert stats(cache) == {"up to date": 1}  # Pelican did not even start
    imported = {line.rpartition("|")[2].strip() for line in again.result.stderr.splitlines() if line.startswith("import time:")}
    assert "sadewa.uptodate" in imported and not {"pelican", "jinja2"} & imported  # nor was it imported

    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.touch()  # a file saved again, unchanged: the build runs, no page changes
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    assert stats(cache)["pages rendered"] == 0

    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    changed = stats(cache)["pages rendered"]
    assert 0 < changed < first

    full = run_build(catalog_copy, tmp_path / "full", tmp_path / "full-cache")
    assert full.result.returncode == 0
    assert same_tree(out, tmp_path / "full") == []
    assert_same_search_index(out, tmp_path / "full")


IN_PLACE, LISTS_MOVE, EVERY_PAGE = "pages and lists stay", "lists move", "every page"
NEW_PRODUCT = """name:
  id: Kopi robusta Temanggung
  en: Temanggung robusta coffee
category: kopi-teh
price:
  idr: 60000
added: 2026-03-01
"""
# (file or folder, old text or None for a new file, new text or None to remove it, what the rebuild plans)
EDITS = {
    "price": ("kopi-lereng/arabika-sindoro.yaml", "idr: 95000", "idr: 97000", IN_PLACE),
    "last change (sitemaps)": ("kopi-lereng/arabika-sindoro.yaml", "added: 2025-06-01", "added: 2025-06-01\nupdated: 2026-02-01", IN_PLACE),
    "sme story": ("kopi-lereng/sme.yaml", "Kopi arabika dari lereng Sindoro.", "Kopi dari lereng Gunung Sindoro.", IN_PLACE),
    "region name (share cards)": ("_regions.yaml", "name: Temanggung", "name: Kabupaten Temanggung", IN_PLACE),
    "category name": ("_categories.yaml", "en: Coffee & tea}", "en: Coffee and tea}", IN_PLACE),
    "product name (list order)": ("kopi-lereng/arabika-sindoro.yaml", "Kopi arabika Sindoro", "Arabika Sindoro", LISTS_MOVE),
    "product category": ("kopi-lereng/arabika-sindoro.yaml", "category: kopi-teh", "category: batik", LISTS_MOVE),
    "new product": ("kopi-lereng/robusta-temanggung.yaml", None, NEW_PRODUCT, LISTS_MOVE),
    "sme name (share cards)": ("kopi-lereng/sme.yaml", "name: Kopi Lereng", "name: Kopi Lereng Sindoro", LISTS_MOVE),
    "sme region (pages go)": ("kopi-lereng/sme.yaml", "region: temanggung", "region: kota-pekalongan", LISTS_MOVE),
    "draft (pages go)": ("batik-sari/selendang.yaml", "status: discontinued", "status: draft", LISTS_MOVE),
    "product removed": ("kopi-lereng/arabika-sindoro.yaml", "", None, LISTS_MOVE),
    "sme removed": ("kopi-lereng", "", None, LISTS_MOVE),
    "collection title": ("_collections/pameran.yaml", "en: Export fair}", "en: Export fair 2026}", EVERY_PAGE),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_dependency_record_plans_only_what_an_edit_touches(catalog_copy, tmp_path, edit):
    """An edit that leaves every page and list in place plans only the pages
    showing the edited item; one that adds an item or moves it in its lists
    plans the pages showing those lists too, and those of the whole site's
    lists; a page gone or a collection changed plans them all. Either way
    the output is the full build's."""
    relpath, old, new, plans = EDITS[edit]
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    path = catalog_copy / relpath
    if old is None:
        assert not path.exists()
        path.write_text(new)
    elif new is None:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    else:
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new, 1))
    again = run_build(catalog_copy, out, cache)
    assert again.result.returncode == 0, again.result.stdout + again.result.stderr
    planned, every_page = stats(cache)["pages planned"], stats(cache)["pages rendered"] + stats(cache)["pages kept"]
    if plans == IN_PLACE:
        assert 0 < planned < every_page / 3
    elif plans == LISTS_MOVE:
        assert every_page / 3 < planned < every_page
    else:
        assert planned == every_page
    full = run_build(catalog_copy, tmp_path / "full", tmp_path / "full-cache")
    assert full.result.returncode == 0
    assert same_tree(out, tmp_path / "full") == []
    assert_same_search_index(out, tmp_path / "full")
    assert recorded_places(cache) == recorded_places(tmp_path / "full-cache")  # the next rebuild keeps pages there


def recorded_places(cache) -> dict:
    """Each page's name and place in the plan, as the render memo records them."""
    return {relpath: (entry[3], entry[6]) for relpath, entry in read_record(cache / "render-memo")["pages"].items()}


def test_up_to_date_only_while_the_output_is_whole(catalog_copy, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    page = out / "domestic/ukm/kopi-lereng/index.html"
    expected = page.read_bytes()
    page.unlink()  # someone tidied output/ by hand
    rebuilt = run_build(catalog_copy, out, cache)
    assert rebuilt.result.returncode == 0 and "up to date" not in rebuilt.result.stdout
    assert page.read_bytes() == expected


def test_a_new_day_builds_again(catalog_copy, tmp_path):
    """Certificates expire with the date: the reference date is an input."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    later = run_build(catalog_copy, out, cache, today="2027-02-01")
    assert later.result.returncode == 0 and "up to date" not in later.result.stdout


def test_output_folders_sharing_a_cache_each_get_what_they_lack(catalog_copy, tmp_path):
    """A build that ends with everything synced names one file as both the
    stage's manifest and its output folder's; a build for another folder
    replaces the stage's, so the first folder's record stays its own."""
    first, second, cache = tmp_path / "first", tmp_path / "second", tmp_path / "cache"
    assert run_build(catalog_copy, first, cache).result.returncode == 0
    assert same_record(cache / STAGE_MANIFEST, output_manifest(cache, first))

    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    assert run_build(catalog_copy, second, cache).result.returncode == 0
    assert not same_record(cache / STAGE_MANIFEST, output_manifest(cache, first))

    # The first folder still shows the old price: its own record says so.
    assert run_build(catalog_copy, first, cache).result.returncode == 0
    assert same_tree(first, second) == []
    assert_same_search_index(first, second)


def test_a_replaced_photo_renders_the_pages_that_show_it(catalog_copy, tmp_path):
    """A photo is part of what a page shows: new bytes under the same name
    give the pages new image files, as a full build would."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    photo = catalog_copy / "batik-sari" / "images" / "kain-jlamprang.jpg"
    with Image.open(photo) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo, quality=90)
    assert run_build(catalog_copy, out, cache).result.returncode == 0
    assert 0 < stats(cache)["pages rendered"] < stats(cache)["pages kept"]
    full = run_build(catalog_copy, tmp_path / "full", tmp_path / "full-cache")
    assert full.result.returncode == 0
    assert same_tree(out, tmp_path / "full") == []
