"""Build timings on this machine, side by side in one run (``make bench``; never part of the tests).

Every reportgen row runs ``reportgen`` as a fresh process, as a user or CI would, into a fresh
output root (so a cold build also starts with an empty layout cache):

- the cold build of one report in three formats, against the pandoc + typst + matplotlib
  pipeline on comparable content (``pipeline.py``), and the PDF alone against pandoc + typst on
  reportgen's own HTML and SVG charts; the size of the PDF a build ships (laid out in parts)
  against the same report laid out in one piece;
- the deck's render alone, in process (``deck.py``: no interpreter start, imports or model build);
- the no-op rebuild, the rebuild after editing one dimension's growth (three formats, and the
  PDF alone), and a client edition that differs from the house one only on its cover;
- a batch of generated client variants at ``--jobs 1`` and ``--jobs 2`` (optionally through Dask);
- the rebuild after one edit in trees of 10 and 100 reports (``tree.py``: the cost follows the change);
- how the PDF is cut into parts: each part's expected and measured layout time, and the cache size.

The three targets (cold build against the pipeline, the rebuild after one edit against the cold
build, the cover-only edition against the house PDF) are run ``--repeat`` times in alternation
with their yardstick, and quoted as the median of the pairs' ratios: a shared machine's speed
drifts from one minute to the next, a pair's ratio much less. Peak RSS is the largest single
process of a run (the parent or one worker).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import pipeline, tree  # noqa: E402  (run as a script from anywhere)

REPORTGEN = [sys.executable, "-m", "reportgen"]
# A fresh wrapper per run, so RUSAGE_CHILDREN covers exactly that run's process tree.
PEAK_WRAPPER = (
    "import resource, subprocess, sys; proc = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stdout.write(proc.stdout); sys.stderr.write(proc.stderr); "
    "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(proc.returncode)"
)
Row = tuple[str, float, float, str]


def run(args: list[str], cwd: Path = ROOT) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) of the largest process, and the output of one reportgen run."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *REPORTGEN, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reportgen {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    peak_kib = int(proc.stderr.rsplit("PEAK", 1)[1].split()[0])
    return seconds, peak_kib / 1024, proc.stdout


def laid_out(output: str) -> str:
    """'laid out 3 of 15 parts' from a build's output, for the notes."""
    found = re.search(r"laid out (\d+ of \d+) parts", output)
    return f"laid out {found[1]} PDF parts" if found else ""


def write_variants(folder: Path, count: int) -> list[str]:
    palettes = ["#7A1F5C", "#005F73", "#9B2226", "#3A5A40", "#6A4C93"]
    lines = ["variants:", "  cover-only:", "    client: Cover Only Client SA", "    logo: logo.png"]
    names = []
    for i in range(count):
        name = f"client-{i:03d}"
        names.append(name)
        lines += [f"  {name}:", f"    client: Client {i:03d} Ltd", f'    accent: "{palettes[i % len(palettes)]}"',
                  f'    palette: ["{palettes[i % len(palettes)]}", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#8C8C8C"]']
    (folder / "variants.yaml").write_text("\n".join(lines) + "\n")
    return names


def write_logo(path: Path) -> None:
    import matplotlib

    matplotlib.use("agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 0.6), dpi=100)
    fig.text(0.5, 0.5, "Cover Only", ha="center", va="center", fontsize=16)
    fig.savefig(path)


def first_dimension(report_folder: Path) -> Path:
    return sorted((report_folder / "dimensions").glob("*.yaml"))[0]


def edit_growth(dimension: Path) -> str:
    """Raise the dimension's first segment growth by two points (one dimension's growth); its text before."""
    text = dimension.read_text()
    dimension.write_text(re.sub(r"growth: (\d+)", lambda m: f"growth: {int(m[1]) + 2}", text, count=1))
    return text


PANDOC_TEMPLATE = ROOT / "tests" / "fixtures" / "pptx-templates" / "pandoc-reference.pptx"


def deck_in_process(report: str, template: Path | None = None, tmp: Path | None = None) -> Row:
    """The deck's render alone (``bench/deck.py``: no interpreter start, imports or model build), in a
    fresh process; on a corporate ``template`` if given, named by a brand file written in ``tmp``."""
    extra = []
    if template is not None and tmp is not None:
        brand = tmp / "template-brand"
        brand.mkdir()
        shutil.copyfile(template, brand / template.name)
        (brand / "_brand.yml").write_text(f"defaults:\n  reportgen:\n    pptx-template: {template.name}\n    office-font: Calibri\n")
        extra = ["--brand", str(brand / "_brand.yml")]
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "deck.py"), "--report", report, "--machine", *extra],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    first, median, peak = (float(v) for v in proc.stdout.split())
    if template:
        return (f"  pptx render on {template.name}, first render", first, peak, f"then {median:.2f} s a deck, median of 5")
    return ("  pptx render in-process, first render", first, peak,
            f"then {median:.2f} s a deck, median of 5 (target <= 0.8 s)")


