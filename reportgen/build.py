"""Orchestration: from report references to files on disk.

The data layer and model are computed once per report and handed to each writer; every
output is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.data import analyse
from reportgen.data.load import resolve_report
from reportgen.io import atomic_write
from reportgen.model import build_report
from reportgen.writers import writer


@dataclass(frozen=True)
class Output:
    report_id: str
    fmt: str
    path: Path
    size: int


def output_path(out: Path, report_id: str, fmt: str) -> Path:
    return out / report_id / f"{report_id}.{fmt}"


def build(ref: str, formats: list[str], out: Path, data_dir: Path) -> list[Output]:
    analysis = analyse(resolve_report(ref, data_dir))
    report = build_report(analysis)
    done = []
    for fmt in formats:
        data = writer(fmt).render(report)
        path = output_path(out, report.meta.id, fmt)
        atomic_write(path, data)
        done.append(Output(report.meta.id, fmt, path, len(data)))
    return done
