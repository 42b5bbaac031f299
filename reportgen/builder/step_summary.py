"""A build's summary for CI: a Markdown table appended to ``$GITHUB_STEP_SUMMARY``.

GitHub Actions shows that file on the run's page (GitLab and others show the log; see
docs/ci.md). Each deliverable is a row: what happened to it, where it is, its size and how long
it took, and why it was built or how it failed; invalid reports follow with their problems. The
file takes at most about 1 MiB per step, so a batch of thousands lists every failed output, then
as many others as fit ``MAX_ROWS``, and says how many it left out. Paths and messages carry data
strings (report ids, client names): every cell is escaped, so none becomes markup or a link.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.builder.results import BuildResult, Output
from reportgen.errors import Problem, one_line

VARIABLE = "GITHUB_STEP_SUMMARY"
MAX_ROWS = 1000  # about 200 bytes a row: well under the 1 MiB GitHub shows
ORDER = {"failed": 0, "built": 1, "skipped": 2}
MARKUP = set("\\`*_[]<>|~!&#")  # what could open markup, an HTML tag, an entity or a link in a table cell


def write_step_summary(result: BuildResult) -> Problem | None:
    """Append the build's table to the file ``$GITHUB_STEP_SUMMARY`` names, when it names one;
    a warning when it cannot be written (the build itself stands)."""
    target = os.environ.get(VARIABLE)
    if not target:
        return None
    try:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(step_summary(result))
    except OSError as exc:
        return Problem(target, "", f"cannot append the build summary ({exc.strerror or exc})", severity="warning")
    return None


def step_summary(result: BuildResult) -> str:
    lines = [f"### reportgen build: {result.summary} in {result.seconds:.1f} s", ""]
    rows = sorted(result.outputs, key=lambda o: ORDER[o.status])  # stable: the plan's order within each status
    shown = [o for o in rows if o.status == "failed"] + [o for o in rows if o.status != "failed"][: max(0, MAX_ROWS - len(result.failed))]
    if shown:
        lines += ["| Status | Output | Size | Time | Note |", "|---|---|--:|--:|---|"]
        lines += [_row(o) for o in shown]
    if len(shown) < len(rows):
        lines += ["", f"... and {len(rows) - len(shown)} more built or up to date (the output root's manifest.json lists every output)"]
    if result.problems:
        lines += ["", "Invalid input, not built:", ""] + [f"- {_cell(str(p))}" for p in result.problems]
    return "\n".join(lines) + "\n\n"


def _row(output: Output) -> str:
    status = "**failed**" if output.status == "failed" else output.status
    size = _size(output.size) if output.size is not None else ""
    time = f"{output.seconds:.2f} s" if output.seconds is not None else ""
    note = output.error or (output.reason or "") + (f"; {output.layout}" if output.layout else "")
    return f"| {status} | {_cell(str(output.path))} | {size} | {time} | {_cell(note)} |"


def _size(size: int) -> str:
    for unit, scale in (("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def _cell(text: str) -> str:
    """One line of plain text in a table cell, every character that could be markup escaped."""
    return "".join(f"\\{c}" if c in MARKUP else c for c in one_line(text))
