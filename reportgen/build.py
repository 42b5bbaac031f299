"""The builder: from report references to up-to-date outputs, in parallel and incrementally.

A build is planned first (which outputs exist, which are stale and why), then executed: the
data layer and model are computed once per report and variant in this process, charts once
per report and brand (by the PDF's own worker, or as a shared task when several PDFs use
them), and every output is rendered by a worker that writes it atomically. The manifest is
updated after each finished output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.data import Analysis, analyse
from reportgen.data.load import resolve_report
from reportgen.errors import BuildError, Problem, ReportError
from reportgen.executors import Executor
from reportgen.i18n import DEFAULT_LANGUAGE
from reportgen.inputs import catalog_digests, combined, file_digest, package_digest, report_digests, template_digests
from reportgen.io import remove_temp_files
from reportgen.manifest import Manifest
from reportgen.model import Report, build_report
from reportgen.tasks import Rendered, render_charts, render_output
from reportgen.variants import Variant


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

    @property
    def jobs(self) -> list[Job]:
        return [j for u in self.units for j in u.jobs]


@dataclass
class Summary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return 2
        return 1 if self.failed else 0

    def line(self) -> str:
        parts = [f"built {len(self.built)}", f"skipped {len(self.skipped)}", f"failed {len(self.failed)}"]
        if self.invalid:
            parts.append(f"invalid {len(self.invalid)}")
        return ", ".join(parts) + f" in {self.seconds:.2f}s"


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


def plan(refs: list[str], data_dir: Path, options: Options, manifest: Manifest) -> Plan:
    units, invalid = [], []
    for ref in refs:
        try:
            folder = resolve_report(ref, data_dir)
            analysis = analyse(folder)
        except ReportError as exc:
            invalid.append((ref, exc.problems))
            continue
        if options.strict and analysis.warnings:
            invalid.append((ref, list(analysis.warnings)))
            continue
        unit = Unit(analysis)
        report_id = analysis.computed.meta.id
        data_inputs = report_digests(folder)
        data_lang = analysis.computed.meta.language
        for variant in options.variants:
            languages = (variant.language,) if variant.language else options.languages or (data_lang,)
            for lang in languages:
                for fmt in options.formats:
                    if variant.formats and fmt not in variant.formats:
                        continue
                    inputs = {**data_inputs, **template_digests(fmt), **catalog_digests(lang), "package": package_digest(),
                              "variant": variant.digest, "option:language": lang}
                    if fmt == "pdf":
                        inputs["option:pdf-variant"] = options.pdf_variant or "default"
                    rel = output_rel(report_id, variant, lang, fmt, data_lang)
                    reason = _reason(manifest.get(rel), inputs, options.out / rel, options.force)
                    unit.jobs.append(Job(report_id, variant, lang, fmt, rel, inputs, reason))
        units.append(unit)
    return Plan(units, invalid)


Event = Callable[[str, Job, str], None]  # (kind: "built"/"failed", job, detail)


def execute(plan_: Plan, options: Options, manifest: Manifest, executor: Executor, on_event: Event) -> Summary:
    """Run every stale job of the plan; one failure never stops the others."""
    summary = Summary(skipped=[j.rel for j in plan_.jobs if j.reason is None])
    pending: dict[Future, tuple[str, object]] = {}
    charts: dict[tuple, Future] = {}
    waiting_pdf: dict[tuple, list[tuple[Job, Report]]] = {}
    try:
        stale = [(unit, j) for unit in plan_.units for j in unit.jobs if j.reason is not None]
        warnings = {u.analysis.computed.meta.id: [str(w) for w in u.analysis.warnings] for u in plan_.units}
        pdfs_per_key = Counter(_charts_key(j) for _, j in stale if j.fmt == "pdf")
        models: dict[tuple[str, str], Report] = {}
        # Longest tasks first; submit as soon as each model exists so workers start at once.
        for unit, job in sorted(stale, key=lambda uj: FORMAT_ORDER.index(uj[1].fmt)):
            report = _model(models, unit, job)
            if job.fmt != "pdf":
                pending[executor.submit(render_output, report, job.fmt, options.out / job.rel, None, None)] = ("output", job)
            elif pdfs_per_key[key := _charts_key(job)] == 1:
                # Charts of its own: the PDF task draws them itself, overlapping WeasyPrint's start-up.
                pending[executor.submit(render_output, report, "pdf", options.out / job.rel, options.pdf_variant, None)] = ("output", job)
            else:
                if key not in charts:  # shared by several PDFs: drawn once, as a task
                    charts[key] = executor.submit(render_charts, report)
                    pending[charts[key]] = ("charts", key)
                waiting_pdf.setdefault(key, []).append((job, report))
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                kind, what = pending.pop(future)
                if kind == "charts":
                    for job, report in waiting_pdf.pop(what, []):
                        try:
                            images = future.result()
                        except Exception as exc:  # a chart failure fails the PDFs that need it
                            _fail(summary, job, exc, manifest, on_event)
                            continue
                        pdf = executor.submit(render_output, report, "pdf", options.out / job.rel, options.pdf_variant, images)
                        pending[pdf] = ("output", job)
                    continue
                job = what
                try:
                    rendered: Rendered = future.result()
                except Exception as exc:
                    _fail(summary, job, exc, manifest, on_event)
                    continue
                manifest.record(job.rel, _entry(job, rendered, warnings[job.report_id]))
                summary.built.append(job.rel)
                on_event("built", job, f"{rendered.size:,} bytes, {rendered.seconds:.2f}s")
    finally:
        remove_temp_files(options.out)
    return summary


FORMAT_ORDER = ("pdf", "pptx", "xlsx")  # slowest first


def _charts_key(job: Job) -> tuple:
    """Charts carry text (titles, labels) and colours: shared per report, brand and language."""
    return (job.report_id, job.variant.branding.palette, job.variant.branding.accent, job.lang)


def _model(models: dict[tuple[str, str], Report], unit: Unit, job: Job) -> Report:
    """The model once per report and language; a variant only swaps the branding."""
    key = (job.report_id, job.lang)
    if key not in models:
        models[key] = build_report(unit.analysis, lang=job.lang)
    return replace(models[key], branding=job.variant.branding)


def _fail(summary: Summary, job: Job, exc: BaseException, manifest: Manifest, on_event: Event) -> None:
    message = str(exc) if isinstance(exc, BuildError) else f"{type(exc).__name__}: {exc}"
    summary.failed.append((job.rel, message))
    on_event("failed", job, message)


def _entry(job: Job, rendered: Rendered, warnings: list[str]) -> dict:
    return {
        "report": job.report_id,
        "variant": job.variant.name or None,
        "language": job.lang,
        "format": job.fmt,
        "path": job.rel,
        "sha256": rendered.sha256,
        "size": rendered.size,
        "inputs_hash": job.inputs_hash,
        "inputs": job.inputs,
        "duration_s": round(rendered.seconds, 3),
        "warnings": warnings,
    }


def describe(plan_: Plan) -> list[str]:
    """Dry-run lines: what would be rebuilt and why."""
    lines = []
    for job in plan_.jobs:
        lines.append(f"{'build' if job.reason else 'up to date'}\t{job.rel}" + (f"\t{job.reason}" if job.reason else ""))
    return lines


def clean(out: Path) -> list[str]:
    """Remove the outputs a manifest lists, the manifest and empty folders; nothing else."""
    manifest = Manifest(out)
    removed = []
    for rel in sorted(manifest.outputs):
        path = out / rel
        if path.is_file():
            path.unlink()
            removed.append(rel)
    remove_temp_files(out)
    if manifest.path.is_file():
        manifest.path.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed

