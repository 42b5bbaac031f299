"""The report's own sections in every deliverable: the andes-medtech fixture built as a user builds it.

Every format and language is built once, through the command line. The tests read what a client
gets: the sections' order in the PDF's bookmarks and their figures in its text, the deck's native
charts and tables, the workbook's sheet per table with its native chart over the table's cells,
the web edition's sections, tables and charts; the section's Markdown (the issue's example: bold,
a link, a bullet list; a numbered list) rendered natively, and raw HTML typed in a text shown as
typed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from tests.conftest import ANDES, ROOT
from tests.writers.pdf.test_localized_pdf import outline_titles

ORDER = ["Key takeaways", "Executive summary", "Regulatory landscape", "Market overview", "By system type", "Pricing analysis",
         "Geographic analysis by country", "Top companies", "Methodology and assumptions"]
LINK = "https://example.org/devices"
TRANSLATED = {"es": ("Panorama regulatorio", "Análisis de precios", "31,5"), "pt-BR": ("Panorama regulatório", "Análise de preços", "31,5")}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("andes")
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", str(ANDES), "--format", "pdf,pptx,xlsx,html",
                           "--lang", "en,es,pt-BR", "--jobs", "2", "--strict", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "andes-medtech"


def words(text: str) -> str:
    return " ".join(text.split())


# PDF --------------------------------------------------------------------------------------------

def test_the_pdf_bookmarks_follow_the_outline(out):
    assert outline_titles(PdfReader(out / "andes-medtech.pdf")) == ["Contents", *ORDER]


def test_the_pdf_shows_the_tables_values_and_raw_html_as_typed(out):
    text = words(" ".join(page.extract_text() for page in PdfReader(out / "andes-medtech.pdf").pages))
    assert "Approvals by country, 2023" in text and "Colombia, incl. Bogotá 17 44.5%" in text
    assert "Multi-port systems 1.85 62.0% 2016 November 14, 2023 3.50" in text
    assert "<script>alert(1)</script>" in text and "Review times" in text
    assert "Outlook" not in text and "Frequently asked questions" not in text  # left out by the outline


def test_the_pdf_renders_the_sections_markdown_with_a_live_link(out):
    reader = PdfReader(out / "andes-medtech.pdf")
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert "Review times fell by a third (regulator)." in text and "**" not in text
    links = [a["/A"]["/URI"] for page in reader.pages for a in (page.get("/Annots") or []) if "/URI" in a.get_object().get("/A", {})]
    assert LINK in links


# Deck -------------------------------------------------------------------------------------------

def shapes(deck, name: str) -> list:
    return [sh for slide in deck.slides for sh in slide.shapes if sh.name == name]


def test_the_deck_has_native_charts_of_the_tables(out):
    deck = Presentation(out / "andes-medtech.pptx")
    [bar] = shapes(deck, "Chart regulation.chart-2")
    assert bar.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(bar.chart.plots[0].categories) == ["Chile", "Peru", "Colombia, incl. Bogotá"]
    assert list(bar.chart.plots[0].series[0].values) == [14, 9, 17]
    [doughnut] = shapes(deck, "Chart pricing.mix")
    assert doughnut.chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert list(doughnut.chart.plots[0].series[0].values) == pytest.approx([0.62, 0.38])


def test_the_deck_has_native_tables_and_the_agenda_in_outline_order(out):
    deck = Presentation(out / "andes-medtech.pptx")
    [approvals] = shapes(deck, "Table regulation.approvals")
    assert [[c.text for c in row.cells] for row in approvals.table.rows][1:] == [
        ["Chile", "14", "31.5%"], ["Peru", "9", "24.0%"], ["Colombia, incl. Bogotá", "17", "44.5%"]]
    agenda = words(" ".join(sh.text_frame.text for sh in deck.slides[1].shapes if sh.has_text_frame))
    places = [agenda.index(title) for title in ORDER[:-1]]
    assert places == sorted(places)


def test_the_deck_shows_the_sections_markdown_as_bold_and_hyperlinked_runs_and_bullets(out):
    deck = Presentation(out / "andes-medtech.pptx")
    paragraphs = [p for slide in deck.slides if slide.name == "regulation" for sh in slide.shapes if sh.has_text_frame
                  for p in sh.text_frame.paragraphs]
    lead = next(p for p in paragraphs if p.text.startswith("Review times"))
    assert [r.text for r in lead.runs if r.font.bold] == ["fell by a third"]
    assert [(r.text, r.hyperlink.address) for r in lead.runs if r.hyperlink.address] == [("regulator", LINK)]
    bullet = next(p for p in paragraphs if p.text == "Country A: a priority route.")
    assert bullet._p.find(qn("a:pPr")).find(qn("a:buChar")) is not None


def test_the_deck_ends_a_tables_source_before_its_note(out):
    """The source and note under a custom table or chart read as two sentences, as the PDF prints them
    on two lines: the fixture's source has no full stop of its own."""
    sources = [sh.text_frame.text for sh in shapes(Presentation(out / "andes-medtech.pptx"), "Source")]
    assert "Example tender database. Prices exclude service contracts." in sources
    assert "National regulators, 2023." in sources
    assert not [s for s in sources if "database Prices" in s]


