"""The catalog cache: unchanged files are not parsed again, and what it
gives is always what a fresh load gives."""

from __future__ import annotations

import datetime as dt

from sadewa import catalogcache, loader, yamlfile

TODAY = dt.date(2026, 11, 28)


def count_reads(monkeypatch) -> list:
    reads = []
    real = yamlfile.read

    def counting(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(yamlfile, "read", counting)
    return reads


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


def test_an_unreadable_cache_is_started_again(catalog_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / catalogcache.FILES).write_bytes(b"not a database")
    catalog, _ = catalogcache.load(catalog_copy, TODAY, cache)
    assert catalog is not None


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
