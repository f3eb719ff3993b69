"""Wall time of the build's phases and a few counts, for `make bench`
(counts may be asserted in tests, times never)."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

# The phase of the steps that follow the pages once they are live in output/
# (the search index) and of their own sync: `make bench` times it apart.
AFTER_THE_PAGES = "after the pages"

PHASES: dict[str, float] = {}
COUNTS: dict[str, int] = {}


@contextmanager
def phase(name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - start


def count(name: str, value: int) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + value


def save(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    stats = {k: round(v, 3) for k, v in PHASES.items()} | COUNTS
    path.write_text(json.dumps(stats, sort_keys=True))
