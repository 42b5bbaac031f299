"""A PDF as poppler's pdftotext reads it: page text, and every word with its box.

Poppler is an independent reader: it takes the text from the file's own font maps (and
``/ActualText``), puts right-to-left words back in reading order, and measures word boxes from
the embedded fonts' widths, so tests see what a viewer's search and copy would see, and where
the ink is. .ci/run installs poppler-utils; elsewhere these tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed; .ci/run installs it")
XHTML = "{http://www.w3.org/1999/xhtml}"
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page, in points
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]  # in reading order

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def body(self) -> tuple[Word, ...]:
        """The words inside the page margins: not the running header or footer."""
        top, bottom = (20, 18) if self.landscape else (22, 20)
        return tuple(w for w in self.words if w.y1 > top * MM and w.y0 < self.height - bottom * MM)

    def fill(self) -> float:
        """How far down the text area the body reaches (0 empty, 1 full)."""
        top, bottom = ((20, 18) if self.landscape else (22, 20))
        body = self.body()
        lowest = max((w.y1 for w in body), default=top * MM)
        return (lowest - top * MM) / (self.height - (top + bottom) * MM)


def plain(text: str) -> str:
    """Text without whitespace and bidi controls, for matching across line breaks."""
    return "".join(text.translate(BIDI_MARKS).split())


def _run(pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "doc.pdf")
        path.write_bytes(pdf)
        return subprocess.run([PDFTOTEXT, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def text(pdf: bytes) -> str:
    """The document's text in reading order, pages separated by form feeds."""
    return _run(pdf)


def pages(pdf: bytes) -> list[Page]:
    """Every page with its words and their boxes."""
    root = ET.fromstring(_run(pdf, "-bbox-layout"))
    out = []
    for page in root.iter(f"{XHTML}page"):
        words = tuple(Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page.iter(f"{XHTML}word"))
        out.append(Page(float(page.get("width")), float(page.get("height")), words))
    return out
