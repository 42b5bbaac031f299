"""A brand in every format: the made-up market in the example brand (tests/fixtures/brand: Noto
Serif, a teal palette, a PNG wordmark and an SVG mark, Cambria for Office), each deliverable read
back for the brand's fonts, colours and logo, and the history tint drawn by one rule everywhere."""

from __future__ import annotations

import io
import re
import zipfile

import lxml.html
import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader

from reportgen.data.brand import load_brand
from reportgen.model import Report, build_report
from reportgen.writers import html, pdf, pptx, xlsx
from reportgen.writers.pdf.charts import render_charts
from tests.data.test_brand import EXAMPLE
from tests.writers.pdf.fonts import embedded_fonts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEAL, TEAL_HISTORY, INK = "#006D77", "#80B6BB", "#22313F"  # the primary, its history tint, the headings


@pytest.fixture(scope="module")
def branded(nordic_analysis) -> Report:
    return build_report(nordic_analysis, load_brand(EXAMPLE / "_brand.yml").brand)


@pytest.fixture(scope="module")
def outputs(branded: Report) -> dict[str, bytes]:
    return {fmt: writer.render(branded) for fmt, writer in (("pdf", pdf), ("html", html), ("xlsx", xlsx), ("pptx", pptx))}


def xml_of(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode() for n in sorted(z.namelist()) if n.startswith(prefix) and n.endswith(".xml"))


def test_the_pdf_embeds_the_brands_faces_subset_and_no_other(outputs):
    fonts = embedded_fonts(PdfReader(io.BytesIO(outputs["pdf"])))
    assert set(fonts.values()) == {"NotoSerif-Regular", "NotoSerif-Bold"}, fonts  # its text is all in the brand's face
    assert all(re.fullmatch(r"/[A-Z]{6}\+RG-Noto-Serif(-Bold)?", name) for name in fonts), fonts  # subset, private name


def test_the_pdf_wears_the_brands_colours_and_logos(outputs):
    reader = PdfReader(io.BytesIO(outputs["pdf"]))
    cover = reader.pages[0]
    images = [x.get_object() for x in cover["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert [(i["/Width"], i["/Height"]) for i in images] == [(480, 120)]  # the wordmark, on the cover
    assert b"0 0.427451 0.466667 rg" in cover.get_contents().get_data()  # the teal cover band
    chapter = reader.pages[2].get_contents().get_data()
    assert b"0.133333 0.192157 0.247059 rg" in chapter  # headings in the brand's ink
    assert "Meridian" not in reader.pages[2].extract_text()  # the running head's mark is a picture, not text


def test_the_pdfs_charts_are_measured_and_set_in_the_brands_face(branded: Report):
    for svg in render_charts(branded).values():  # text kept as text, in the PDF's stack: the brand's face first
        assert set(re.findall(r"font-family: ([^;\"]+)", svg.decode())) == {"'RG Noto Serif', 'RG Open Sans'"}


def test_the_web_edition_takes_every_colour_and_face_from_the_brand(outputs):
    doc = lxml.html.fromstring(outputs["html"])
    css = doc.xpath("//style")[0].text
    root = re.search(r":root \{([^}]*)\}", css)[1]
    variables = dict(re.findall(r"(--[a-z-]+): ([^;]+);", root))
    assert (variables["--accent"], variables["--headings"], variables["--text"], variables["--fill"]) == (TEAL, INK, INK, "#EDF6F9")
    assert variables["--font-body"].startswith('"Noto Serif", ') and variables["--line-height"] == "1.5"
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; font-weight: (\d+);[^}]*src: url\(data:font/woff2;base64,', css)
    assert faces == [("Noto Serif", "400"), ("Noto Serif", "700")]  # semibold falls to the nearest face the brand has
    assert not re.search(r"#[0-9A-Fa-f]{6}", css.split(":root", 1)[1].split("}", 1)[1]), "no colour but the brand's variables"
    (logo,) = doc.xpath("//img[@class='brand-logo']")
    assert logo.get("src").startswith("data:image/svg+xml;base64,") and logo.get("alt") == "Meridian Research"


def test_the_workbook_is_set_in_the_office_face_with_the_brands_fills(outputs):
    wb = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    ws = wb["Market"]
    fills = {c.fill.fgColor.rgb for row in ws.iter_rows(max_row=12) for c in row if c.fill.fill_type == "solid"}
    assert {"FF006D77", "FF" + TEAL_HISTORY[1:]} <= fills  # forecast and history year headers
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Cambria"}, fonts
    assert len(wb["Contents"]._images) == 1  # the wordmark (Excel takes no SVG: the raster size is used)
    assert "1F4E79" not in xml_of(outputs["xlsx"], "xl/charts/")  # the house accent is nowhere in its charts


def test_the_deck_is_set_in_the_office_face_in_the_brands_colours_with_its_logo(outputs):
    deck = Presentation(io.BytesIO(outputs["pptx"]))
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    assert {e.get("typeface") for e in theme.iter(f"{A}latin")} == {"Cambria"}
    assert theme.find(f".//{A}dk2/{A}srgbClr").get("val") == TEAL[1:]
    logo = next(sh for sh in deck.slides[0].shapes if sh.name == "Logo")
    assert logo.image.content_type == "image/png" and logo._element.nvPicPr.cNvPr.get("descr") == "Meridian Research"
    charts = xml_of(outputs["pptx"], "ppt/charts/")
    assert '<a:latin typeface="Cambria"/>' in charts


def test_history_is_the_same_tint_in_every_format_and_no_brighter_than_its_colour(outputs, branded: Report):
    assert branded.brand.colours.history(TEAL) == TEAL_HISTORY
    deck = xml_of(outputs["pptx"], "ppt/")
    assert f'<a:srgbClr val="{TEAL_HISTORY[1:]}"/>' in deck and "lumMod" not in deck and "lumOff" not in deck
    assert f'fill="{TEAL_HISTORY}"' in outputs["html"].decode()
    assert TEAL_HISTORY[1:] in xml_of(outputs["xlsx"], "xl/styles")
    assert TEAL_HISTORY.lower() in next(s for s in render_charts(branded).values() if b"Forecast" in s).decode().lower()
