"""The local pool's workers import what the build's tasks need as they start, and a module that
cannot be imported there does not break the pool (the task that needs it reports it)."""

from __future__ import annotations

import sys

from reportgen.builder.executors import LocalExecutor

PROBE = "tabnanny"  # a standard module nothing in reportgen imports


def _imported(name: str) -> bool:
    return name in sys.modules


def test_workers_import_the_preloaded_modules_before_their_first_task():
    assert PROBE not in sys.modules
    pool = LocalExecutor(2, preload=(PROBE,))
    try:
        assert all(pool.submit(_imported, PROBE).result() for _ in range(4))
    finally:
        pool.close(kill=False)
    assert PROBE not in sys.modules, "imported by the workers, not by the build's own process"


def test_a_module_that_cannot_be_preloaded_leaves_the_pool_working():
    pool = LocalExecutor(1, preload=("reportgen.no_such_writer", PROBE))
    try:
        assert pool.submit(_imported, PROBE).result()
        assert not pool.submit(_imported, "reportgen.no_such_writer").result()
    finally:
        pool.close(kill=False)
