"""Scale-out: the same batch through a real Dask LocalCluster gives the same tree as the pool."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.builder.test_build import manifest, rg, tree, without_durations
from tests.conftest import NORDIC, ROOT

distributed = pytest.importorskip("distributed", reason="Dask scale-out needs the 'dask' extra")

VARIANTS = ["north", "south"]
FORMATS = "pdf,xlsx"  # the slowest and the formula-heavy one: enough to compare, quick to build


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as local:
        yield local


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(NORDIC, folder / "nordic-robotics")
    (folder / "variants.yaml").write_text(
        "variants:\n" + "".join(f"  {v}:\n    client: {v.title()} Logistics AB\n" for v in VARIANTS))
    return folder


def batch_args(data: Path, out: Path) -> list[str]:
    flags = [a for v in VARIANTS for a in ("--variant", v)]
    return ["--data-dir", str(data), "build", "nordic-robotics", *flags, "--format", FORMATS, "--out", str(out), "--jobs", "2"]


def test_dask_and_process_pool_build_identical_trees(cluster, data: Path, tmp_path: Path):
    rg(*batch_args(data, tmp_path / "pool"))
    proc = rg(*batch_args(data, tmp_path / "dask"), "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert f"built {2 * len(VARIANTS)}, skipped 0, failed 0" in proc.stdout
    pool, dask = tree(tmp_path / "pool"), tree(tmp_path / "dask")
    pool.pop("manifest.json"), dask.pop("manifest.json")
    assert pool == dask and len(pool) == 2 * len(VARIANTS)
    assert without_durations(manifest(tmp_path / "pool")) == without_durations(manifest(tmp_path / "dask"))
    again = rg(*batch_args(data, tmp_path / "dask"), "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert "nothing to do" in again.stdout  # incremental skip works the same through Dask


def test_pdf_parts_laid_out_on_dask_workers_are_the_pool_s_bytes_and_cache(cluster, data: Path, tmp_path: Path):
    dask = rg(*batch_args(data, tmp_path / "dask"), "--format", "pdf", "--executor", "dask", "--scheduler", cluster.scheduler_address)
    north, south = (re.search(rf"{v}/nordic-robotics.pdf .*laid out (\d+) of (\d+) parts", dask.stdout) for v in VARIANTS)
    assert int(north[1]) + int(south[1]) == int(north[2]) + 1  # the editions share every part but the cover
    pool = rg(*batch_args(data, tmp_path / "dask"), "--format", "pdf", "--force")  # the pool, on the Dask build's cache
    assert pool.stdout.count("laid out 0 of") == len(VARIANTS)
    fresh = tmp_path / "pool"
    rg(*batch_args(data, fresh), "--format", "pdf")
    for v in VARIANTS:
        rel = f"nordic-robotics/{v}/nordic-robotics.pdf"
        assert (tmp_path / "dask" / rel).read_bytes() == (fresh / rel).read_bytes()


def test_a_worker_killed_mid_batch_is_retried(cluster, data: Path, tmp_path: Path):
    out = tmp_path / "out"
    with distributed.Client(cluster.scheduler_address) as client:
        pids = list(client.run(os.getpid).values())
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", *batch_args(data, out), "--executor", "dask", "--scheduler",
         cluster.scheduler_address], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not (out / "manifest.json").exists():
        time.sleep(0.05)
    os.kill(pids[0], signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stdout + stderr
    assert f"built {2 * len(VARIANTS)}, skipped 0, failed 0" in stdout
    entries = manifest(out)
    assert len(entries) == 2 * len(VARIANTS)
    for rel, entry in entries.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"]
    assert not list(out.rglob(".reportgen-tmp-*"))
