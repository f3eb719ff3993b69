"""Validation rules of SPEC §1 that a fixture folder cannot hold: generated
files (over 1 MiB, deep nesting, symlinks), several faults in one run, the
`scripts/validate.py` command itself (exit status, no traceback, GitHub
annotations) and values that must come through unchanged."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sadewa import loader

from ..conftest import FIXTURES, ROOT, TODAY
from .test_rules import apply_fixture

VALIDATE = ROOT / "scripts" / "validate.py"
KOPI = Path("kopi-lereng")
ARABIKA = KOPI / "arabika-sindoro.yaml"


def _validate_module():
    spec = importlib.util.spec_from_file_location("sadewa_validate_script", VALIDATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shown(problems) -> list[str]:
    return [str(p) for p in problems.sorted()]


def has(lines: list[str], head: str, text: str) -> bool:
    return any(line.startswith(head + ": ") and text in line for line in lines)


def run_script(products: Path, *, timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    environment.update({"SADEWA_TODAY": TODAY.isoformat(), "PYTHONPATH": str(ROOT)}, **env)
    return subprocess.run(
        [sys.executable, str(VALIDATE), str(products)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout,
    )


def assert_clean_failure(result: subprocess.CompletedProcess) -> None:
    """Exit status 1, problems printed, and no Python traceback or crash."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 1, f"exit status {result.returncode}\n{output[-3000:]}"
    assert ": error: " in result.stdout, output[-3000:]


# -- files over 1 MiB ------------------------------------------------------------


def test_file_over_one_mib_is_an_error(catalog_copy: Path) -> None:
    path = catalog_copy / ARABIKA
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "description:\n  id: " + "Kopi arabika pilihan. " * 50_000 + "\n", encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    catalog, problems = loader.load(catalog_copy, TODAY)
    lines = shown(problems)
    assert has(lines, "products/kopi-lereng/arabika-sindoro.yaml:1:1: error", "at most 1 MiB"), lines
    assert catalog is None


