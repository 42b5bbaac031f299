"""Build progress: a live bar on a terminal, plain log lines in CI, nothing with --quiet.

The bar starts with the first output that finishes (the build's ``Progress`` says how many are
to be built), after the build's workers are forked: forking a process that runs other threads,
as the bar does, could copy a held lock into a worker. Its clock counts from the build's start
(``Progress.elapsed``), not from the bar's: analysing the data and the first output took time too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from reportgen import Output, Progress

OnProgress = Callable[[Progress], None]


def line(output: Output, out: Path) -> str:
    """``built nordic-robotics/nordic-robotics.xlsx (55,309 bytes, 0.11s)`` or ``failed ... (why)``."""
    rel = output.path.relative_to(out).as_posix()
    if output.status == "failed":
        return f"failed {rel} ({output.error})"
    layout = f", {output.layout}" if output.layout else ""
    return f"{output.status} {rel} ({output.size:,} bytes, {output.seconds:.2f}s{layout})"


@contextmanager
def reporter(out: Path, quiet: bool) -> Iterator[OnProgress]:
    if quiet:
        yield lambda p: click.echo(line(p.output, out), err=True) if p.output.status == "failed" else None
        return
    if not sys.stderr.isatty():
        yield lambda p: click.echo(line(p.output, out), err=p.output.status == "failed")
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
              console=Console(stderr=True), transient=True)
    task = None

    def on_progress(progress: Progress) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("", total=progress.total)
            bar.tasks[0].start_time = bar.get_time() - progress.elapsed  # its only task's clock: from the build's start
        bar.console.print(line(progress.output, out))
        bar.update(task, completed=progress.done, description=progress.output.path.relative_to(out).as_posix())

    try:
        yield on_progress
    finally:
        bar.stop()
