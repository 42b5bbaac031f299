"""Names in any script in the PDF: drawn in the stack's fonts only, shaped, in reading order,
and there to search and copy, in the page text, the charts, the bookmarks and the metadata.

The world-scripts fixture has names in Thai, Vietnamese, Chinese, Japanese, Korean, Arabic,
Hebrew, Devanagari, Cyrillic and Greek. Text is read back with poppler (see ``poppler``).
"""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from reportgen.data.brand import house_brand
from reportgen.model.elements import Chart, ChartSeries, Paragraph, Report, Section, SectionKind
from reportgen.typefaces import fallbacks
from reportgen.writers import pdf
from reportgen.writers.pdf.charts import render_charts
from tests.writers.pdf import poppler
from tests.writers.pdf.fonts import embedded_fonts, glyph_texts, nominal_glyphs, postscript_names
from tests.writers.pdf.poppler import needs_poppler, plain

ARABIC, HEBREW = "المملكة العربية السعودية", "ישראל"
SCRIPTS = ("THAI", "CJK UNIFIED", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "HEBREW", "DEVANAGARI", "CYRILLIC", "GREEK")


def names(analysis) -> list[str]:
    """The data's names: segments (a geography among them), vendors and their countries,
    companies in the developments, and the FAQ's questions."""
    source = analysis.computed.source
    content = source.content
    return [*(s.name for _, dim in source.dimensions for s in dim.segments), *(v.name for v in content.vendors),
            *(v.country for v in content.vendors if v.country), *(d.company for d in content.developments),
            *(q.question for q in content.faq)]


def directions(text: str) -> set[str]:
    strong = [unicodedata.bidirectional(c) for c in text if unicodedata.bidirectional(c) in ("L", "R", "AL")]
    return {"ltr" if kind == "L" else "rtl" for kind in strong}


def probe(report: Report, *blocks) -> Report:
    """``report`` cut to one section holding ``blocks``: quick to typeset."""
    return dataclasses.replace(report, sections=(Section("probe", "Probe", SectionKind.TEXT, tuple(blocks)),))


@pytest.fixture(scope="module")
def world_reader(world_pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(world_pdf))


def test_the_fixture_writes_names_in_ten_scripts(world_analysis):
    letters = {unicodedata.name(c, "") for name in names(world_analysis) for c in name}
    for script in SCRIPTS:
        assert any(n.startswith(script) for n in letters), script
    assert any("WITH" in n and n.startswith("LATIN") for n in letters)  # Vietnamese: Việt Nam


@needs_poppler
def test_every_name_is_in_the_page_text_in_reading_order(world_analysis, world_pdf: bytes):
    text = plain(poppler.text(world_pdf))
    for name in names(world_analysis):
        if len(directions(name)) == 1:  # one direction: the whole name, as written
            assert plain(name) in text, name
        else:  # mixed (a Latin name with an Arabic gloss): each word as written
            for word in name.split():
                assert plain(word.strip("()?,")) in text, (name, word)


def test_bookmarks_and_metadata_keep_the_names(world_report: Report, world_reader: PdfReader):
    outline, stack = [], list(world_reader.outline)
    while stack:
        item = stack.pop(0)
        stack[:0] = item if isinstance(item, list) else []
        outline += [] if isinstance(item, list) else [item.title]
    titles = [s.title for top in world_report.sections for s in (top, *top.subsections)]
    assert [t for t in outline if t != "Contents"] == titles
    assert any("移动机器人" in t for t in outline)
    assert world_reader.metadata["/Keywords"] == ", ".join(world_report.meta.keywords)
    assert "ประเทศไทย" in world_reader.metadata["/Keywords"] and ARABIC in world_reader.metadata["/Keywords"]
    assert world_reader.metadata.author == "Test Analyst, 山田 花子"


def test_every_embedded_font_is_a_face_of_the_stack_and_subset(world_reader: PdfReader, world_pdf: bytes):
    fonts = embedded_fonts(world_reader)
    stack = postscript_names()
    assert all(re.fullmatch(r"/[A-Z]{6}\+RG-.+", f) for f in fonts), fonts
    assert set(fonts.values()) <= set(stack), set(fonts.values()) - set(stack)
    families = {stack[name].name for name in fonts.values()}
    for script in ("Thai", "Arabic", "Hebrew", "Devanagari", "CJK"):
        assert f"RG Noto Sans {script}" in families, families
    assert house_brand().body.files.name in families
    cjk = next(f for f in fallbacks() if f.name.endswith("CJK"))
    assert len(world_pdf) < cjk.faces[0].path.stat().st_size / 20  # a subset of the 20 MB collection, twice


@needs_poppler
def test_arabic_in_a_chart_is_the_logical_string_drawn_joined(world_report: Report):
    share = Chart("probe-share", "Share by country", "doughnut", (ARABIC, HEBREW, "Brazil"),
                  (ChartSeries("Share 2024", (0.5, 0.3, 0.2)),), "percent", "Share of revenue, 2024", "Source: probe", "A doughnut.")
    report = probe(world_report, share)  # the Arabic and Hebrew are in the chart alone
    svg = render_charts(report)["probe-share"].decode()
    assert f">{ARABIC}</text>" in svg and f">{HEBREW}</text>" in svg  # the SVG holds the string as written
    out = pdf.render(report)
    arabic = next(f for f in fallbacks() if f.name.endswith("Arabic"))
    nominal = nominal_glyphs(arabic)
    drawn = glyph_texts(PdfReader(io.BytesIO(out)), _postscript(arabic))
    letters = {c for c in ARABIC if c != " "}
    assert set(drawn.values()) >= letters
    joined = {text for gid, text in drawn.items() if text in letters and gid != nominal[text]}
    assert len(joined) >= 5, drawn  # initial, medial and final forms, not the isolated letters
    text = plain(poppler.text(out))
    assert plain(ARABIC) in text and plain(HEBREW) in text  # reads back in logical order


def _postscript(family) -> str:
    return next(name for name, f in postscript_names((family,)).items() if "Bold" not in name)


@needs_poppler
def test_an_isolated_rtl_name_keeps_the_order_of_its_ltr_sentence(world_report: Report):
    isolated = Paragraph("Shares in 2024: \u2068السعودية\u2069, 8.0%; \u2068ישראל\u2069, 5.0%.")
    plain_marks = Paragraph("Shares in 2023: الرياض, 7.0%; חיפה, 4.0%.")  # the same without isolates
    out = pdf.render(probe(world_report, isolated, plain_marks))  # no warning: the marks draw nothing
    assert set(embedded_fonts(PdfReader(io.BytesIO(out))).values()) <= set(postscript_names())
    page = poppler.pages(out)[-1]  # after the cover and the contents
    assert "\ufffd" not in "".join(w.text for w in page.words)

    def x(text: str, line: int) -> float:
        """Where a word of the ``line``-th paragraph starts (poppler may give a right-to-left
        word of a left-to-right line in the order it is drawn)."""
        year = ("2024:", "2023:")[line]
        y = next(w.y0 for w in page.body() if w.text == year)
        return next(w.x0 for w in page.body() if abs(w.y0 - y) < 5 and (text in w.text or text[::-1] in w.text))

    assert x("Shares", 0) < x("السعودية", 0) < x("8.0%", 0) < x("ישראל", 0) < x("5.0%", 0)
    # without isolation the figures are pulled into the right-to-left runs, left of the names
    assert x("4.0", 1) < x("חיפה", 1) and x("7.0", 1) < x("الرياض", 1)
