"""A failed build prints what is wrong, without a traceback, and leaves the
last good output byte for byte as it was; hostile text never reaches a page."""

import hashlib
from pathlib import Path

from .conftest import run_build


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_failed_build_leaves_output_untouched(catalog_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    good = run_build(catalog_copy, output, cache)
    assert good.result.returncode == 0, good.result.stderr
    before = snapshot(output)
    assert before

    product = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    product.write_text(product.read_text().replace("idr: 95000", "idr: lots"), encoding="utf-8")
    failed = run_build(catalog_copy, output, cache)
    assert failed.result.returncode == 1
    assert "Traceback" not in failed.result.stdout + failed.result.stderr
    assert "products/kopi-lereng/arabika-sindoro.yaml:6:3: error:" in failed.result.stdout
    assert "price.idr" in failed.result.stdout
    assert snapshot(output) == before


def test_broken_link_stops_the_build(catalog_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert run_build(catalog_copy, output, cache).result.returncode == 0
    before = snapshot(output)
    # A relative link in a description that leads nowhere on the site.
    page = catalog_copy / "batik-sari" / "kain-jlamprang.yaml"
    page.write_text(page.read_text().replace("Kain batik tulis motif jlamprang", "Lihat [x](../../tidak-ada/)"), encoding="utf-8")
    result = run_build(catalog_copy, output, cache)
    assert result.result.returncode == 1, result.result.stdout
    assert "broken internal link" in result.result.stderr
    assert "Traceback" not in result.result.stderr
    assert snapshot(output) == before


def test_second_build_rewrites_nothing(catalog_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert run_build(catalog_copy, output, cache).result.returncode == 0
    first = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    assert run_build(catalog_copy, output, cache).result.returncode == 0
    second = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    assert first == second


HOSTILE = """\
Hello <script>alert(1)</script> <img src=x onerror=alert(2)>

[click](javascript:alert(3)) [ok](https://example.org) <a href="https://evil.example" onclick="x()">a</a>

<iframe src="https://evil.example"></iframe>
"""


def test_hostile_markdown_is_neutralized(catalog_copy, tmp_path):
    product = catalog_copy / "batik-sari" / "kain-jlamprang.yaml"
    text = product.read_text()
    indented = "\n".join("    " + line for line in HOSTILE.splitlines())
    text = text.replace("  id: Kain batik tulis motif jlamprang, pewarna alam.", "  id: |\n" + indented)
    product.write_text(text, encoding="utf-8")
    build = run_build(catalog_copy, tmp_path / "output", tmp_path / "cache")
    assert build.result.returncode == 0, build.result.stdout + build.result.stderr
    page = build.html("domestic/produk/batik-sari/kain-jlamprang/")
    description = page.select_one(".description")
    assert description.find("script") is None and description.find("iframe") is None and description.find("img") is None
    for tag in description.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
    hrefs = [a["href"] for a in description.find_all("a", href=True)]
    assert hrefs == ["https://example.org"]
    assert description.find("a")["rel"] == ["nofollow", "noopener"]
    assert "javascript:" not in str(description.find_all("a"))
