"""What ``check`` passes at the size limits, every format builds: the report at every limit at once
(tests/data/at_limits.py), built in PDF, deck, workbook and web edition. It takes about a minute
and half a gigabyte (docs/data-format.md, Size limits), so it runs in ``make fuzz``, not ``make test``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.data.at_limits import write_report_at_the_limits
from tests.properties import FUZZ


@pytest.mark.skipif(not FUZZ, reason="make fuzz builds the report at every size limit (about a minute)")
def test_the_report_at_every_size_limit_builds_in_every_format(tmp_path: Path):
    folder, out = tmp_path / "nordic-robotics", tmp_path / "out"
    write_report_at_the_limits(folder)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", str(folder), "--format", "pdf,pptx,xlsx,html", "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    built = out / "nordic-robotics"
    assert all((built / f"nordic-robotics.{ext}").stat().st_size > 0 for ext in ("pdf", "pptx", "xlsx", "html"))
    text = "".join(page.extract_text() for page in PdfReader(built / "nordic-robotics.pdf").pages)
    assert "Segment 19-24" in text and "Question 99?" in text and "Org 19-19" in text
