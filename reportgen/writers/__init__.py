"""Writers turn a report model into the bytes of one format.

A writer is a module ``reportgen.writers.<format>`` with ``render(report) -> bytes``: a pure
function of the model (plus, for the PDF, the chart images rendered once per report). Writers
lay out what the model holds; they never compute a number. Helpers that two writers share (table
cells and shapes, anchors, the contents) live in ``writers.shared``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from reportgen.errors import BuildError

FORMATS = ("pdf", "pptx", "xlsx", "html")


def writer(fmt: str) -> ModuleType:
    if fmt not in FORMATS:
        raise BuildError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    try:
        return importlib.import_module(f"reportgen.writers.{fmt}")
    except ModuleNotFoundError as exc:
        if exc.name == f"reportgen.writers.{fmt}":
            raise BuildError(f"the {fmt} writer is not available in this version") from None
        raise
