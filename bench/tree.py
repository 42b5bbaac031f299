"""A tree of many reports with one edited: what a rebuild costs as the tree grows
(``.venv/bin/python bench/tree.py --sizes 10,100,1000``; ``make bench`` shows 10 and 100; never part
of the tests).

Each tree holds copies of the smallest fixture market (tests/fixtures/nordic-robotics) with
distinct ids, built once (workbooks only, ``--format xlsx``); then one report is edited and the
tree rebuilt. Only the edited report's analysis and workbook are work; every other report should
cost its files' digests and nothing more, so the rebuild of a tree of 100 costs at most 1.3x that
of a tree of 10 (issue 22). Times are of ``reportgen`` as a fresh process, as CI runs it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "nordic-robotics"


def make_tree(data: Path, size: int) -> list[str]:
    """``size`` copies of the fixture under ``data``, ids ``market-000``...; their ids."""
    text = (FIXTURE / "report.yaml").read_text()
    ids = []
    for i in range(size):
        report_id = f"market-{i:04d}"
        shutil.copytree(FIXTURE, data / report_id)
        (data / report_id / "report.yaml").write_text(text.replace("id: nordic-robotics", f"id: {report_id}"))
        ids.append(report_id)
    return ids


def edit(folder: Path) -> None:
    report = folder / "report.yaml"
    report.write_text(report.read_text().replace("value: 905,", "value: 910,"))


def timed(*args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reportgen {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return seconds


def measure(tmp: Path, size: int) -> tuple[float, float, float]:
    """Seconds of the first build, the no-op rebuild and the rebuild after one edit, in a tree of ``size``."""
    data, out = tmp / f"data-{size}", tmp / f"out-{size}"
    ids = make_tree(data, size)
    common = ["--data-dir", str(data), "build", "--format", "xlsx", "-q", "--out", str(out)]
    first = timed(*common)
    noop = timed(*common)
    edit(data / ids[len(ids) // 2])
    rebuild = timed(*common)
    return first, noop, rebuild


def rows(sizes: list[int]) -> list[tuple[str, float, str]]:
    """Bench rows: the one-edit rebuild per tree size, against the smallest tree."""
    tmp = Path(tempfile.mkdtemp(prefix="reportgen-tree-"))
    try:
        found = [(size, *measure(tmp, size)) for size in sizes]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base = found[0][3]
    return [(f"tree of {size} reports, xlsx: rebuild after one edit", rebuild,
             f"{rebuild / base:.2f}x the tree of {found[0][0]} (target <= 1.3x at 100); no-op {noop:.2f} s, first build {first:.1f} s")
            for size, first, noop, rebuild in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100")
    args = parser.parse_args()
    for name, seconds, note in rows([int(s) for s in args.sizes.split(",") if s]):
        print(f"{name:<50} {seconds:7.2f} s   {note}")


if __name__ == "__main__":
    main()
