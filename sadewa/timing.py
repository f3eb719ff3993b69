"""Wall time of the build's phases, for `make bench` (never asserted in tests)."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

PHASES: dict[str, float] = {}


@contextmanager
def phase(name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - start


def save(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: round(v, 3) for k, v in sorted(PHASES.items())}))
