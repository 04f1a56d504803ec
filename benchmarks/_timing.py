"""Timing shared by the benchmark scripts: best of several repeats, so a busy moment on the machine cannot win."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_ops_per_second(work: Callable[[], int], repeats: int) -> float:
    """Run ``work`` (which returns how many operations it did) ``repeats`` times; the best rate, in operations/s."""
    best = float("inf")
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - start)
    return count / best
