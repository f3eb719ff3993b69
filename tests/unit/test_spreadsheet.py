"""`make import` / `make export`: the spreadsheet template, read as staff mean it."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from sadewa import sheet, yamlfile

from ..conftest import ROOT, TODAY, add_food_and_regions

from scripts import spreadsheet


@pytest.fixture
def catalog_copy(catalog_copy):
    return add_food_and_regions(catalog_copy)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())


def run(products, *args):
    return spreadsheet.main(["--products", str(products), *args])


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def sample_copy(tmp_path):
    """The sample catalog of products/, copied."""
    shutil.copytree(ROOT / "products", tmp_path / "products")
    return tmp_path / "products"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_of_an_export_changes_nothing(sample_copy, tmp_path, capsys, suffix):
    before = snapshot(sample_copy)
    assert run(sample_copy, "export", str(tmp_path / f"katalog{suffix}")) == 0
    files = [tmp_path / "katalog.xlsx"] if suffix == ".xlsx" else [tmp_path / "katalog-smes.csv", tmp_path / "katalog-products.csv"]
    capsys.readouterr()
    assert run(sample_copy, "import", *map(str, files)) == 0
    assert snapshot(sample_copy) == before
    assert "0 new, 0 changed, " in capsys.readouterr().out.strip().splitlines()[-1]


def messy_workbook(path):
    """The usual problems: numbers for phone numbers, text dates, a merged
    cell, trailing spaces, region and category by name, and bad rows."""
    book = openpyxl.Workbook()
    smes = book.active
    smes.title = "UKM"
    smes.append(["sme", "name ", "region", "story_id", "contact_whatsapp", "established"])
    smes.append([None, "Keripik Sari Rasa  ", "Banyumas", "Keripik tempe renyah. ", 81227005555, "2015"])
    products = book.create_sheet("Produk")
    products.append(["sme", "product", "name_id", "name_en", "category", "price_idr", "halal_number", "halal_valid_until", "export_hs_code", "tags"])
    products.append(["keripik-sari-rasa", None, "Keripik Tempe Original ", None, "Makanan ringan", "Rp 15.000", "ID3311000099", "31/12/2027", None, "oleh-oleh; pedas"])
    products.append([None, None, "Keripik Tempe Pedas", "Spicy tempeh chips", "makanan-ringan", 16000, "ID3311000098", "14 Januari 2028", None, None])
    products.merge_cells("A2:A3")
    products.append(["keripik-sari-rasa", "kue-x", "Kue X", None, "makanan-ringan", "sembilan puluh ribu", None, "2026-02-30", 2008.19, None])
    products.append(["batik-sari", "kain-jlamprang", "Kain batik tulis jlamprang", "Hand-drawn jlamprang batik cloth", "batik", 900000, None, None, None, None])
    book.create_sheet("catatan").append(["catatan staf"])
    book.save(path)


def test_a_messy_sheet_imports_what_is_good_and_names_the_bad_row(catalog_copy, tmp_path, capsys):
    messy_workbook(tmp_path / "masuk.xlsx")
    jlamprang = (catalog_copy / "batik-sari" / "kain-jlamprang.yaml").read_text()
    assert run(catalog_copy, "import", str(tmp_path / "masuk.xlsx")) == 1
    out = capsys.readouterr().out
    assert "masuk.xlsx:Produk:4:price_idr: error: `price.idr` must be a whole number" in out
    assert "masuk.xlsx:Produk:4:halal_valid_until: error:" in out and "not a real calendar date" in out
    assert "masuk.xlsx:Produk:4:export_hs_code: error:" in out and "format the column as Text" in out
    assert "masuk.xlsx:UKM:2:contact_whatsapp: warning:" in out
    assert "3 new, 1 changed, 0 unchanged; 1 row(s) with errors not imported" in out

    sme = yamlfile.read(catalog_copy / "keripik-sari-rasa" / "sme.yaml")[0].data
    assert sme == {"name": "Keripik Sari Rasa", "region": "banyumas", "story": {"id": "Keripik tempe renyah."},
                   "contact": {"whatsapp": "081227005555"}, "established": 2015}
    original = yamlfile.read(catalog_copy / "keripik-sari-rasa" / "keripik-tempe-original.yaml")[0].data
    assert original["price"] == {"idr": 15000} and original["category"] == "makanan-ringan"
    assert original["certifications"] == [{"type": "halal", "number": "ID3311000099", "valid_until": dt.date(2027, 12, 31)}]
    assert original["added"] == TODAY and original["tags"] == ["oleh-oleh", "pedas"]
    pedas = yamlfile.read(catalog_copy / "keripik-sari-rasa" / "keripik-tempe-pedas.yaml")[0].data
    assert pedas["certifications"][0]["valid_until"] == dt.date(2028, 1, 14)  # the merged sme cell counted for row 3
    assert not (catalog_copy / "keripik-sari-rasa" / "kue-x.yaml").exists()
    # Only the price changed; comments, order and the other fields stay.
    assert (catalog_copy / "batik-sari" / "kain-jlamprang.yaml").read_text() == jlamprang.replace("idr: 850000", "idr: 900000")

    before = snapshot(catalog_copy)
    assert run(catalog_copy, "import", str(tmp_path / "masuk.xlsx")) == 1
    assert snapshot(catalog_copy) == before
    assert "0 new, 0 changed, 4 unchanged; 1 row(s) with errors not imported" in capsys.readouterr().out


def test_dry_run_shows_the_changes_and_writes_nothing(catalog_copy, tmp_path, capsys):
    (tmp_path / "p.csv").write_text("sme;product;price_idr;price_on_request;status\nbatik-sari;selendang;900.000;tidak;active\n", encoding="utf-8")
    before = snapshot(catalog_copy)
    assert run(catalog_copy, "import", "--dry-run", str(tmp_path / "p.csv")) == 0
    out = capsys.readouterr().out
    assert "would write products/batik-sari/selendang.yaml (changed; p.csv row 2)" in out
    assert "  price_idr: (empty) → 900000" in out and "  status: discontinued → active" in out
    assert snapshot(catalog_copy) == before


def test_csv_errors_name_row_and_column(catalog_copy, tmp_path, capsys):
    (tmp_path / "u.csv").write_text(
        "sme,name,region,story_id,contact_email,established,nmae\n"
        "batik-sari,Batik Sari,kota-pekalongan,Usaha batik tulis keluarga sejak 1985.,bukan-email,1985,x\n",
        encoding="utf-8",
    )
    assert run(catalog_copy, "import", str(tmp_path / "u.csv")) == 1
    out = capsys.readouterr().out
    assert "u.csv:1:nmae: error: unknown column `nmae`, not imported; did you mean `name`?" in out
    assert "u.csv:2:contact_email: error: `contact.email` is `bukan-email`; expected an e-mail address" in out


def test_a_product_is_never_deleted_and_fields_without_a_column_stay(catalog_copy, tmp_path):
    (tmp_path / "p.csv").write_text("sme,product,name_en\nbatik-sari,selendang,Batik shawl\n", encoding="utf-8")
    files = sorted((catalog_copy / "batik-sari").glob("*.yaml"))
    before = yamlfile.read(catalog_copy / "batik-sari" / "selendang.yaml")[0].data
    assert run(catalog_copy, "import", str(tmp_path / "p.csv")) == 0
    after = yamlfile.read(catalog_copy / "batik-sari" / "selendang.yaml")[0].data
    assert after == {**before, "name": {**before["name"], "en": "Batik shawl"}}
    assert sorted((catalog_copy / "batik-sari").glob("*.yaml")) == files


@pytest.mark.parametrize(
    ("header", "cell", "value"),
    [
        ("price_idr", "Rp 1.250.000", 1250000),
        ("export_price_usd", "12,5", 12.5),
        ("price_on_request", "ya", True),
        ("added", "14-03-2025", dt.date(2025, 3, 14)),
        ("added", 45000, dt.date(2023, 3, 15)),
        ("added", dt.datetime(2025, 3, 14, 0, 0), dt.date(2025, 3, 14)),
        ("dimensions_cm", "30; 20; 4,5", [30, 20, 4.5]),
        ("name_id", "  Kain\u00a0 ", "Kain"),
    ],
)
def test_cells_are_read_as_staff_meant_them(header, cell, value):
    assert sheet.PRODUCTS.column(header).read(cell).value == value


def test_a_phone_number_typed_as_a_number_gets_its_zero_back():
    column = sheet.SMES.column("contact_whatsapp")
    assert column.read(81227001234).value == "081227001234"
    assert column.read(6281227001234).value == "6281227001234"
    assert column.read("81227001234").warnings


def test_the_shipped_templates_are_up_to_date(tmp_path):
    written = spreadsheet.write_template(tmp_path)
    for path in written:
        shipped = ROOT / "docs" / path.name
        assert shipped.is_file(), f"docs/{path.name} is missing: run `make schema`"
        if path.suffix != ".xlsx":
            assert shipped.read_text() == path.read_text(), f"docs/{path.name} is stale: run `make schema`"
    book = openpyxl.load_workbook(ROOT / "docs" / "spreadsheet-template.xlsx")
    for kind in sheet.SHEETS:
        assert [c.value for c in book[kind.kind][1]] == kind.headers


def test_a_change_that_breaks_another_file_is_not_written(catalog_copy, tmp_path, capsys):
    (tmp_path / "p.csv").write_text("sme,product,status\nbatik-sari,kain-jlamprang,draft\n", encoding="utf-8")
    before = snapshot(catalog_copy)
    assert run(catalog_copy, "import", str(tmp_path / "p.csv")) == 1
    assert "products/_collections/pameran.yaml:8:5: error: `batik-sari/kain-jlamprang` cannot be in a collection" in capsys.readouterr().out
    assert snapshot(catalog_copy) == before


def test_an_empty_cell_keeps_the_field_and_a_dash_removes_it(catalog_copy, tmp_path, capsys):
    (tmp_path / "p.csv").write_text("sme,product,export_hs_code,export_incoterm,name_id\nbatik-sari,kain-jlamprang,,-,-\n", encoding="utf-8")
    before = yamlfile.read(catalog_copy / "batik-sari" / "kain-jlamprang.yaml")[0].data
    assert run(catalog_copy, "import", str(tmp_path / "p.csv")) == 1  # name_id cannot be removed: the row is not imported
    assert "p.csv:2:name_id: error: `name_id` cannot be removed" in capsys.readouterr().out
    (tmp_path / "p.csv").write_text("sme,product,export_hs_code,export_incoterm\nbatik-sari,kain-jlamprang,,-\n", encoding="utf-8")
    assert run(catalog_copy, "import", str(tmp_path / "p.csv")) == 0
    after = yamlfile.read(catalog_copy / "batik-sari" / "kain-jlamprang.yaml")[0].data
    export = dict(before["export"])
    del export["incoterm"]
    assert after == {**before, "export": export}
