"""Executing a plan: every stale output rendered by the executor's workers, in parallel.

The data layer and model are computed once per report and language in this process (a variant
only changes the brand it wears). A deck or workbook is one task; a PDF is laid out in parts
(``pdfjob.py``), each a task, whose layouts are kept in the output root's cache, then assembled by
one more task. Outputs are started in the plan's order, lazily: at most ``IN_FLIGHT`` per worker
under way at once (a model built, its tasks queued), the next started as one finishes, so a
batch of a thousand changed reports holds a few models and tasks, not a thousand. Tasks go to the
executor through a priority queue (``queue.py``): an edition's largest tasks first, finishing
tasks before new work. Every output is written atomically by the
worker that finishes it, and recorded in the manifest as it finishes. One failure never stops the
others. Temporary files that killed workers leave are cleared by whoever closes the executor,
once its workers are gone (``atomic.remove_temp_files``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.builder.cache import PartCache, cap_bytes
from reportgen.builder.executors import Executor
from reportgen.builder.manifest import Manifest
from reportgen.builder.planning import Job, Options, Plan, Unit
from reportgen.builder.queue import START, TaskQueue
from reportgen.builder.results import Output, Status
from reportgen.builder.tasks import Rendered, render_output
from reportgen.errors import BuildError

if TYPE_CHECKING:
    from reportgen.builder.pdfjob import PdfBuild
    from reportgen.model import Report

FORMAT_COST = {"pptx": 1.6, "xlsx": 0.3, "html": 0.5}  # expected seconds, against the PDF's parts (writers/pdf/parts.py)
IN_FLIGHT = 2  # outputs under way per worker: enough that none idles while a finished output's successor is started


Finished = Callable[[Output], None]  # told of each output as it is built or fails


def execute(plan_: Plan, options: Options, manifest: Manifest, executor: Executor, finished: Finished) -> None:
    """Run every stale job of the plan, recording each output built in the manifest and telling
    ``finished`` of it; one failure never stops the others."""
    from reportgen.builder.pdfjob import PartSource, PdfBuild  # the PDF writer: imported only when there is work

    cache = PartCache.of(options.out)
    queue = TaskQueue(executor)
    source = PartSource(queue, cache)
    try:
        warnings = {u.analysis.computed.meta.id: [str(w) for w in u.analysis.warnings] for u in plan_.units if u.analysis is not None}
        models: dict[tuple[str, str], Report] = {}  # the current report's, by language
        editions: dict[tuple[str, str, str], int] = {}

        def done(job: Job, rendered: Rendered | None, error: BaseException | None, layout: str = "") -> None:
            if error is not None:
                message = str(error) if isinstance(error, BuildError) else f"{type(error).__name__}: {error}"
                finished(outcome(job, options.out, "failed", error=message))
            else:
                assert rendered is not None
                manifest.record(job.rel, _entry(job, rendered, warnings[job.report_id]))
                finished(outcome(job, options.out, "built", rendered.sha256, rendered.size, rendered.seconds, layout=layout))
            feeder.finished()

        def start(unit: Unit, job: Job) -> None:
            if models and next(iter(models))[0] != job.report_id:
                models.clear()  # the previous report's jobs are all started: its models go with their tasks
            report = _model(models, unit, job)
            group = editions.setdefault((job.report_id, job.variant.name, job.lang), len(editions))
            if job.fmt == "pdf":
                PdfBuild(report, options.pdf_variant, options.out / job.rel, group, source,
                         lambda rendered, error, build, job=job: done(job, rendered, error, _layouts(build))).start()
            else:
                queue.submit((START, group, -FORMAT_COST.get(job.fmt, 1.0)), render_output,
                             (report, job.fmt, options.out / job.rel),
                             lambda future, job=job: done(job, None if future.exception() else future.result(), future.exception()))

        stale = ((u, j) for u in plan_.units for j in u.jobs if j.reason is not None)
        feeder = _Feeder(stale, start, IN_FLIGHT * executor.workers)
        feeder.fill()
        queue.run()
    finally:
        manifest.flush()
        cache.prune(cap_bytes())


class _Feeder:
    """Starts the stale jobs in order, at most ``limit`` under way at once: one more each time
    one finishes (``finished``, called from the queue's callbacks, or at once when an output
    fails before any task)."""

    def __init__(self, jobs: Iterator[tuple[Unit, Job]], start: Callable[[Unit, Job], None], limit: int):
        self._jobs, self._start, self.limit = jobs, start, max(1, limit)
        self.running = 0
        self._filling = False

    def fill(self) -> None:
        if self._filling:  # an output that failed as it started: the loop below goes on
            return
        self._filling = True
        try:
            while self.running < self.limit and (job := next(self._jobs, None)) is not None:
                self.running += 1
                self._start(*job)
        finally:
            self._filling = False

    def finished(self) -> None:
        self.running -= 1
        self.fill()


def outcome(job: Job, out: Path, status: Status, sha256: str | None = None, size: int | None = None, seconds: float | None = None,
            error: str | None = None, layout: str = "") -> Output:
    """What the caller is told of one output."""
    return Output(**vars(job.planned(out)), status=status, sha256=sha256, size=size, seconds=seconds, error=error, layout=layout)


def _layouts(build: PdfBuild) -> str:
    """How much of a PDF was laid out now: the parts not taken from the cache."""
    names = f" ({', '.join(build.laid_out)})" if build.laid_out else ""
    return f"laid out {len(build.laid_out)} of {build.parts} parts{names}"


def _model(models: dict[tuple[str, str], Report], unit: Unit, job: Job) -> Report:
    """The model once per report and language; a variant only changes the brand it wears."""
    from reportgen.model import build_report

    key = (job.report_id, job.lang)
    if key not in models:
        models[key] = build_report(unit.analysis, unit.brand, lang=job.lang)
    worn = job.variant.brand or models[key].brand
    return replace(models[key], brand=worn.for_client(job.variant.client))


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
        "notes": job.recorded_notes,
    }


