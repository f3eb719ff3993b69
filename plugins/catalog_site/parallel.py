"""Rendering over all cores: each process renders a share of the pages.

Workers are forked once the catalog and templates are loaded, so they share
them; each renders its share of pages, stages the files itself and sends
back only what the main process needs (digests, links, page records). Pages
do not depend on each other, so the output is the same for any number of
workers. The pages of one group (an SME's product pages in every view, its
page and its media kit) go to one process, which then renders their product
cards and texts once, not once in every process.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter
from dataclasses import dataclass, field

_JOB: tuple | None = None  # (generator, writer, notices, share of each page): set just before forking


@dataclass
class Share:
    files: dict[str, str] = field(default_factory=dict)      # staged here: relpath → digest
    pending: list[tuple[str, bytes]] = field(default_factory=list)  # for the main process to stage
    targets: dict[str, str] = field(default_factory=dict)    # linked target → first page linking it
    foreign: list[tuple[str, str]] = field(default_factory=list)
    records: list = field(default_factory=list)  # PageRecord, in no particular order
    memo: dict[str, list] = field(default_factory=dict)   # relpath → its entry in the render memo
    search: dict[str, list[str]] = field(default_factory=dict)  # relpath → [lang, digest] of its search document
    documents: dict[str, bytes] = field(default_factory=dict)  # relpath → its search document, to write
    written: int = 0
    count: int = 0
    reused: int = 0
    planned: int = 0


def _work(share: int) -> Share:
    generator, writer, notices, shares = _JOB
    return generator.render_share(writer, notices, share, shares)


def assign(groups: list[str | None], workers: int) -> list[int]:
    """The share of each page (``groups``: each page's group or None). Pages
    of no group take turns; whole groups go to the least loaded share,
    largest first (their pages cost alike: they are mostly product pages)."""
    load = [0] * workers
    share_of: dict[str, int] = {}
    for group, size in sorted(Counter(g for g in groups if g is not None).items(), key=lambda item: (-item[1], item[0])):
        share_of[group] = least = load.index(min(load))
        load[least] += size
    return [index % workers if group is None else share_of[group] for index, group in enumerate(groups)]


def run_shares(generator, writer, notices: dict, workers: int) -> list[Share]:
    global _JOB
    # Set before forking: the workers inherit it.
    _JOB = (generator, writer, notices, assign(generator.page_groups(), workers) if workers > 1 else None)
    # The catalog and templates live as long as the build: the garbage
    # collector need not walk them again and again while pages render (its
    # full passes grow with the catalog), and forked workers keep sharing
    # their memory pages instead of copying them when the collector marks
    # them. scripts/build.py gives them back to the collector when the run ends.
    gc.freeze()
    try:
        if workers == 1:
            return [_work(0)]
        context = multiprocessing.get_context("fork")
        with context.Pool(workers - 1) as pool:
            others = [pool.apply_async(_work, (share,)) for share in range(1, workers)]
            mine = _work(0)  # the main process takes a share too
            return [mine] + [job.get() for job in others]
    finally:
        _JOB = None
