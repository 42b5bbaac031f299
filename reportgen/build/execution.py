"""Executing a plan: every stale output rendered by the executor's workers, in parallel.

The data layer and model are computed once per report and language in this process (a variant
only swaps the branding); charts once per report, brand and language (by the PDF's own worker,
or as a shared task when several PDFs use them); every output is rendered by a worker that
writes it atomically, and the manifest is updated after each finished output. One failure
never stops the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace

from reportgen.build.atomic import remove_temp_files
from reportgen.build.executors import Executor
from reportgen.build.manifest import Manifest
from reportgen.build.planning import Job, Options, Plan, Unit
from reportgen.build.tasks import Rendered, render_charts, render_output
from reportgen.errors import BuildError
from reportgen.model import Report, build_report


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


FORMAT_ORDER = ("pdf", "pptx", "xlsx", "html")  # slowest first


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


