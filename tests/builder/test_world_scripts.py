"""The many-scripts market builds every format in every language with no code change: names in
Thai, Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari, Cyrillic, Greek and Vietnamese
reach the PDF, the deck and the workbook as written."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, WORLD

LANGS = ("en", "es", "pt-BR")
FORMATS = ("pdf", "pptx", "xlsx")
NAMES = ("ประเทศไทย", "Việt Nam", "中国", "北京天智航", "株式会社みらいロボティクス", "대한민국",
         "المملكة العربية السعودية", "ישראל", "भारत", "Россия", "Ελλάδα")
TITLES = {"en": "Cross-Border Warehouse Robotics Market", "es": "Mercado transfronterizo de robótica de almacenes",
          "pt-BR": "Mercado transfronteiriço de robótica de armazéns"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("world")
    shutil.copytree(WORLD, ws / "data" / WORLD.name)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "--data-dir", str(ws / "data"), "build", WORLD.name,
                           "--lang", ",".join(LANGS), "--jobs", "2", "--out", str(ws / "out")],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "UserWarning" not in proc.stderr  # e.g. matplotlib missing a glyph: charts measured with the PDF's fonts
    return ws / "out" / WORLD.name


def output(built: Path, lang: str, fmt: str) -> Path:
    folder = built if lang == "en" else built / lang
    return folder / f"{WORLD.name}.{fmt}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_is_built_in_every_language(built: Path, lang: str):
    assert all(output(built, lang, fmt).stat().st_size > 10_000 for fmt in FORMATS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_shows_the_names_in_its_language(built: Path, lang: str):
    reader = PdfReader(output(built, lang, "pdf"))
    text = "".join(" ".join(page.extract_text() for page in reader.pages).split())
    for name in NAMES:
        assert "".join(name.split()) in text, (lang, name)
    assert reader.metadata.title == TITLES[lang]
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("fmt", ["pptx", "xlsx"])
def test_the_deck_and_the_workbook_hold_the_names_as_written(built: Path, fmt: str):
    for lang in LANGS:
        with zipfile.ZipFile(io.BytesIO(output(built, lang, fmt).read_bytes())) as package:
            xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
        for name in NAMES:
            assert name in xml, (fmt, lang, name)


def test_the_pdf_is_the_same_bytes_whatever_the_hash_seed(built: Path, tmp_path: Path):
    # font faces cut down per document, fallback families chosen per document: all from sorted sets
    # (``built`` ran with seed 1, at another second: no timestamp may differ either)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", str(WORLD), "--format", "pdf", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "2"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / WORLD.name / f"{WORLD.name}.pdf").read_bytes() == output(built, "en", "pdf").read_bytes()


def test_the_pdfs_inputs_hold_every_font_file_it_may_use(tmp_path: Path, monkeypatch):
    from reportgen import typefaces
    from reportgen.builder import digests

    stack = digests.package_data_digests("pdf")
    cjk = next(f for f in typefaces.available_families() if f.name.endswith("CJK"))
    assert stack[f"font:{cjk.faces[0].path}"] == digests.file_digest(cjk.faces[0].path)
    font = tmp_path / "NotoSansThai-Regular.ttf"  # a font updated in place changes the PDF's inputs
    shutil.copy(next(f for f in typefaces.available_families() if f.name.endswith("Thai")).faces[0].path, font)
    monkeypatch.setattr(typefaces, "font_files", lambda: (font,))
    try:
        digests.package_data_digests.cache_clear()
        before = digests.package_data_digests("pdf")[f"font:{font}"]
        font.write_bytes(font.read_bytes() + b"\0")
        digests.package_data_digests.cache_clear()
        assert digests.package_data_digests("pdf")[f"font:{font}"] != before
        assert not any(key.startswith("font:") for key in digests.package_data_digests("pptx"))
    finally:
        digests.package_data_digests.cache_clear()
