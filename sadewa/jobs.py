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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, *zip(*jobs), chunksize=max(1, len(jobs) // (workers * 8))))
