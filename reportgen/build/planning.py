"""Planning a build: which outputs a batch asks for, where they go, and which are stale and why.

Each output's inputs (the report's files and its previous edition's, the package data of its
format, the catalog of its language, the package's code, the variant and the options) are
hashed; an output whose hash is the manifest's and whose file is unchanged on disk is up to
date. ``--dry-run`` prints the plan.

Hashing needs only the report's files, but their analysis (``reportgen.data.analyse``: parse,
validate, compute) says which report they are, in which language, and whether they are valid.
Each manifest entry therefore keeps the facts the analysis gave (``Source``), so that
``settled`` can see a build with nothing to do without analysing anything: the analysis is a
function of the files, the previous edition's files, the package's code and the PDF's fonts,
so when those hash as they did when the outputs were built, it would give what it gave then.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.build.digests import (
    catalog_digests,
    combined,
    file_digest,
    package_data_digests,
    package_digest,
    previous_digests,
    report_digests,
)
from reportgen.build.manifest import Manifest
from reportgen.build.variants import Variant
from reportgen.data.brand_files import brand_inputs, find_brand, format_inputs
from reportgen.data.folders import resolve_report
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
    pdf_variant: str | None = None
    brand: Path | None = None  # --brand: the brand file every report wears (a variant's own brand still wins)


@dataclass(frozen=True)
class Source:
    """What the analysis of a report folder gave, kept in the manifest entry of each of its
    outputs (``settled`` plans from it): valid, with this id and language, and these inputs."""

    folder: str  # the report folder, resolved
    report: str  # its id
    language: str  # the data's language
    previous: str | None  # the previous edition's folder, resolved; "@" for a git revision (not re-hashed)
    analysed: str  # the hash of everything the analysis read (``analysis_inputs``)
    warned: bool  # the analysis warned (``--strict`` refuses the report)
    untranslated: bool  # this edition shows data texts in English (every build says so)

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

    @property
    def record(self) -> dict[str, Any] | None:
        return asdict(self.source) if self.source is not None else None

    @property
    def inputs_hash(self) -> str:
        return combined(self.inputs)


@dataclass
class Unit:
    """A valid report with its analysis and the jobs planned for it; no analysis when ``settled``
    found every job up to date."""

    analysis: Analysis | None
    jobs: list[Job] = field(default_factory=list)
    brand: Brand | None = None  # the report's brand (a variant may wear its own)


@dataclass
class Plan:
    units: list[Unit]
    invalid: list[tuple[str, list[Problem]]]
    warnings: list[Problem] = field(default_factory=list)  # editions that show data texts in English

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


def _languages(variant: Variant, options: Options, data_lang: str) -> tuple[str, ...]:
    return (variant.language,) if variant.language else options.languages or (data_lang,)


def plan(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan:
    """Every output the build asks for, each report analysed."""
    from reportgen.data import analyse
    from reportgen.data.brand import load_brand
    from reportgen.model.coverage import edition_warnings

    units, invalid, warned = [], [], []
    variant_warnings = [w for v in options.variants for w in v.warnings]
    for ref in refs:
        try:
            folder = resolve_report(ref, data_dir)
            analysis = analyse(folder)
            brand = load_brand(find_brand(folder, data_dir, options.brand))
        except ReportError as exc:
            invalid.append((ref, exc.problems))
            continue
        data_lang = analysis.computed.meta.language
        languages = dict.fromkeys(lang for v in options.variants for lang in _languages(v, options, data_lang))
        editions = {lang: edition_warnings(analysis, lang, ref) for lang in languages}
        translation = [w for found in editions.values() for w in found]
        looks = [w for w in (*brand.warnings, *variant_warnings) if w not in warned]  # each brand's warnings once a build
        if options.strict and (analysis.warnings or translation or looks):
            invalid.append((ref, [*analysis.warnings, *translation, *looks]))
            continue
        warned += translation + looks
        previous = analysis.previous
        data_inputs = {**report_digests(analysis.computed.source.folder), **previous_digests(previous)}
        prior = None if previous is None else "@" if previous.tree is not None else str(previous.computed.source.folder.resolve())
        sources = {lang: Source(str(folder.resolve()), analysis.computed.meta.id, data_lang, prior, analysis_inputs(data_inputs),
                                bool(analysis.warnings), bool(found)) for lang, found in editions.items()}
        units.append(Unit(analysis, _jobs(sources, data_inputs, options, manifest, find_brand(folder, data_dir, options.brand)),
                          brand.brand))
    return Plan(units, invalid, warned)


def settled(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan | None:
    """The plan when every output the build asks for is up to date, seen from the manifest and
    the files' digests without analysing any report; None when that cannot be seen (an output
    is stale, a report changed, a previous edition is a git revision, a warning must be shown or
    refused): ``plan`` decides then."""
    if options.force:
        return None
    units = []
    for ref in refs:
        try:
            folder = resolve_report(ref, data_dir)
        except ReportError:
            return None
        unit = _recorded(folder, options, manifest, find_brand(folder, data_dir, options.brand))
        if unit is None:
            return None
        units.append(unit)
    return Plan(units, [])


def _recorded(folder: Path, options: Options, manifest: Manifest, brand: Path) -> Unit | None:
    """The report's unit, every job up to date, from the sources its outputs recorded; or None."""
    resolved = str(folder.resolve())
    recorded = {s for s in map(Source.of, manifest.outputs.values()) if s is not None and s.folder == resolved}
    own = report_digests(folder)
    for source in recorded:
        if source.previous == "@" or source.untranslated or (options.strict and source.warned):
            continue
        prior = Path(source.previous) if source.previous is not None else None
        data_inputs = {**own, **(report_digests(prior, "previous/") if prior is not None else {})}
        if analysis_inputs(data_inputs) != source.analysed:
            continue
        langs = {lang for v in options.variants for lang in _languages(v, options, source.language)}
        jobs = _jobs(dict.fromkeys(langs, source), data_inputs, options, manifest, brand)
        if all(j.reason is None and (e := manifest.get(j.rel)) is not None and Source.of(e) == source for j in jobs):
            return Unit(None, jobs)
    return None


