"""`make report`: what the staff report shows, on the fixture catalog."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from sadewa import loader

from ..conftest import TODAY

from scripts import report


@pytest.fixture
def catalog(catalog_copy):
    """The fixture catalog (its `selendang` has no English) with a halal
    certificate that expired, one that expires within 60 days and one within 90."""
    kopi = catalog_copy / "kopi-lereng" / "arabika-sindoro.yaml"
    text = re.sub(r"certifications:\n(?:  .*\n)+", "", kopi.read_text())  # its own valid halal one goes
    certs = "".join(
        f"  - type: {kind}\n    number: \"ID-{kind}-{days}\"\n    valid_until: {(TODAY + dt.timedelta(days=days)).isoformat()}\n"
        for kind, days in (("halal", -3), ("pirt", 45), ("bpom", 80))
    )
    kopi.write_text(text + "certifications:\n" + certs)
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert catalog is not None, problems.errors
    return catalog


def test_sections(catalog):
    found = report.sections(catalog)
    assert [(c.certificate.type, c.days_left) for c in found["expired"]] == [("halal", -3)]
    assert [(c.certificate.type, c.days_left) for c in found["expiring_soon"]] == [("pirt", 45)]
    assert [(c.certificate.type, c.days_left) for c in found["expiring_later"]] == [("bpom", 80)]
    # Kopi is halal-expected; its only halal certificate expired.
    assert [(c.region, c.expected, c.certified) for c in found["coverage"]] == [("Temanggung", 1, 0)]
    assert [p.key for p in found["no_english"]] == ["batik-sari/selendang"]
    assert "batik-sari/kain-jlamprang" not in [p.key for p in found["no_english"]]
    assert "kopi-lereng/arabika-sindoro" in [p.key for p in found["no_photos"]]
    assert "kopi-lereng/robusta-draft" not in [p.key for p in found["no_photos"]]  # drafts are left out


def test_the_page_is_standalone_with_svg_charts(catalog, tmp_path, monkeypatch):
    html = report.render(catalog, "id")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "id"
    assert not soup.find_all("script") and not soup.find_all("link", rel="stylesheet")
    assert not soup.select("[src^=http], [href^=http]")
    charts = soup.find_all("svg")
    assert len(charts) >= 3 and all(svg.get("role") == "img" and svg.title for svg in charts)
    text = soup.get_text(" ")
    assert "ID-halal--3" in text and "ID-pirt-45" in text and "ID-bpom-80" in text
    assert "kopi-lereng/arabika-sindoro" in text and "batik-sari/selendang" in text


def test_the_command_writes_the_file(catalog_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())
    target = tmp_path / "report" / "index.html"
    assert report.main(["--products", str(catalog_copy), "--output", str(target)]) == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert f"wrote {target}" in capsys.readouterr().out


def test_an_invalid_catalog_gives_its_errors_and_no_report(catalog_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SADEWA_TODAY", TODAY.isoformat())
    (catalog_copy / "batik-sari" / "sme.yaml").write_text("name: [\n")
    assert report.main(["--products", str(catalog_copy), "--output", str(tmp_path / "r.html")]) == 1
    assert "error: not valid YAML" in capsys.readouterr().out
    assert not (tmp_path / "r.html").exists()
