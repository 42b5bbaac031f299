"""The deliverables of a market a new analyst wrote from the docs alone (issue 24), read back as a
client reads them: the made-up Japan pet insurance market (tests/fixtures/japan-pet-insurance)
as a PDF, a deck, a workbook and a web page, in English and Spanish.

The model's wording is tested in tests/model/test_client_reading.py; here each format must show
it: counts with their plural, prices per policy, units in the volume and price headers, the
geography chapter's title, segment descriptions, one CAGR where two read alike, the FAQ's size
from the base year, the data's currency symbol never apart from its amount (no line of the PDF
ends with it), and a comparison chart on which the market's own line is not flattened by a
market twenty times its size.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable

import lxml.html
import pytest
from lxml import etree
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from reportgen.data import Analysis
from reportgen.model import Report, build_report
from reportgen.writers import html, pdf, pptx, xlsx
from reportgen.writers.pdf.charts import render_charts
from tests.libreoffice import recalculate, soffice
from tests.writers.xlsx.xlsx_parts import charts_by_sheet, label_rows, yearly, zero_cached_results

FORMATS = ("pdf", "pptx", "xlsx", "html")
RENDER = {"pdf": pdf.render, "pptx": pptx.render, "xlsx": xlsx.render, "html": html.render}
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def reports(japan_analysis: Analysis) -> dict[str, Report]:
    return {lang: build_report(japan_analysis, lang=lang) for lang in ("en", "es")}


@pytest.fixture(scope="module")
def built(reports) -> dict[tuple[str, str], bytes]:
    """Each format in each language, built once."""
    return {(fmt, lang): RENDER[fmt](report) for lang, report in reports.items() for fmt in FORMATS}


@functools.cache  # extracting a PDF's text takes seconds; several tests read the same one
def pdf_lines(data: bytes) -> tuple[str, ...]:
    return tuple(line for page in PdfReader(io.BytesIO(data)).pages for line in page.extract_text().splitlines())


def deck_texts(data: bytes) -> Iterable[str]:
    """Every text of the deck: shapes, table cells and speaker notes."""
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            if shape.has_table:
                yield from (cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            yield slide.notes_slide.notes_text_frame.text


def book_texts(data: bytes) -> Iterable[str]:
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        yield from (c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str))


def text(built, fmt: str, lang: str) -> str:
    """What a reader of one deliverable sees, lines joined, runs of whitespace (no-break spaces
    too) made one space."""
    return _shown(fmt, built[(fmt, lang)])


def _page_text(data: bytes) -> str:
    """A web page's text as a reader sees it: not its stylesheet or script (whose inlined fonts are
    base64, where any three letters turn up sooner or later)."""
    page = lxml.html.fromstring(data)
    for hidden in page.xpath("//style | //script"):
        hidden.drop_tree()
    return page.text_content()


@functools.cache
def _shown(fmt: str, data: bytes) -> str:
    parts = {
        "pdf": lambda: pdf_lines(data),
        "pptx": lambda: deck_texts(data),
        "xlsx": lambda: book_texts(data),
        "html": lambda: [_page_text(data)],
    }[fmt]()
    return " ".join(" ".join(parts).split())


def each(built, lang: str, formats: Iterable[str] = ("pdf", "pptx", "html")) -> dict[str, str]:
    return {fmt: text(built, fmt, lang) for fmt in formats}


# --- what the deliverables say ---------------------------------------------------------------------


def test_one_published_figure_is_one(built):
    for fmt, shown in each(built, "en").items():
        assert "1 published figure, 41 labelled estimates" in shown, fmt
    for fmt, shown in each(built, "es").items():
        assert "1 dato publicado, 41 estimaciones señaladas" in shown, fmt


def test_prices_are_per_policy_and_the_overview_names_its_units(built):
    for fmt, shown in each(built, "en").items():
        assert "average revenue per policy of ¥ 70,250 in 2025" in shown and "per unit" not in shown, fmt
        assert "Policies in force (k policies)" in shown and "Average price (¥ per policy)" in shown, fmt
    for fmt, shown in each(built, "es").items():
        assert "ingreso medio por póliza" in shown and "por unidad" not in shown, fmt
        assert "Pólizas en vigor (miles de pólizas)" in shown and "Precio medio (¥ por póliza)" in shown, fmt


def test_the_geography_chapter_and_the_segments_descriptions(built):
    for fmt, shown in each(built, "en").items():
        assert "Geographic analysis by region" in shown and "Regional analysis by region" not in shown, fmt
        assert "Other pets: Rabbits, ferrets, birds and reptiles" in shown, fmt
        assert "Small dogs: Toy poodles, chihuahuas, dachshunds and other breeds under 10 kg" in shown, fmt
    assert "Otras mascotas: Conejos, hurones, aves y reptiles" in text(built, "pdf", "es")
    ws = load_workbook(io.BytesIO(built[("xlsx", "en")]))["Assumptions"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    described = {r[0]: r[-1] for r in rows if r[0] in ("Other pets", "Kanto", "Cats")}
    assert described == {"Other pets": "Rabbits, ferrets, birds and reptiles",
                         "Kanto": "Tokyo, Kanagawa, Saitama, Chiba and the other Kanto prefectures", "Cats": None}
    assert sum(r.count("Description") for r in rows) == 3  # the dimensions whose segments say what they cover


def test_one_cagr_where_two_read_alike_and_the_faq_leads_with_the_base_year(built):
    for fmt, shown in each(built, "en").items():
        assert "CAGR 2025-2035" in shown and "CAGR 2026-2035" not in shown and "over 2026-2035" not in shown, fmt
    for fmt, shown in each(built, "en", ("pdf", "html")).items():
        assert ("It was worth ¥ 185.00 billion in 2025; it is forecast at ¥ 199.32 billion in 2026 and ¥ 390.00 billion "
                "by 2035") in shown, fmt


# --- the currency ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_currency_is_the_datas_symbol_and_never_parts_from_its_amount(built, lang):
    for fmt in FORMATS:
        shown = text(built, fmt, lang).replace("(JPY ", "(")  # the workbook says what '¥ bn' is: '¥ bn (JPY billion)'
        assert "¥" in shown and "JPY" not in shown, (fmt, lang)
    ends = [line for line in pdf_lines(built[("pdf", lang)]) if line.rstrip().endswith("¥")]
    assert not ends, ends[:3]
    for fmt, texts in (("pptx", deck_texts(built[("pptx", lang)])), ("xlsx", book_texts(built[("xlsx", lang)]))):
        loose = [t for t in texts if re.search(r"¥[ \t\n]\d", t)]
        assert not loose, (fmt, loose[:3])
    page = built[("html", lang)].decode()
    assert "¥\xa0" in page and not re.search(r"¥[ \t\n]\d", page)
    with zipfile.ZipFile(io.BytesIO(built[("xlsx", lang)])) as book:
        assert '&quot;¥\xa0&quot;#,##0' in book.read("xl/styles.xml").decode()  # prices: the symbol and the number as one


# --- the comparison chart -------------------------------------------------------------------------------


READABLE = 0.25  # the least share of the plot's height each line must span


def spans(lines: list[list[float]], bottom: float, top: float) -> list[float]:
    """The share of the plot (from ``bottom`` to ``top`` on the value axis) each line spans."""
    return [(max(v) - min(v)) / abs(top - bottom) for v in lines]


def test_both_lines_of_the_pdfs_comparison_chart_read(reports):
    colours = reports["en"].brand.colours
    svg = etree.fromstring(render_charts(reports["en"])["comparison"])
    lines: dict[str, list[float]] = {}
    frame: list[float] = []
    for path in svg.iterfind(".//{http://www.w3.org/2000/svg}path[@fill='none']"):
        points = re.findall(r"[ML] ([\d.]+) ([\d.]+)", path.get("d"))
        ys = [float(y) for _, y in points]
        if path.get("stroke") == colours.muted and len({x for x, _ in points}) == 1:
            frame = ys  # the value axis: the plot's height
        elif path.get("stroke") not in (colours.muted, colours.rule) and len(ys) > 2:  # a series' history or forecast
            lines.setdefault(path.get("stroke"), []).extend(ys)
    assert len(lines) == 2 and frame
    assert min(spans(list(lines.values()), max(frame), min(frame))) > READABLE


def test_both_lines_of_the_webs_comparison_chart_read(built):
    page = lxml.html.fromstring(built[("html", "en")])
    (svg,) = page.xpath("//*[@id='c-comparison']//svg[contains(@class, 'chart-svg')]")
    grid = [float(line.get("y1")) for line in svg.xpath(".//*[@class='grid']")]
    lines = [[float(c.get("cy")) for c in g.xpath(".//circle")] for g in svg.xpath(".//*[@class='series']")]
    assert len(lines) == 2 and min(spans(lines, max(grid), min(grid))) > READABLE


def test_both_lines_of_the_decks_native_comparison_chart_read(built):
    deck = Presentation(io.BytesIO(built[("pptx", "en")]))
    (chart,) = [sh.chart for slide in deck.slides for sh in slide.shapes if sh.has_chart and sh.name == "Chart comparison"]
    lines = [list(s.values) for s in chart.plots[0].series]
    scaling = chart.value_axis._element.find(f"{C}scaling")
    assert scaling.find(f"{C}min") is None  # Office's own axis, from 0 for these values
    assert len(lines) == 2 and min(spans(lines, 0, max(max(v) for v in lines))) > READABLE


def test_both_lines_of_the_workbooks_native_comparison_chart_read(built):
    data = built[("xlsx", "en")]
    (chart,) = [c for c in charts_by_sheet(data)["Market"] if "<c:lineChart>" in c]
    refs = re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", chart)
    values = load_workbook(io.BytesIO(data), data_only=True)["Market"]
    lines = []
    for ref in refs:  # Market!$D$12:$S$12: one row of cached formula results
        first, last = ref.split("!")[1].replace("$", "").split(":")
        lines.append([c.value for row in values[first:last] for c in row])
    assert len(lines) == 2 and min(spans(lines, 0, max(max(v) for v in lines))) > READABLE


def test_the_workbooks_index_rows_are_live_formulas_giving_the_charts_values(built, reports, tmp_path):
    """Recalculated from zeroed caches by LibreOffice, the rows the chart draws equal the model's indices."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed (.ci/run installs libreoffice-calc-nogui)")
    path = tmp_path / "japan.xlsx"
    path.write_bytes(zero_cached_results(built[("xlsx", "en")]))
    (again,) = recalculate([path], tmp_path)
    market = load_workbook(again, data_only=True)["Market"]
    report = reports["en"]
    chart = next(c for c in report.charts() if c.id == "comparison")
    years = range(int(chart.categories[0]), int(chart.categories[-1]) + 1)
    names = [report.workbook.market.name, *(c.series.name for c in report.workbook.comparisons)]
    for name, series in zip(names, chart.series, strict=True):
        row = label_rows(market, name)[-1]  # a comparison's name also labels its values, above
        assert list(yearly(market, row, years).values()) == pytest.approx(series.values, rel=1e-9), name
