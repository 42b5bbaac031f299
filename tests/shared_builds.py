"""Deliverables built once per test session, whichever test worker asks first.

Several test files read the same deliverables (the seed market's and the many-scripts market's
PDFs, the test markets' tagged PDFs), and each used to build its own copy: the many-scripts PDF
alone takes about fifteen seconds of a core. Here every such build goes into one output root shared
by the session's workers, one build at a time under a file lock, so the second asker's build finds
its outputs up to date and skips them: the product's own incremental build, exercised on the way.

Only for tests that read finished deliverables; a test about building itself (what is laid out,
skipped, rebuilt) builds into its own folder.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tests.conftest import ROOT

Build = Callable[..., Path]


@pytest.fixture(scope="session")
def shared_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``shared_build(folders, formats, languages)`` -> the shared output root holding them built."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if base.name.startswith("popen-gw") else base) / "shared-builds"  # one per session under xdist
    root.mkdir(exist_ok=True)

    def build(folders: Iterable[Path], formats: Iterable[str], languages: Iterable[str] = ("en",)) -> Path:
        out = root / "out"
        with (root / "lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            proc = subprocess.run([sys.executable, "-m", "reportgen", "build", *map(str, folders), "--format", ",".join(formats),
                                   "--lang", ",".join(languages), "--out", str(out), "-q"],
                                  cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Warning" not in proc.stderr, proc.stderr  # a warning printed by a library: the build must say nothing it does not mean
        return out

    return build


def edition(out: Path, folder: Path, language: str, fmt: str) -> Path:
    """Where a build puts one deliverable: ``<out>/<report>/[<language>/]<report>.<fmt>``."""
    return out / folder.name / ("" if language == "en" else language) / f"{folder.name}.{fmt}"
