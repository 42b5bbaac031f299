"""The builder under faults: concurrent builds, a killed main process, a broken manifest, a full disk."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from reportgen.builder import atomic
from reportgen.builder.manifest import Manifest
from reportgen.errors import BuildError
from tests.builder.test_build import manifest, rg, tree
from tests.conftest import NORDIC, ROOT


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(NORDIC, folder / "nordic-robotics")
    return folder


def build_args(data: Path, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "--out", str(out), *more]


def assert_outputs_match_manifest(out: Path) -> dict:
    entries = manifest(out)
    for rel, entry in entries.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"], rel
    return entries


def test_two_builds_of_different_formats_into_one_root_at_once_lose_no_entry(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    runs = [subprocess.Popen(build_args(data, out, "--format", formats, "--lang", "en,es"), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for formats in ("pdf", "pptx,xlsx")]
    for run in runs:
        stdout, stderr = run.communicate(timeout=240)
        assert run.returncode == 0, stdout + stderr
    entries = assert_outputs_match_manifest(out)
    expected = {f"nordic-robotics/{lang}nordic-robotics.{fmt}" for lang in ("", "es/") for fmt in ("pdf", "pptx", "xlsx")}
    assert set(entries) == expected
    rg("clean", "--out", str(out))
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()], "clean leaves no orphan"


def _descendants(pid: int) -> set[int]:
    """Every live process whose parent chain leads to ``pid``."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_killing_the_main_process_outright_leaves_nothing_running_and_nothing_lost(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    rg("--data-dir", str(data), "build", "nordic-robotics", "--out", str(out))
    before = tree(out)
    proc = subprocess.Popen(build_args(data, out, "--force", "--jobs", "2", "--lang", "en,es,pt-BR"), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(_descendants(proc.pid)) < 2:  # both workers forked and rendering
        time.sleep(0.05)
    time.sleep(0.5)
    workers = _descendants(proc.pid)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{w}").exists() and _alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived the main process"
    assert proc.stdout.read() is not None  # EOF: nobody holds the build's stdout open any more
    after = tree(out)
    time.sleep(1.0)
    assert tree(out) == after, "nothing is written after the build died"
    entries = assert_outputs_match_manifest(out)  # every file is whole: the old one or a new complete one
    assert set(before) - {"manifest.json"} <= set(entries), "no previous output was lost"
    rebuilt = rg("--data-dir", str(data), "build", "nordic-robotics", "--lang", "en,es,pt-BR", "--out", str(out))
    assert "failed 0" in rebuilt.stdout
    assert not list(out.rglob(".reportgen-tmp-*"))
    assert len(assert_outputs_match_manifest(out)) == 9


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_manifest_that_is_a_folder_is_a_one_line_error_before_rendering(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)
    proc = rg("--data-dir", str(data), "build", "nordic-robotics", "--out", str(out), check=1)
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"error: {out / 'manifest.json'}: is not a file (remove it; the manifest is rewritten by the next build)"]
    assert "Traceback" not in proc.stderr
    assert not (out / "nordic-robotics").exists(), "nothing is rendered"


@pytest.mark.parametrize("content", ["[1, 2]", '"text"', "{not json", '{"version": 1, "outputs": [1]}', ""])
def test_a_manifest_that_is_not_a_manifest_is_rebuilt(data: Path, tmp_path: Path, content: str):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(content)
    rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "xlsx", "--out", str(out))
    assert list(assert_outputs_match_manifest(out)) == ["nordic-robotics/nordic-robotics.xlsx"]


def _full_disk(monkeypatch, where: Path | None = None) -> None:
    """Temp files (in ``where``, or anywhere) are opened on /dev/full: every write fails with ENOSPC."""
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        if where is None or Path(kwargs.get("dir", "")) == where:
            full = os.open("/dev/full", os.O_WRONLY)
            os.dup2(full, fd)
            os.close(full)
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_fails_the_outputs_and_keeps_the_previous_files_and_manifest(data: Path, tmp_path: Path, monkeypatch):
    import reportgen

    out = tmp_path / "out"
    rg("--data-dir", str(data), "build", "nordic-robotics", "--format", "pptx,xlsx", "--out", str(out))
    before = tree(out)
    _full_disk(monkeypatch)  # inherited by the forked workers
    result = reportgen.build("nordic-robotics", data_dir=data, formats=["pptx", "xlsx"], out=out, force=True, jobs=1)
    assert not result.ok and [o.status for o in result.outputs] == ["failed", "failed"]
    assert all("No space left on device" in o.error for o in result.failed)
    assert tree(out) == before, "previous outputs and manifest untouched, no temp file left"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_manifest_that_cannot_be_saved_is_a_one_line_error_and_the_old_one_stays(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    keeper = Manifest(out)
    keeper.record("a/a.pdf", {"sha256": "x"})
    saved = (out / "manifest.json").read_bytes()
    _full_disk(monkeypatch, out)
    with pytest.raises(BuildError, match=r"manifest.json: cannot save the manifest \(No space left on device\)"):
        Manifest(out).record("b/b.pdf", {"sha256": "y"})
    assert (out / "manifest.json").read_bytes() == saved
    assert not list(out.glob(".reportgen-tmp-*"))
    assert json.loads(saved)["outputs"] == {"a/a.pdf": {"sha256": "x"}}


def test_entries_recorded_by_another_process_meanwhile_are_kept(tmp_path: Path):
    first, second = Manifest(tmp_path), Manifest(tmp_path)  # both read the same (empty) manifest
    first.record("a.pdf", {"sha256": "1"})
    second.record("b.pdf", {"sha256": "2"})
    assert set(Manifest(tmp_path).outputs) == {"a.pdf", "b.pdf"}


def test_clean_never_deletes_outside_the_output_root(tmp_path: Path):
    out, victim = tmp_path / "out", tmp_path / "precious.txt"
    victim.write_text("keep me")
    Manifest(out).record("../precious.txt", {"sha256": "x"})
    rg("clean", "--out", str(out))
    assert victim.read_text() == "keep me"


def test_a_link_out_of_the_report_folder_or_a_fifo_in_it_is_neither_hashed_nor_waited_on(data: Path, tmp_path: Path):
    folder = data / "nordic-robotics"
    secret = tmp_path / "secret.txt"
    secret.write_text("not a report file")
    os.symlink(secret, folder / "notes.txt")
    os.mkfifo(folder / "pipe")
    proc = subprocess.run(build_args(data, tmp_path / "out", "--format", "xlsx"), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    inputs = manifest(tmp_path / "out")["nordic-robotics/nordic-robotics.xlsx"]["inputs"]
    assert "report/report.yaml" in inputs
    assert not any(key.endswith(("notes.txt", "pipe")) for key in inputs)
