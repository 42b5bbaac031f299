"""CI builds: with ``GITHUB_STEP_SUMMARY`` set, every build appends a Markdown table of what it
built, skipped and failed (path, size, time) to that file; data strings in it stay plain text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen
from reportgen.builder.step_summary import MAX_ROWS, step_summary
from tests.builder.test_build import png
from tests.conftest import NORDIC, ROOT


def cells(line: str) -> list[str]:
    """A table row's cells as written (escapes kept), split at the pipes that are borders."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def rows(text: str) -> list[list[str]]:
    """The text of each table row's cells (escapes undone), header and rule left out."""
    lines = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Status ")]
    return [[re.sub(r"\\(.)", r"\1", cell) for cell in cells(line)] for line in lines]


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """nordic-robotics and a variants file whose 'broken' client has a logo that is no image."""
    data = tmp_path / "data"
    shutil.copytree(NORDIC, data / "nordic-robotics")
    png(data / "good.png")
    (data / "bad.png").write_bytes(b"not an image")
    (data / "variants.yaml").write_text("variants:\n  broken:\n    logo: bad.png\n  fine:\n    logo: good.png\n")
    return data


def test_a_build_appends_what_it_built_skipped_and_failed(data: Path, tmp_path: Path, monkeypatch):
    summary, out = tmp_path / "summary.md", tmp_path / "out"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx"], out=out)
    first = summary.read_text()
    assert first.startswith("# earlier step\n### reportgen build: built 1, skipped 0, failed 0 in ")
    [built] = rows(first)
    size = (out / "nordic-robotics" / "nordic-robotics.xlsx").stat().st_size
    assert built[:3] == ["built", str(out / "nordic-robotics" / "nordic-robotics.xlsx"), f"{size / 1000:.1f} kB"]
    assert built[3].endswith(" s") and float(built[3][:-2]) > 0 and built[4] == "new output"

    result = reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx", "html"], variants=["broken", "fine"], out=out)
    assert [o.status for o in result.outputs] == ["failed", "failed", "built", "built"]
    table = rows(summary.read_text()[len(first):])
    assert [(r[0], Path(r[1]).relative_to(out).as_posix()) for r in table] == [
        ("**failed**", "nordic-robotics/broken/nordic-robotics.xlsx"), ("**failed**", "nordic-robotics/broken/nordic-robotics.html"),
        ("built", "nordic-robotics/fine/nordic-robotics.xlsx"), ("built", "nordic-robotics/fine/nordic-robotics.html")]
    assert table[0][2:4] == ["", ""] and "bad.png" in table[0][4]

    before = summary.read_text()
    reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx"], out=out)
    [skipped] = rows(summary.read_text()[len(before):])
    assert skipped == ["skipped", str(out / "nordic-robotics" / "nordic-robotics.xlsx"), f"{size / 1000:.1f} kB", "", ""]


def test_the_command_line_appends_too_and_lists_invalid_reports(data: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(data), "build", "nordic-robotics", "missing",
                           "--format", "xlsx", "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    text = summary.read_text()
    assert "built 1, skipped 0, failed 0, invalid 1" in text and len(rows(text)) == 1
    assert "Invalid input, not built:\n\n- missing: no such report" in text


def test_without_the_variable_nothing_is_written(data: Path, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    reportgen.build("nordic-robotics", data_dir=data, formats=["xlsx"], out=tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def _output(path: str, status: str = "built", error: str | None = None) -> reportgen.Output:
    made = status != "failed"
    return reportgen.Output(Path(path), "r", None, "en", "pdf", "new output", status, "ab" * 32 if made else None,  # type: ignore[arg-type]
                            2_500_000 if made else None, 1.5 if made else None, error)


def test_data_strings_in_the_table_are_plain_text():
    hostile = "out/a|b/<img src=x onerror=alert(1)>/[click](https:evil.example)/*x*_y_`z`/&amp;!~.pdf"
    text = step_summary(reportgen.BuildResult((_output(hostile, "failed", "bad\nline | with pipe"),)))
    [line] = [line for line in text.splitlines() if line.startswith("| **failed**")]
    written = cells(line)
    assert len(written) == 5, "no pipe of the data became a cell border"
    for cell in written[1:]:
        assert not re.search(r"(?<!\\)[<>\[\]*_`&|!~]", cell), cell  # every character that could be markup is escaped
    assert rows(text) == [["**failed**", hostile, "", "", "bad\\nline | with pipe"]]  # and reads back as it was (one line)


def test_a_huge_batch_lists_every_failure_and_says_how_many_it_left_out():
    outputs = (*(_output(f"out/r{i}.pdf") for i in range(MAX_ROWS + 50)), _output("out/broken.pdf", "failed", "boom"))
    text = step_summary(reportgen.BuildResult(outputs))
    table = rows(text)
    assert len(table) == MAX_ROWS and table[0][:2] == ["**failed**", "out/broken.pdf"] and table[1][4] == "new output"
    assert f"and {51} more built or up to date" in text and table[1][2] == "2.5 MB" and table[1][3] == "1.50 s"
