"""``analyse``: load one report folder, check it and compute every number (the data layer's entry point)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.data.bounds import computed_problems
from reportgen.data.checks import Finding, consistency, entry_warnings, findings, structural
from reportgen.data.compute import ComputedReport, compute
from reportgen.data.glyphs import undrawable_characters
from reportgen.data.limits import limit_problems
from reportgen.data.load import ReportSource, load_source
from reportgen.data.outline import problems as outline_problems
from reportgen.data.previous import previous_edition
from reportgen.data.sections import report_problems as section_problems
from reportgen.errors import Problem, ReportError

if TYPE_CHECKING:
    from reportgen.data.previous import PreviousEdition


@dataclass(frozen=True)
class Analysis:
    """A computed report and the warnings found on the way."""

    computed: ComputedReport
    warnings: tuple[Problem, ...]
    findings: tuple[Finding, ...] = ()  # the warnings as facts, for the report to state in any language
    previous: PreviousEdition | None = None  # the edition ``previous:`` names, and what changed since


def analyse(folder: Path, previous: bool = True) -> Analysis:
    """Load, check and compute one report; raise ReportError on any error-level problem.

    What passes here is what every writer can show: the computed report holds no nan, no
    inf and no number outside the ranges of ``bounds``, and no character the PDF has no font for.
    With ``previous`` the edition that ``previous:`` names is read and compared too (an edition
    read as someone's previous one, or compared by ``reportgen diff``, is read without it:
    editions never chain).
    """
    source: ReportSource = load_source(folder)
    placing = [*outline_problems(source), *section_problems(source.sections)]
    problems = limit_problems(source) or [*structural(source), *(p for p in placing if p.severity == "error"),
                                          *undrawable_characters(source)]
    if problems:
        raise ReportError(problems)
    computed = compute(source)
    problems = computed_problems(computed)
    if problems:
        raise ReportError(problems)
    found = findings(computed)
    before, notes = previous_edition(computed) if previous else (None, [])
    warnings = (*source.warnings, *entry_warnings(source), *(p for p in placing if p.severity == "warning"),
                *consistency(computed, found), *notes)
    return Analysis(computed, warnings, tuple(found), before)

