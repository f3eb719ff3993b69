"""Rendering over all cores: each process renders every n-th page.

Workers are forked once the catalog and templates are loaded, so they share
them; each renders its share of pages, stages the files itself and sends
back only what the main process needs (digests, links, page records). Pages
do not depend on each other, so the output is the same for any number of
workers.
"""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass, field

_JOB: tuple | None = None  # (generator, writer, notices): set just before forking


@dataclass
class Share:
    files: dict[str, str] = field(default_factory=dict)      # staged here: relpath → digest
    pending: list[tuple[str, bytes]] = field(default_factory=list)  # for the main process to stage
    targets: dict[str, str] = field(default_factory=dict)    # linked target → first page linking it
    foreign: list[tuple[str, str]] = field(default_factory=list)
    records: list[tuple] = field(default_factory=list)
    memo: dict[str, list] = field(default_factory=dict)   # relpath → its entry in the render memo
    search: dict[str, list[str]] = field(default_factory=dict)  # relpath → [lang, digest] of its search document
    written: int = 0
    count: int = 0
    reused: int = 0
    planned: int = 0


def _work(share: int, shares: int) -> Share:
    generator, writer, notices = _JOB
    return generator.render_share(writer, notices, share, shares)


def run_shares(generator, writer, notices: dict, workers: int) -> list[Share]:
    global _JOB
    _JOB = (generator, writer, notices)
    # The catalog and templates live as long as the build: the garbage
    # collector need not walk them again and again while pages render (its
    # full passes grow with the catalog), and forked workers keep sharing
    # their memory pages instead of copying them when the collector marks them.
    gc.freeze()
    try:
        if workers == 1:
            return [_work(0, 1)]
        context = multiprocessing.get_context("fork")
        with context.Pool(workers - 1) as pool:
            others = [pool.apply_async(_work, (share, workers)) for share in range(1, workers)]
            mine = _work(0, workers)  # the main process takes a share too
            return [mine] + [job.get() for job in others]
    finally:
        _JOB = None
        gc.unfreeze()
