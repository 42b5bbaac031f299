"""The deck on a client's machine: rendered by LibreOffice with only the standard Office fonts.

The acceptance test of the deck's measuring: built in English, Spanish and Portuguese for the
seed market and in English for the made-up one, and on three corporate templates made by others
(pandoc's 10 in reference deck, LibreOffice's Vivid, python-pptx's 4:3 default), converted to PDF in one LibreOffice start with
a fontconfig that lists only Liberation, Carlito, Caladea and DejaVu, then read back word by
word (``client_render``). No table number may break, no text may leave its box, no title may
run into the body.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.model import build_report
from reportgen.writers import pptx
from tests.libreoffice import soffice
from tests.writers.pptx.client_render import (
    CLIENT_FONT_PACKAGES,
    missing_client_fonts,
    page_words,
    pdf_fonts,
    render_pdfs,
    slide_problems,
    slide_texts,
)
from tests.writers.pptx.test_template import FOUR_BY_THREE, PANDOC, VIVID

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the client rendering check needs it")

# name: (market, language, template or None for the house design)
DECKS = {
    "latam-en": ("latam", "en", None), "latam-es": ("latam", "es", None), "latam-pt-BR": ("latam", "pt-BR", None),
    "nordic-en": ("nordic", "en", None), "latam-en-pandoc": ("latam", "en", PANDOC),
    "latam-es-vivid": ("latam", "es", VIVID), "nordic-en-4x3": ("nordic", "en", FOUR_BY_THREE),
}


@pytest.fixture(scope="module")
def rendered(latam_analysis, nordic_analysis, tmp_path_factory) -> dict[str, tuple[object, list]]:
    """Each deck with the words of its client rendering, page by page."""
    assert not missing_client_fonts(), f"client fonts missing: apt-get install {CLIENT_FONT_PACKAGES}"
    assert shutil.which("pdftotext") and shutil.which("pdffonts"), "poppler-utils (pdftotext, pdffonts) is not installed"
    work = tmp_path_factory.mktemp("client")
    analyses = {"latam": latam_analysis, "nordic": nordic_analysis}
    decks, paths = {}, []
    for name, (market, lang, template) in DECKS.items():
        data = pptx.render(build_report(analyses[market], lang=lang), template.read_bytes() if template else None)
        paths.append(work / f"{name}.pptx")
        paths[-1].write_bytes(data)
        decks[name] = Presentation(io.BytesIO(data))
    pdfs = render_pdfs(paths, work)
    return {name: (decks[name], pdf) for name, pdf in zip(DECKS, pdfs, strict=True)}


@pytest.mark.parametrize("name", DECKS)
def test_the_client_sees_the_deck_in_the_face_it_was_measured_with(rendered, name):
    _deck, pdf = rendered[name]
    assert pdf_fonts(pdf) == {"Carlito", "Carlito-Bold"}


@pytest.mark.parametrize("name", DECKS)
def test_no_number_breaks_no_text_leaves_its_box_no_title_runs_into_the_body(rendered, name):
    deck, pdf = rendered[name]
    pages = page_words(Path(pdf))
    assert len(pages) == len(deck.slides)
    numbers = sum(t.number for slide in deck.slides for t in slide_texts(slide))
    problems = [f"slide {n}: {p}" for n, (slide, words) in enumerate(zip(deck.slides, pages, strict=True), 1)
                for p in slide_problems(slide, words, slide.shapes.title.name)]
    assert numbers > 100 and problems == []
