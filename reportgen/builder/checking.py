"""Checking reports without building them: what ``reportgen.check`` and ``reportgen check`` report.

A report is analysed (``reportgen.data.analyse``: parsed, validated, computed); an invalid one
gives its errors, a valid one its warnings (claims its numbers contradict) and, for each
language it lists, the data texts left untranslated. The package's own message catalogs are
checked too: a report must never ship half-translated chrome. What passes here, the build builds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Problem, ReportError


@dataclass(frozen=True)
class Checked:
    """One report's problems: its errors when it is invalid, else its warnings."""

    ref: str
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return all(p.severity == "warning" for p in self.problems)


def package_problems() -> list[Problem]:
    """Errors in the package itself: a message a catalog misses or mistranslates."""
    from reportgen.i18n import catalog_problems

    return catalog_problems()


def check_reports(refs: list[str], data_dir: Path, raise_invalid: bool = False) -> Iterator[Checked]:
    """Each report checked, in order; with ``raise_invalid`` the first invalid one raises its
    ``ReportError`` instead (``--debug`` shows where the problems were found)."""
    from reportgen.data import analyse
    from reportgen.data.folders import resolve_report
    from reportgen.model.coverage import translation_warnings

    for ref in refs:
        try:
            analysis = analyse(resolve_report(ref, data_dir))
        except ReportError as exc:
            if raise_invalid:
                raise
            yield Checked(ref, tuple(exc.problems))
            continue
        yield Checked(ref, (*analysis.warnings, *translation_warnings(analysis)))