# Workbook ---------------------------------------------------------------------------------------

def test_the_workbook_has_a_sheet_per_table_with_numbers(out):
    book = openpyxl.load_workbook(out / "andes-medtech.xlsx")
    sheet = book["Approvals by country, 2023"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows.index(["Country", "Approved systems", "Share of procedures"])
    assert rows[header + 1 : header + 4] == [["Chile", 14, 0.315], ["Peru", 9, 0.24], ["Colombia, incl. Bogotá", 17, 0.445]]
    assert sheet.cell(header + 2, 3).number_format.endswith("%")
    prices = book["List prices and procedure mix…"]
    cells = [[c for c in row] for row in prices.iter_rows()]
    first = next(row for row in cells if row[0].value == "Multi-port systems")
    assert [c.value for c in first[1:4]] == [1.85, 0.62, 2016] and first[4].is_date


def test_the_workbook_charts_plot_the_tables_own_cells(out):
    with zipfile.ZipFile(out / "andes-medtech.xlsx") as book:
        charts = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/charts/chart")]
    [bar] = [c for c in charts if "Approvals by country, 2023" in c]
    assert '<c:barDir val="bar"/>' in bar
    assert re.search(r"<c:f>'Approvals by country, 2023'!\$B\$\d+:\$B\$\d+</c:f>", bar)
    [doughnut] = [c for c in charts if "List prices and procedure mix…" in c]
    assert "<c:doughnutChart>" in doughnut and "<c:showPercent val=\"1\"/>" in doughnut


# Web edition ------------------------------------------------------------------------------------

def test_the_web_edition_has_the_sections_tables_and_charts(out):
    page = lxml.html.fromstring((out / "andes-medtech.html").read_text(encoding="utf-8"))
    main = page.xpath("//main")[0]
    titles = [words(h.text_content()) for h in main.xpath("./section/h2")]
    assert titles == ORDER
    nav = [words(a.text_content()) for a in page.xpath("//nav[contains(@class, 'toc')]//li[@class='toc-1']/a")]
    assert nav == ORDER
    rows = page.xpath("//*[@id='t-regulation_approvals']//tbody/tr")
    assert [[words(c.text_content()) for c in r] for r in rows] == [
        ["Chile", "14", "31.5%"], ["Peru", "9", "24.0%"], ["Colombia, incl. Bogotá", "17", "44.5%"]]
    assert page.xpath("//*[@id='c-regulation_chart-2']//svg") and page.xpath("//*[@id='c-pricing_mix']//svg")
    pricing = page.xpath("//section[@id='s-pricing']")[0]
    assert "<script>alert(1)</script>" in pricing.text_content() and not pricing.xpath(".//script | .//b")
    assert [words(li.text_content()) for li in pricing.xpath(".//ol/li")] == ["Tenders set the price.", "Service contracts follow."]
    regulation = page.xpath("//section[@id='s-regulation']")[0]
    assert [words(b.text_content()) for b in regulation.xpath(".//p/strong")] == ["fell by a third"]
    assert [(a.text_content(), a.get("href")) for a in regulation.xpath(".//p/a")] == [("regulator", LINK)]
    assert [words(li.text_content()) for li in regulation.xpath(".//ul/li")] == ["Country A: a priority route."]


# Other languages --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(TRANSLATED))
def test_every_format_in_other_languages(out, lang):
    regulation, pricing, share = TRANSLATED[lang]
    titles = outline_titles(PdfReader(out / lang / "andes-medtech.pdf"))
    assert titles.index(regulation) < titles.index(pricing)
    text = words(" ".join(page.extract_text() for page in PdfReader(out / lang / "andes-medtech.pdf").pages))
    assert share in text
    deck = Presentation(out / lang / "andes-medtech.pptx")
    assert shapes(deck, "Chart regulation.chart-2") and shapes(deck, "Chart pricing.mix")
    sheets = openpyxl.load_workbook(out / lang / "andes-medtech.xlsx").sheetnames
    assert any(name.startswith(("Aprobaciones", "Aprovações")) for name in sheets)
    page = lxml.html.fromstring((out / lang / "andes-medtech.html").read_text(encoding="utf-8"))
    assert regulation in words(page.xpath("//section[@id='s-regulation']/h2")[0].text_content())
