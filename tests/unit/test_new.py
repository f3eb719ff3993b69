"""`make new-sme`, `make new-product`: valid files with the other fields as comments."""

from __future__ import annotations

import re

import pytest

from sadewa import loader, schema, slugs, yamlfile

from ..conftest import TODAY, add_food_and_regions

from scripts import new


def run(products, *args, answers=None, interactive=False):
    answers = list(answers or [])
    return new.main(["--products", str(products), *args], ask=lambda _question: answers.pop(0), interactive=interactive)


@pytest.fixture
def catalog_copy(catalog_copy):
    return add_food_and_regions(catalog_copy)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kopi Arabika Sindoro (250 g)", "kopi-arabika-sindoro-250-g"),
        ("Çafé Été — Ñoño", "cafe-ete-nono"),
        ("Teh & Kopi", "teh-dan-kopi"),
        ("123", "produk-123"),
        ("a", "produk-a"),
        ("日本茶", "ri-ben-cha"),
    ],
)
def test_slugs_are_valid_and_transliterated(name, slug):
    made = slugs.slugify(name, "produk")
    assert made == slug and re.match(schema.SLUG_RE, made)


def test_a_slug_that_is_taken_or_reserved_gets_a_number():
    assert slugs.unique("sme", set()) == "sme-2"
    assert slugs.unique("batik", {"batik", "batik-2"}) == "batik-3"
    assert len(slugs.unique("x" * 80, {"x" * 80})) == 80


def test_new_product_validates_with_added_set_to_the_reference_date(catalog_copy, capsys):
    assert run(catalog_copy, "product", "--sme", "Batik Sari", "--name", "Kain Batik Parang", "--category", "Batik") == 0
    path = catalog_copy / "batik-sari" / "kain-batik-parang.yaml"
    doc, errors = yamlfile.read(path)
    assert not errors and doc.data["added"] == TODAY and doc.data["category"] == "batik"
    assert doc.data["status"] == "draft"
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert catalog is not None, problems.errors
    assert f"wrote {path}" in capsys.readouterr().out


def test_every_field_of_the_schema_is_in_the_scaffold_commented_or_not(catalog_copy):
    run(catalog_copy, "product", "--sme", "batik-sari", "--name", "Selendang Baru", "--category", "batik", "--price", "Rp 150.000")
    run(catalog_copy, "sme", "--name", "Tenun Baru", "--region", "Jepara", "--email", "halo@tenun.example", "--story", "Tenun ikat.")
    for path, model in ((catalog_copy / "batik-sari" / "selendang-baru.yaml", schema.ProductFile),
                        (catalog_copy / "tenun-baru" / "sme.yaml", schema.SmeFile)):
        text = path.read_text()
        keys = set(re.findall(r"^(?:# )?([a-z_]+):", text, flags=re.M))
        assert set(model.model_fields) <= keys, set(model.model_fields) - keys
    assert yamlfile.read(catalog_copy / "batik-sari" / "selendang-baru.yaml")[0].data["price"] == {"idr": 150000}


def test_the_slug_of_a_new_product_avoids_files_and_aliases(catalog_copy):
    run(catalog_copy, "product", "--sme", "batik-sari", "--name", "Kain Jlamprang", "--category", "batik")
    run(catalog_copy, "product", "--sme", "batik-sari", "--name", "Kain Jlamprang Lama", "--category", "batik")
    assert (catalog_copy / "batik-sari" / "kain-jlamprang-2.yaml").is_file()
    assert (catalog_copy / "batik-sari" / "kain-jlamprang-lama-2.yaml").is_file()  # kain-jlamprang-lama is an alias


def test_new_sme_by_region_name_validates(catalog_copy):
    assert run(catalog_copy, "sme", "--name", "Dapur Bu Tini", "--region", "Kota Pekalongan", "--whatsapp", "0812 3333 4444", "--story", "Masakan rumahan.") == 0
    doc, _ = yamlfile.read(catalog_copy / "dapur-bu-tini" / "sme.yaml")
    assert doc.data["region"] == "kota-pekalongan" and doc.data["contact"] == {"whatsapp": "0812 3333 4444"}
    assert loader.load(catalog_copy, TODAY)[0] is not None


def test_missing_values_are_asked_for_at_a_terminal(catalog_copy):
    answers = ["Batik Baru", "wonosbo", "kota-pekalongan", "", "halo@batikbaru.example", "Batik cap."]
    assert run(catalog_copy, "sme", answers=answers, interactive=True) == 0  # a wrong region is asked again
    assert (catalog_copy / "batik-baru" / "sme.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sme", "--region", "jepara", "--email", "a@b.co", "--story", "s"], "NAME is missing"),
        (["sme", "--name", "X Y", "--region", "jepara", "--story", "s"], "WHATSAPP or EMAIL is missing"),
        (["sme", "--name", "X Y", "--region", "wonosbo", "--email", "a@b.co", "--story", "s"], "did you mean `wonosobo`"),
        (["product", "--sme", "batik-sari", "--name", "X"], "CATEGORY is missing"),
        (["product", "--sme", "batik-sarii", "--name", "X", "--category", "batik"], "did you mean `batik-sari`"),
        (["product", "--sme", "batik-sari", "--name", "X", "--category", "batik", "--price", "murah"], "PRICE is `murah`"),
    ],
)
def test_without_a_terminal_what_is_missing_is_named(catalog_copy, capsys, args, message):
    assert run(catalog_copy, *args) == 2
    assert message in capsys.readouterr().err


def test_a_file_that_would_not_validate_is_not_left_behind(catalog_copy, capsys):
    assert run(catalog_copy, "sme", "--name", "Email Salah", "--region", "jepara", "--email", "bukan-email", "--story", "s") == 1
    assert not (catalog_copy / "email-salah").exists()
    assert "contact.email" in capsys.readouterr().out