def test_file_of_exactly_one_mib_is_accepted(catalog_copy: Path) -> None:
    path = catalog_copy / ARABIKA
    text = path.read_text(encoding="utf-8") + "# "
    padding = 1024 * 1024 - len(text.encode("utf-8")) - 1
    path.write_text(text + "x" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == 1024 * 1024
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert problems.errors == []
    assert catalog is not None


# -- every fault of every file in one run ---------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_many_faults_in_several_files_are_reported_together(catalog_copy: Path, capsys, monkeypatch) -> None:
    products = catalog_copy
    _edit(products / "batik-sari/sme.yaml", "region: kota-pekalongan", "region: kota-pekalongn")
    _edit(products / "batik-sari/kain-jlamprang.yaml", "  idr: 850000", "  idr: 0")
    _edit(products / ARABIKA, "category: kopi-teh", "category: kerajinan")
    _edit(products / ARABIKA, "    valid_until: 2030-01-01", "    valid_until: 2027-01-05")
    (products / "_categories.yaml").write_text(
        (products / "_categories.yaml").read_text(encoding="utf-8") + "- slug: batik\n  name: {id: Batik cap, en: Stamped batik}\n",
        encoding="utf-8",
    )
    _edit(products / "_collections/pameran.yaml", "  - batik-sari/kain-jlamprang\n", "  - batik-sari/kain-jlamprang\n  - kopi-lereng/robusta-draft\n")
    (products / KOPI / "kopi-bubuk.yml").write_text("name: {id: Kopi bubuk}\n", encoding="utf-8")
    (products / "README.md").write_text("Katalog.\n", encoding="utf-8")

    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    status = _validate_module().main([str(products)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    expected = [
        ("products/batik-sari/sme.yaml:2:1: error", "`region` is `kota-pekalongn`, which is not in _regions.yaml; did you mean `kota-pekalongan`?"),
        ("products/batik-sari/kain-jlamprang.yaml:9:3: error", "`price.idr` must be greater than 0"),
        ("products/kopi-lereng/arabika-sindoro.yaml:4:1: error", "`category` is `kerajinan`"),
        ("products/kopi-lereng/arabika-sindoro.yaml:10:5: warning", "expires on 2027-01-05"),
        ("products/_categories.yaml:6:3: error", "duplicate category slug `batik`"),
        ("products/_collections/pameran.yaml:9:5: error", "`kopi-lereng/robusta-draft` cannot be in a collection"),
        ("products/kopi-lereng/kopi-bubuk.yml:1:1: error", "rename to kopi-bubuk.yaml"),
        ("products/README.md:1:1: error", "files belong in an SME folder"),
    ]
    missing = [f"{head}: …{text}…" for head, text in expected if not has(lines, head, text)]
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n--- output:\n" + out
    assert status == 1
    assert "Traceback" not in out


def test_warnings_alone_do_not_fail(catalog_copy: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    status = _validate_module().main([str(catalog_copy)])
    out = capsys.readouterr().out
    assert "products/batik-sari/selendang.yaml:1:1: warning: product without English" in out
    assert "0 error(s), 1 warning(s)" in out
    assert status == 0


# -- no traceback, whatever the input ---------------------------------------------------


def _garbage_catalog(products: Path) -> None:
    """Many kinds of broken input at once; each must become a message."""
    rnd = random.Random(3)
    (products / "batik-sari/kain-jlamprang.yaml").write_bytes(bytes(rnd.randrange(256) for _ in range(2000)))
    (products / "batik-sari/images/kain-jlamprang.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    (products / KOPI / "folder.yaml").mkdir()
    (products / "_categories.yaml").unlink()
    (products / "_categories.yaml").mkdir()
    (products / "_regions.yaml").write_text("- 5\n- slug: temanggung\n  name: T\n  type: kota\n")
    (products / "_collections/kosong.yaml").write_text("~\n")
    (products / "_collections/daftar.yaml").write_text("- a\n")
    (products / KOPI / "kunci.yaml").write_text("[a, b]: c\n? {x: 1}\n: d\n")
    (products / KOPI / "kontrol.yaml").write_text("name: {id: a\x07b}\n")
    (products / KOPI / "kosong.yaml").write_text("")
    (products / KOPI / "latin1.yaml").write_bytes("name: {id: Kopi caf\u00e9}\n".encode("latin-1"))
    (products / KOPI / "bom.yaml").write_text('a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nname: *c\n')
    (products / KOPI / "nulls.yaml").write_text("name:\ncategory:\nprice:\nimages:\n  -\ncertifications:\n  - \nexport:\n")
    (products / KOPI / "tipe.yaml").write_text("name: {id: !!binary aGVsbG8=}\ncategory: !custom batik\nprice: !!set {a, b}\n")
    (products / KOPI / "angka.yaml").write_text("name: {id: .inf}\ncategory: 1e400\nprice: {idr: 99999999999999999999999}\ndimensions_cm: [.nan, 1]\n")
    (products / KOPI / "sintaks.yaml").write_text("name:\n  id: Kopi\n    en: Coffee\n")
    (products / "_tags.yaml").write_text("- kopi\n")
    (products / "toko-baru").mkdir()
    (products / "toko-baru/produk.yaml").write_text("name: {id: x}\n")


def test_validate_script_prints_no_traceback_on_broken_input(catalog_copy: Path) -> None:
    _garbage_catalog(catalog_copy)
    result = run_script(catalog_copy)
    assert_clean_failure(result)
    for head in (
        "products/batik-sari/kain-jlamprang.yaml:",
        "products/kopi-lereng/bom.yaml:",
        "products/kopi-lereng/latin1.yaml:",
        "products/kopi-lereng/kosong.yaml:1:1: error: file is empty",
        "products/kopi-lereng/sintaks.yaml:3:",
    ):
        assert head in result.stdout, result.stdout


def test_validate_script_on_a_missing_catalog(tmp_path: Path) -> None:
    assert_clean_failure(run_script(tmp_path / "products"))


def test_validate_script_with_a_bad_reference_date(catalog_copy: Path) -> None:
    result = run_script(catalog_copy, SADEWA_TODAY="28-11-2026")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode != 0
    assert "SADEWA_TODAY" in result.stdout + result.stderr


def test_deeply_nested_yaml_is_an_error_not_a_traceback(catalog_copy: Path) -> None:
    # 2 KB of brackets: the file is small, the nesting is not.
    (catalog_copy / ARABIKA).write_text("name: " + "[" * 1000 + "]" * 1000 + "\n")
    result = run_script(catalog_copy)
    assert_clean_failure(result)
    assert "products/kopi-lereng/arabika-sindoro.yaml:1:" in result.stdout


def test_very_deeply_nested_yaml_does_not_crash_the_validator(catalog_copy: Path) -> None:
    # 200 KB, well under the 1 MiB limit; must not overflow the C stack.
    (catalog_copy / ARABIKA).write_text("name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_script(catalog_copy)
    assert_clean_failure(result)
    assert "products/kopi-lereng/arabika-sindoro.yaml:1:" in result.stdout


def test_symlink_loop_as_image_is_an_error_not_a_traceback(catalog_copy: Path) -> None:
    images = catalog_copy / "batik-sari/images"
    (images / "putar-a.jpg").symlink_to("putar-b.jpg")
    (images / "putar-b.jpg").symlink_to("putar-a.jpg")
    _edit(catalog_copy / "batik-sari/kain-jlamprang.yaml", "  - images/kain-jlamprang.jpg", "  - images/putar-a.jpg")
    result = run_script(catalog_copy)
    assert_clean_failure(result)
    assert "products/batik-sari/kain-jlamprang.yaml:12:5: error:" in result.stdout, result.stdout


def test_symlink_leaving_the_sme_folder_is_an_error(catalog_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.jpg"
    outside.write_bytes((catalog_copy / "batik-sari/images/kain-jlamprang.jpg").read_bytes())
    (catalog_copy / "batik-sari/images/tautan.jpg").symlink_to(outside)
    _edit(catalog_copy / "batik-sari/kain-jlamprang.yaml", "  - images/kain-jlamprang.jpg", "  - images/tautan.jpg")
    catalog, problems = loader.load(catalog_copy, TODAY)
    lines = shown(problems)
    assert has(lines, "products/batik-sari/kain-jlamprang.yaml:12:5: error", "points outside the SME folder"), lines
    assert catalog is None


# -- YAML alias bombs -----------------------------------------------------------------------


def test_alias_bomb_is_reported_as_an_error(catalog_copy: Path) -> None:
    # 10**30 strings if expanded; the file is a few KB.
    rows = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 30)]
    path = catalog_copy / ARABIKA
    path.write_text("\n".join(rows) + "\n" + path.read_text(encoding="utf-8") + "tags: *l29\n", encoding="utf-8")
    catalog, problems = loader.load(catalog_copy, TODAY)
    lines = shown(problems)
    assert any(
        line.startswith("products/kopi-lereng/arabika-sindoro.yaml:") and ": error: " in line and "anchors and aliases" in line
        for line in lines
    ), lines
    assert catalog is None


# -- GitHub Actions -----------------------------------------------------------------------------


def test_github_annotations_and_step_summary(catalog_copy: Path, tmp_path: Path) -> None:
    sme = catalog_copy / KOPI / "sme.yaml"
    sme.write_text(sme.read_text(encoding="utf-8") + '  whatsap: "0812-2700-1234"\n', encoding="utf-8")
    # a YAML error whose message spans lines must still be one annotation
    (catalog_copy / "batik-sari/kontrol.yaml").write_text("name: {id: a\x07b}\n")
    summary = tmp_path / "summary.md"
    result = run_script(catalog_copy, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "::error file=products/kopi-lereng/sme.yaml,line=7,col=3::unknown field `contact.whatsap`; did you mean `whatsapp`?" in lines
    assert any(line.startswith("::warning file=products/batik-sari/selendang.yaml,line=1,col=1::product without English") for line in lines), lines
    assert any(line.startswith("::error file=products/batik-sari/kontrol.yaml,line=1,col=1::not valid YAML") for line in lines), lines
    problem_lines = [line for line in lines if "error(s)" not in line]
    assert problem_lines and all(line.startswith(("::error ", "::warning ")) for line in problem_lines), lines
    text = summary.read_text(encoding="utf-8")
    assert "products/kopi-lereng/sme.yaml:7:3: error: unknown field `contact.whatsap`" in text
    assert "products/batik-sari/selendang.yaml:1:1: warning: product without English" in text
    assert "products/batik-sari/kontrol.yaml:1:1: error: not valid YAML" in text


def test_plain_output_outside_github(catalog_copy: Path, tmp_path: Path) -> None:
    apply_fixture(FIXTURES / "rules" / "unknown-field", catalog_copy)
    summary = tmp_path / "summary.md"
    result = run_script(catalog_copy, GITHUB_STEP_SUMMARY=str(summary))
    assert "products/batik-sari/sme.yaml:6:3: error: unknown field `contact.whatsap`; did you mean `whatsapp`?" in result.stdout.splitlines()
    assert "::error" not in result.stdout
    assert not summary.exists()


# -- values come through as written -----------------------------------------------------------


def test_values_are_not_silently_changed(catalog_copy: Path) -> None:
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert problems.errors == []
    sme = next(s for s in catalog.smes if s.slug == "batik-sari")
    assert sme.contact.whatsapp == "6281227001234"
    assert sme.certifications[0].number == "IDM000123456"
    kain = next(p for p in catalog.products if p.slug == "kain-jlamprang")
    assert kain.export.hs_code == "6214.90"
    assert kain.price_idr == 850000
    arabika = next(p for p in catalog.products if p.slug == "arabika-sindoro")
    assert arabika.certifications[0].number == "ID33110000123450322"


@pytest.mark.parametrize("written", ['"0812-2700-1234"', '"+62 812 2700 1234"', '"6281227001234"', '"62 812-2700-1234"', "'0812 2700 1234'"])
def test_whatsapp_forms_are_normalized(catalog_copy: Path, written: str) -> None:
    _edit(catalog_copy / "batik-sari/sme.yaml", '  whatsapp: "0812-2700-1234"', f"  whatsapp: {written}")
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert problems.errors == []
    assert next(s for s in catalog.smes if s.slug == "batik-sari").contact.whatsapp == "6281227001234"


def test_numbers_written_for_text_are_quoted_back_as_written(catalog_copy: Path) -> None:
    (catalog_copy / KOPI / "sme.yaml").write_text(
        (catalog_copy / KOPI / "sme.yaml").read_text(encoding="utf-8")
        + "  phone: 0271234567\n  whatsapp: 081227001234\nowner: 1.500\n",
        encoding="utf-8",
    )
    _, problems = loader.load(catalog_copy, TODAY)
    messages = {(p.line, p.col): p.message for p in problems.errors if p.path == "products/kopi-lereng/sme.yaml"}
    assert "`0271234567`" in messages[(7, 3)] and "`271234567`" not in messages[(7, 3)], messages
    assert "`081227001234`" in messages[(8, 3)] and "`81227001234`" not in messages[(8, 3)], messages
    assert "`1.500`" in messages[(9, 1)] and "`1.5`" not in messages[(9, 1)], messages


def test_explicit_str_tag_stays_text(catalog_copy: Path) -> None:
    # `!!str` says "this is text" in any YAML version; it must not be read as a number.
    _edit(catalog_copy / "batik-sari/sme.yaml", '  whatsapp: "0812-2700-1234"', "  whatsapp: !!str 081227001234")
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert problems.errors == [], shown(problems)
    assert next(s for s in catalog.smes if s.slug == "batik-sari").contact.whatsapp == "6281227001234"


# -- messages that point the right way -------------------------------------------------------


def test_quote_hint_for_a_list_item_is_valid_yaml(catalog_copy: Path) -> None:
    # `tags: [kopi, 1.500]`: the hint must not tell staff to write `1: "1.500"` (a mapping).
    (catalog_copy / ARABIKA).write_text(
        (catalog_copy / ARABIKA).read_text(encoding="utf-8") + "tags:\n  - kopi\n  - 1.500\n", encoding="utf-8"
    )
    _, problems = loader.load(catalog_copy, TODAY)
    [message] = [p.message for p in problems.errors if p.path == "products/kopi-lereng/arabika-sindoro.yaml"]
    assert '"1.500"' in message
    assert '1: "1.500"' not in message, message


def test_a_product_with_an_error_is_not_called_missing_by_a_collection(catalog_copy: Path) -> None:
    # kain-jlamprang exists; its own error is enough. "not in the catalog; did you mean
    # `batik-sari/selendang`?" sends staff the wrong way.
    _edit(catalog_copy / "batik-sari/kain-jlamprang.yaml", "  idr: 850000", "  idr: 0")
    _, problems = loader.load(catalog_copy, TODAY)
    lines = shown(problems)
    assert has(lines, "products/batik-sari/kain-jlamprang.yaml:9:3: error", "`price.idr` must be greater than 0"), lines
    assert not any("not in the catalog" in line for line in lines), lines
