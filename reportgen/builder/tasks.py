"""The units of work a build sends to its executor (a local process pool or a Dask cluster).

All are top-level functions of picklable arguments, so any ``concurrent.futures``-style executor
can run them, and the parts of one PDF may run on different workers. Each output task writes its
own file atomically, so outputs land in the output root whichever machine ran the task; a part
task keeps the part it typeset in the output root's layout cache.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.builder.atomic import atomic_write
from reportgen.builder.executors import Preload
from reportgen.writers import writer

if TYPE_CHECKING:
    from reportgen.builder.cache import PartCache
    from reportgen.model import Report
    from reportgen.writers.pdf.parts import Assembly, PartResult, PartSpec


# What a worker has imported before its first task, by the formats of the build: the typesetters
# (WeasyPrint, pikepdf, python-pptx, XlsxWriter) and the model its tasks arrive in. The data layer
# and the model are imported once, by the process that starts a local pool, before it forks the
# workers (it needs them anyway to analyse the data), so the workers inherit them; the typesetters
# each worker imports as it starts, while that process analyses the data (imported there first,
# WeasyPrint's 0.6 s would delay every task that much).
SHARED = ("reportgen.data", "reportgen.model")
PRELOAD: dict[str, tuple[str, ...]] = {
    "pdf": ("reportgen.writers.pdf.fetch", "reportgen.writers.pdf.assemble", "reportgen.builder.cache"),
    "pptx": ("reportgen.writers.pptx",),
    "xlsx": ("reportgen.writers.xlsx",),
    "html": ("reportgen.writers.html",),
}


def preload(formats: tuple[str, ...]) -> Preload:
    """What the workers of a build in ``formats`` import before their first task (``executors.LocalExecutor``)."""
    return Preload(SHARED, tuple(dict.fromkeys(m for fmt in formats for m in PRELOAD.get(fmt, ()))))


@dataclass(frozen=True)
class Rendered:
    sha256: str
    size: int
    seconds: float


def render_output(report: Report, fmt: str, path: Path) -> Rendered:
    """Render one format in one piece (every format but the PDF, which is laid out in parts) and
    write it atomically to ``path``."""
    start = time.perf_counter()
    return _write(path, writer(fmt).render(report), start)


def render_pdf_part(spec: PartSpec, cache: PartCache, key: str) -> tuple[PartResult, bool]:
    """Typeset one part of a PDF (drawing the charts it shows) and keep it in the cache; whether
    it was laid out here (False: another build had cached it meanwhile)."""
    cached = cache.get(key)
    if cached is not None:
        return cached, False
    from reportgen.writers import pdf

    result = pdf.render_part(spec, pdf.draw_charts(spec))
    cache.put(key, result)
    return result, True


def assemble_pdf(assembly: Assembly, path: Path) -> Rendered:
    """One PDF from its typeset parts, written atomically to ``path``."""
    from reportgen.writers.pdf.assemble import assemble

    return _write(path, assemble(assembly), time.perf_counter())


def _write(path: Path, data: bytes, start: float) -> Rendered:
    atomic_write(path, data)
    return Rendered(hashlib.sha256(data).hexdigest(), len(data), time.perf_counter() - start)
