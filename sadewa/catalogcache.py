"""The validated catalog kept between builds, for as long as no file changed.

A rebuild with nothing changed then skips parsing and validating tens of
thousands of YAML files: it stats them (fast), compares, and unpickles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from pathlib import Path

from . import loader
from .model import Catalog
from .problems import Problems

CODE = Path(__file__).resolve().parent  # the loader's own code is part of the key


def fingerprint(root: Path, today: dt.date) -> str:
    """What the catalog depends on: every file's path, size and mtime, the
    reference date and the code that loads it."""
    digest = hashlib.blake2b(today.isoformat().encode(), digest_size=16)
    for folder in (CODE, Path(root)):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".pyc"):
                    continue
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load(root: Path, today: dt.date, cache: Path) -> tuple[Catalog | None, Problems]:
    """``loader.load``, answered from ``cache`` when nothing changed."""
    key = fingerprint(root, today)
    stored = cache / "catalog.pickle"
    try:
        with stored.open("rb") as handle:
            stored_key, catalog, problems = pickle.load(handle)
        if stored_key == key:
            return catalog, problems
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
        pass
    catalog, problems = loader.load(root, today)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump((key, catalog, problems), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, stored)
    return catalog, problems
