import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog; returns its products/ folder."""
    shutil.copytree(FIXTURES / "catalog", tmp_path, dirs_exist_ok=True)
    return tmp_path / "products"


@pytest.fixture(scope="session")
def sample_images(tmp_path_factory) -> Path:
    """The image cache of the session's builds of the sample catalog (the
    sites, the production build, the offline copies). Photo variants and
    share cards are named by what they are made of, so builds share them as
    `make bench` does: the first build makes them (most of its time), the
    others find them."""
    return tmp_path_factory.mktemp("sample-images")


# -- offline copies (SPEC §6), shared by tests/build and tests/browser --------


@dataclass
class OfflineCopies:
    output: Path  # output/offline: the zips and PDFs
    cache: Path
    result: subprocess.CompletedProcess

    def files(self) -> set[str]:
        return {p.name for p in self.output.iterdir()}


def run_offline(output: Path, cache: Path, *extra: str, env: dict | None = None) -> OfflineCopies:
    """`make offline` on the sample catalog into ``output``, with its own cache."""
    environment = {**os.environ, "SADEWA_TODAY": TODAY.isoformat(), **(env or {})}
    environment.pop("SADEWA_PRODUCTS", None)
    result = subprocess.run(
        [sys.executable, "scripts/offline.py", "--output", str(output), "--cache", str(cache), *extra],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )
    return OfflineCopies(output, cache, result)


@pytest.fixture(scope="session")
def offline_copies(tmp_path_factory, sample_images) -> OfflineCopies:
    """The offline copies of the sample catalog, made once per session."""
    base = tmp_path_factory.mktemp("offline")
    copies = run_offline(base / "offline", base / "cache", env={"SADEWA_IMAGE_CACHE": str(sample_images)})
    assert copies.result.returncode == 0, copies.result.stdout + copies.result.stderr
    return copies


def add_food_and_regions(products: Path) -> Path:
    """The small catalog with a few more regions and a food category, for
    the staff tools' tests."""
    with (products / "_regions.yaml").open("a", encoding="utf-8") as out:
        for slug, name in (("banyumas", "Banyumas"), ("jepara", "Jepara"), ("wonosobo", "Wonosobo")):
            out.write(f"- slug: {slug}\n  name: {name}\n  type: kabupaten\n")
    with (products / "_categories.yaml").open("a", encoding="utf-8") as out:
        out.write("- slug: makanan-ringan\n  name: {id: Makanan ringan, en: Snacks}\n  halal_expected: true\n")
    return products
