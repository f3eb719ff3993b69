"""A build with nothing changed does nothing, as ``make`` would.

The inputs' fingerprint (every file's path, size and modification time
under the catalog, content, theme, plugins and our code, the settings files,
the ``SADEWA_*`` environment, the command line and the reference date) is
kept after each successful build. The next build with the same fingerprint,
whose output still holds every file it wrote, stops before Pelican starts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import runpy
from collections import Counter
from collections.abc import Iterable
from functools import partial
from itertools import compress, repeat
from operator import attrgetter
from pathlib import Path

from . import background
from .cachefiles import read_record

ROOT = Path(__file__).resolve().parent.parent
# What every build reads besides the catalog and the settings' own folders.
CODE = ("sadewa", "plugins", "themes", "content", "scripts/build.py", "pelicanconf.py", "publishconf.py",
        "requirements.lock", "node_modules/decap-cms/package.json")


def stat_lines(path: Path):
    """A line per file under ``path`` (or for the file itself): its path, size
    and modification time, in a stable order."""
    if path.is_file():
        stat = path.stat()
        yield f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
        return
    yield from _folder_stat_lines(str(path))


def _folder_stat_lines(folder: str):
    """A folder's files by name, then its folders' by name: the order of a
    sorted ``os.walk``, with the paths and file types the listing gives."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=attrgetter("name"))
    folders = []
    for entry in entries:
        if entry.is_dir():
            if not entry.is_symlink():  # as os.walk: a link to a folder is not followed
                folders.append(entry.path)
        elif not entry.name.endswith(".pyc"):
            stat = entry.stat()
            yield f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
    for sub in folders:
        yield from _folder_stat_lines(sub)


# What the check needs of the settings, and which of them Pelican's
# ``read_settings`` makes absolute against the settings file's folder.
CHECKED_SETTINGS = ("SADEWA_PRODUCTS", "SADEWA_OUTPUT", "PATH", "THEME", "CACHE_PATH", "PLUGIN_PATHS")
FROM_SETTINGS_FOLDER = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")


def settings_for_check(path: str, override: dict) -> dict | None:
    """The settings the check needs, as Pelican's ``read_settings`` gives
    them, without importing Pelican: importing it takes longer than the
    check. The file is run as Pelican runs it, ``override`` wins, and the
    same paths are made absolute against the file's folder (a test keeps
    this equal to Pelican's). None when the file leaves one of them to
    Pelican's defaults: then Pelican reads the settings."""
    settings = {**{k: v for k, v in runpy.run_path(path).items() if k.isupper()}, **override}
    if any(settings.get(name) is None for name in CHECKED_SETTINGS):
        return None
    folder = os.path.dirname(path)

    def absolute(value: str) -> str:
        return value if os.path.isabs(value) else os.path.abspath(os.path.normpath(os.path.join(folder, value)))

    for name in FROM_SETTINGS_FOLDER:
        if settings.get(name) is not None:
            made = absolute(settings[name])
            if name != "THEME" or os.path.exists(made):  # THEME may name one of Pelican's
                settings[name] = made
    settings["PLUGIN_PATHS"] = [absolute(folder_path) for folder_path in settings["PLUGIN_PATHS"]]
    return settings


_walked: dict[str, list[str]] = {}  # the fingerprint's ``stat_lines``, by path, until taken


def fingerprint(inputs: list[Path], argv: list[str], today: dt.date) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps([argv, today.isoformat(), sorted((k, v) for k, v in os.environ.items() if k.startswith("SADEWA_"))]).encode())
    for path in sorted({*inputs, *(ROOT / name for name in CODE)}):
        if path.exists():
            lines = _walked[str(path)] = list(stat_lines(path))
            digest.update("".join(lines).encode())
    return digest.hexdigest()


def walked(path: Path) -> list[str]:
    """``stat_lines(path)``, taken from this process's fingerprint when it
    walked ``path`` (once): a build that has something to do then walks the
    catalog once, not once for the fingerprint and again for the catalog
    cache (a stat per file: a fifth of a second at 10,000 products)."""
    lines = _walked.pop(str(path), None)
    return list(stat_lines(path)) if lines is None else lines


LIST_PAST = 8  # files asked for in one folder past which listing it beats a stat each


def present(root: Path | str, relpaths: Iterable[str]) -> set[str]:
    """Those of ``relpaths`` (under ``root``) that exist. A folder with many
    of them (search fragments, share cards: thousands in one) is listed
    once instead of a stat per file. Written for 100,000 paths: the loops
    over them are comprehensions and set operations that run in C."""
    relpaths = list(relpaths)
    folders = [relpath.rpartition("/")[0] for relpath in relpaths]
    listed = {folder for folder, count in Counter(folders).items() if count > LIST_PAST}
    found: set[str] = set()
    for folder in listed:
        prefix = f"{folder}/" if folder else ""
        try:
            found.update([prefix + name for name in os.listdir(f"{root}/{folder}" if folder else root)])
        except OSError:  # gone, or not a folder
            continue
    found.intersection_update(relpaths)
    asked = [relpath for relpath, folder in zip(relpaths, folders) if folder not in listed]
    # os.access over map: the loop runs in C, a third less than os.path.exists per file
    there = map(os.access, [f"{root}/{relpath}" for relpath in asked], repeat(os.F_OK))
    found.update(compress(asked, there))
    return found


def absent(root: Path | str, files: dict[str, str]) -> frozenset[str]:
    """The files of a manifest (relpath → digest) that ``root`` lacks."""
    return frozenset(files.keys() - present(root, files))


def output_manifest(cache: Path, output: Path) -> Path:
    """Where plugins/staged_output lists what it wrote to ``output`` (relpath → digest)."""
    return cache / f"output-manifest-{_name(output)}"


def _name(output: Path) -> str:
    return hashlib.blake2b(str(output.resolve()).encode(), digest_size=6).hexdigest()


def missing(output: Path, manifest: Path) -> frozenset[str] | None:
    """The files ``output``'s manifest lists that ``output`` lacks; None
    when there is no manifest (no build has filled ``output``)."""
    files = read_record(manifest)
    return absent(output, files) if files else None


_looks: dict[str, background.Step] = {}  # output folder → the look started at it (``missing``)


def missing_found(output: Path) -> frozenset[str] | None:
    """The answer of the look ``BuildRecord`` started at ``output``, taken
    once (plugins/staged_output takes it rather than look again); None when
    there was none, or it found no manifest or failed."""
    look = _looks.pop(str(Path(output).resolve()), None)
    return look.result() if look is not None else None


class BuildRecord:
    """The last successful build's fingerprint, per output folder."""

    def __init__(self, cache: Path, output: Path):
        self.path = cache / f"last-build-{_name(output)}.json"
        self.manifest = output_manifest(cache, output)
        self.output = output
        self.key: str | None = None
        # Whether the last output is whole is a stat per output file, and the
        # fingerprint a stat per input file: a forked process looks at the
        # output while this one takes the fingerprint, on the other core.
        # When the fingerprint differs, the build's writer takes the answer.
        self.look = None
        if self.path.exists():
            self.look = _looks[str(output.resolve())] = background.start(partial(missing, output, self.manifest), "looking at the last build's output")

    def is_current(self, key: str) -> bool:
        """Nothing changed since the last build (its fingerprint was ``key``),
        and its output is all there."""
        self.key = key
        try:
            if self.look is None or json.loads(self.path.read_text()).get("key") != key:
                return False
        except (OSError, ValueError):
            return False
        return self.look.result() == frozenset()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"key": self.key}))
