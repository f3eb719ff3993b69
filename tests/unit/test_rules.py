"""One fixture per rule of SPEC §1: each folder under fixtures/rules/ overlays
the small valid catalog with a fault, and expected.txt lists the problems the
validator must report (``path:line:col: severity: part of the message``)."""

import shutil
from pathlib import Path

import pytest

from sadewa import loader

from ..conftest import FIXTURES, TODAY

RULES = sorted(p for p in (FIXTURES / "rules").iterdir() if p.is_dir())


def apply_fixture(rule: Path, products: Path) -> None:
    removals = rule / "remove.txt"
    if removals.exists():
        for line in removals.read_text().split():
            target = products.parent / line
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    overlay = rule / "products"
    if overlay.exists():
        shutil.copytree(overlay, products, dirs_exist_ok=True)


def expectations(rule: Path) -> list[tuple[str, str]]:
    rows = []
    for line in (rule / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, _, part = line.partition(": ", )
            # where = path:line:col ; part = "severity: text"
            severity, _, text = part.partition(": ")
            rows.append((f"{where}: {severity}", text))
    return rows


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule(rule: Path, catalog_copy: Path) -> None:
    apply_fixture(rule, catalog_copy)
    catalog, problems = loader.load(catalog_copy, TODAY)
    shown = [str(p) for p in problems.sorted()]
    for head, text in expectations(rule):
        matches = [s for s in shown if s.startswith(head + ": ") and text in s]
        assert matches, f"expected `{head}: …{text}…` in:\n" + "\n".join(shown)
    if any(": error" in head for head, _ in expectations(rule)):
        assert catalog is None
    else:
        assert catalog is not None


def test_base_fixture_is_valid(catalog_copy: Path) -> None:
    catalog, problems = loader.load(catalog_copy, TODAY)
    assert problems.errors == []
    assert catalog is not None
