"""Pagefind's files for one site and language, kept in the cache and brought
up to date in place.

Pagefind names its index files by their content (pages' fragments, word
index chunks, filters, the metadata file) and does not write one that is
already there. Run into the folder of the last index, it writes only what
changed: after an edit a few files, not the 11,700 of a site language at
10,000 products, in about half the time (and no folder of old files to
delete, whose freed inodes the next files would step over on this project's
file system). Which of the folder's files the new index uses is read from
its metadata file (``pagefind.<hash>.pf_meta``: gzip, a marker, then CBOR
naming the pages' fragments, the index chunks and the filters); the others
are removed. Files of fixed names (``pagefind.js``, the WebAssembly, the
entry) Pagefind rewrites in place: they may be linked into the stage and
``output/``, so they are taken away before each run and made new.

A run that did not finish may have left a file cut short under its final
name, which the next run would keep: its marker stays, and the next run
starts from an empty folder.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import cbor2
from pagefind_bin import get_executable

ENTRY = "pagefind-entry.json"  # the bundle's languages and their metadata files
META_START = b"pagefind_dcd"  # what Pagefind puts before the CBOR of each file
HASHED = ("fragment/", "index/", "filter/")  # and pagefind.<lang>_<hash>.pf_meta


class SearchIndexError(Exception):
    pass


class LanguageBundle:
    def __init__(self, store: Path, site: str, lang: str):
        self.prefix = f"{site}-{lang}-"
        self.folder = store / f"{self.prefix}{version('pagefind-bin')}"
        self.record = self.folder.with_name(f"{self.folder.name}.json")  # what the last run made, and of what
        self.marker = self.folder.with_name(f"{self.folder.name}.running")

    def files(self, key: str) -> list[str] | None:
        """The bundle's files (paths under ``folder``) if they index the
        documents of ``key``."""
        if self.marker.exists():
            return None
        try:
            made = json.loads(self.record.read_text())
        except (OSError, ValueError):
            return None
        return made["files"] if made.get("key") == key else None

    def make(self, documents: Path, key: str) -> list[str]:
        """Index ``documents`` (the search documents of ``key``) into the folder."""
        self.remove_others()
        if self.marker.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.record.unlink(missing_ok=True)
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.is_file() and not entry.name.endswith(".pf_meta"):
                    os.unlink(entry.path)
        self.marker.touch()
        result = subprocess.run(
            [str(get_executable()), "--site", str(documents), "--output-path", str(self.folder), "--silent"],
            capture_output=True, text=True,
        )
        if result.returncode != 0 or not (self.folder / ENTRY).is_file():
            raise SearchIndexError(f"Pagefind could not index {documents}: {(result.stderr or result.stdout).strip()[-2000:]}")
        files = self.used()
        self.remove_unused(set(files))
        self.record.write_text(json.dumps({"key": key, "files": files}))
        self.marker.unlink()
        return files

    def used(self) -> list[str]:
        """The files the index just made uses: those of fixed names (all new)
        and those its metadata names."""
        with os.scandir(self.folder) as entries:
            files = [entry.name for entry in entries if entry.is_file() and not entry.name.endswith(".pf_meta")]
        for language in json.loads((self.folder / ENTRY).read_text())["languages"].values():
            meta = f"pagefind.{language['hash']}.pf_meta"
            try:
                data = gzip.decompress((self.folder / meta).read_bytes())
                _, pages, chunks, filters = cbor2.loads(data.removeprefix(META_START))[:4]
                files += [meta, *(f"fragment/{page[0]}.pf_fragment" for page in pages),
                          *(f"index/{chunk[2]}.pf_index" for chunk in chunks),
                          *(f"filter/{item[1]}.pf_filter" for item in filters)]
            except (OSError, ValueError, TypeError, IndexError, cbor2.CBORDecodeError) as exc:
                raise SearchIndexError(f"Pagefind's metadata {self.folder / meta} could not be read ({exc}): "
                                       f"is pagefind-bin {version('pagefind-bin')} the pinned version?") from exc
        missing = [name for name in files if not (self.folder / name).is_file()]
        if missing:
            raise SearchIndexError(f"Pagefind's index in {self.folder} names files it did not write, e.g. {missing[0]}")
        return sorted(files)

    def remove_unused(self, used: set[str]) -> None:
        """Remove what earlier runs made and this index does not use."""
        for folder in ("", *HASHED):
            try:
                with os.scandir(self.folder / folder) as entries:
                    names = [entry.name for entry in entries if entry.is_file()]
            except FileNotFoundError:
                continue
            for name in names:
                if f"{folder}{name}" not in used:
                    os.unlink(self.folder / folder / name)

    def remove_others(self) -> None:
        """Remove the bundles of other Pagefind versions (their files differ)."""
        for other in self.folder.parent.glob(f"{self.prefix}*"):
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other)
