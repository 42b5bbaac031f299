"""Build progress: a live bar on a terminal, plain log lines in CI, nothing with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from reportgen.builder import Event, Job


@contextmanager
def reporter(total: int, quiet: bool) -> Iterator[Event]:
    if quiet or total == 0:
        yield _errors_only
        return
    if not sys.stderr.isatty():
        yield _plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("", total=total)

        def on_event(kind: str, job: Job, detail: str) -> None:
            bar.console.print(f"{kind} {job.rel} ({detail})")
            bar.update(task, advance=1, description=job.rel)

        yield on_event


def _plain(kind: str, job: Job, detail: str) -> None:
    click.echo(f"{kind} {job.rel} ({detail})", err=kind == "failed")


def _errors_only(kind: str, job: Job, detail: str) -> None:
    if kind == "failed":
        click.echo(f"failed {job.rel} ({detail})", err=True)
