"""Text runs written as DrawingML text: what python-pptx's run API writes, with untrusted text kept as text."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from reportgen.writers.pptx.text import add_run

TEXTS = ["Retail & e-commerce <b>bold</b>", "Bell\x07 and NUL\x00", "مستشفى الملك فيصل", "", "Tab\there > 3"]


def _paragraph(end_properties: bool):
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    p = slide.shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame.paragraphs[0]
    if end_properties:  # a paragraph whose end properties must stay after every run
        p._p.get_or_add_endParaRPr().set("sz", "900")
    return p


@pytest.mark.parametrize("end_properties", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_runs_are_what_the_run_api_writes(text, end_properties):
    colour = RGBColor(0x1F, 0x4E, 0x79)
    ours, theirs = _paragraph(end_properties), _paragraph(end_properties)
    for bold in (True, False):
        add_run(ours, text, 10.5, colour, bold)
        run = theirs.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(10.5), bold, colour
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)
    assert [r.text for r in ours.runs] == [r.text for r in theirs.runs]
