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
from tests.shared_builds import Build, edition

LANGS = ("en", "es", "pt-BR")
FORMATS = ("pdf", "pptx", "xlsx")
NAMES = ("ประเทศไทย", "Việt Nam", "中国", "北京天智航", "株式会社みらいロボティクス", "대한민국",
         "المملكة العربية السعودية", "ישראל", "भारत", "Россия", "Ελλάδα")
TITLES = {"en": "Cross-Border Warehouse Robotics Market", "es": "Mercado transfronterizo de robótica de almacenes",
          "pt-BR": "Mercado transfronteiriço de robótica de armazéns"}


PDF_LANGS = ("en", "es")  # a PDF in a third language is the same fonts again at fifteen seconds of a core


@pytest.fixture(scope="module")
def built(shared_build: Build) -> Path:
    shared_build([WORLD], ["pdf"], PDF_LANGS)
    return shared_build([WORLD], ["pptx", "xlsx"], LANGS)


def output(built: Path, lang: str, fmt: str) -> Path:
    return edition(built, WORLD, lang, fmt)


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_is_built_in_every_language(built: Path, lang: str):
    assert all(output(built, lang, fmt).stat().st_size > 10_000 for fmt in FORMATS if fmt != "pdf" or lang in PDF_LANGS)


@pytest.mark.parametrize("lang", PDF_LANGS)
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
    # (``built`` ran with a random seed, at another second: no timestamp may differ either)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", str(WORLD), "--format", "pdf", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "2"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert output(tmp_path, "en", "pdf").read_bytes() == output(built, "en", "pdf").read_bytes()


def test_the_pdfs_inputs_hold_every_font_file_it_may_use(tmp_path: Path, monkeypatch):
    from reportgen import typefaces
    from reportgen.builder import digests

    stack = digests.package_data_digests("pdf")
    cjk = next(f for f in typefaces.fallbacks() if f.name.endswith("CJK"))
    assert stack[f"font:{cjk.faces[0].path}"] == digests.file_digest(cjk.faces[0].path)
    font = tmp_path / "NotoSansThai-Regular.ttf"  # a font updated in place changes the PDF's inputs
    shutil.copy(next(f for f in typefaces.fallbacks() if f.name.endswith("Thai")).faces[0].path, font)
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
