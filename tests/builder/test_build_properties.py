"""Property: what ``check`` passes, every format builds, and no deliverable shows a number it cannot.

Report folders come from the same generator as the data layer's property tests (random years,
1-100 segments per dimension, hierarchies, extreme magnitudes, text in any script). Each one
either fails ``check`` with one-line problems (covered there), or builds the PDF (in parts, as a
build ships it), the deck, the workbook and the web edition in a language of en, es and pt-BR
without an error, and none of them contains "nan", "inf" or "n/a" where the data did not.
Building is slow, so ``make test`` builds the same two folders every run (a fixed seed); ``make
fuzz`` 150 new random ones (``tests/properties.py``).
"""

from __future__ import annotations

import html as html_lib
import io
import re
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import assume, given
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader

from reportgen.model import build_report
from reportgen.writers import html, pdf, pptx, xlsx
from tests.data.test_validation_properties import assert_sound, report_folders, write
from tests.properties import examples

PROFILE = examples(ci=1, fuzz=150)

UNSHOWABLE = re.compile(r"\b(nan|inf|infinity)\b|n/a", re.IGNORECASE)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def deck_text(data: bytes) -> str:
    texts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(texts)


def workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # the cached values a reader sees
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def page_text(data: bytes) -> str:
    """The web edition's text as a reader sees it: no tags, no inline script or style."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", data.decode("utf-8"), flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def data_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.yaml"))


@PROFILE
@given(report_folders(), st.sampled_from(["en", "es", "pt-BR"]))
def test_what_check_passes_builds_in_every_format_without_an_unshowable_number(files, lang):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files)
        analysis = assert_sound(folder)
        assume(analysis is not None)
        already = set(m.group(0).lower() for m in UNSHOWABLE.finditer(data_text(folder)))
        report = build_report(analysis, lang=lang)
        outputs = {"pdf": pdf_text(pdf.render_in_parts(report)), "pptx": deck_text(pptx.render(report)),
                   "xlsx": workbook_text(xlsx.render(report)), "html": page_text(html.render(report))}
        for fmt, text in outputs.items():
            shown = {m.group(0).lower() for m in UNSHOWABLE.finditer(text)} - already
            assert not shown, f"{fmt} ({lang}) shows {sorted(shown)}"
