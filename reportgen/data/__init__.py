"""The data layer: load a report folder, validate it, compute every number.

It knows nothing about output formats. ``analyse`` is the one entry point the model, the
CLI and the builder use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.data.checks import Finding, consistency, findings, structural
from reportgen.data.compute import ComputedReport, compute
from reportgen.data.load import ReportSource, load_source
from reportgen.errors import Problem, ReportError


@dataclass(frozen=True)
class Analysis:
    """A computed report and the warnings found on the way."""

    computed: ComputedReport
    warnings: tuple[Problem, ...]
    findings: tuple[Finding, ...] = ()  # the warnings as facts, for the report to state in any language


def analyse(folder: Path) -> Analysis:
    """Load, check and compute one report; raise ReportError on any error-level problem."""
    source: ReportSource = load_source(folder)
    problems = structural(source)
    if problems:
        raise ReportError(problems)
    computed = compute(source)
    found = findings(computed)
    return Analysis(computed, tuple(consistency(computed, found)), tuple(found))


__all__ = ["Analysis", "ComputedReport", "analyse"]
