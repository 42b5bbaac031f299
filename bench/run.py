"""Build timings on this machine, printed as a table (``make bench``; never part of the tests).

Every row runs ``reportgen`` as a fresh process, as a user or CI would: a cold full build of
one report, each format alone (and the deck's render in process, ``bench/deck.py``), the
no-op rebuild, and a batch of generated client variants at ``--jobs 1`` and ``--jobs 2`` (the
ratio shows the scaling), optionally through Dask.
Peak RSS is the largest single process of the run (the parent or one worker).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTGEN = [sys.executable, "-m", "reportgen"]
# A fresh wrapper per run, so RUSAGE_CHILDREN covers exactly that run's process tree.
PEAK_WRAPPER = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
    "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)"
)


def run(args: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process of one reportgen run."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *REPORTGEN, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reportgen {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    peak_kib = int(proc.stderr.rsplit("PEAK", 1)[1].split()[0])
    return seconds, peak_kib / 1024


def deck_in_process(report: str) -> tuple[str, float, float, str]:
    """The deck's render alone (``bench/deck.py``: no interpreter start, imports or model build), in a fresh process."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "deck.py"), "--report", report, "--machine"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    first, median, peak = (float(v) for v in proc.stdout.split())
    return "  pptx render in-process (first render)", first, peak, f"then {median:.2f} s a deck (median of 5)"


def write_variants(folder: Path, count: int) -> list[str]:
    palettes = ["#7A1F5C", "#005F73", "#9B2226", "#3A5A40", "#6A4C93"]
    lines = ["variants:"]
    names = []
    for i in range(count):
        name = f"client-{i:03d}"
        names.append(name)
        lines += [f"  {name}:", f"    client: Client {i:03d} Ltd", f'    accent: "{palettes[i % len(palettes)]}"',
                  f'    palette: ["{palettes[i % len(palettes)]}", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#8C8C8C"]']
    (folder / "variants.yaml").write_text("\n".join(lines) + "\n")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", default="latam-cgt")
    parser.add_argument("--sizes", default="20,50", help="variant batch sizes")
    parser.add_argument("--batch-formats", default="pdf,pptx,xlsx")
    parser.add_argument("--dask", action="store_true", help="add the Dask LocalCluster row")
    args = parser.parse_args()
    rows: list[tuple[str, float, float, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    try:
        out = tmp / "out"
        cold, rss = run(["build", args.report, "--out", str(out), "--force", "-q"])
        rows.append((f"cold full build, {args.report}, pdf+pptx+xlsx", cold, rss, ""))
        for fmt in ("pdf", "pptx", "xlsx"):
            t, rss = run(["build", args.report, "--format", fmt, "--out", str(out), "--force", "-q"])
            rows.append((f"  {fmt} alone", t, rss, ""))
        rows.append(deck_in_process(args.report))
        noop, rss = run(["build", args.report, "--out", str(out), "-q"])
        rows.append(("no-op rebuild", noop, rss, f"{noop / cold:.1%} of cold"))
        data_dir = tmp / "data"
        shutil.copytree(ROOT / "data" / args.report, data_dir / args.report)
        for size in [int(s) for s in args.sizes.split(",")]:
            names = write_variants(data_dir, size)
            flags = [a for n in names for a in ("--variant", n)]
            common = ["--data-dir", str(data_dir), "build", args.report, "--format", args.batch_formats, "--force", "-q", *flags]
            times = {}
            for jobs in (1, 2):
                times[jobs], rss = run([*common, "--out", str(tmp / f"batch-{size}-{jobs}"), "--jobs", str(jobs)])
                note = f"{times[1] / times[jobs]:.2f}x vs --jobs 1" if jobs == 2 else ""
                rows.append((f"batch of {size} variants ({args.batch_formats}), --jobs {jobs}", times[jobs], rss, note))
            if args.dask:
                t, rss = run([*common, "--out", str(tmp / f"dask-{size}"), "--jobs", "2", "--executor", "dask"])
                rows.append((f"batch of {size} variants via Dask LocalCluster, 2 workers", t, rss,
                             f"{t / times[2]:.2f}x the process pool"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'seconds':>8}  {'peak RSS MiB':>12}  note")
    for name, seconds, rss, note in rows:
        print(f"{name:<{width}}  {seconds:>8.2f}  {rss:>12.0f}  {note}")
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
