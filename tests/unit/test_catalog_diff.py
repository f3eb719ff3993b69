"""scripts/catalog_diff.py: what a pull request changes in the catalog."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ..conftest import FIXTURES

from scripts import catalog_diff


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "catalog", tmp_path, dirs_exist_ok=True)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "change")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_added_changed_renamed_and_removed(repo, capsys):
    products = repo / "products"
    jlamprang = products / "batik-sari" / "kain-jlamprang.yaml"
    jlamprang.write_text(jlamprang.read_text().replace("idr: 850000", "idr: 900000"))
    selendang = products / "batik-sari" / "selendang.yaml"
    selendang.write_text(selendang.read_text().replace("status: discontinued", "status: active"))
    git(repo, "mv", "products/kopi-lereng/arabika-sindoro.yaml", "products/kopi-lereng/arabika.yaml")
    git(repo, "rm", "-q", "products/kopi-lereng/robusta-draft.yaml")
    (products / "kopi-lereng" / "baru.yaml").write_text("name: {id: Kopi baru}\ncategory: kopi-teh\nprice: {idr: 1000}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")

    assert catalog_diff.main(["main"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Catalog changes")
    assert "1 product added, 2 products changed, 1 product renamed, 1 product removed." in out
    assert "| changed | product `batik-sari/kain-jlamprang` Kain batik tulis jlamprang | `price.idr` |" in out
    assert "`international: /products/batik-sari/kain-jlamprang/`" in out
    assert "status discontinued → active" in out
    assert "(was `kopi-lereng/arabika-sindoro`)<br>⚠ the old slug" in out
    assert "| removed | product `kopi-lereng/robusta-draft`" in out and "retire a product with `status: discontinued`" in out
    assert "| added | product `kopi-lereng/baru` Kopi baru |" in out


def test_job_summary_under_github_actions(repo, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert catalog_diff.main(["main"]) == 0
    assert summary.read_text() == capsys.readouterr().out == "### Catalog changes\n\nNothing in `products/` changed since `main`.\n"


def test_an_unknown_ref_is_a_message(repo, capsys):
    assert catalog_diff.main(["no-such-branch"]) == 2
    assert capsys.readouterr().err.startswith("error: ")
