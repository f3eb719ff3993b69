"""Jobs spread over processes come back in their order, the main process doing its share."""

from __future__ import annotations

import os

import pytest

from sadewa.jobs import run_jobs


def _square_and_process(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_in_the_jobs_order_whatever_the_workers(workers):
    results = run_jobs([(n,) for n in range(50)], _square_and_process, workers)
    assert [square for square, _ in results] == [n * n for n in range(50)]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes  # the main process worked too, not only waited
    assert (len(processes) > 1) == (workers > 1)
