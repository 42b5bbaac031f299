"""Builds that share an output root: each clears only the temporary files whose writer is gone,
so concurrent builds of any mix of reports, variants and formats all succeed, and the manifest
lists every output with its hash."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.builder.atomic import TEMP_PREFIX, _host, _start_time, orphaned, remove_temp_files
from tests.builder.test_build import manifest
from tests.conftest import NORDIC, ROOT


@pytest.fixture()
def sleeper() -> Iterator[subprocess.Popen]:
    """A live process of this host that is not this one: another build in flight."""
    proc = subprocess.Popen(["sleep", "120"])
    yield proc
    proc.kill()
    proc.wait()


def temp_name(pid: int, start: int | None = None, host: str | None = None) -> str:
    start = _start_time(pid) if start is None else start
    return f"{TEMP_PREFIX}{host or _host()}-{pid}-{start}-abc123"


def test_a_temp_file_of_a_live_process_is_kept(sleeper: subprocess.Popen):
    assert not orphaned(temp_name(sleeper.pid))
    assert not orphaned(temp_name(os.getpid()))


def test_a_temp_file_whose_writer_is_gone_is_orphaned(sleeper: subprocess.Popen):
    name = temp_name(sleeper.pid)
    sleeper.kill()
    sleeper.wait()
    assert orphaned(name)


def test_a_reused_pid_does_not_keep_a_dead_writers_file(sleeper: subprocess.Popen):
    assert orphaned(temp_name(sleeper.pid, start=_start_time(sleeper.pid) + 1))


def test_another_hosts_files_and_older_names_are_judged_as_they_can_be(sleeper: subprocess.Popen):
    assert not orphaned(temp_name(1, host="another_host"))  # a Dask worker elsewhere on a shared volume
    assert orphaned(TEMP_PREFIX + "k2j4h1")  # named by an older reportgen: no owner to wait for


def test_removing_temp_files_spares_live_writers(tmp_path: Path, sleeper: subprocess.Popen):
    live = tmp_path / "a" / temp_name(sleeper.pid)
    dead = tmp_path / "b" / temp_name(sleeper.pid, start=_start_time(sleeper.pid) + 7)
    for path in (live, dead):
        path.parent.mkdir()
        path.write_bytes(b"half")
    remove_temp_files(tmp_path)
    assert live.exists() and not dead.exists()


def build_args(data: Path, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "--out", str(out), *more]


def assert_manifest_matches(out: Path) -> dict:
    entries = manifest(out)
    for rel, entry in entries.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"], rel
    return entries


def test_a_build_leaves_another_builds_file_in_flight(tmp_path: Path, sleeper: subprocess.Popen):
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    out = tmp_path / "out"
    in_flight = out / "nordic-robotics" / temp_name(sleeper.pid)
    in_flight.parent.mkdir(parents=True)
    in_flight.write_bytes(b"another build is writing this")
    proc = subprocess.run(build_args(data, out, "--format", "xlsx"), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert in_flight.exists(), "a build removed a temporary file another live build is about to rename"


def test_concurrent_editions_into_one_root_all_succeed(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    (data / "variants.yaml").write_text(
        "variants:\n  alpha:\n    client: Alpha AB\n  beta:\n    client: Beta Oy\n    accent: '#7A1F5C'\n  gamma:\n    client: Gamma AS\n")
    out = tmp_path / "out"
    rounds = [("xlsx,html", "en"), ("pptx,xlsx", "en,es"), ("xlsx,html", "pt-BR")]
    for formats, langs in rounds:
        runs = [subprocess.Popen(build_args(data, out, "--variant", v, "--format", formats, "--lang", langs, "--force", "--jobs", "1"),
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for v in ("alpha", "beta", "gamma")]
        for run in runs:
            stdout, stderr = run.communicate(timeout=240)
            assert run.returncode == 0, stdout + stderr
    entries = assert_manifest_matches(out)
    expected = {f"nordic-robotics/{v}/{lang + '/' if lang != 'en' else ''}nordic-robotics.{fmt}"
                for v in ("alpha", "beta", "gamma") for formats, langs in rounds
                for fmt in formats.split(",") for lang in langs.split(",")}
    assert set(entries) == expected
    assert not list(out.rglob(TEMP_PREFIX + "*"))
