"""Planning a build: which outputs a batch asks for, where they go, and which are stale and why.

Each output's inputs (the report's files and its previous edition's, the package data of its
format, the catalog of its language, the package's code, the brand's files it shows, the variant
and the options) are hashed; an output whose hash is the manifest's and whose file is unchanged on disk is up to
date. ``--dry-run`` prints the plan.

Hashing needs only the report's files, but their analysis (``reportgen.data.analyse``: parse,
validate, compute) says which report they are, in which language, and whether they are valid.
Each manifest entry therefore keeps the facts the analysis gave (``Source``) and the warnings its
edition gives on every build (``Job.notes``: data texts shown in English), so that a report
whose files hash as they did when its outputs were built is settled without analysing it
(``survey``): the analysis is a function of the files, the previous edition's files, the
package's code and the PDF's fonts, so it would give what it gave then. Only the reports that
changed are analysed (``analyse_changed``), whatever else the batch holds: a rebuild costs what
changed plus one digest per report, and no analysis of a settled report is ever held.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.builder.brands import Brands
from reportgen.builder.digests import (
    catalog_digests,
    combined,
    file_digest,
    package_data_digests,
    package_digest,
    previous_digests,
    report_digests,
)
from reportgen.builder.manifest import Manifest
from reportgen.builder.results import Planned
from reportgen.builder.variants import Variant
from reportgen.data.brand_files import files_within, find_brand, format_inputs
from reportgen.data.folders import display_path, resolve_report
from reportgen.errors import Problem, ReportError
from reportgen.i18n import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from reportgen.data import Analysis
    from reportgen.model.brand import Brand


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...]
    variants: tuple[Variant, ...]
    out: Path
    languages: tuple[str, ...] = ()  # empty: each report's own language
    force: bool = False
    strict: bool = False
    pdf_variant: str | None = "pdf/ua-1"  # tagged for accessibility unless asked otherwise; None: untagged
    brand: Path | None = None  # --brand: the brand file every report wears (a variant's own brand still wins)


@dataclass(frozen=True)
class Source:
    """What the analysis of a report folder gave, kept in the manifest entry of each of its
    outputs (``survey`` settles a report from it): valid, with this id and language, and these inputs."""

    folder: str  # the report folder, resolved
    report: str  # its id
    language: str  # the data's language
    previous: str | None  # the previous edition's folder, resolved; "@" for a git revision (not re-hashed)
    analysed: str  # the hash of everything the analysis read (``analysis_inputs``)
    warned: bool  # the analysis warned (``--strict`` refuses the report)

    @classmethod
    def of(cls, entry: dict[str, Any]) -> Source | None:
        """The source a manifest entry names, or None (an entry of an older build)."""
        try:
            return cls(**entry["source"])
        except (KeyError, TypeError):
            return None


@dataclass(frozen=True)
class Job:
    """One output: which report, variant and format, where it goes, and why it is (re)built."""

    report_id: str
    variant: Variant
    lang: str
    fmt: str
    rel: str  # path under the output root, also the manifest key
    inputs: dict[str, str]
    reason: str | None  # None: up to date
    source: Source | None = None  # recorded with the output
    notes: tuple[Problem, ...] = ()  # what every build of this edition says: data texts it shows in English...

    @property
    def record(self) -> dict[str, Any] | None:
        return asdict(self.source) if self.source is not None else None

    @property
    def inputs_hash(self) -> str:
        return combined(self.inputs)

    @property
    def recorded_notes(self) -> list[list[str]]:
        """The notes as the manifest keeps them: path (absolute: shown again from anywhere), field, message."""
        return [[os.path.abspath(n.path), n.field, n.message] for n in self.notes]

    def planned(self, out: Path) -> Planned:
        """The output as the caller of a build sees it (``out``: the output root)."""
        return Planned(out / self.rel, self.report_id, self.variant.name or None, self.lang, self.fmt, self.reason)


@dataclass
class Unit:
    """A valid report and the jobs planned for it, with its analysis when it was analysed; none
    when its recorded digests settled it (every job up to date)."""

    jobs: list[Job]
    analysis: Analysis | None = None
    brand: Brand | None = None  # the brand it wears, loaded when it was analysed (a variant may wear its own)


@dataclass(frozen=True)
class Changed:
    """A report its records do not settle (edited, new, never built, or with a warning to show or
    refuse): ``analyse_changed`` analyses and plans it."""

    ref: str
    folder: Path
    brand: Path  # the brand file it wears (``brand_files.find_brand``)


@dataclass
class Plan:
    """Each report asked for, planned (``Unit``) or still to analyse (``Changed``), and those
    that are invalid with their problems."""

    reports: list[Unit | Changed] = field(default_factory=list)  # in the order asked for
    invalid: list[tuple[str, list[Problem]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # editions that show data texts in English
    brands: Brands = field(default_factory=Brands)  # the brands its reports wear, each loaded and hashed once

    @property
    def units(self) -> list[Unit]:
        return [u for u in self.reports if isinstance(u, Unit)]

    @property
    def changed(self) -> list[Changed]:
        return [c for c in self.reports if isinstance(c, Changed)]

    @property
    def jobs(self) -> list[Job]:
        return [j for u in self.units for j in u.jobs]


def output_rel(report_id: str, variant: Variant, lang: str, fmt: str, data_lang: str = DEFAULT_LANGUAGE) -> str:
    """``<id>/[<variant>/][<lang>/]<id>.<ext>``: editions in the data's language have no language folder."""
    parts = [report_id] + ([variant.name] if variant.name else []) + ([lang] if lang != data_lang else [])
    return "/".join(parts) + f"/{report_id}.{fmt}"


