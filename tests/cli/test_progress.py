"""Build progress: how long the build has run counts from its start, for a caller of the API and
on the terminal's bar, not from the first output that finished."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import reportgen
from reportgen.cli.progress import reporter
from tests.conftest import NORDIC


def test_progress_tells_the_seconds_since_the_build_started(tmp_path: Path):
    seen: list[reportgen.Progress] = []
    result = reportgen.build(NORDIC, formats=["xlsx", "html"], out=tmp_path / "out", jobs=1, progress=seen.append)
    assert [p.done for p in seen] == [1, 2] and len(result.built) == 2
    elapsed = [p.elapsed for p in seen]
    assert elapsed == sorted(elapsed) and elapsed[-1] <= result.seconds
    assert all(p.elapsed >= p.output.seconds for p in seen)  # its analysis and its own rendering are in it


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_the_time_since_the_build_started_from_its_first_output(tmp_path: Path, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    output = reportgen.Output(tmp_path / "a" / "a.xlsx", "a", None, "en", "xlsx", "new output", "built", "0" * 64, 10, 0.1)
    with reporter(tmp_path, quiet=False) as on_progress:
        on_progress(reportgen.Progress(output, 1, 2, elapsed=100.0))  # the first output, 100 s into the build
    assert "built a/a.xlsx" in terminal.getvalue() and "0:01:40" in terminal.getvalue()
