"""Headless LibreOffice for tests: recalculate workbooks the way a client's spreadsheet would.

LibreOffice does not recalculate an xlsx on load by default: it trusts the cached results,
and ignores the workbook's fullCalcOnLoad flag. The reliable switch is its own setting
``Calc/Formula/Load/OOXMLRecalcMode`` (0 = always recalculate), which we write into a private
user profile before starting it. The private profile (``-env:UserInstallation``) also keeps
parallel runs from sharing, and locking, one profile.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
TIMEOUT = 180  # seconds; a cold start on a loaded CI machine can take a while


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(workbooks: list[Path], workdir: Path) -> list[Path]:
    """Open each workbook in LibreOffice, recalculate every formula, save as xlsx; return the new paths.

    One LibreOffice start converts all of them. Outputs go to ``workdir/recalculated`` under
    the same file names, so inputs must have distinct names.
    """
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE, encoding="utf-8")
    outdir = workdir / "recalculated"
    outdir.mkdir(exist_ok=True)
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, workbooks)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    outputs = [outdir / w.name for w in workbooks]
    missing = [p.name for p in outputs if not p.is_file()]
    if proc.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice failed (exit {proc.returncode}, missing {missing}):\n{proc.stdout}\n{proc.stderr}")
    return outputs
