"""Records a build keeps for the next one in the cache folder (what it staged,
synced and rendered): one entry per page, so tens of thousands of them.

They are only ever read back by this code, so they are stored with
``marshal`` (a tenth of JSON's time both ways); a record that cannot be read —
missing, damaged, or written by another Python version — reads as empty, and
the build then does the work again instead of trusting it.
"""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

from .gcpause import gc_paused


def read_record(path: Path) -> dict:
    try:
        with open(path, "rb") as handle, gc_paused():
            value = marshal.loads(handle.read())  # marshal.load(handle) reads piece by piece: 3x slower
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def write_record(path: Path, value: dict) -> None:
    # Format 2 shares no objects: writing a manifest of 100,000 paths takes
    # half the time of format 4, which looks up every string it has written.
    write_whole(path, marshal.dumps(value, 2))


def replace_with_link(source: str | Path, target: str | Path) -> None:
    """Replace ``target`` in one step with a second name of ``source`` (a
    copy where the file system has no links): no reader sees it half made,
    and the file that was there (a link of the last good output, say) is
    not changed in place. A record linked so (``same_record``) is written
    once and read once."""
    folder, name = os.path.split(target)
    # The same name every time (not one per process): one left by a build
    # that stopped there is cleared when the file is next replaced.
    tmp = os.path.join(folder, f".{name}.tmp")
    if os.path.lexists(tmp):
        os.unlink(tmp)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def same_record(first: Path, second: Path) -> bool:
    """Are both names on one file (``replace_with_link``)? A record is replaced
    whole, never changed in place, so one file is one record."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def write_whole(path: Path, data: bytes) -> None:
    """Replace the file in one step: a build stopped halfway leaves the last one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
