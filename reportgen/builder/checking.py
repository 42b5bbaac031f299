"""Checking reports without building them: what ``reportgen.check`` and ``reportgen check`` report.

A report is analysed (``reportgen.data.analyse``: parsed, validated, computed) and the brand it
wears loaded (``reportgen.data.brand``: its colours, fonts, logos and template checked); an
invalid one gives its errors, a valid one its warnings (claims its numbers contradict, text its
brand draws with too little contrast...) and, for each language it lists, the data texts left
untranslated. The package's own message catalogs are
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


def variant_problems(names: tuple[str, ...], variants_path: Path | None, data_dir: Path) -> list[Problem]:
    """The client variants ``names`` as a build of them finds them: the variants file's errors
    (an unknown name, a bad logo or brand), else the warnings of what each wears (its accent
    read with too little contrast, its own brand's warnings), which ``--strict`` refuses."""
    from reportgen.builder.variants import select_variants

    if not names:
        return []
    try:
        return [w for v in select_variants(names, variants_path, data_dir) for w in v.warnings]
    except ReportError as exc:
        return list(exc.problems)


def check_reports(refs: list[str], data_dir: Path, raise_invalid: bool = False, brand: Path | None = None) -> Iterator[Checked]:
    """Each report checked, in order, in its brand (``brand``: the one every report wears, else
    each finds its own); with ``raise_invalid`` the first invalid one raises its ``ReportError``
    instead (``--debug`` shows where the problems were found)."""
    from reportgen.builder.brands import Brands
    from reportgen.data import analyse
    from reportgen.data.brand_files import find_brand
    from reportgen.data.folders import resolve_report
    from reportgen.model.coverage import translation_warnings

    brands = Brands()  # the firm's brand, worn by every report without its own, is loaded once
    for ref in refs:
        try:
            folder = resolve_report(ref, data_dir)
            analysis = analyse(folder)
            worn = brands.load(find_brand(folder, data_dir, brand))
        except ReportError as exc:
            if raise_invalid:
                raise
            yield Checked(ref, tuple(exc.problems))
            continue
        yield Checked(ref, (*analysis.warnings, *translation_warnings(analysis), *worn.warnings))
