"""Catalog files read over several processes give what one process gives:
the same catalog, the same problems."""

from __future__ import annotations

import pytest

from sadewa import loader

from ..conftest import FIXTURES, ROOT, TODAY

RULES = FIXTURES / "rules"


@pytest.fixture
def read_ahead_always(monkeypatch):
    monkeypatch.setattr(loader, "READ_AHEAD_MIN", 1)  # the small catalogs here would read alone


@pytest.mark.parametrize("root", [ROOT / "products", *sorted(RULES.glob("*/products"))[:40]], ids=lambda p: p.parent.name)
def test_two_processes_load_what_one_loads(root, read_ahead_always):
    one, one_problems = loader.load(root, TODAY, workers=1)
    two, two_problems = loader.load(root, TODAY, workers=2)
    assert one == two
    assert one_problems.sorted() == two_problems.sorted()


def test_files_are_read_by_the_worker_processes(read_ahead_always, monkeypatch):
    run = loader._Run(ROOT / "products", TODAY, {}, workers=2)
    run.read_all_ahead()
    assert len(run.read_ahead) > 50
    read_here, real = [], loader._read_file
    monkeypatch.setattr(loader, "_read_file", lambda path, validator: read_here.append(path) or real(path, validator))
    run.run()
    assert read_here  # the catalog-wide files, read here
    assert all(path.name.startswith("_") or path.parent.name == "_collections" for path in read_here), read_here
