"""The staff web editor (Decap CMS at /admin/) against Decap's own local
server in git mode, on a temporary git repository of the fixture catalog:
what the editor saves must validate, load back unchanged and build."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from sadewa import decap, loader, schema, yamlfile

from ..build.conftest import run_build
from ..conftest import FIXTURES, TODAY
from .conftest import _guard, _unavailable
from .support import ROOT

SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
SME = "batik-sari"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding the fixture catalog on `main`."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "catalog", repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Staf Dinas")
    _git(repo, "config", "user.email", "staf@sadewa.example")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "catalog")
    return repo


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_server(repo):
    """decap-server in git mode on 127.0.0.1 at a port chosen now (it reads
    PORT and BIND_HOST); its API URL. Stopped after the test."""
    node = shutil.which("node")
    if node is None or not SERVER.is_file():
        _unavailable("node or node_modules/decap-server is missing; run `make test` (npm ci) first")
    port = _free_port()
    env = {**os.environ, "MODE": "git", "BIND_HOST": "127.0.0.1", "PORT": str(port), "GIT_REPO_DIRECTORY": str(repo)}
    process = subprocess.Popen([node, str(SERVER)], cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        started = process.stdout.readline()  # blocks until it listens (or exits)
        assert "listening" in started, f"decap-server did not start: {started}{process.stdout.read() if process.poll() is not None else ''}"
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def editor(browser, site_urls, built_sites, repo, local_server):
    """The admin page of the built domestic site, logged in to the local server,
    with the config generated for the temporary repository. A browser context
    of its own: Decap keeps the login and drafts in the browser's storage."""
    if not (built_sites / "domestic" / "admin" / "decap-cms.js").is_file():
        _unavailable("the build has no /admin/ (node_modules/decap-cms missing); run `make test` (npm ci) first")
    context = browser.new_context()
    context.route("**/*", _guard)  # nothing leaves 127.0.0.1
    page = context.new_page()
    config = decap.config(repo / "products", "products", repo="example/catalog", branch="main", site_url=site_urls["domestic"])
    config["local_backend"] = {"url": local_server}
    page.route("**/admin/config.yml", lambda route: route.fulfill(body=decap.render(config), content_type="text/yaml"))
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(site_urls["domestic"] + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Collections").first.wait_for()
    yield page
    context.close()
    assert not errors, "the admin's CSP blocked something:\n" + "\n".join(errors)


def _branch_file(repo: Path, branch: str, path: str) -> str:
    return _git(repo, "show", f"{branch}:{path}")


def _catalog_with(tmp_path: Path, relpath: str, text: str) -> Path:
    products = tmp_path / "check" / "products"
    shutil.copytree(FIXTURES / "catalog" / "products", products)
    (products.parent / relpath).write_text(text, encoding="utf-8")
    return products


def test_products_of_an_sme_are_listed_without_its_sme_file(editor, site_urls):
    editor.goto(site_urls["domestic"] + f"admin/#/collections/produk-{SME}")
    editor.get_by_text("Kain batik tulis jlamprang").wait_for()
    links = [a.get_attribute("href") for a in editor.locator(f'a[href*="/collections/produk-{SME}/entries/"]').all()]
    assert links and not any(href.endswith("/entries/sme") for href in links), links


def test_a_product_created_in_the_editor_validates_and_builds(editor, site_urls, repo, tmp_path):
    editor.goto(site_urls["domestic"] + f"admin/#/collections/produk-{SME}/new")
    editor.locator('[id^="id-field-"]').first.fill("Kain Batik Uji Coba")
    editor.locator('[id^="category-field-"]').fill("batik")
    editor.locator('[id^="idr-field-"]').fill("125000")
    # Text that YAML 1.1 would turn into numbers, booleans or dates.
    editor.locator('[id^="tags-field-"]').fill("0271, yes, 1.500, 2025-01-01")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for_url("**/entries/kain-batik-uji-coba")

    # Editorial workflow: the entry is a branch of its own, to become a pull request.
    branch = f"cms/produk-{SME}/kain-batik-uji-coba"
    relpath = f"products/{SME}/kain-batik-uji-coba.yaml"
    text = _branch_file(repo, branch, relpath)
    assert "main" in _git(repo, "branch") and not (repo / relpath).exists()

    products = _catalog_with(tmp_path, relpath, text)
    catalog, problems = loader.load(products, TODAY)
    assert catalog is not None, "\n".join(map(str, problems.errors))
    product = next(p for p in catalog.products if p.key == f"{SME}/kain-batik-uji-coba")
    assert product.tags == ("0271", "yes", "1.500", "2025-01-01")
    assert product.price_idr == 125000 and product.category.slug == "batik"
    assert product.added is not None

    build = run_build(products, tmp_path / "out", tmp_path / "cache")
    assert build.result.returncode == 0, build.result.stdout + build.result.stderr
    assert build.exists(f"domestic/produk/{SME}/kain-batik-uji-coba/")


def test_an_edit_in_the_editor_changes_that_field_only(editor, site_urls, repo, tmp_path):
    relpath = f"products/{SME}/kain-jlamprang.yaml"
    before, _ = yamlfile.read(repo / relpath)
    editor.goto(site_urls["domestic"] + f"admin/#/collections/produk-{SME}/entries/kain-jlamprang")
    price = editor.locator('[id^="idr-field-"]')
    price.fill("900000")
    editor.get_by_role("button", name="Save").click()
    editor.get_by_text("Unsaved changes").wait_for(state="detached")

    text = _branch_file(repo, f"cms/produk-{SME}/kain-jlamprang", relpath)
    products = _catalog_with(tmp_path, relpath, text)
    after, errors = yamlfile.read(products.parent / relpath)
    assert not errors
    expected = {**before.data, "price": {**before.data["price"], "idr": 900000}}
    assert after.data == expected  # Decap's YAML 1.2 reads back as it was: "6214.90" stays text
    _, problems = loader.validate(after, schema.ProductFile)
    assert not problems
