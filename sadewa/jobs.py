"""Independent jobs spread over worker processes: photos, share cards,
catalog files. Results come back in the jobs' order, so the outcome is the
same for any number of workers."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor


def run_jobs(jobs: list[tuple], function, workers: int) -> list:
    """``function(*job)`` for every job, over ``workers`` processes; inline
    when there is little to do."""
    if len(jobs) < 4 or workers == 1:
        return [function(*job) for job in jobs]
    workers = min(workers, len(jobs))
    # The main process takes a share too: it would only wait for the
    # others, and what it makes itself is not pickled back to it.
    mine = len(jobs) // workers
    others = jobs[mine:]
    with ProcessPoolExecutor(max_workers=workers - 1) as pool:
        made = pool.map(function, *zip(*others), chunksize=max(1, len(others) // (workers * 8)))
        return [function(*job) for job in jobs[:mine]] + list(made)
