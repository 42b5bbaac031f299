"""A PDF output built in parts on the executor (``writers/pdf/parts.py`` says what the parts are).

The PDF writer's ``parts`` generator names the parts to typeset, batch after batch; here each part
is looked up in the layout cache, waited for when another PDF of this build is already typesetting
the same part (client editions that differ only on the cover share every other part), or sent to
a worker. When the last batch is in, one more task assembles the PDF and writes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.builder.cache import PartCache, part_key
from reportgen.builder.queue import FINISH, START, TaskQueue
from reportgen.builder.tasks import Rendered, assemble_pdf, render_pdf_part
from reportgen.model import Report
from reportgen.writers import pdf
from reportgen.writers.pdf.parts import Assembly, PartResult, PartSpec

Got = Callable[[PartResult | None, BaseException | None, bool], None]  # (result, error, laid out here)


class PartSource:
    """Typeset parts for every PDF of one build: from the cache, from a task already under way for
    the same key, or from a new task."""

    def __init__(self, queue: TaskQueue, cache: PartCache):
        self.queue, self.cache = queue, cache
        self._waiting: dict[str, list[Got]] = {}

    def get(self, spec: PartSpec, priority: tuple, got: Got) -> None:
        key = part_key(spec)
        if (cached := self.cache.get(key)) is not None:
            got(cached, None, False)
        elif key in self._waiting:
            self._waiting[key].append(lambda result, error, _: got(result, error, False))
        else:
            self._waiting[key] = [got]
            self.queue.submit(priority, render_pdf_part, (spec, self.cache, key), lambda future: self._done(key, future))

    def _done(self, key: str, future: Future) -> None:
        error = future.exception()
        result, laid_out = (None, False) if error is not None else future.result()
        for got in self._waiting.pop(key):
            got(result, error, laid_out)


@dataclass
class PdfBuild:
    """One PDF: drives its layout batch by batch, then assembles it; reports through ``finished``."""

    report: Report
    pdf_variant: str | None
    path: Path
    group: int  # the edition's place in the build, so editions finish in order
    source: PartSource
    finished: Callable[[Rendered | None, BaseException | None, PdfBuild], None]
    laid_out: list[str] = field(default_factory=list)
    parts: int = 0
    started: float = field(default_factory=time.perf_counter)

    def start(self) -> None:
        try:
            self._work = pdf.parts(self.report, self.pdf_variant)
        except Exception as exc:  # refused before anything is typeset (unknown variant, bad colour or logo)
            self.finished(None, exc, self)
            return
        self._advance(None, START)

    def _advance(self, results: list[PartResult] | None, stage: int) -> None:
        try:
            specs = self._work.send(results)
        except StopIteration as done:
            self._assemble(done.value)
            return
        except Exception as exc:
            self.finished(None, exc, self)
            return
        batch: list[PartResult | None] = [None] * len(specs)
        missing = set(range(len(specs)))
        failed: list[BaseException] = []
        self.parts += len(specs)

        def got(index: int, name: str, result: PartResult | None, error: BaseException | None, laid_out: bool) -> None:
            missing.discard(index)
            if error is not None:
                failed.append(error)
            else:
                batch[index] = result
                if laid_out:
                    self.laid_out.append(name)
            if missing:
                return
            if failed:
                self.finished(None, failed[0], self)
            else:
                self._advance([r for r in batch if r is not None], FINISH)

        for index, spec in enumerate(specs):
            self.source.get(spec, (stage, self.group, -spec.cost),
                            lambda result, error, laid_out, i=index, n=spec.name: got(i, n, result, error, laid_out))

    def _assemble(self, assembly: Assembly) -> None:
        def done(future: Future) -> None:
            error = future.exception()
            rendered = None if error is not None else future.result()
            if rendered is not None:  # the PDF took from its first part to its assembly
                rendered = Rendered(rendered.sha256, rendered.size, time.perf_counter() - self.started)
            self.finished(rendered, error, self)

        self.source.queue.submit((FINISH, self.group, 0.0), assemble_pdf, (assembly, self.path), done)
