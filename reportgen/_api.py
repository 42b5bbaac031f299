"""The public functions: ``check``, ``plan`` and ``build`` (re-exported by ``reportgen``).

They take what a caller has at hand (ids or folders, lists of names, ``str`` or ``Path``),
check it, and run the builder (``reportgen.builder``: ``checking``, ``run``), which the command
line runs through them too. Invalid input raises ``ReportError`` with its problems, each
``path: field: message``; a batch builds every valid report before raising, as the command
line does, and the error's ``result`` says what was built. Bad argument values (an unknown
format or language) are programming errors: ``ValueError``.

This module imports nothing heavy: ``import reportgen`` costs milliseconds, and a build with
nothing to do imports neither the data layer nor a typesetter.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.errors import Problem, ReportError

if TYPE_CHECKING:
    from reportgen.builder.planning import Options
    from reportgen.builder.results import BuildPlan, BuildResult, Progress

StrPath = str | os.PathLike[str]
Reports = StrPath | Iterable[StrPath] | None  # an id or a folder, several, or None: every report under data_dir
Format = Literal["pdf", "pptx", "xlsx", "html"]
Language = Literal["en", "es", "pt-BR"]
PdfVariant = Literal["pdf/ua-1", "pdf/a-3b", "none"]  # none: an untagged PDF

DATA_DIR = Path("data")
OUT = Path("output")
FORMATS: tuple[Format, ...] = ("pdf", "pptx", "xlsx")


def check(reports: Reports = None, *, data_dir: StrPath = DATA_DIR, brand: StrPath | None = None, variants: Iterable[str] = (),
          variants_file: StrPath | None = None) -> list[Problem]:
    """Every problem found in ``reports`` (ids under ``data_dir``, or folders) and the brand each
    wears (``brand``: a brand file for all, else each report's own, docs/brand.md): an invalid
    report's errors, a valid one's warnings, and errors in the package's message catalogs; with
    ``variants`` (names in ``variants_file``, default ``<data_dir>/variants.yaml``), what a build
    of them would refuse or warn about too: the variants file's errors, else the warnings of what
    each client wears (an accent read with too little contrast, its own brand's warnings).

    Nothing is raised for invalid reports: they are what ``check`` reports. A problem's
    ``severity`` is ``"error"`` (``build`` refuses the report) or ``"warning"`` (``build``
    refuses it only with ``strict=True``).
    """
    from reportgen.builder.checking import check_reports, package_problems, variant_problems

    refs = _refs(reports, Path(data_dir))
    worn = Path(brand) if brand is not None else None
    given = Path(variants_file) if variants_file is not None else None
    clients = variant_problems(tuple(_strings(variants)), given, Path(data_dir))
    return [*package_problems(), *clients, *(p for checked in check_reports(refs, Path(data_dir), brand=worn) for p in checked.problems)]


def plan(reports: Reports = None, *, formats: Iterable[Format] = FORMATS, languages: Iterable[Language] = (),
         variants: Iterable[str] = (), variants_file: StrPath | None = None, out: StrPath = OUT, data_dir: StrPath = DATA_DIR,
         strict: bool = False, force: bool = False, pdf_variant: PdfVariant = "pdf/ua-1", brand: StrPath | None = None) -> BuildPlan:
    """What ``build`` would do with the same arguments: every deliverable, and why the stale ones
    would be rebuilt (``Planned.reason``). Nothing is written; only changed reports are analysed."""
    from reportgen.builder import run

    refs, options, warnings = _options(reports, formats, languages, variants, variants_file, out, data_dir, strict, force, pdf_variant,
                                       brand)
    planned = run.plan(refs, Path(data_dir), options, warnings)
    if planned.problems:
        raise ReportError(list(planned.problems), result=planned)
    return planned


def build(reports: Reports = None, *, formats: Iterable[Format] = FORMATS, languages: Iterable[Language] = (),
          variants: Iterable[str] = (), variants_file: StrPath | None = None, out: StrPath = OUT, data_dir: StrPath = DATA_DIR,
          strict: bool = False, force: bool = False, pdf_variant: PdfVariant = "pdf/ua-1", jobs: int | None = None,
          executor: Literal["local", "dask"] = "local", scheduler: str | None = None,
          progress: Callable[[Progress], None] | None = None, brand: StrPath | None = None) -> BuildResult:
    """Build the deliverables of ``reports`` into ``out``; incremental, parallel, byte-identical.

    ``reports``: an id under ``data_dir`` or a report folder, several, or None for every report
    under ``data_dir``. ``formats``: any of pdf, pptx, xlsx, html. ``languages``: edition
    languages (default: each report's own; a variant whose file fixes a language is made in that
    one only). ``variants``: client variants by name, from ``variants_file`` (default
    ``<data_dir>/variants.yaml``); none: the house edition. ``strict``: warnings make a report
    invalid. ``force``: rebuild outputs that are up to date. ``pdf_variant``: a tagged
    (pdf/ua-1, the default), archival (pdf/a-3b) or untagged (none) PDF. ``brand``: a brand file
    every report wears (default: each report folder's ``_brand.yml``, else ``data_dir``'s, else the
    house brand; a variant's own brand still wins; docs/brand.md). ``jobs``: parallel workers
    (default: one per core);
    ``executor`` "dask" runs them on the cluster at ``scheduler`` (or a local one).
    ``progress`` is called in this thread with a ``Progress`` each time an output is built or
    fails.

    Returns a ``BuildResult``: one ``Output`` per deliverable (``status`` "built", "skipped" or
    "failed", ``path``, ``sha256``...); ``result.ok`` is False when one failed. Raises
    ``ReportError`` when input is invalid (after building the valid reports; ``error.result``),
    ``BuildError`` when the output root cannot be written, and lets KeyboardInterrupt through
    once the workers are stopped (finished outputs are kept, nothing is half-written).
    """
    from reportgen.builder import run

    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    refs, options, warnings = _options(reports, formats, languages, variants, variants_file, out, data_dir, strict, force, pdf_variant,
                                       brand)
    result = run.build(refs, Path(data_dir), options, warnings, run.Workers(executor, jobs, scheduler), progress)
    if result.problems:
        raise ReportError(list(result.problems), result=result)
    return result


def _options(reports: Reports, formats: Iterable[str], languages: Iterable[str], variants: Iterable[str], variants_file: StrPath | None,
             out: StrPath, data_dir: StrPath, strict: bool, force: bool, pdf_variant: str,
             brand: StrPath | None) -> tuple[list[str], Options, list[Problem]]:
    """The builder's arguments from the caller's: report refs, options, and the options' warnings."""
    from reportgen.builder.planning import Options
    from reportgen.builder.variants import language_warnings, select_variants
    from reportgen.i18n import LANGUAGES
    from reportgen.writers import FORMATS as KNOWN_FORMATS

    chosen_formats = _known("format", _strings(formats), KNOWN_FORMATS)
    if not chosen_formats:
        raise ValueError("no format asked for; choose from " + ", ".join(KNOWN_FORMATS))
    chosen_languages = _known("language", _strings(languages), LANGUAGES)
    _known("pdf variant", [pdf_variant], ("pdf/ua-1", "pdf/a-3b", "none"))
    data = Path(data_dir)
    given = Path(variants_file) if variants_file is not None else None
    chosen = select_variants(tuple(_strings(variants)), given, data)
    refs = _refs(reports, data)
    options = Options(tuple(chosen_formats), tuple(chosen), Path(out), tuple(chosen_languages), force, strict,
                      None if pdf_variant == "none" else pdf_variant, Path(brand) if brand is not None else None)
    looks = [w for v in chosen for w in v.warnings]  # a client's accent read with too little contrast, its brand's warnings
    if strict and looks:  # refused as a report's own brand warnings are, before anything is built
        raise ReportError(looks)
    return refs, options, language_warnings(chosen, options.languages, given, data) + looks


def _refs(reports: Reports, data_dir: Path) -> list[str]:
    """Report references as strings; None: every report under ``data_dir`` (ReportError if none)."""
    from reportgen.data.folders import refs_or_every_report

    if reports is None:
        return refs_or_every_report([], data_dir)
    return [os.fspath(reports)] if isinstance(reports, str | os.PathLike) else [os.fspath(r) for r in reports]


def _strings(values: Iterable[str]) -> list[str]:
    """A list of names; one name given as a plain string is one name, not its letters."""
    return [values] if isinstance(values, str) else list(dict.fromkeys(values))


def _known(kind: str, values: list[str], known: Iterable[str]) -> list[str]:
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValueError(f"unknown {kind}(s) {', '.join(map(repr, unknown))}; choose from {', '.join(known)}")
    return values
