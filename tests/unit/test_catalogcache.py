"""The catalog cache: unchanged files are not parsed again, and what it
gives is always what a fresh load gives."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from sadewa import catalogcache, loader, uptodate, yamlfile

TODAY = dt.date(2026, 11, 28)


def count_calls(monkeypatch, module, name: str) -> list:
    """The argument of every call of ``module.name`` from now on."""
    calls = []
    real = getattr(module, name)

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(module, name, counting)
    return calls


def count_reads(monkeypatch) -> list:
    return count_calls(monkeypatch, yamlfile, "read")


def test_after_one_change_only_that_file_is_parsed_again(catalog_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    reads = count_reads(monkeypatch)
    catalogcache.load(catalog_copy, TODAY, cache)
    assert len(reads) > 3

    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    reads.clear()
    cached, problems = catalogcache.load(catalog_copy, TODAY, cache)
    assert reads == [product]

    fresh, fresh_problems = loader.load(catalog_copy, TODAY)
    assert cached == fresh and problems.errors == fresh_problems.errors
    assert next(p for p in cached.products if p.slug == "arabika-sindoro").price_idr == 97000


def test_the_catalog_walked_for_the_builds_fingerprint_is_not_walked_again(catalog_copy, tmp_path, monkeypatch):
    walks = count_calls(monkeypatch, uptodate, "stat_lines")
    uptodate.fingerprint([catalog_copy], [], TODAY)
    assert walks.count(catalog_copy) == 1
    catalog, _ = catalogcache.load(catalog_copy, TODAY, tmp_path / "cache")
    assert walks.count(catalog_copy) == 1 and catalog is not None  # the fingerprint's lines, taken
    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    changed, _ = catalogcache.load(catalog_copy, TODAY, tmp_path / "cache")
    assert walks.count(catalog_copy) == 2  # taken once: a later load walks the catalog itself
    assert next(p for p in changed.products if p.slug == "arabika-sindoro").price_idr == 97000


def test_warnings_of_unchanged_files_come_from_their_kept_readings(catalog_copy, tmp_path):
    cache = tmp_path / "cache"
    sme = catalog_copy / "kopi-lereng" / "sme.yaml"
    sme.write_text(sme.read_text().replace("Kopi arabika dari lereng Sindoro.", "Kopi <b>arabika</b> dari lereng Sindoro."))
    catalogcache.load(catalog_copy, TODAY, cache)
    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    _, problems = catalogcache.load(catalog_copy, TODAY, cache)
    _, fresh = loader.load(catalog_copy, TODAY)
    assert problems.warnings == fresh.warnings
    assert any("sme.yaml" in w.path and "raw HTML" in w.message for w in problems.warnings)


def test_a_broken_file_is_reported_again_while_it_stays_broken(catalog_copy, tmp_path):
    cache = tmp_path / "cache"
    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: [95000"))
    for _ in range(2):
        catalog, problems = catalogcache.load(catalog_copy, TODAY, cache)
        assert catalog is None and any("arabika-sindoro.yaml" in p.path for p in problems.errors)


def test_with_two_workers_a_second_process_stores_the_catalog_and_the_next_load_waits_for_it(catalog_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache, workers=2)
    assert catalogcache._storing.pid  # stored by a forked process, not yet waited for
    reads = count_reads(monkeypatch)
    cached, _ = catalogcache.load(catalog_copy, TODAY, cache, workers=2)
    assert catalogcache._storing.pid is None and reads == []  # waited, then the stored catalog
    assert cached == loader.load(catalog_copy, TODAY)[0]


def test_an_unreadable_cache_is_started_again(catalog_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / catalogcache.FILES).write_bytes(b"not a database")
    catalog, _ = catalogcache.load(catalog_copy, TODAY, cache)
    assert catalog is not None


def test_a_stored_catalog_damaged_after_its_key_counts_as_none(catalog_copy, tmp_path, monkeypatch):
    """Its key still matches, and nothing after it can be read: the whole load runs."""
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    stored = cache / "catalog.pickle"
    with stored.open("rb") as handle:
        pickle.load(handle)  # the key, left whole
        key_end = handle.tell()
    stored.write_bytes(stored.read_bytes()[:key_end] + b"cut short")
    assert_whole_load_as_fresh(catalog_copy, cache, monkeypatch)


def test_new_loader_code_reads_every_file_again(catalog_copy, tmp_path, monkeypatch):
    """A file's checks belong to the code that made them: new rules see every file."""
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(catalogcache, "CODE", catalog_copy / "kopi-lereng")  # stands for other code
    catalogcache.load(catalog_copy, TODAY, cache)
    assert len(reads) > 3
    reads.clear()
    catalogcache.load(catalog_copy, TODAY, cache)  # same code, same files: the stored catalog
    assert reads == []


