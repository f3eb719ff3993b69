"""Which of the last build's files are gone, looked up by a second process.

A rebuild trusts a file the last build staged, or placed in ``output/``, only
while it is still there: some hundred thousand files to look for at 10,000
products, a third of a second. Nothing changes the stage or the output
before the writer is made, so a forked process looks while this one loads
the catalog (``start``, when Pelican starts); the writer takes the answer
(``take``), or looks itself when nothing was started for its folders.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from sadewa.cachefiles import read_record
from sadewa.uptodate import output_manifest, present

STAGE_MANIFEST = "stage-manifest"  # relpath → key (digest) of the file staged for it


@dataclass(frozen=True)
class Folders:
    stage: str
    cache: str
    final: str

    @classmethod
    def of(cls, settings: dict) -> "Folders":
        return cls(str(settings["OUTPUT_PATH"]), str(settings.get("CACHE_PATH", ".cache")), str(settings.get("SADEWA_OUTPUT", "output")))


@dataclass(frozen=True)
class Gone:
    staged: frozenset[str]  # keys of the last stage manifest whose file is not in the stage
    published: frozenset[str]  # relpaths of the last output manifest not in the output folder


def stage_listing(stage: str) -> set[str]:
    """The key of every file in the stage, with one listing per folder."""
    found: set[str] = set()
    try:
        shards = [entry.name for entry in os.scandir(stage) if entry.is_dir() and entry.name != "named"]
    except FileNotFoundError:
        return found
    for shard in shards:
        found.update(os.listdir(f"{stage}/{shard}"))
    named = f"{stage}/named"
    for folder, _dirs, names in os.walk(named):
        prefix = folder[len(named) + 1 :]
        found.update(f"{prefix}/{name}" if prefix else name for name in names)
    return found


def look(folders: Folders) -> Gone:
    staged = set(read_record(Path(folders.cache) / STAGE_MANIFEST).values())
    published = read_record(output_manifest(Path(folders.cache), Path(folders.final)))
    return Gone(
        frozenset(staged - stage_listing(folders.stage)) if staged else frozenset(),
        frozenset(published.keys() - present(folders.final, published)) if published else frozenset(),
    )


class _Looking:
    """``look`` run by a forked process; its answer comes back through a pipe."""

    def __init__(self, folders: Folders):
        self.folders = folders
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: look, answer, leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read)
                gone = look(folders)
                with open(write, "wb") as handle:
                    handle.write(marshal.dumps((list(gone.staged), list(gone.published))))
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.read = read

    def answer(self) -> Gone | None:
        """The child's answer, or None if it failed (then the caller looks itself)."""
        with open(self.read, "rb") as handle:
            data = handle.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0:
            return None
        staged, published = marshal.loads(data)
        return Gone(frozenset(staged), frozenset(published))


_looking: _Looking | None = None


def start(pelican) -> None:
    """Start looking for the folders of this Pelican run (signal ``initialized``)."""
    global _looking
    if _looking is not None:  # a run that stopped before making its writer
        _looking.answer()
    _looking = _Looking(Folders.of(pelican.settings)) if hasattr(os, "fork") else None


def take(folders: Folders) -> Gone:
    """What is gone from the folders of a writer: the answer of the process
    started for them, or a look now."""
    global _looking
    looking, _looking = _looking, None
    if looking is not None:
        gone = looking.answer()
        if gone is not None and looking.folders == folders:
            return gone
    return look(folders)
