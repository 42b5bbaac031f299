"""Where build tasks run: a local process pool (default) or, for scale-out, a Dask cluster.

The builder only needs ``submit(fn, *args) -> Future`` and a way to stop, so any
``concurrent.futures``-compatible executor fits. Workers ignore SIGINT: on Ctrl-C the main
process decides, kills the workers and cleans up temp files, so a half-written file never
replaces a good one.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol


class Executor(Protocol):
    def submit(self, fn: Any, /, *args: Any) -> Future: ...

    def close(self, kill: bool) -> None: ...


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class LocalExecutor:
    """A process pool of ``jobs`` workers (forked: they inherit the parent's imports)."""

    def __init__(self, jobs: int):
        self.pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_sigint
        )
        # Fork every worker now, before the progress display starts its thread: forking a
        # process that runs other threads can copy a held lock into the child.
        for future in [self.pool.submit(os.getpid) for _ in range(jobs)]:
            future.result()

    def submit(self, fn: Any, /, *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def close(self, kill: bool) -> None:
        if kill:
            # Stop running renders now instead of waiting for them; their temp files are removed
            # by the builder. (ProcessPoolExecutor has no public terminate.)
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.terminate()
        self.pool.shutdown(wait=True, cancel_futures=kill)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_executor(kind: str, jobs: int, scheduler: str | None = None) -> Executor:
    if kind == "local":
        return LocalExecutor(jobs)
    raise ValueError(f"unknown executor {kind!r}")
