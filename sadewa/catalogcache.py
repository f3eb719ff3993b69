"""The validated catalog kept between builds, for as long as no file changed.

A rebuild with nothing changed then skips parsing and validating tens of
thousands of YAML files: it stats them (fast), compares, and unpickles.
After a change, only the changed files are parsed again (``loader.load_again``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import sqlite3
from pathlib import Path

from . import loader
from .cachefiles import write_whole
from .gcpause import gc_paused
from .model import Catalog
from .problems import Problems
from .uptodate import stat_lines

CODE = Path(__file__).resolve().parent  # the loader's own code is part of the key
FILES = "catalog-files.sqlite"  # each file's own reading and checks, for a load after a change


def _digest(lines) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for line in lines:
        digest.update(line.encode())
    return digest.hexdigest()


def fingerprint(root: Path, today: dt.date, code: str) -> str:
    """What the catalog depends on: every file's path, size and mtime, the
    reference date and the code that loads it."""
    return _digest([today.isoformat(), code, *stat_lines(Path(root))])


def load(root: Path, today: dt.date, cache: Path, workers: int = 1) -> tuple[Catalog | None, Problems]:
    """``loader.load``, answered from ``cache`` when nothing changed."""
    code = _digest(stat_lines(CODE))
    key = fingerprint(root, today, code)
    stored = cache / "catalog.pickle"
    try:
        with stored.open("rb") as handle:
            if pickle.load(handle) == key:  # the key first: a stale catalog is not unpickled for nothing
                return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError, TypeError):
        pass
    cache.mkdir(parents=True, exist_ok=True)
    with FileReadings(cache / FILES, code) as readings:
        catalog, problems, files = loader.load_again(root, today, readings.before, workers)
        readings.keep(files)
    _store(stored, key, (catalog, problems))
    return catalog, problems


class FileReadings:
    """Each catalog file's own reading and checks, one row per file in a
    SQLite table: after one file changes, one row is written, not all. The
    rows hold for one version of the loader's code (``code``): checks may
    have changed with it."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code

    def __enter__(self) -> "FileReadings":
        try:
            self.db = sqlite3.connect(self.path)
            with self.db:
                self.db.execute("CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, value BLOB)")
                self.db.execute("CREATE TABLE IF NOT EXISTS code (version TEXT)")
                if self.db.execute("SELECT version FROM code").fetchall() != [(self.code,)]:
                    self.db.execute("DELETE FROM files")
                    self.db.execute("DELETE FROM code")
                    self.db.execute("INSERT INTO code VALUES (?)", (self.code,))
            rows = self.db.execute("SELECT key, value FROM files").fetchall()
            with gc_paused():
                self.before = {tuple(json.loads(key)): pickle.loads(value) for key, value in rows}
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, TypeError):
            self.path.unlink(missing_ok=True)  # unreadable: start again
            self.db = sqlite3.connect(self.path)
            with self.db:
                self.db.execute("CREATE TABLE files (key TEXT PRIMARY KEY, value BLOB)")
                self.db.execute("CREATE TABLE code (version TEXT)")
                self.db.execute("INSERT INTO code VALUES (?)", (self.code,))
            self.before = {}
        return self

    def keep(self, files: dict) -> None:
        """Store what this load read: new rows in, rows of files gone or changed out."""
        with self.db:
            self.db.executemany("DELETE FROM files WHERE key = ?", [(json.dumps(key),) for key in self.before.keys() - files.keys()])
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?)",
                [(json.dumps(key), pickle.dumps(files[key], protocol=pickle.HIGHEST_PROTOCOL)) for key in files.keys() - self.before.keys()],
            )

    def __exit__(self, *exc) -> None:
        self.db.close()


def _store(path: Path, *values) -> None:
    with gc_paused():  # pickling makes a small object per path
        data = b"".join(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in values)
    write_whole(path, data)