def analysis_inputs(data_inputs: dict[str, str]) -> str:
    """The hash of what a report's analysis reads: its files and its previous edition's
    (``data_inputs``), the package's code, and the fonts its characters are checked against."""
    fonts = {k: v for k, v in package_data_digests("pdf").items() if k.startswith("font:") or k.startswith("package/fonts/")}
    return combined({**data_inputs, "package": package_digest(), **fonts})


def _jobs(sources: dict[str, Source], data_inputs: dict[str, str], options: Options, manifest: Manifest, brand: Path) -> list[Job]:
    """The outputs of one report (``sources``: its facts, by edition language; ``brand``: the brand
    file it wears), each with why it is stale."""
    jobs = []
    brands: dict[Path, dict[str, str]] = {}
    for variant in options.variants:
        worn = variant.brand_file or brand
        looks = brands[worn] if worn in brands else brands.setdefault(worn, brand_inputs(worn))
        for lang in _languages(variant, options, next(iter(sources.values())).language):
            source = sources[lang]
            for fmt in options.formats:
                if variant.formats and fmt not in variant.formats:
                    continue
                inputs = {**data_inputs, **package_data_digests(fmt), **catalog_digests(lang), **format_inputs(looks, fmt),
                          "package": package_digest(), "variant": variant.digest, "option:language": lang}
                if fmt == "pdf":
                    inputs["option:pdf-variant"] = options.pdf_variant or "default"
                rel = output_rel(source.report, variant, lang, fmt, source.language)
                reason = _reason(manifest.get(rel), inputs, options.out / rel, options.force)
                jobs.append(Job(source.report, variant, lang, fmt, rel, inputs, reason, source))
    return jobs


def describe(plan_: Plan) -> list[str]:
    """Dry-run lines: what would be rebuilt and why."""
    lines = []
    for job in plan_.jobs:
        lines.append(f"{'build' if job.reason else 'up to date'}\t{job.rel}" + (f"\t{job.reason}" if job.reason else ""))
    return lines


