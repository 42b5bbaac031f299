"""Where build tasks run: a local process pool (default) or, for scale-out, a Dask cluster.

The builder only needs ``submit(fn, *args) -> Future`` and a way to stop, so any
``concurrent.futures``-compatible executor fits. Workers ignore SIGINT: on Ctrl-C the main
process decides, kills the workers and cleans up temp files, so a half-written file never
replaces a good one. Workers of the local pool also die with the main process when it is killed
outright (``reportgen.lifetime``).
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from reportgen.errors import BuildError
from reportgen.lifetime import exit_with_parent


class Executor(Protocol):
    workers: int  # tasks it runs at once

    def submit(self, fn: Any, /, *args: Any) -> Future: ...

    def close(self, kill: bool) -> None: ...


def _worker_start(parent: int, preload: tuple[str, ...]) -> None:
    """In each pool worker: the main process decides about Ctrl-C, and the worker dies with it;
    then it imports what its tasks will need (``preload``) while the main process plans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    exit_with_parent(parent)
    _import(preload)


def _import(modules: tuple[str, ...]) -> None:
    for module in modules:
        with contextlib.suppress(ImportError):  # a task that needs it reports it, against its output
            importlib.import_module(module)


@dataclass(frozen=True)
class Preload:
    """Modules a local pool's workers have imported before their first task: ``shared`` imported
    by the process that starts the pool, before it forks them (one import that every worker
    inherits), ``own`` imported by each worker as it starts."""

    shared: tuple[str, ...] = ()
    own: tuple[str, ...] = ()


NOTHING = Preload()


class LocalExecutor:
    """A process pool of ``jobs`` workers (forked: they inherit the parent's imports).

    A build starts its pool before it analyses the data, so that the workers import the
    writers' typesetters (WeasyPrint, pikepdf and python-pptx cost more than half a second per
    process) while the main process reads, checks and computes the reports, rather than when
    their first task arrives; what every worker needs and the main process needs anyway (the
    data layer and the model) it imports once, before forking them (``preload.shared``).
    """

    def __init__(self, jobs: int, preload: Preload = NOTHING):
        self.workers = jobs
        _import(preload.shared)
        self.pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start,
            initargs=(os.getpid(), preload.own),
        )
        # Fork every worker now (a fork pool starts all its processes at the first submit),
        # before the progress display starts its thread: forking a process that runs other
        # threads can copy a held lock into the child. Not waited for: the workers preload.
        self.pool.submit(os.getpid)

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


class DaskExecutor:
    """Tasks on a Dask cluster: an existing scheduler, or a LocalCluster of ``jobs`` processes.

    Dask reschedules the tasks of a worker that dies on the others (up to its
    ``distributed.scheduler.allowed-failures``); a task that keeps killing workers fails with
    ``KilledWorker``, which the builder reports against the output it was rendering. Outputs
    are written by the workers, so the output root must be a path every worker sees.
    """

    def __init__(self, jobs: int, scheduler: str | None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BuildError("the dask executor needs the 'dask' extra: pip install 'reportgen[dask]'") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, set_as_default=False)
        else:
            self.cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
            )
            self.client = Client(self.cluster, set_as_default=False)
        # A concurrent.futures view of the client; pure=False: every submit is a new task,
        # never a cached result of an earlier identical call.
        self.executor = self.client.get_executor(pure=False)
        # A LocalCluster's workers may still be starting; a scheduler's are up and say how many threads they run.
        self.workers = jobs if self.cluster is not None else max(1, sum(self.client.nthreads().values()))

    def submit(self, fn: Any, /, *args: Any) -> Future:
        return self.executor.submit(fn, *args)

    def close(self, kill: bool) -> None:
        self.executor.shutdown(wait=not kill)  # wait=False cancels what is still queued or running
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


EXECUTORS = ("local", "dask")


def make_executor(kind: str, jobs: int, scheduler: str | None = None, preload: Preload = NOTHING) -> Executor:
    """The executor of a build; a local pool's workers have imported ``preload`` before their first task."""
    if kind == "local":
        return LocalExecutor(jobs, preload)
    if kind == "dask":
        return DaskExecutor(jobs, scheduler)
    raise BuildError(f"unknown executor {kind!r} (known: {', '.join(EXECUTORS)})")
