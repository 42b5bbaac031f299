"""The package installs like one: a plain wheel carries every file a build reads.

Templates, the stylesheet, fonts and message catalogs are package data found through
``importlib.resources``; this builds the wheel, installs it (without the checkout on the path)
and builds a Spanish edition in every format from another directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen.resources import PACKAGE_DIR
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE_DIR, source / "reportgen", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)],
                   check=True, capture_output=True)
    (built,) = out.glob("reportgen-*.whl")
    return built


def test_the_wheel_carries_every_package_data_file(wheel: Path):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = [p.relative_to(PACKAGE_DIR.parent).as_posix() for p in PACKAGE_DIR.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert any(d.endswith(".ttf") for d in data) and any(d.endswith(".j2") for d in data) and any(d.endswith(".po") for d in data)
    assert sorted(set(data) - shipped) == []


def test_an_installed_wheel_builds_every_format_in_spanish_from_another_directory(wheel: Path, tmp_path: Path):
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import reportgen; print(reportgen.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(site)  # the installed copy, not the checkout
    proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(ROOT / "data"), "build", "latam-cgt", "--lang", "es",
                           "--out", "out"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = elsewhere / "out" / "latam-cgt" / "es"
    assert sorted(p.name for p in out.iterdir()) == ["latam-cgt.pdf", "latam-cgt.pptx", "latam-cgt.xlsx"]
    text = "".join(page.extract_text() for page in PdfReader(out / "latam-cgt.pdf").pages[:3])
    assert "Conclusiones clave" in text  # the Spanish catalog, read from the installed package
