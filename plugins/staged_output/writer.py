"""The writer behind every file of the build.

Files are staged by content, not by path: the stage keeps each file once
under its digest (``stage/ab/abcdef…``), and the sync hard-links it to every
path of ``output/`` that shows it. Staging a page therefore makes no folder
for it (folders are what a cold build of tens of thousands of pages spends
most on), the same bytes at two paths are kept once, and a staged file never
changes after it is written — new bytes are a new file — so the output's
links always hold what was published, whatever a later build does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Protocol

from pelican.writers import Writer

from sadewa import timing
from sadewa.cachefiles import read_record, replace_with_link, same_record, write_record
from sadewa.config import workers
from sadewa.uptodate import output_manifest

from .links import exists, links_of, target_of
from .presence import STAGE_MANIFEST, Folders, take


SYNC_BATCH = 500  # files a sync thread places at a time: a folder's files mostly in one batch


class BrokenLinks(Exception):
    def __init__(self, broken: list[tuple[str, str]]):
        self.broken = broken
        lines = [f"  {page}: {link}" for page, link in broken[:50]]
        more = f"\n  … and {len(broken) - 50} more" if len(broken) > 50 else ""
        super().__init__(f"{len(broken)} broken internal link(s):\n" + "\n".join(lines) + more)


def _digest(data: bytes) -> str:
    # SHA-256 is done by the processor's own instructions on current x86 and
    # ARM CPUs: twice as fast as BLAKE2b on a 15 KB page (every page is hashed).
    return hashlib.sha256(data).hexdigest()[:32]


class FollowStepFailed(Exception):
    """A step that follows the pages (``StagedWriter.follow``) failed after
    the pages were synced; its own files in ``output/`` were left as they were."""


class StageProcessor(Protocol):
    """Production post-processing of staged files (plugins/publish puts one
    in the setting ``SADEWA_STAGE_PROCESSOR``); development builds have none."""

    name: str  # salts every digest

    def suffixes(self, relpath: str) -> tuple[str, ...]:
        """The suffixes of the files staged beside ``relpath`` (``.gz``)."""

    def process(self, relpath: str, data: bytes) -> dict[str, bytes]:
        """What to stage for a changed file: suffix ("" for the file itself,
        then those of ``suffixes``) → bytes. Links were read before."""

    def finish(self, writer: "StagedWriter") -> None:
        """Stage the last files, after every generator and before the link check."""


class StagedWriter(Writer):
    """Writes into the staging folder (Pelican's OUTPUT_PATH), staging only
    files whose bytes are not there yet; ``finish`` checks links and syncs to
    the final output folder (setting ``SADEWA_OUTPUT``)."""

    current: "StagedWriter | None" = None

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.stage = Path(output_path)
        self.final = Path(self.settings.get("SADEWA_OUTPUT", "output"))
        self.cache = Path(self.settings.get("CACHE_PATH", ".cache"))
        # A build that ended with everything synced left one file for both
        # manifests (``_sync``): the output's is then read with the stage's.
        self.published_as_staged = same_record(self.cache / STAGE_MANIFEST, output_manifest(self.cache, self.final))
        self.previous = read_record(self.cache / STAGE_MANIFEST)
        gone = take(Folders(str(self.stage), str(self.cache), str(self.final)))
        self.kept_keys = set(self.previous.values()) - gone.staged  # staged by the last build, still there
        self.gone = gone.published  # files the last build placed in the final folder that are not there
        self.fresh: set[str] = set()  # staged by this process in this build
        self.files: dict[str, str] = {}  # relpath → key of its staged file
        self.links: dict[str, set[str]] = {}
        self.expected: dict[str, str] = {}  # "site/path" → page linking it
        self.foreign: list[tuple[str, str]] = []  # (page, link) to resolve
        self.written = 0
        self.folders: set = set()  # made in the stage or output by this process
        self.followers: list = []  # steps that stage files after the pages are live
        self.promised: set[str] = set()  # files the followers will stage, for the link check
        self.synced = 0  # how many of ``files`` (the first ones) this build has placed in the final folder
        self.published: dict[str, str] | None = None  # the final folder's manifest, once this build has read it
        # Production post-processing (plugins/publish), or None: see StageProcessor.
        self.processor: StageProcessor | None = self.settings.get("SADEWA_STAGE_PROCESSOR")
        # A production stage holds other bytes for the same source, so its
        # digests must never match a development build's sharing this cache.
        self.salt = self.processor.name.encode() if self.processor else b""
        StagedWriter.current = self

    def write_bytes(self, relpath: str, data: bytes, *, check_links: bool | None = None) -> None:
        # Production processing depends on the path (minified pages,
        # compression levels), so there the same bytes at two paths are two files.
        digest = _digest(self.salt + relpath.encode() + b"\0" + data) if self.processor else _digest(data)
        if relpath in self.files and self.files[relpath] != digest:
            raise ValueError(f"two different files would be written to {relpath}")
        self.files[relpath] = digest
        if check_links or (check_links is None and relpath.endswith(".html")):
            self.links[relpath] = links_of(data)
        suffixes = self.processor.suffixes(relpath) if self.processor else ()
        for suffix in suffixes:  # derived from this file's bytes, so named by its digest
            self.files[relpath + suffix] = f"{digest}{suffix}"
        if all(self.is_staged(self.files[relpath + suffix]) for suffix in ("", *suffixes)):
            return
        staged = self.processor.process(relpath, data) if self.processor else {"": data}
        for suffix, content in staged.items():
            self._stage(self.files[relpath + suffix], content)

    def location(self, key: str) -> str:
        """Where the stage keeps the file ``key``: a digest, or a name given
        to ``write_file_from`` (``cards/…``), unique to its content too."""
        # Plain strings, not Path: this runs for every page, and pathlib costs more than the write.
        if "/" in key:
            return f"{self.stage}/named/{key}"
        return f"{self.stage}/{key[:2]}/{key}"

    def is_staged(self, key: str) -> bool:
        """Does the stage hold the file ``key`` (from this build or the last)?"""
        return key in self.fresh or key in self.kept_keys

    def _stage(self, key: str, data: bytes) -> None:
        path = self.location(key)
        folder = path.rpartition("/")[0]
        self._folder(folder)
        try:
            # Most staged files are new: written in place, one metadata
            # operation (a cold build stages tens of thousands). Until the
            # stage manifest names it, no build trusts the file.
            with open(path, "xb") as handle:
                handle.write(data)
        except FileExistsError:
            # Left by a build that stopped, or another rendering process is
            # writing the same bytes: replaced whole, in one step.
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        self.fresh.add(key)
        self.written += 1

    def write_file_from(self, relpath: str, source: str | Path, *, digest: str) -> None:
        """Place a file that already exists (e.g. in the image cache), named by
        ``digest``: content-addressed files are linked, not read."""
        if self.processor and self.processor.suffixes(relpath):
            # a text file gets its production copies (.gz) from its bytes
            self.write_bytes(relpath, Path(source).read_bytes(), check_links=False)
            return
        if relpath in self.files:
            return
        self.files[relpath] = digest
        if self.is_staged(digest):
            return
        path = self.location(digest)
        self._folder(os.path.dirname(path))
        _place(source, path)
        self.fresh.add(digest)
        self.written += 1

    def _folder(self, folder: str) -> None:
        """Make ``folder`` once (a failed mkdir per file costs more than the
        write); in a folder this process made or saw, without looking at
        its parents first (a cold sync makes a folder per page)."""
        if folder in self.folders:
            return
        parent = folder.rpartition("/")[0]
        if parent in self.folders:
            try:
                os.mkdir(folder)
            except FileExistsError:
                if not os.path.isdir(folder):
                    raise
        else:
            os.makedirs(folder, exist_ok=True)
            while parent and parent not in self.folders:
                self.folders.add(parent)
                parent = parent.rpartition("/")[0]
        self.folders.add(folder)

    def adopt(self, files: dict[str, str]) -> None:
        """Take over files (relpath → digest) staged by another process
        (parallel rendering) or by the last build."""
        for relpath in files.keys() & self.files.keys():
            if self.files[relpath] != files[relpath]:
                raise ValueError(f"two different files would be written to {relpath}")
        self.files.update(files)

    def keep_previous(self, relpaths: list[str]) -> bool:
        """Take over the files the last build wrote at ``relpaths``, if it
        wrote them all and they are still staged; False (and nothing taken)
        if not. For files made only of what did not change."""
        digests = [self.previous.get(relpath) for relpath in relpaths]
        if self.processor or not relpaths or not all(digest and self.is_staged(digest) for digest in digests):
            return False
        self.adopt(dict(zip(relpaths, digests)))
        return True

    def expect_links(self, targets: dict[str, str], foreign: list[tuple[str, str]]) -> None:
        """Links recorded while rendering (target → a page linking it), and
        links found in pages that were not made by the renderer."""
        self.expected.update(targets)
        self.foreign += foreign

    def follow(self, step, promised: list[str]) -> None:
        """Run ``step(writer)`` once the pages are checked and synced, then sync
        what it staged; ``promised`` are files it will stage that pages link to.
        A production build runs it before its own finishing steps instead."""
        self.followers.append(step)
        self.promised.update(promised)

    def write_text(self, relpath: str, text: str, **kwargs) -> None:
        self.write_bytes(relpath, text.encode("utf-8"), **kwargs)

    # -- after every generator ---------------------------------------------------

    @classmethod
    def finish_current(cls, pelican) -> None:
        if cls.current is not None:
            writer, cls.current = cls.current, None
            writer.finish()

    def broken_links(self) -> list[tuple[str, str]]:
        bases = {url: site for site, url in self.settings.get("SADEWA_SITE_URLS", {}).items()}
        files = set(self.files) | self.promised
        broken = [(page, target) for target, page in self.expected.items() if not exists(target, files)]
        for page, link in self.foreign:
            target = target_of(page, link, bases)
            if target is not None and not exists(target, files):
                broken.append((page, link))
        for page in sorted(self.links):
            for link in sorted(self.links[page]):
                target = target_of(page, link, bases)
                if target is not None and not exists(target, files):
                    broken.append((page, link))
        broken.sort()
        return broken

    def finish(self) -> None:
        if self.processor:
            for step in self.followers:
                step(self)
            self.processor.finish(self)
            self._check_and_sync()
            return
        # The pages are live first; the followers' folders keep their files until they re-stage them.
        self._check_and_sync(spare=tuple({path.rsplit("/", 1)[0] + "/" for path in self.promised}))
        if not self.followers:
            return
        # What follows the live pages, its own sync included, is timed apart
        # (SPEC §8: the search index may follow, timed separately).
        with timing.phase(timing.AFTER_THE_PAGES):
            for step in self.followers:
                try:
                    step(self)
                except Exception as exc:
                    raise FollowStepFailed(f"{exc}\nthe pages are in {self.final}/; what follows them there (the search index) is the last one made") from exc
            self._check_and_sync()

    def _check_and_sync(self, spare: tuple[str, ...] = ()) -> None:
        with timing.phase("check and sync"):
            self.prune(spare)
            write_record(self.cache / STAGE_MANIFEST, self.files)
            broken = self.broken_links()
            if broken:
                raise BrokenLinks(broken)
            self._sync(spare)

    def prune(self, spare: tuple[str, ...] = ()) -> None:
        """Remove from the stage every file the last build staged and this one
        does not use (but those of paths under ``spare``, still to be staged)."""
        used = set(self.files.values())
        if spare:
            used.update(key for relpath, key in self.previous.items() if relpath.startswith(spare))
        for key in self.kept_keys - used:
            try:
                os.unlink(self.location(key))
            except FileNotFoundError:
                pass
            self.kept_keys.discard(key)

    def _place_all(self, changed: list[tuple[str, str]]) -> None:
        """Link each changed file into the final folder. Making folders and
        links is the kernel's work, one core's worth per thread, and threads
        run it side by side (the GIL is let go in every call): a cold sync
        makes a folder per page and a link per file."""
        def place(batch: list[tuple[str, str]]) -> None:
            for relpath, digest in batch:
                target = f"{self.final}/{relpath}"
                self._folder(target.rpartition("/")[0])
                _place(self.location(digest), target)

        threads = min(workers(self.settings), len(changed) // SYNC_BATCH)
        if threads < 2:
            place(changed)
            return
        batches = [changed[start:start + SYNC_BATCH] for start in range(0, len(changed), SYNC_BATCH)]
        with ThreadPoolExecutor(threads) as pool:
            for _ in pool.map(place, batches):  # raises the first failure
                pass

    def _sync(self, spare: tuple[str, ...] = ()) -> None:
        """Make the final folder equal to the stage, touching only what changed
        (files under ``spare`` are left for a later sync)."""
        manifest_path = output_manifest(self.cache, self.final)  # one per output folder
        published = self.published
        if published is None:
            published = self.previous if self.published_as_staged else read_record(manifest_path)
        if published:
            there = published.keys()
        else:
            # The build owns the top folders it writes (the sites): anything else
            # in them is stale. Other folders of output/ (offline, report) stay.
            # Without a manifest they are walked before this sync fills them.
            there = _files_under(self.final, {relpath.split("/", 1)[0] for relpath in self.files if "/" in relpath})
        # A path never changes its file once written, so the files a first
        # sync placed are the first ones in ``files``: the next sync skips them.
        changed = [
            (relpath, digest)
            for relpath, digest in islice(self.files.items(), self.synced, None)
            if published.get(relpath) != digest or relpath in self.gone
        ]
        self._place_all(changed)
        stale = [relpath for relpath in there - self.files.keys() if not relpath.startswith(spare)]
        for relpath in stale:
            (self.final / relpath).unlink(missing_ok=True)
        _remove_empty_dirs(self.final, stale)
        kept = {relpath: digest for relpath, digest in published.items() if relpath.startswith(spare)} if spare else {}
        self.published = kept | self.files
        if kept:
            write_record(manifest_path, self.published)
        else:  # what the stage manifest, just written, holds
            replace_with_link(self.cache / STAGE_MANIFEST, manifest_path)
        self.synced = len(self.files)


def _place(source: str | Path, target: str) -> None:
    """Put ``source`` at ``target`` as a hard link (a copy across file
    systems); a file already there is replaced in one step, never changed in
    place, since it may be a link of the last good output."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target)
        return
    replace_with_link(source, target)


def _files_under(root: Path, tops: set[str]) -> set[str]:
    """Every file under the given top folders of ``root`` (no manifest yet)."""
    found = set()
    for top in tops:
        for folder, _dirs, names in os.walk(root / top):
            found.update((Path(folder) / name).relative_to(root).as_posix() for name in names)
    return found


def _remove_empty_dirs(root: Path, removed: list[str]) -> None:
    """Remove the folders left empty by removing ``removed`` (relative to root)."""
    folders = {parent for relpath in removed for parent in Path(relpath).parents if parent.parts}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        try:
            os.rmdir(root / folder)
        except OSError:  # not empty
            pass
