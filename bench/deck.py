"""The deck alone, in process (``.venv/bin/python bench/deck.py``; ``make bench`` shows it too; never part of the tests).

What issue 14's deck target counts: ``writers.pptx.render`` for one report, without interpreter
start, imports or the data and model build. The first render in a fresh process also reads the
Office face's metrics from the font file; the renders after it show the steady cost a batch of
editions pays per deck. ``--template FILE`` renders it on a corporate template (opening the
template, choosing its layouts and removing its sample slides are part of every render).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.data import analyse  # noqa: E402  (after the path is set)
from reportgen.model import build_report  # noqa: E402
from reportgen.writers import pptx  # noqa: E402


def measure(report_id: str, repeat: int, template: bytes | None = None) -> tuple[float, float]:
    """Seconds of the first render of ``report_id``'s deck in this process (on ``template``, if
    given), and the median of ``repeat`` more."""
    report = build_report(analyse(ROOT / "data" / report_id))
    start = time.perf_counter()
    pptx.render(report, template)
    first = time.perf_counter() - start
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        pptx.render(report, template)
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", default="latam-cgt")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--machine", action="store_true", help="print 'first median peak-MiB' for bench/run.py")
    parser.add_argument("--template", type=Path, default=None, help="a .pptx or .potx to build the deck on")
    args = parser.parse_args()
    first, median = measure(args.report, args.repeat, args.template.read_bytes() if args.template else None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.machine:
        print(f"{first} {median} {peak}")
        return
    print(f"deck of {args.report}, in process: first render {first:.3f} s, then median {median:.3f} s "
          f"of {args.repeat}; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