def builds(args: argparse.Namespace, tmp: Path, data: Path) -> list[Row]:
    rows: list[Row] = []
    common = ["--data-dir", str(data), "build", args.report, "-q"]
    report = _model(data / args.report)
    comparable, identical = pipeline.prepare(report, tmp / "pipeline")
    from reportgen.resources import FONTS_DIR

    # The three targets, each against its yardstick in alternation (A B A B ...), quoted as the
    # median of the pairs' ratios: the machine's speed drifts, a pair's ratio much less.
    colds, pipes, covers, pdfs, rebuilds = [], [], [], [], []
    dimension = first_dimension(data / args.report)
    for i in range(args.repeat):
        colds.append(run([*common, "--out", str(tmp / f"cold-{i}")]))
        if i == 0:
            noop = run([*common, "--out", str(tmp / "cold-0")])
        pipes.append(pipeline.run_comparable(comparable, FONTS_DIR))
        pdfs.append(run([*common, "--format", "pdf", "--out", str(tmp / f"house-{i}")]))
        covers.append(run([*common[:-1], "--variant", "cover-only", "--format", "pdf", "--out", str(tmp / f"house-{i}")]))
        original = edit_growth(dimension)
        rebuilds.append(run([*common[:-1], "--out", str(tmp / f"cold-{i}")]))
        dimension.write_text(original)
    cold, rss = _median(colds)
    rows.append((f"cold build, {args.report}, pdf+pptx+xlsx", cold, rss,
                 f"{_ratio(colds, [(p, 0.0, '') for p in pipes])} pandoc+typst+matplotlib (target <= 2.0x)"))
    rows.append(("  pandoc + typst + matplotlib, comparable markdown", statistics.median(pipes), 0.0,
                 "charts, pandoc, typst: fresh processes"))
    pdf, pdf_rss = _median(pdfs)
    ident = pipeline.run_identical(identical, FONTS_DIR)
    rows.append(("  pdf alone, cold", pdf, pdf_rss, f"{pdf / ident:.2f}x pandoc+typst on reportgen's HTML+SVG"))
    rows.append(("  pandoc + typst, reportgen's HTML and SVG charts", ident, 0.0, ""))
    rows.append(pdf_size(report, tmp / "house-0" / args.report / f"{args.report}.pdf"))
    for fmt in ("pptx", "xlsx"):
        t, rss, _ = run([*common, "--format", fmt, "--out", str(tmp / f"alone-{fmt}")])
        rows.append((f"  {fmt} alone", t, rss, ""))
    rows.append(deck_in_process(args.report))
    rows.append(deck_in_process(args.report, PANDOC_TEMPLATE, tmp))
    rows.append(("no-op rebuild", noop[0], noop[1], f"{noop[0] / cold:.1%} of cold (target < 5%)"))
    cover, rss = _median(covers)
    rows.append(("client edition differing only on the cover, pdf", cover, rss,
                 f"{_ratio(covers, pdfs)} the house pdf cold (target <= 0.3x), {laid_out(covers[0][2])}"))
    rebuild, rss = _median(rebuilds)
    rows.append((f"rebuild after editing {dimension.name} growth, 3 formats", rebuild, rss,
                 f"{_ratio(rebuilds, colds)} cold (target <= 0.5x), {laid_out(rebuilds[0][2])}"))
    edit_growth(dimension)
    again, rss, out = run([*common[:-1], "--format", "pdf", "--out", str(tmp / "house-0")])
    rows.append(("  the same edit, pdf alone", again, rss, f"{again / pdf:.2f}x the pdf cold, {laid_out(out)}"))
    size = sum(p.stat().st_size for p in (tmp / "house-0" / ".cache").rglob("*") if p.is_file())
    rows.append(("  layout cache after these pdf builds", 0.0, 0.0, f"{size / 2**20:.1f} MiB"))
    return rows