def _reason(previous: dict | None, inputs: dict[str, str], path: Path, force: bool) -> str | None:
    """Why an output must be rebuilt, or None when it is up to date."""
    if force:
        return "forced"
    if previous is None:
        return "new output"
    if not path.is_file():
        return "output missing"
    if previous.get("inputs_hash") == combined(inputs):
        if file_digest(path) != previous.get("sha256"):
            return "output changed on disk"
        return None
    old = previous.get("inputs", {})
    changed = sorted(k for k in set(old) | set(inputs) if old.get(k) != inputs.get(k))
    return "inputs changed: " + ", ".join(changed[:5]) + (f" (+{len(changed) - 5} more)" if len(changed) > 5 else "")


def edition_languages(variant: Variant, asked: tuple[str, ...], data_lang: str) -> tuple[str, ...]:
    """The languages a variant's editions are made in: the one its variants file fixes (a client
    buys its edition in its language, whatever else a batch asks for); else those asked for; else
    the data's. The build and the preview both follow it."""
    return (variant.language,) if variant.language else asked or (data_lang,)


def plan(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan:
    """Every output the build asks for: reports settled by their records, the others analysed
    (a build starts its workers between the two)."""
    return analyse_changed(survey(refs, data_dir, options, manifest), options, manifest)


def survey(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan:
    """The plan as far as the manifest's records and the files' digests settle it, analysing
    nothing: a report whose files (and previous edition's) hash as they did when its outputs were
    built, every output up to date, is a ``Unit`` without analysis; any other is ``Changed``.
    Each report costs its digests and a look-up, so a build's cost follows what changed, not
    the size of the tree."""
    records = _Records(manifest) if not options.force else None
    found = Plan()
    for ref in dict.fromkeys(refs):
        try:
            folder = resolve_report(ref, data_dir)
        except ReportError as exc:
            found.invalid.append((ref, exc.problems))
            continue
        brand = find_brand(folder, data_dir, options.brand)
        settled = records.settle(folder, brand, options, found.brands) if records is not None else None
        if settled is None:
            found.reports.append(Changed(ref, folder, brand))
            continue
        unit, warnings = settled
        found.reports.append(unit)
        found.warnings += warnings
    return found


def analyse_changed(found: Plan, options: Options, manifest: Manifest) -> Plan:
    """``found`` with each ``Changed`` report analysed and planned (or found invalid), in place."""
    reports: list[Unit | Changed] = []
    for entry in found.reports:
        if isinstance(entry, Unit):
            reports.append(entry)
            continue
        try:
            unit, warnings = _analysed(entry, options, manifest, found.brands)
        except ReportError as exc:
            found.invalid.append((entry.ref, exc.problems))
            continue
        reports.append(unit)
        found.warnings += warnings
    found.reports = reports
    return found


def _analysed(changed: Changed, options: Options, manifest: Manifest, brands: Brands) -> tuple[Unit, list[Problem]]:
    """A changed report analysed and its brand loaded (once a build: ``brands``): its jobs, and the
    warnings its editions give, the brand's included (ReportError when it is invalid, or warned
    under ``--strict``)."""
    from reportgen.data import analyse
    from reportgen.model.coverage import edition_warnings

    analysis = analyse(changed.folder)
    brand = brands.load(changed.brand)
    data_lang = analysis.computed.meta.language
    languages = dict.fromkeys(lang for v in options.variants for lang in edition_languages(v, options.languages, data_lang))
    notes = {lang: (*edition_warnings(analysis, lang, changed.ref), *brand.warnings) for lang in languages}
    translation = list(dict.fromkeys(w for found in notes.values() for w in found))
    if options.strict and (analysis.warnings or translation):
        raise ReportError([*analysis.warnings, *translation])
    previous = analysis.previous
    folder = analysis.computed.source.folder
    data_inputs = {**report_digests(folder, brand=files_within(changed.brand, folder)), **previous_digests(previous)}
    prior = None if previous is None else "@" if previous.tree is not None else str(previous.computed.source.folder.resolve())
    source = Source(str(changed.folder.resolve()), analysis.computed.meta.id, data_lang, prior, analysis_inputs(data_inputs),
                    bool(analysis.warnings))
    return Unit(_jobs(source, notes, data_inputs, changed.brand, options, manifest, brands), analysis, brand.brand), translation


class _Records:
    """The manifest's records by report folder: what the analysis of each gave when its outputs
    were built (indexed once, so settling a report is a look-up, not a scan of the manifest)."""

    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        self.sources: dict[str, dict[Source, None]] = {}  # an ordered set: the same result under any hash seed
        for entry in manifest.outputs.values():
            source = Source.of(entry)
            if source is not None:
                self.sources.setdefault(source.folder, {})[source] = None

    def settle(self, folder: Path, brand: Path, options: Options, brands: Brands) -> tuple[Unit, list[Problem]] | None:
        """The report's unit, every job up to date, from the sources its outputs recorded, and
        the warnings its editions recorded (every build shows them); or None (a file changed, an
        output is stale, a warning must be refused under ``--strict``)."""
        recorded = self.sources.get(str(folder.resolve()), {})
        own = report_digests(folder, brand=files_within(brand, folder)) if recorded else {}
        for source in recorded:
            if source.previous == "@" or (options.strict and source.warned):
                continue
            prior = Path(source.previous) if source.previous is not None else None
            data_inputs = {**own, **(report_digests(prior, "previous/") if prior is not None else {})}
            if analysis_inputs(data_inputs) != source.analysed:
                continue
            jobs = _jobs(source, {}, data_inputs, brand, options, self.manifest, brands)
            entries = [self.manifest.get(j.rel) or {} for j in jobs]
            notes = [_notes(e) for e in entries]
            if all(j.reason is None and Source.of(e) == source and n is not None for j, e, n in zip(jobs, entries, notes, strict=True)):
                warnings = list(dict.fromkeys(w for n in notes for w in n or ()))
                return None if options.strict and warnings else (Unit(jobs), warnings)
        return None


def _notes(entry: dict[str, Any]) -> tuple[Problem, ...] | None:
    """The warnings a manifest entry recorded for its edition, as shown from here; None when
    the entry has none recorded as they should be (an older build's, or edited)."""
    try:
        return tuple(Problem(display_path(Path(path)), field, message, "warning") for path, field, message in entry["notes"])
    except (KeyError, TypeError, ValueError):
        return None


def analysis_inputs(data_inputs: dict[str, str]) -> str:
    """The hash of what a report's analysis reads: its files and its previous edition's
    (``data_inputs``), the package's code, and the fonts its characters are checked against."""
    fonts = {k: v for k, v in package_data_digests("pdf").items() if k.startswith("font:") or k.startswith("package/fonts/")}
    return combined({**data_inputs, "package": package_digest(), **fonts})


def _jobs(source: Source, notes: dict[str, tuple[Problem, ...]], data_inputs: dict[str, str], brand: Path, options: Options,
          manifest: Manifest, brands: Brands) -> list[Job]:
    """The outputs of one report (``source``: its facts; ``notes``: its editions' warnings, by
    language; ``brand``: the brand file it wears, its files hashed once a build in ``brands``),
    each with why it is stale."""
    jobs = []
    for variant in options.variants:
        shown = brands.inputs(variant.brand_file or brand)
        for lang in edition_languages(variant, options.languages, source.language):
            for fmt in options.formats:
                if variant.formats and fmt not in variant.formats:
                    continue
                inputs = {**data_inputs, **package_data_digests(fmt), **catalog_digests(lang), **format_inputs(shown, fmt),
                          "package": package_digest(), "variant": variant.digest, "option:language": lang}
                if fmt == "pdf":
                    inputs["option:pdf-variant"] = options.pdf_variant or "none"
                rel = output_rel(source.report, variant, lang, fmt, source.language)
                reason = _reason(manifest.get(rel), inputs, options.out / rel, options.force)
                jobs.append(Job(source.report, variant, lang, fmt, rel, inputs, reason, source, notes.get(lang, ())))
    return jobs
