"""Size and build time of the web edition (``.venv/bin/python bench/web.py``; never part of the tests).

Rows: ``reportgen build --format html`` as a fresh process (what CI pays), then in this process
what ``reportgen preview`` pays per save: analyse + model + HTML writer, the first time (the
font subsets are cut) and again (they are cached), and the file size of each language.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.data import analyse  # noqa: E402  (after the path is set)
from reportgen.model import build_report  # noqa: E402
from reportgen.writers import html  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", default="latam-cgt")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = ROOT / "data" / args.report
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-web-") as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reportgen", "build", args.report, "--format", "html", "--out", out, "--force", "-q"],
                       cwd=ROOT, check=True, capture_output=True)
        rows.append((f"reportgen build {args.report} --format html (fresh process)", time.perf_counter() - start, ""))
    for lang in ("en", "es", "pt-BR"):
        times, size = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            page = html.render(build_report(analyse(folder), lang=lang))
            times.append(time.perf_counter() - start)
            size = len(page)
        rows.append((f"  {lang}: analyse + model + HTML, first", times[0], f"{size:,} bytes ({size / 1024:.0f} KiB)"))
        rows.append((f"  {lang}: the same again (a preview rebuild), best of {args.repeat - 1}", min(times[1:]), ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'seconds':>8}  note")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {note}")


if __name__ == "__main__":
    main()