def test_an_image_is_decoded_again_only_when_it_changed(catalog_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    decoded = []
    real = loader._image_content_problem
    monkeypatch.setattr(loader, "_image_content_problem", lambda path, relative: decoded.append(path.name) or real(path, relative))
    catalogcache.load(catalog_copy, TODAY, cache)
    assert "kain-jlamprang.jpg" in decoded

    product = catalog_copy / "batik-sari" / "kain-jlamprang.yaml"
    product.write_text(product.read_text() + "\n")  # the catalog changed, the photo did not
    decoded.clear()
    catalog, _ = catalogcache.load(catalog_copy, TODAY, cache)
    assert catalog is not None and decoded == []

    photo = catalog_copy / "batik-sari" / "images" / "kain-jlamprang.jpg"
    photo.write_bytes(photo.read_bytes()[:400])  # cut short: must be found
    decoded.clear()
    catalog, problems = catalogcache.load(catalog_copy, TODAY, cache)
    assert decoded == ["kain-jlamprang.jpg"]
    assert catalog is None and any("kain-jlamprang.jpg" in p.message for p in problems.errors)


def assert_same_as_fresh(catalog_copy, cached, problems):
    fresh, fresh_problems = loader.load(catalog_copy, TODAY)
    assert cached == fresh and sorted(problems.items) == sorted(fresh_problems.items)
    if fresh is not None:
        assert cached.versions == fresh.versions
        assert [c.products for c in cached.collections] == [c.products for c in fresh.collections]


def assert_whole_load_as_fresh(catalog_copy, cache, monkeypatch) -> None:
    """Load with ``cache``: the whole load runs, once, and gives what a fresh load gives."""
    whole = []
    real = loader.load_again
    monkeypatch.setattr(loader, "load_again", lambda *args, **kwargs: whole.append(1) or real(*args, **kwargs))
    cached, problems = catalogcache.load(catalog_copy, TODAY, cache)
    assert whole == [1]
    assert_same_as_fresh(catalog_copy, cached, problems)


def forbid_whole_load(monkeypatch) -> None:
    def whole_load(*args, **kwargs):
        raise AssertionError("the whole load ran where a patch would do")

    monkeypatch.setattr(loader, "load_again", whole_load)


PRICE = ("kopi-lereng/arabika-sindoro.yaml", "idr: 95000", "idr: 97000")
RAW_HTML = ("kopi-lereng/arabika-sindoro.yaml", "added:", "description: {id: 'Kopi <b>wangi</b>'}\nadded:")
CERT_EXPIRES = ("kopi-lereng/arabika-sindoro.yaml", "2030-01-01", "2026-12-20")
IN_A_COLLECTION = ("batik-sari/kain-jlamprang.yaml", "name:", "tags: [tulis]\nname:")
SME_STORY = ("batik-sari/sme.yaml", "sejak 1985.", "sejak 1985, <i>tulis</i>.")  # its products, one in a collection, follow
SME_CONTACT = ("kopi-lereng/sme.yaml", "contact:", "contact:\n  phone: \"024-555-0101\"")


@pytest.mark.parametrize(
    "edit", [PRICE, RAW_HTML, CERT_EXPIRES, IN_A_COLLECTION, SME_STORY, SME_CONTACT],
    ids=["price", "raw-html", "cert-expires", "in-a-collection", "sme-story", "sme-contact"],
)
def test_an_edit_that_reaches_no_other_file_patches_the_last_catalog(catalog_copy, tmp_path, monkeypatch, edit):
    """Made, then undone: what the edit brought (a warning, say) goes again."""
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    name, old, new = edit
    product = catalog_copy / name
    original = product.read_text()
    assert old in original
    for text in (original.replace(old, new, 1), original):
        product.write_text(text)
        forbid_whole_load(monkeypatch)
        reads = count_reads(monkeypatch)
        cached, problems = catalogcache.load(catalog_copy, TODAY, cache)
        assert reads == [product]
        monkeypatch.undo()
        assert_same_as_fresh(catalog_copy, cached, problems)


NEW_PRODUCT = """name:
  id: Kopi robusta Temanggung
  en: Temanggung robusta coffee
category: kopi-teh
description: {id: Robusta dari lereng Sindoro., en: Robusta from the Sindoro slopes.}
price:
  idr: 60000
export:
  price_usd: 6
  moq: 100
  capacity_per_month: 500
  hs_code: "0901.21"
  incoterm: FOB Semarang
  lead_time_days: 14
added: 2026-03-01
"""
FILTER_COLLECTION = """title: {id: Kopi ekspor, en: Export coffee}
description: {id: Kopi siap ekspor., en: Export-ready coffee.}
event: {name: Coffee week, place: Semarang, date: 2026-12-10}
filter: {categories: [kopi-teh]}
"""


@pytest.mark.parametrize("filtered", [False, True], ids=["named-collection", "filter-collection"])
def test_adding_or_removing_a_product_patches_the_last_catalog(catalog_copy, tmp_path, monkeypatch, filtered):
    """A new product file of a known SME is read alone; a removed one is left
    out; a collection's filter picks the new product as a whole load would."""
    if filtered:
        (catalog_copy / "_collections" / "kopi.yaml").write_text(FILTER_COLLECTION)
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    new = catalog_copy / "kopi-lereng" / "a-robusta.yaml"  # read before arabika-sindoro's file: first in a filter's pick
    gone = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    kept = gone.read_text()
    for change in (lambda: new.write_text(NEW_PRODUCT), gone.unlink, lambda: gone.write_text(kept), new.unlink):
        change()
        forbid_whole_load(monkeypatch)
        reads = count_reads(monkeypatch)
        cached, problems = catalogcache.load(catalog_copy, TODAY, cache)
        monkeypatch.undo()
        assert set(reads) <= {new, gone, catalog_copy / "_collections" / "pameran.yaml", catalog_copy / "_collections" / "kopi.yaml"}
        assert_same_as_fresh(catalog_copy, cached, problems)
    if filtered:  # picked in the order the files are read, not by address: kopi-a-b.yaml comes before kopi-a.yaml
        for slug in ("kopi-a", "kopi-a-b"):
            (catalog_copy / "kopi-lereng" / f"{slug}.yaml").write_text(NEW_PRODUCT)
        forbid_whole_load(monkeypatch)
        cached, problems = catalogcache.load(catalog_copy, TODAY, cache)
        monkeypatch.undo()
        assert [p.slug for p in cached.collections[0].products] == ["kopi-a-b", "kopi-a"]
        assert_same_as_fresh(catalog_copy, cached, problems)


@pytest.mark.parametrize(
    "name, text",
    [
        ("kopi-lereng/robusta.yaml", NEW_PRODUCT.replace("added:", "aliases: [robusta-lama]\nadded:")),
        ("kopi-lereng/robusta.yaml", NEW_PRODUCT.replace("category: kopi-teh", "category: teh")),
        ("kopi-lereng/robusta.yaml", NEW_PRODUCT.replace("idr: 60000", "idr: [60000")),
        ("kopi-lereng/robusta.yaml", NEW_PRODUCT.replace("added:", "images: [images/robusta.jpg]\nadded:")),
        ("batik-sari/kain-jlamprang-lama.yaml", NEW_PRODUCT),
        ("kopi-lereng/halaman.yaml", NEW_PRODUCT),
        ("batik-sari/kain-jlamprang.yaml", None),
    ],
    ids=["alias", "unknown-category", "broken", "missing-image", "an-alias-address", "reserved-slug", "in-a-collection"],
)
def test_adding_or_removing_a_product_that_reaches_other_files_runs_the_whole_load(catalog_copy, tmp_path, monkeypatch, name, text):
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    path = catalog_copy / name
    if text is None:
        path.unlink()
    else:
        assert not path.exists()
        path.write_text(text)
    assert_whole_load_as_fresh(catalog_copy, cache, monkeypatch)


@pytest.mark.parametrize(
    "name, old, new",
    [
        ("kopi-lereng/arabika-sindoro.yaml", "category: kopi-teh", "category: batik"),
        ("kopi-lereng/arabika-sindoro.yaml", "added:", "status: draft\nadded:"),
        ("kopi-lereng/arabika-sindoro.yaml", "added:", "aliases: [arabika]\nadded:"),
        ("kopi-lereng/arabika-sindoro.yaml", "idr: 95000", "idr: [95000"),
        ("batik-sari/sme.yaml", "region: kota-pekalongan", "region: temanggung"),
        ("batik-sari/sme.yaml", "established: 1985", "established: 2030"),
        ("batik-sari/sme.yaml", "aliases: [batik-sari-lama]", "aliases: [batik-sari-lama, kopi-lereng]"),
        ("batik-sari/sme.yaml", "logo: images/logo.png", "status: inactive\nlogo: images/logo.png"),
        ("batik-sari/sme.yaml", "logo: images/logo.png", "logo: images/kain-jlamprang.jpg"),
    ],
    ids=["category", "status", "alias", "broken", "sme-region", "sme-established", "sme-alias", "sme-status", "sme-logo"],
)
def test_an_edit_that_reaches_other_files_runs_the_whole_load(catalog_copy, tmp_path, monkeypatch, name, old, new):
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    edited = catalog_copy / name
    assert old in edited.read_text()
    edited.write_text(edited.read_text().replace(old, new, 1))
    assert_whole_load_as_fresh(catalog_copy, cache, monkeypatch)


def test_a_whole_load_after_patches_reads_only_the_files_changed_since_the_last(catalog_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    catalogcache.load(catalog_copy, TODAY, cache)  # patched
    regions = catalog_copy / "_regions.yaml"
    regions.write_text(regions.read_text() + "\n")
    reads = count_reads(monkeypatch)
    cached, problems = catalogcache.load(catalog_copy, TODAY, cache)  # the regions changed: the whole load
    assert sorted(reads) == sorted([product, regions])
    assert_same_as_fresh(catalog_copy, cached, problems)
    assert next(p for p in cached.products if p.slug == "arabika-sindoro").price_idr == 97000
    reads.clear()
    catalogcache.load(catalog_copy, TODAY, cache)
    assert reads == []  # the whole load stored its catalog


def test_past_a_few_changed_products_the_whole_load_runs_and_is_stored(catalog_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    catalogcache.load(catalog_copy, TODAY, cache)
    monkeypatch.setattr(catalogcache, "PATCH_MOST", 1)
    first = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    first.write_text(first.read_text().replace("idr: 95000", "idr: 97000"))
    forbid_whole_load(monkeypatch)
    catalogcache.load(catalog_copy, TODAY, cache)  # one: patched
    monkeypatch.undo()
    monkeypatch.setattr(catalogcache, "PATCH_MOST", 1)
    second = catalog_copy / "batik-sari" / "kain-jlamprang.yaml"
    second.write_text(second.read_text().replace("idr: 850000", "idr: 860000"))
    reads = count_reads(monkeypatch)
    cached, problems = catalogcache.load(catalog_copy, TODAY, cache)  # two: the whole load
    assert sorted(reads) == sorted([first, second])
    assert_same_as_fresh(catalog_copy, cached, problems)
    reads.clear()
    catalogcache.load(catalog_copy, TODAY, cache)
    assert reads == []
