"""The pipeline Quarto runs, as the yardstick: matplotlib draws the charts, pandoc turns the text into
typst, typst typesets the PDF (``pypandoc_binary`` and ``typst`` from the ``bench`` extra carry
both binaries; nothing is fetched).

It is fed two renditions of a report, prepared untimed:

- comparable content: markdown written from the report model (every heading, paragraph, list and
  Q&A, every table with the same formatted cells) and a JSON of every chart's data, which a
  plain matplotlib script draws as SVG, as an analyst would for Quarto;
- identical content: reportgen's own HTML and SVG charts, through pandoc (HTML -> typst) and typst.

Each step runs as a fresh process, as Quarto runs them, and is timed as a whole.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from reportgen.model.elements import Chart, Faq, ItemList, KeyFigures, Paragraph, Report, Section, Table
from reportgen.writers.pdf.html import table_view

DRAW = """
import json, sys
from pathlib import Path
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
out = Path(sys.argv[2])
for chart in json.loads(Path(sys.argv[1]).read_text()):
    fig, ax = plt.subplots(figsize=(6.7, 2.5))
    if chart["kind"] == "doughnut":
        ax.pie(chart["series"][0]["values"], labels=chart["categories"], wedgeprops={"width": 0.4})
    elif chart["kind"] == "line":
        for s in chart["series"]:
            ax.plot(chart["categories"], s["values"], label=s["name"])
    else:
        bottom = [0.0] * len(chart["categories"])
        for s in chart["series"]:
            ax.bar(chart["categories"], s["values"], bottom=bottom if chart["kind"] == "stacked_column" else None, label=s["name"])
            bottom = [b + v for b, v in zip(bottom, s["values"])]
    if len(chart["series"]) > 1:
        ax.legend(fontsize=7)
    ax.set_title(chart["title"], fontsize=9)
    fig.savefig(out / (chart["id"] + ".svg"))
    plt.close(fig)
"""
TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"


def markdown(report: Report) -> tuple[str, list[dict]]:
    """The report as pandoc markdown (charts linked as charts/<id>.svg) and its charts' data."""
    lines = [f"---\ntitle: {json.dumps(report.meta.title)}\n---\n"]
    charts: list[dict] = []
    for top in report.sections:
        for section in top.walk():
            _section(report, top, section, lines, charts)
    return "\n".join(lines) + "\n", charts


def _section(report: Report, top: Section, section: Section, lines: list[str], charts: list[dict]) -> None:
    lines.append(f"{'#' if section is top else '##'} {section.title}\n")
    if section.headline:
        lines.append(f"**{section.headline}**\n")
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text.plain + "\n")
        elif isinstance(block, ItemList):
            lines += [f"- {'**' + item.title + ':** ' if item.title else ''}{item.text.plain}" for item in block.items] + [""]
        elif isinstance(block, KeyFigures):
            lines += [f"- **{report.fmt.figure(f.value, f.type)}** {f.label}" for f in block.items] + [""]
        elif isinstance(block, Faq):
            lines += [f"**{qa.question}**\n\n{' '.join(_plain(b) for b in qa.answer)}\n" for qa in block.items]
        elif isinstance(block, Table):
            view = table_view(block, report, section)
            lines.append(f"Table: {view.title}\n")
            lines.append("| " + " | ".join(c.text for c in view.head) + " |")
            lines.append("|" + "|".join("---:" if c.numeric else ":---" for c in view.head) + "|")
            lines += ["| " + " | ".join(c.text for c in row.cells) + " |" for row in view.rows]
            lines.append("")
        elif isinstance(block, Chart):
            charts.append({"id": block.id, "kind": block.kind, "title": block.title, "categories": list(block.categories),
                           "series": [{"name": s.name, "values": list(s.values)} for s in block.series]})
            lines.append(f"![{block.title}](charts/{block.id}.svg)\n")


def prepare(report: Report, folder: Path) -> tuple[Path, Path]:
    """Both renditions under ``folder``: comparable/ (markdown + chart data) and identical/ (reportgen's HTML + SVGs)."""
    from reportgen.writers.pdf.charts import render_charts
    from reportgen.writers.pdf.html import render_html

    comparable, identical = folder / "comparable", folder / "identical"
    for where in (comparable, identical):
        (where / "charts").mkdir(parents=True, exist_ok=True)
    text, charts = markdown(report)
    (comparable / "report.md").write_text(text)
    (comparable / "charts.json").write_text(json.dumps(charts))
    (comparable / "draw.py").write_text(DRAW)
    html = render_html(report, lambda chart_id: f"charts/{chart_id}.svg")
    # pandoc 3.9's typst writer leaves HTML keywords unquoted (a typst syntax error): left out
    (identical / "report.html").write_text(re.sub(r'<meta name="keywords"[^>]*>', "", html))
    for chart_id, svg in render_charts(report).items():
        (identical / "charts" / f"{chart_id}.svg").write_bytes(svg)
    return comparable, identical


def run_comparable(folder: Path, fonts: Path) -> float:
    """Wall seconds of matplotlib (charts) + pandoc (markdown -> typst) + typst (PDF)."""
    start = time.perf_counter()
    _run([sys.executable, "draw.py", "charts.json", "charts"], folder)
    _typeset(folder, "report.md", "markdown", fonts)
    return time.perf_counter() - start


def run_identical(folder: Path, fonts: Path) -> float:
    """Wall seconds of pandoc (reportgen's HTML -> typst) + typst (PDF), charts already drawn."""
    start = time.perf_counter()
    _typeset(folder, "report.html", "html", fonts)
    return time.perf_counter() - start


def _typeset(folder: Path, source: str, reader: str, fonts: Path) -> None:
    import pypandoc

    _run([pypandoc.get_pandoc_path(), "-f", reader, "-t", "typst", "-s", source, "-o", "report.typ"], folder)
    _run([sys.executable, "-c", TYPST, "report.typ", "report.pdf", str(fonts)], folder)
    if not (folder / "report.pdf").stat().st_size:
        sys.exit(f"typst wrote an empty PDF in {folder}")


def _run(args: list[str], cwd: Path) -> None:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed in {cwd}:\n{proc.stderr[-2000:]}")


def _plain(block: Paragraph | ItemList) -> str:
    """A prose block's words, as the comparable markdown shows them."""
    return block.text.plain if isinstance(block, Paragraph) else " ".join(item.text.plain for item in block.items)
