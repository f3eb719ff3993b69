"""Whole builds into temporary folders, shared per session where they can be."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ..conftest import ROOT

TODAY = "2026-11-28"


@dataclass
class Build:
    output: Path
    result: subprocess.CompletedProcess

    def html(self, relpath: str) -> BeautifulSoup:
        path = self.output / relpath
        if path.is_dir() or relpath.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, relpath: str) -> bool:
        path = self.output / relpath
        return (path / "index.html").is_file() if relpath.endswith("/") else path.is_file()


def run_build(products: Path, output: Path, cache: Path, today: str = TODAY, **env: str) -> Build:
    env = {**os.environ, "SADEWA_TODAY": today, **env}
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--products", str(products), "--output", str(output), "--cache", str(cache)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    return Build(output, result)


@pytest.fixture(scope="session")
def sample(tmp_path_factory, sample_images) -> Build:
    """The sample catalog of products/, built once."""
    base = tmp_path_factory.mktemp("sample")
    build = run_build(ROOT / "products", base / "output", base / "cache", SADEWA_IMAGE_CACHE=str(sample_images))
    assert build.result.returncode == 0, build.result.stdout + build.result.stderr
    return build
