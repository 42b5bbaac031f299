"""The data layer: load a report folder, validate it, compute every number.

It knows nothing about output formats. ``analyse`` is the one entry point the model, the
CLI and the builder use (``analysis.py``).

The package imports nothing until one of its names is used: a build whose outputs are all up
to date decides so from file digests alone (``build.planning``), and must not pay for
importing the schema, pydantic and the computations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.data.analysis import Analysis, analyse
    from reportgen.data.compute import ComputedReport

__all__ = ["Analysis", "ComputedReport", "analyse"]


def __getattr__(name: str) -> Any:
    if name in ("Analysis", "analyse"):
        from reportgen.data import analysis

        return getattr(analysis, name)
    if name == "ComputedReport":
        from reportgen.data.compute import ComputedReport

        return ComputedReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
