"""A build from start to end: what ``reportgen.build`` and ``reportgen.plan`` run (and through them
``reportgen build``).

The manifest's records settle every report whose files did not change, without analysing it
(``planning.survey``). Only when a report changed does the build start its workers (``Workers``:
the local process pool, whose workers import the writers' typesetters meanwhile, or Dask), then
analyse what changed, then render what is stale (``execution``), telling ``progress`` of each
output as it finishes. A build with nothing to do imports neither the data layer nor a typesetter.

Interrupted (KeyboardInterrupt: Ctrl-C, or SIGTERM where the command line maps it so), the
workers are stopped at once, no half-written file is left, the outputs finished so far stay
recorded, and the KeyboardInterrupt goes on to the caller. The workers never outlive the build.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.builder import planning
from reportgen.builder.atomic import remove_temp_files
from reportgen.builder.executors import NOTHING, Executor, Preload, default_jobs, make_executor
from reportgen.builder.manifest import Manifest
from reportgen.builder.planning import Job, Options, Plan, analyse_changed, survey
from reportgen.builder.results import BuildPlan, BuildResult, Output, Progress
from reportgen.builder.step_summary import write_step_summary
from reportgen.errors import Problem


@dataclass(frozen=True)
class Workers:
    """Where a build's tasks run: ``executor`` 'local' (a process pool of ``jobs`` workers,
    default one per core) or 'dask' (the cluster at ``scheduler``, or a LocalCluster of ``jobs``)."""

    executor: str = "local"
    jobs: int | None = None
    scheduler: str | None = None

    def start(self, options: Options, reports: int, preload: Preload = NOTHING) -> Executor:
        return make_executor(self.executor, useful_workers(options, reports, self.jobs or default_jobs()), self.scheduler, preload)


def useful_workers(options: Options, reports: int, jobs: int) -> int:
    """Workers worth starting for ``jobs`` at most, before the plan says what is stale (the pool
    starts while the reports are analysed): one per output the build may make (at most), but a
    PDF's parts keep every worker busy."""
    if "pdf" in options.formats:
        return jobs
    outputs = reports * len(options.variants) * max(1, len(options.languages)) * len(options.formats)
    return max(1, min(jobs, outputs))


def plan(refs: list[str], data_dir: Path, options: Options, warnings: list[Problem]) -> BuildPlan:
    """What building ``refs`` would do; nothing is written (``--dry-run``). ``warnings``: the
    options' own (``variants.language_warnings``), given with the plan's."""
    found = planning.plan(refs, data_dir, options, Manifest(options.out))
    return BuildPlan(tuple(j.planned(options.out) for j in found.jobs), (*warnings, *found.warnings), *_invalid(found))


def build(refs: list[str], data_dir: Path, options: Options, warnings: list[Problem], workers: Workers,
          progress: Callable[[Progress], None] | None = None) -> BuildResult:
    """Build ``refs``: every stale output rendered and recorded, the others skipped; ``progress``
    is called (in this thread) as each output is built or fails."""
    from reportgen.builder.execution import execute, outcome

    started = time.perf_counter()
    manifest = Manifest(options.out)
    found = survey(refs, data_dir, options, manifest)
    pool: Executor | None = None
    stale: list[Job] = []
    done: dict[Path, Output] = {}
    finished = False
    try:
        if found.changed:
            if workers.executor == "local":  # its workers import the writers while the changed reports are analysed
                from reportgen.builder.tasks import preload

                pool = workers.start(options, len(found.changed), preload(options.formats))
            analyse_changed(found, options, manifest)
        stale = [j for j in found.jobs if j.reason is not None]
        if stale:
            manifest.check_writable()
            pool = pool or workers.start(options, len({j.report_id for j in stale}))

            def record(output: Output) -> None:
                done[output.path] = output
                if progress is not None:
                    progress(Progress(output, len(done), len(stale), time.perf_counter() - started))

            execute(found, options, manifest, pool, record)
        finished = True
    finally:
        if pool is not None:
            pool.close(kill=not finished or not stale)  # interrupted, failed, or started for nothing
            remove_temp_files(options.out)  # what killed workers left; other builds' files in flight are theirs
    outputs = tuple(done[options.out / j.rel] if j.reason is not None else outcome(j, options.out, "skipped", *_recorded(manifest, j))
                    for j in found.jobs)
    result = BuildResult(outputs, (*warnings, *found.warnings), *_invalid(found), seconds=time.perf_counter() - started)
    unwritten = write_step_summary(result)
    return result if unwritten is None else replace(result, warnings=(*result.warnings, unwritten))


def _recorded(manifest: Manifest, job: Job) -> tuple[str | None, int | None]:
    """The sha256 and size an up-to-date output was recorded with."""
    entry = manifest.get(job.rel) or {}
    return entry.get("sha256"), entry.get("size")


def _invalid(found: Plan) -> tuple[tuple[Problem, ...], tuple[str, ...]]:
    return tuple(p for _, problems in found.invalid for p in problems), tuple(ref for ref, _ in found.invalid)
