"""The local pool's workers import what the build's tasks need before their first task: their own
modules as they start, shared ones once in the build's process before it forks them; a module
that cannot be imported does not break the pool (the task that needs it reports it)."""

from __future__ import annotations

import subprocess
import sys

from reportgen.builder.executors import LocalExecutor, Preload
from reportgen.builder.tasks import preload

PROBE = "tabnanny"  # a standard module nothing in reportgen imports
SHARED_PROBE = "pyclbr"  # another


def _imported(name: str) -> bool:
    return name in sys.modules


def test_workers_import_the_preloaded_modules_before_their_first_task():
    assert PROBE not in sys.modules
    pool = LocalExecutor(2, preload=Preload(own=(PROBE,)))
    try:
        assert all(pool.submit(_imported, PROBE).result() for _ in range(4))
    finally:
        pool.close(kill=False)
    assert PROBE not in sys.modules, "imported by the workers, not by the build's own process"


def test_shared_modules_are_imported_once_before_the_workers_are_forked():
    assert SHARED_PROBE not in sys.modules
    pool = LocalExecutor(2, preload=Preload(shared=(SHARED_PROBE,)))
    try:
        assert SHARED_PROBE in sys.modules  # the build's process imported it ...
        assert all(pool.submit(_imported, SHARED_PROBE).result() for _ in range(4))  # ... and the workers have it
    finally:
        pool.close(kill=False)


def test_a_module_that_cannot_be_preloaded_leaves_the_pool_working():
    pool = LocalExecutor(1, preload=Preload(shared=("reportgen.no_such_model",), own=("reportgen.no_such_writer", PROBE)))
    try:
        assert pool.submit(_imported, PROBE).result()
        assert not pool.submit(_imported, "reportgen.no_such_writer").result()
    finally:
        pool.close(kill=False)


def test_a_pdf_build_shares_the_model_and_each_worker_imports_the_typesetters():
    """The data layer and the model, which the build's process needs anyway, are imported once for
    every worker; WeasyPrint, pikepdf and the Office writers by each worker while the build's process
    analyses the data; no plotting library at all (the charts are drawn by ``pdf/drawing.py``)."""
    chosen = preload(("pdf", "pptx", "xlsx"))
    check = ("import sys; from reportgen.builder.executors import _import; _import(sys.argv[1:]); "
             "print(' '.join(m for m in ('weasyprint', 'matplotlib', 'pikepdf', 'pptx', 'xlsxwriter') if m in sys.modules))")
    shared = subprocess.run([sys.executable, "-c", check, *chosen.shared], capture_output=True, text=True, check=True).stdout
    assert shared.split() == [] and "reportgen.model" in chosen.shared
    own = subprocess.run([sys.executable, "-c", check, *chosen.own], capture_output=True, text=True, check=True).stdout
    assert set(own.split()) == {"weasyprint", "pikepdf", "pptx", "xlsxwriter"}
