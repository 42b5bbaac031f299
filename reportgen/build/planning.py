"""Planning a build: which outputs a batch asks for, where they go, and which are stale and why.

Each output's inputs (the report's files and its previous edition's, the package data of its
format, the catalog of its language, the package's code, the variant and the options) are
hashed; an output whose hash is the manifest's and whose file is unchanged on disk is up to
date. ``--dry-run`` prints the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
from reportgen.data import Analysis, analyse
from reportgen.data.load import resolve_report
from reportgen.errors import Problem, ReportError
from reportgen.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...]
    variants: tuple[Variant, ...]
    out: Path
    languages: tuple[str, ...] = ()  # empty: each report's own language
    force: bool = False
    strict: bool = False
    pdf_variant: str | None = None


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

    @property
    def inputs_hash(self) -> str:
        return combined(self.inputs)


@dataclass
class Unit:
    """A valid report with its analysis and the jobs planned for it."""

    analysis: Analysis
    jobs: list[Job] = field(default_factory=list)


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
    from reportgen.model.coverage import edition_warnings

    units, invalid, warned = [], [], []
    for ref in refs:
        try:
            folder = resolve_report(ref, data_dir)
            analysis = analyse(folder)
        except ReportError as exc:
            invalid.append((ref, exc.problems))
            continue
        data_lang = analysis.computed.meta.language
        editions = dict.fromkeys(lang for v in options.variants for lang in _languages(v, options, data_lang))
        translation = [w for lang in editions for w in edition_warnings(analysis, lang, ref)]
        if options.strict and (analysis.warnings or translation):
            invalid.append((ref, [*analysis.warnings, *translation]))
            continue
        warned += translation
        unit = Unit(analysis)
        report_id = analysis.computed.meta.id
        data_inputs = {**report_digests(analysis.computed.source), **previous_digests(analysis.previous)}
        for variant in options.variants:
            for lang in _languages(variant, options, data_lang):
                for fmt in options.formats:
                    if variant.formats and fmt not in variant.formats:
                        continue
                    inputs = {**data_inputs, **package_data_digests(fmt), **catalog_digests(lang), "package": package_digest(),
                              "variant": variant.digest, "option:language": lang}
                    if fmt == "pdf":
                        inputs["option:pdf-variant"] = options.pdf_variant or "default"
                    rel = output_rel(report_id, variant, lang, fmt, data_lang)
                    reason = _reason(manifest.get(rel), inputs, options.out / rel, options.force)
                    unit.jobs.append(Job(report_id, variant, lang, fmt, rel, inputs, reason))
        units.append(unit)
    return Plan(units, invalid, warned)


def describe(plan_: Plan) -> list[str]:
    """Dry-run lines: what would be rebuilt and why."""
    lines = []
    for job in plan_.jobs:
        lines.append(f"{'build' if job.reason else 'up to date'}\t{job.rel}" + (f"\t{job.reason}" if job.reason else ""))
    return lines


