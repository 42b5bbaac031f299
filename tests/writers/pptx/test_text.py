"""Text runs written as DrawingML text: what python-pptx's run API writes, with untrusted text kept as text."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from reportgen.model.elements import LINE_BREAK, Inline, Span
from reportgen.model.prose import parse
from reportgen.writers import font_metrics
from reportgen.writers.pptx.text import BULLET_INDENT, NUMBER_INDENT, TextItem, add_run, flow_items, line_count

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


def test_prose_is_measured_as_it_is_drawn_bold_monospaced_broken_and_indented():
    words = "Review times fell by a third in every market the regulators cover " * 3
    plain, bold = TextItem(words), TextItem(Inline((Span(words, bold=True),)))
    heights = [(plain.height(14, w / 4), bold.height(14, w / 4)) for w in range(8, 40)]
    assert all(b >= p for p, b in heights) and any(b > p for p, b in heights)  # bold is wider
    assert font_metrics.text_width("iiii", 10, mono=True) == pytest.approx(24.0)  # inline code: 0.6 em a character
    assert line_count(TextItem(Inline((Span(f"one{LINE_BREAK}two"),))).runs, 14, 10.0) == 2  # a hard break is a line
    entry, nested = flow_items(parse(f"1. {words}\n   - {words}"))
    assert (entry.indent, nested.indent) == (NUMBER_INDENT, NUMBER_INDENT + BULLET_INDENT)
    indented = [(nested.height(14, w / 4), entry.height(14, w / 4), TextItem(words).height(14, w / 4)) for w in range(8, 40)]
    assert all(n >= e >= p for n, e, p in indented) and any(n > p for n, _, p in indented)  # less room, more lines
