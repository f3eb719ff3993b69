"""Which of the last build's files are gone, looked up by a second process.

A rebuild trusts a file the last build staged, or placed in ``output/``, only
while it is still there: some hundred thousand files to look for at 10,000
products, a third of a second. Nothing changes the stage or the output
before the writer is made, so a forked process looks while this one loads
the catalog (``start``, when Pelican starts); the writer takes the answer
(``take``), or looks itself when nothing was started for its folders.
The output's part is already known when ``scripts/build.py`` looked at it
for its up-to-date check (``uptodate.missing_found``): only the stage is
looked at then.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sadewa import background
from sadewa.cachefiles import read_record, same_record
from sadewa.uptodate import absent, missing_found, output_manifest

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


def look(folders: Folders, published_gone: frozenset[str] | None = None) -> Gone:
    """What is gone from the stage and the output; ``published_gone`` is
    the output's part when it was looked at already (``uptodate.missing``)."""
    stage_manifest, manifest = Path(folders.cache) / STAGE_MANIFEST, output_manifest(Path(folders.cache), Path(folders.final))
    as_staged = same_record(stage_manifest, manifest)  # one file for both (``StagedWriter._sync``)
    staged_files = read_record(stage_manifest)
    staged = set(staged_files.values())
    if published_gone is None:
        published = staged_files if as_staged else read_record(manifest)
        published_gone = absent(folders.final, published)
    return Gone(frozenset(staged - stage_listing(folders.stage)) if staged else frozenset(), published_gone)


def _look_as_sets(folders: Folders, published_gone: frozenset[str] | None) -> tuple[frozenset[str], frozenset[str]]:
    gone = look(folders, published_gone)  # a dataclass does not go through marshal; its sets do
    return gone.staged, gone.published


_looking: tuple[Folders, background.Step] | None = None


def start(pelican) -> None:
    """Start looking for the folders of this Pelican run (signal ``initialized``)."""
    global _looking
    if _looking is not None:  # a run that stopped before making its writer
        _looking[1].result()
    folders = Folders.of(pelican.settings)
    # scripts/build.py looked at the output already, while it took the inputs' fingerprint
    published_gone = missing_found(Path(folders.final))
    _looking = folders, background.start(lambda: _look_as_sets(folders, published_gone), "looking for the last build's files")


def take(folders: Folders) -> Gone:
    """What is gone from the folders of a writer: the answer of the process
    started for them, or a look now."""
    global _looking
    looking, _looking = _looking, None
    if looking is not None:
        answer = looking[1].result()
        if answer is not None and looking[0] == folders:
            return Gone(*answer)
    return look(folders)
