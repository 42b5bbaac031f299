"""Executing a plan: every stale output rendered by the executor's workers, in parallel.

The data layer and model are computed once per report and language in this process (a variant
only changes the brand it wears). A deck or workbook is one task; a PDF is laid out in parts
(``pdfjob.py``), each a task, whose layouts are kept in the output root's cache, then assembled by
one more task. Tasks go to the executor through a priority queue (``queue.py``): an edition's
largest tasks first, finishing tasks before new work. Every output is written atomically by the
worker that finishes it, and the manifest is updated after each. One failure never stops the
others. Temporary files that killed workers leave are cleared by whoever closes the executor,
once its workers are gone (``atomic.remove_temp_files``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reportgen.build.cache import PartCache, cap_bytes
from reportgen.build.executors import Executor
from reportgen.build.manifest import Manifest
from reportgen.build.planning import Job, Options, Plan, Unit
from reportgen.build.queue import START, TaskQueue
from reportgen.build.tasks import Rendered, render_output
from reportgen.errors import BuildError

if TYPE_CHECKING:
    from reportgen.build.pdfjob import PdfBuild
    from reportgen.model import Report

FORMAT_COST = {"pptx": 1.6, "xlsx": 0.3, "html": 0.5}  # expected seconds, against the PDF's parts (writers/pdf/parts.py)


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
    from reportgen.build.pdfjob import PartSource, PdfBuild  # the PDF writer: imported only when there is work

    summary = Summary(skipped=[j.rel for j in plan_.jobs if j.reason is None])
    cache = PartCache.of(options.out)
    queue = TaskQueue(executor)
    source = PartSource(queue, cache)
    try:
        warnings = {u.analysis.computed.meta.id: [str(w) for w in u.analysis.warnings] for u in plan_.units if u.analysis is not None}
        models: dict[tuple[str, str], Report] = {}
        editions: dict[tuple[str, str, str], int] = {}

        def finished(job: Job, rendered: Rendered | None, error: BaseException | None, detail: str = "") -> None:
            if error is not None:
                _fail(summary, job, error, manifest, on_event)
                return
            assert rendered is not None
            manifest.record(job.rel, _entry(job, rendered, warnings[job.report_id]))
            summary.built.append(job.rel)
            on_event("built", job, f"{rendered.size:,} bytes, {rendered.seconds:.2f}s{detail}")

        for unit, job in ((u, j) for u in plan_.units for j in u.jobs if j.reason is not None):
            report = _model(models, unit, job)
            group = editions.setdefault((job.report_id, job.variant.name, job.lang), len(editions))
            if job.fmt == "pdf":
                PdfBuild(report, options.pdf_variant, options.out / job.rel, group, source,
                         lambda rendered, error, build, job=job: finished(job, rendered, error, _layouts(build))).start()
            else:
                queue.submit((START, group, -FORMAT_COST.get(job.fmt, 1.0)), render_output,
                             (report, job.fmt, options.out / job.rel),
                             lambda future, job=job: finished(job, None if future.exception() else future.result(), future.exception()))
        queue.run()
    finally:
        cache.prune(cap_bytes())
    return summary


def useful_workers(options: Options, reports: int, jobs: int) -> int:
    """Workers worth starting for ``jobs`` at most, before the plan says what is stale (the pool
    starts while the reports are analysed): one per output the build may make (at most), but a
    PDF's parts keep every worker busy."""
    if "pdf" in options.formats:
        return jobs
    outputs = reports * len(options.variants) * max(1, len(options.languages)) * len(options.formats)
    return max(1, min(jobs, outputs))


def _layouts(build: PdfBuild) -> str:
    """How much of a PDF was laid out now: the parts not taken from the cache."""
    names = f" ({', '.join(build.laid_out)})" if build.laid_out else ""
    return f", laid out {len(build.laid_out)} of {build.parts} parts{names}"


def _model(models: dict[tuple[str, str], Report], unit: Unit, job: Job) -> Report:
    """The model once per report and language; a variant only changes the brand it wears."""
    from reportgen.model import build_report

    key = (job.report_id, job.lang)
    if key not in models:
        models[key] = build_report(unit.analysis, unit.brand, lang=job.lang)
    worn = job.variant.brand or models[key].brand
    return replace(models[key], brand=worn.for_client(job.variant.client))


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
        "source": job.record,
    }


