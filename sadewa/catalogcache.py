"""The validated catalog kept between builds, for as long as no file changed.

A rebuild with nothing changed then skips parsing and validating tens of
thousands of YAML files: it stats them (fast), compares, and unpickles.
After a change, only the changed files are parsed again: when they are a
few SME or product files whose changes reach no other file (products added
or removed among them), the stored catalog is patched (``loader.patch``);
otherwise the rules across files run again over the kept readings of the
others (``loader.load_again``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import sqlite3
from pathlib import Path

from . import background, loader
from .cachefiles import write_whole
from .gcpause import gc_paused
from .model import Catalog
from .problems import Problems
from .uptodate import walked

CODE = Path(__file__).resolve().parent  # the loader's own code is part of the key
FILES = "catalog-files.sqlite"  # each file's own reading and checks, for a load after a change
PATCH_MOST = 100  # SME and product files changed since the stored catalog that a patch reads again
UNREADABLE = (EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError, TypeError)  # a stale or damaged pickle


def _digest(lines) -> str:
    return hashlib.blake2b("".join(lines).encode(), digest_size=16).hexdigest()


_storing: background.Step | None = None  # the last load's store, in a forked process


def load(root: Path, today: dt.date, cache: Path, workers: int = 1) -> tuple[Catalog | None, Problems]:
    """``loader.load``, answered from ``cache``: the stored catalog when no
    file changed; patched when only a few SMEs and products changed, came or went (``loader.patch``);
    else a whole load with only the changed files parsed again
    (``loader.load_again``), stored for the next builds."""
    global _storing
    if _storing is not None:  # the last load's store, if it is still being written
        _storing.result()
    base = (today.isoformat(), _digest(walked(CODE)))
    lines = walked(Path(root))
    key = _digest([*base, *lines])
    stored = cache / "catalog.pickle"
    last = _LastLoad(stored)
    if last.key == key and (kept := last.result()) is not None:
        return kept
    if last.base == base and (patched := _patched(last, lines, Path(root))) is not None:
        return patched
    cache.mkdir(parents=True, exist_ok=True)
    with FileReadings(cache / FILES, base[1]) as readings:
        before = readings.all()
    catalog, problems, files = loader.load_again(root, today, before, workers)
    gone, new = before.keys() - files.keys(), {k: files[k] for k in files.keys() - before.keys()}

    def store() -> None:
        with FileReadings(cache / FILES, base[1]) as readings:
            readings.update(gone, new)
        _store(stored, key, (base, lines), (catalog, problems))

    if workers > 1:  # the build goes on while a second process stores
        _storing = background.start(store, "storing the loaded catalog for the next build")
    else:
        store()
    return catalog, problems


class _LastLoad:
    """What the last load stored, read as far as needed: its key, then the
    files it saw; its catalog only on demand (unpickling a stale one costs)."""

    def __init__(self, path: Path):
        self.path = path
        self.key = self.base = None
        self.lines: list[str] = []
        try:
            with path.open("rb") as handle:
                self.key = pickle.load(handle)
                self.base, self.lines = pickle.load(handle)
                self.offset = handle.tell()
        except (OSError, *UNREADABLE):
            self.key = self.base = None  # damaged after its key: nothing of it counts

    def result(self) -> tuple[Catalog | None, Problems] | None:
        try:
            with self.path.open("rb") as handle, gc_paused():
                handle.seek(self.offset)
                return pickle.load(handle)
        except (OSError, *UNREADABLE):
            return None


def _patched(last: _LastLoad, lines: list[str], root: Path) -> tuple[Catalog, Problems] | None:
    """The stored catalog with the SME and product files changed, added or
    removed since read again, when that is all that changed, and they are
    few (``loader.patch``); else None. The patched catalog is not stored: pickling it cost more than
    patching it again, and the next whole load stores its own."""
    gone, found = _paths(set(last.lines) - set(lines)), _paths(set(lines) - set(last.lines))
    if len(gone | found) > PATCH_MOST or not all(_is_item_file(Path(path), root) for path in gone | found):
        return None
    stored = last.result()
    if stored is None or stored[0] is None:
        return None
    changed, added, removed = ([Path(path) for path in sorted(paths)] for paths in (gone & found, found - gone, gone - found))
    return loader.patch(*stored, root, changed, added, removed)


def _paths(lines) -> set[str]:
    """The paths of ``stat_lines`` lines."""
    return {line.partition("\0")[0] for line in lines}


def _is_item_file(path: Path, root: Path) -> bool:
    """Is ``path`` an SME's or a product's file (``<sme>/<name>.yaml``)?"""
    return (
        path.parent.parent == root and path.suffix == ".yaml"
        and not path.name.startswith(".") and not path.parent.name.startswith((".", "_"))
    )


class FileReadings:
    """Each catalog file's own reading and checks, one row per file in a
    SQLite table: after one file changes, one row is written, not all. The
    rows hold for one version of the loader's code (``code``): checks may
    have changed with it."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code

    def __enter__(self) -> "FileReadings":
        self.db = None
        try:
            self.db = sqlite3.connect(self.path)
            with self.db:
                self.db.execute("CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, value BLOB)")
                self.db.execute("CREATE TABLE IF NOT EXISTS code (version TEXT)")
                if self.db.execute("SELECT version FROM code").fetchall() != [(self.code,)]:
                    self.db.execute("DELETE FROM files")
                    self.db.execute("DELETE FROM code")
                    self.db.execute("INSERT INTO code VALUES (?)", (self.code,))
        except sqlite3.Error:
            self._start_again()
        return self

    def _start_again(self) -> None:
        if self.db is not None:
            self.db.close()
        self.path.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path)
        with self.db:
            self.db.execute("CREATE TABLE files (key TEXT PRIMARY KEY, value BLOB)")
            self.db.execute("CREATE TABLE code (version TEXT)")
            self.db.execute("INSERT INTO code VALUES (?)", (self.code,))

    def all(self) -> dict:
        """Every file's reading, under the key ``loader`` gives it."""
        try:
            rows = self.db.execute("SELECT key, value FROM files").fetchall()
            with gc_paused():
                return {tuple(json.loads(key)): pickle.loads(value) for key, value in rows}
        except (sqlite3.Error, *UNREADABLE):
            self._start_again()  # unreadable: every file is read again
            return {}

    def update(self, gone, new: dict) -> None:
        """Rows of files gone or changed (their keys ``gone``) out, ``new`` rows in."""
        with self.db:
            self.db.executemany("DELETE FROM files WHERE key = ?", [(json.dumps(key),) for key in gone])
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?)",
                [(json.dumps(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in new.items()],
            )

    def __exit__(self, *exc) -> None:
        self.db.close()


def _store(path: Path, *values) -> None:
    with gc_paused():  # pickling makes a small object per path
        data = b"".join(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in values)
    write_whole(path, data)
