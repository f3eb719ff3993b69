"""The staff editor in the built domestic site: /admin/ with its own CSP, the
generated config, the self-hosted Decap bundle; out of sitemaps and search."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from sadewa import decap

from ..conftest import ROOT
from .conftest import run_build

BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def need_bundle() -> None:
    if not BUNDLE.is_file():
        if os.environ.get("CI"):
            pytest.fail("node_modules/decap-cms is missing (CI is set): `make test` installs it with npm ci", pytrace=False)
        pytest.skip("node_modules/decap-cms is missing: run `make test` (npm ci) first")


@pytest.fixture(scope="module")
def admin(sample):
    need_bundle()
    return sample


def test_admin_page_has_its_own_csp_and_no_third_party_script(admin):
    page = admin.html("domestic/admin/")
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "connect-src 'self' blob: https://api.github.com" in csp and "object-src 'none'" in csp
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js"]
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert not page.select("[data-pagefind-body]")


def test_the_bundle_is_the_pinned_package(admin):
    assert (admin.output / "domestic" / "admin" / "decap-cms.js").read_bytes() == BUNDLE.read_bytes()
    assert not list((admin.output / "domestic" / "admin").glob("*.map"))


def test_config_is_generated_from_the_schema_and_the_catalog(admin):
    built = yaml.safe_load((admin.output / "domestic" / "admin" / "config.yml").read_text())
    expected = decap.config(ROOT / "products", "products", repo=built["backend"]["repo"], branch="main",
                            site_url="http://127.0.0.1:8000")
    assert built == expected


def test_admin_is_in_no_sitemap_url_list_or_search_index(admin):
    assert "/admin/" not in (admin.output / "domestic" / "sitemap.xml").read_text()
    assert "/admin/" not in (admin.output / "urls.txt").read_text()
    assert not (admin.output / "international" / "admin").exists()


def test_config_is_made_again_only_when_an_sme_changes(catalog_copy, tmp_path):
    """config.yml is kept while no SME changed its name (a collection each)."""
    need_bundle()
    out, cache = tmp_path / "out", tmp_path / "cache"

    def build(**env) -> dict:
        assert run_build(catalog_copy, out, cache, **env).result.returncode == 0
        return json.loads((cache / "build-stats.json").read_text())

    def config() -> dict:
        return yaml.safe_load((out / "domestic" / "admin" / "config.yml").read_text())

    assert "admin config kept" not in build()
    product, sme = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml", catalog_copy / "kopi-lereng" / "sme.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: 97000"))
    assert build()["admin config kept"] == 1

    sme.write_text(sme.read_text().replace("name: Kopi Lereng", "name: Kopi Lereng Sindoro"))
    assert "admin config kept" not in build()
    assert any(c.get("label") == "Produk: Kopi Lereng Sindoro" for c in config()["collections"])
