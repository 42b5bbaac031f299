"""The units of work a build sends to its executor (a local process pool or a Dask cluster).

Both are top-level functions of picklable arguments, so any ``concurrent.futures``-style
executor can run them. Each output task writes its own file atomically, so outputs land in
the output root whichever machine ran the task.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from reportgen.build.atomic import atomic_write
from reportgen.model import Report
from reportgen.writers import writer


@dataclass(frozen=True)
class Rendered:
    sha256: str
    size: int
    seconds: float


def render_charts(report: Report) -> dict[str, bytes]:
    """Chart images for the formats that need pictures (the PDF), once per report and brand."""
    from reportgen.writers.pdf.charts import render_charts as render

    return render(report)


def render_output(report: Report, fmt: str, path: Path, pdf_variant: str | None, charts: dict[str, bytes] | None) -> Rendered:
    """Render one format and write it atomically to ``path``."""
    start = time.perf_counter()
    module = writer(fmt)
    data = module.render(report, pdf_variant=pdf_variant, charts=charts) if fmt == "pdf" else module.render(report)
    atomic_write(path, data)
    return Rendered(hashlib.sha256(data).hexdigest(), len(data), time.perf_counter() - start)
