"""scripts/synthetic_catalog.py: deterministic, well-formed synthetic catalogs."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("synthetic_catalog", ROOT / "scripts" / "synthetic_catalog.py")
sc = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("synthetic_catalog", sc)
_spec.loader.exec_module(sc)

N = 200
SLUG = re.compile(r"(?=.*[a-z])[a-z0-9][a-z0-9-]{1,79}\Z")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth") / "catalog"
    counts = sc.generate(out, N, seed=7)
    return out, counts


@pytest.fixture(scope="module")
def parsed(catalog) -> dict[str, object]:
    out, _ = catalog
    return {rel: yaml.safe_load(data.decode("utf-8")) for rel, data in _tree(out).items()}


def _products(parsed):
    return {rel: d for rel, d in parsed.items()
            if rel.count("/") == 1 and not rel.startswith("_") and not rel.endswith("/sme.yaml")}


def _smes(parsed):
    return {rel: d for rel, d in parsed.items() if rel.endswith("/sme.yaml")}


def test_same_seed_gives_byte_identical_trees(tmp_path, catalog):
    first, _ = catalog
    second = tmp_path / "again"
    sc.generate(second, N, seed=7)
    a, b = _tree(first), _tree(second)
    assert sorted(a) == sorted(b)
    assert a == b


def test_other_seed_differs(tmp_path, catalog):
    first, _ = catalog
    other = tmp_path / "other"
    sc.generate(other, N, seed=8)
    assert _tree(first) != _tree(other)


def test_counts(catalog, parsed):
    _, counts = catalog
    assert counts["smes"] == 40 and counts["products"] == N
    assert len(_smes(parsed)) == 40
    assert len(_products(parsed)) == N
    assert len(parsed["_categories.yaml"]) == 9
    assert len(parsed["_regions.yaml"]) == 35
    assert counts["photos"] == 0


def test_sme_count_rounds_up_and_is_at_least_one(tmp_path):
    assert sc.generate(tmp_path / "a", 11)["smes"] == 3
    assert sc.generate(tmp_path / "b", 1)["smes"] == 1
    assert sc.generate(tmp_path / "c", 0)["smes"] == 1


def test_every_file_parses(catalog):
    out, _ = catalog
    for rel, data in _tree(out).items():
        assert rel.endswith(".yaml"), rel  # no images without --photos
        assert isinstance(yaml.safe_load(data.decode("utf-8")), (dict, list)), rel


def test_files_read_back_with_the_generated_values(catalog, parsed):
    files, _ = sc.build(N, seed=7)
    assert set(files) == set(parsed)
    for rel, data in files.items():
        assert parsed[rel] == data, rel


def test_catalog_wide_files(parsed):
    cats = parsed["_categories.yaml"]
    assert [c["slug"] for c in cats][:2] == ["batik", "tenun"]
    assert {c["slug"] for c in cats if c.get("halal_expected")} == {
        "makanan-ringan", "kopi-teh", "olahan-buah", "jamu-herbal"}
    regions = parsed["_regions.yaml"]
    assert sum(r["type"] == "kota" for r in regions) == 6
    assert {"wonosobo", "temanggung", "kota-semarang"} <= {r["slug"] for r in regions}


def test_smes_are_well_formed(parsed):
    regions = {r["slug"] for r in parsed["_regions.yaml"]}
    for rel, sme in _smes(parsed).items():
        assert SLUG.match(rel.split("/")[0]), rel
        assert sme["name"] and sme["region"] in regions and sme["story"]["id"]
        contact = sme["contact"]
        assert "whatsapp" in contact or "email" in contact
        for key in ("whatsapp", "phone"):
            if key in contact:
                assert isinstance(contact[key], str), (rel, key)
        if "email" in contact:
            assert contact["email"].endswith(".example")
        for cert in sme.get("certifications", []):
            assert isinstance(cert["number"], str)


def test_products_are_well_formed(parsed):
    categories = {c["slug"] for c in parsed["_categories.yaml"]}
    for rel, p in _products(parsed).items():
        slug = Path(rel).stem
        assert SLUG.match(slug) and slug not in {"sme", "page", "halaman"}, rel
        assert p["name"]["id"] and p["category"] in categories
        assert p["description"]["id"]
        assert p["price"].get("on_request") is True or p["price"]["idr"] > 0
        assert isinstance(p["added"], dt.date)
        assert p.get("status", "active") in {"active", "draft", "discontinued"}
        assert "images" not in p
        for cert in p.get("certifications", []):
            assert isinstance(cert["number"], str), rel


def test_export_products(parsed):
    exports = [(rel, p) for rel, p in _products(parsed).items() if "export" in p]
    assert 0.1 * N < len(exports) < 0.45 * N
    for rel, p in exports:
        assert p["name"].get("en"), rel
        assert p["description"].get("en"), rel
        ex = p["export"]
        assert isinstance(ex["hs_code"], str) and re.fullmatch(r"[0-9.]+", ex["hs_code"]), rel
        assert ex["price_usd"] > 0 and ex["moq"] > 0 and ex["lead_time_days"] > 0
        assert ex["incoterm"]


def test_halal_certificates_only_on_food(parsed):
    halal_cats = {c["slug"] for c in parsed["_categories.yaml"] if c.get("halal_expected")}
    seen = 0
    for rel, p in _products(parsed).items():
        for cert in p.get("certifications", []):
            if cert["type"] == "halal":
                seen += 1
                assert p["category"] in halal_cats, rel
                assert isinstance(cert["valid_until"], dt.date)
    assert seen > 0


def test_photos(tmp_path):
    from PIL import Image

    out = tmp_path / "photos"
    counts = sc.generate(out, 12, seed=3, photos=3)
    assert counts["photos"] == 3
    products = sorted(p for p in out.glob("*/*.yaml") if p.name != "sme.yaml")
    first, rest = products[:3], products[3:]
    for path in first:
        data = yaml.safe_load(path.read_text("utf-8"))
        assert data["images"] == [f"images/{path.stem}.jpg"]
        with Image.open(path.parent / "images" / f"{path.stem}.jpg") as im:
            assert im.format == "JPEG" and im.size == (1600, 1200)
    for path in rest:
        assert "images" not in yaml.safe_load(path.read_text("utf-8"))
    assert len(list(out.glob("*/images/*.jpg"))) == 3


def test_replaces_own_output_but_not_other_folders(tmp_path):
    out = tmp_path / "cat"
    sc.generate(out, 50)
    sc.generate(out, 5)  # a smaller run leaves nothing of the larger one
    assert len([p for p in out.glob("*/*.yaml") if p.name != "sme.yaml"]) == 5
    other = tmp_path / "mine"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        sc.generate(other, 5)
    assert (other / "keep.txt").exists()


@pytest.mark.parametrize("value", [
    "plain words", "yes", "No", "null", "true", "0812-2700-1234", "+62 813", "6281227001234",
    "0901.21", "1.5", "12:30", "2024-01-02", "a: b", "x #y", "-dash", "*star", "&amp", "!tag",
    "'q'", '"dq"', "trailing ", " leading", "tab\there", "é ü × 中文", "line\nbreak",
    "md\n\n- a\n- b\n", "two\n\n", "\nlead", "  indented\nx\n", "trail \nx\n", "\x85nel",
    "\u2028sep", "\x7f", "https://a.example/x", "a@b.example", "[x]", "{x}", "a, b", "",
])
def test_dump_yaml_round_trips_awkward_strings(value):
    data = {"s": value, "q": sc.Quoted(value), "l": [value], "f": sc.FlowList([value]),
            "m": sc.FlowMap(k=value), "d": dt.date(2026, 1, 2), "n": 3, "x": 1.5, "b": True}
    assert yaml.safe_load(sc.dump_yaml(data)) == data


def test_readable_by_the_project_loader(catalog):
    yamlfile = pytest.importorskip("sadewa.yamlfile")
    if not hasattr(yamlfile, "read"):
        pytest.skip("sadewa.yamlfile.read not available")
    out, _ = catalog
    for path in sorted(out.rglob("*.yaml")):
        doc, errors = yamlfile.read(path)
        assert not errors, (path, errors)
        assert doc.data == yaml.safe_load(path.read_text("utf-8")), path