def _median(runs: list[tuple[float, float, str]]) -> tuple[float, float]:
    """Median seconds and peak RSS of repeated runs."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _ratio(runs: list[tuple[float, float, str]], yardstick: list[tuple[float, float, str]]) -> str:
    """The median of the pairs' ratios, and their range when there are several."""
    ratios = sorted(a[0] / b[0] for a, b in zip(runs, yardstick, strict=True))
    spread = f" ({ratios[0]:.2f}-{ratios[-1]:.2f} over {len(ratios)} pairs)" if len(ratios) > 1 else ""
    return f"{statistics.median(ratios):.2f}x{spread}"


def pdf_size(report, built: Path) -> Row:
    """The PDF a build ships (laid out in parts) against the same report laid out in one piece."""
    from reportgen.writers import pdf

    one = len(pdf.render(report))
    return ("  pdf size, assembled from parts", 0.0, 0.0,
            f"{built.stat().st_size / 1024:.0f} kB, {built.stat().st_size / one:.2f}x one layout's {one / 1024:.0f} kB (target <= 1.1x)")


def batches(args: argparse.Namespace, tmp: Path, data: Path) -> list[Row]:
    rows: list[Row] = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        names = write_variants(data, size)
        flags = [a for n in names for a in ("--variant", n)]
        common = ["--data-dir", str(data), "build", args.report, "--format", args.batch_formats, "--force", "-q", *flags]
        times = {}
        for jobs in (1, 2):
            times[jobs], rss, _ = run([*common, "--out", str(tmp / f"batch-{size}-{jobs}"), "--jobs", str(jobs)])
            note = f"{times[1] / times[jobs]:.2f}x vs --jobs 1" if jobs == 2 else ""
            rows.append((f"batch of {size} variants ({args.batch_formats}), --jobs {jobs}", times[jobs], rss, note))
        if args.dask:
            t, rss, _ = run([*common, "--out", str(tmp / f"dask-{size}"), "--jobs", "2", "--executor", "dask"])
            rows.append((f"batch of {size} variants via Dask LocalCluster, 2 workers", t, rss, f"{t / times[2]:.2f}x the process pool"))
    return rows


def part_balance(report_folder: Path) -> list[str]:
    """Each part of the PDF's first batch: pages, expected and measured seconds (typeset here, one by one)."""
    from reportgen.writers import pdf

    report = _model(report_folder)
    specs = pdf.parts(report).send(None)
    lines = [f"PDF parts of {report.meta.id} ({len(specs)} in the first batch, + contents and chrome):"]
    total = 0.0
    for spec in specs:
        charts = pdf.draw_charts(spec)
        start = time.perf_counter()
        result = pdf.render_part(spec, charts)
        seconds = time.perf_counter() - start
        total += seconds
        lines.append(f"  {spec.name:<28} {len(result.pages):>3} pages  expected {spec.cost:5.2f}s  measured {seconds:5.2f}s")
    lines.append(f"  total {total:.2f}s; largest part {max(s.cost for s in specs) / sum(s.cost for s in specs):.0%} of the expected total")
    return lines


def _model(report_folder: Path):
    from reportgen.data import analyse
    from reportgen.model import build_report

    return build_report(analyse(report_folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", default="latam-cgt")
    parser.add_argument("--sizes", default="20", help="variant batch sizes")
    parser.add_argument("--batch-formats", default="pdf,pptx,xlsx")
    parser.add_argument("--dask", action="store_true", help="add the Dask LocalCluster row")
    parser.add_argument("--trees", default="10,100", help="tree sizes for the one-edit rebuild rows (tree.py)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of each target and its yardstick, run in alternation")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    try:
        data = tmp / "data"
        shutil.copytree(ROOT / "data" / args.report, data / args.report)
        write_variants(data, 0)
        write_logo(data / "logo.png")
        rows = builds(args, tmp, data)
        shutil.rmtree(data / args.report)
        shutil.copytree(ROOT / "data" / args.report, data / args.report)  # the batches build the unedited report
        rows += batches(args, tmp, data)
        trees = [int(n) for n in args.trees.split(",") if n]
        rows += [(name, seconds, 0.0, note) for name, seconds, note in (tree.rows(trees) if trees else [])]
        balance = part_balance(data / args.report)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'seconds':>8}  {'peak RSS MiB':>12}  note")
    for name, seconds, rss, note in rows:
        print(f"{name:<{width}}  {f'{seconds:.2f}' if seconds else '':>8}  {f'{rss:.0f}' if rss else '':>12}  {note}")
    print("\n" + "\n".join(balance))
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
