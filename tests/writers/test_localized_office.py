"""The deck and the workbook in Spanish and Brazilian Portuguese: translated chrome, local figures, numbers kept numeric.

Each language's deck and workbook are built once per module from the latam-cgt analysis. The
checks for leftover English take the writers' own messages (extracted as ``make messages``
does), so a label added later without a translation, or written around the catalog, fails here.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import openpyxl
import pytest
from babel.messages.extract import extract_from_file
from PIL import Image
from pptx import Presentation

from reportgen.i18n import Language
from reportgen.model import Report, build_report
from reportgen.writers import pptx, xlsx
from reportgen.writers.xlsx.book import INVALID_SHEET_CHARS
from tests.branding import for_client
from tests.libreoffice import recalculate, soffice
from tests.writers.pptx.test_pptx import assert_fits, kicker, notes, slides_of
from tests.writers.xlsx.xlsx_parts import zero_cached_results

LANGS = ("es", "pt-BR")
WRITERS = Path(pptx.__file__).resolve().parent.parent  # reportgen/writers
EXPECTED = {
    # language: (agenda title, takeaways kicker, sources title, continued, first three sheets, market header row)
    "es": ("Contenido", "Conclusiones clave", "Fuentes y notas", "(continuación)", ["Contenido", "Supuestos", "Mercado"],
           ["Medida", "Unidad", "Cómo se obtiene"]),
    "pt-BR": ("Conteúdo", "Principais conclusões", "Fontes e notas", "(continuação)", ["Conteúdo", "Premissas", "Mercado"],
              ["Medida", "Unidade", "Como é obtido"]),
}


# Model modules whose fixed strings only one format shows: the workbook's qualitative tables.
FORMAT_MODEL_MODULES = {"xlsx": [WRITERS.parent / "model" / "workbook.py"]}


def writer_messages(fmt: str) -> set[str]:
    """The msgids of one writer's modules (``reportgen/writers/<fmt>/``), and of the model's part only it shows."""
    found = set()
    paths = sorted((WRITERS / fmt).glob("*.py"))
    assert paths, f"no modules found for the {fmt} writer"
    paths += FORMAT_MODEL_MODULES.get(fmt, [])
    for path in paths:
        for _line, message, _comments, _context in extract_from_file("python", str(path)):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def english_fragments(messages: set[str], lang: str) -> set[str]:
    """The literal wording of each message the language translates differently, cut at its placeholders.

    Fragments shorter than two words are left to the exact-match checks: single words ('General',
    'Total') may be the same in both languages or appear inside data. Fragments without a letter
    ('= 100') are no language's.
    """
    language = Language(lang)
    out = set()
    for message in messages:
        if language.gettext(message) == message:
            continue
        for part in re.split(r"\{\w+\}", message):
            part = part.strip(" ,.;:()|-/")
            if len(part.split()) >= 2 and any(c.isalpha() for c in part):
                out.add(part)
    return out


# --- building -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(latam_analysis) -> dict[str, Report]:
    return {lang: build_report(latam_analysis, lang=lang) for lang in LANGS}


@pytest.fixture(scope="module")
def decks(reports) -> dict:
    return {lang: Presentation(io.BytesIO(pptx.render(report))) for lang, report in reports.items()}


@pytest.fixture(scope="module")
def workbooks(reports) -> dict:
    out = {}
    for lang, report in reports.items():
        data = xlsx.render(report)
        out[lang] = (data, openpyxl.load_workbook(io.BytesIO(data)), openpyxl.load_workbook(io.BytesIO(data), data_only=True))
    return out


def slide_texts(deck) -> list[str]:
    """Every text on the slides: text boxes, placeholders and table cells."""
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def master_texts(deck) -> list[str]:
    parts = [deck.slide_master, *deck.slide_layouts, deck.notes_master]
    return [sh.text_frame.text for part in parts for sh in part.shapes if sh.has_text_frame]


# --- the deck ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_deck_titles_and_labels_are_translated(decks, lang):
    deck = decks[lang]
    agenda, takeaways, sources, continued, _sheets, _header = EXPECTED[lang]
    (first_agenda, *_more) = slides_of(deck, "agenda")
    assert first_agenda.shapes.title.text == agenda and kicker(first_agenda) == agenda
    assert kicker(slides_of(deck, "takeaways")[0]) == takeaways
    assert slides_of(deck, "sources")[0].shapes.title.text == sources
    assert any(s.shapes.title.text.endswith(continued) for s in list(deck.slides)[1:])
    keys = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.name == "Forecast key" and sh.has_text_frame]
    history = {"es": "histórico, 2021-2024", "pt-BR": "histórico, 2021-2024"}[lang]
    forecast = {"es": "previsión, 2025-2034", "pt-BR": "projeção, 2025-2034"}[lang]
    assert keys and all(history in k or forecast in k for k in keys if k)
    facts = next(sh.text_frame.text for sh in deck.slides[0].shapes if sh.name == "Report facts")
    assert {"es": "Edición del 9 de octubre de 2025", "pt-BR": "Edição de 9 de outubro de 2025"}[lang] in facts
    assert deck.core_properties.category == {"es": "Investigación de mercado", "pt-BR": "Pesquisa de mercado"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_deck_figures_use_the_locale_decimal_comma(decks, lang):
    text = "\n".join(slide_texts(decks[lang]))
    assert "38,0" in text and "3,72" in text
    assert not re.search(r"(?<![\d.])3\.72(?!\d)", text)  # 3.72 as a decimal, not as part of '3.720' (thousands)


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_fixed_label_is_left_in_the_deck(decks, lang):
    deck = decks[lang]
    shown = slide_texts(deck) + [notes(s) for s in deck.slides] + master_texts(deck)
    text = "\n".join(shown)
    left = sorted(f for f in english_fragments(writer_messages("pptx"), lang) if f in text)
    assert left == []
    assert not {"Agenda", "Sources", "Sources and notes"} & {s.shapes.title.text for s in deck.slides}
    assert not {"Agenda", "Sources"} & {kicker(s) for s in deck.slides}
    assert "Click to edit" not in "\n".join(master_texts(deck))
    assert [layout.name for layout in deck.slide_layouts] != ["Title Slide", "Title and Content", "Title Only"]


@pytest.mark.parametrize("lang", LANGS)
def test_translated_deck_fits_its_boxes(decks, lang):
    assert_fits(decks[lang])


def test_branded_deck_in_spanish_names_the_client_in_spanish(reports, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 100), "#AA3366").save(logo)
    client = "Laboratorios Farmacéuticos Interamericanos Asociados S.A. de C.V."
    report = for_client(reports["es"], client, logo)
    deck = Presentation(io.BytesIO(pptx.render(report)))
    assert_fits(deck)
    title = deck.slides[0]
    assert any(sh.has_text_frame and f"Preparado para {client}" in sh.text_frame.text for sh in title.shapes)
    picture = next(sh for sh in title.shapes if sh.name == "Client logo")
    assert picture._element.nvPicPr.cNvPr.get("descr") == f"Logotipo de {client}"
    assert "Preparado para: " + client in "\n".join(slide_texts(deck))


# --- the workbook --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_names_and_headers_are_translated_and_valid(workbooks, reports, lang):
    _data, wb, _values = workbooks[lang]
    _agenda, _kicker, _sources, _continued, first_sheets, header = EXPECTED[lang]
    names = wb.sheetnames
    assert names[:3] == first_sheets
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 and not INVALID_SHEET_CHARS.search(n) and n.strip("'") == n for n in names)
    market = wb[first_sheets[2]]
    row = next(r for r in market.iter_rows() if r[0].value == header[0])
    cagr = {"es": "TCAC", "pt-BR": "CAGR"}[lang]
    assert [c.value for c in row[:3]] == header and any(str(c.value).startswith(f"{cagr} ") for c in row)
    assumptions = wb[first_sheets[1]]
    labels = [c.value for row in assumptions.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"es": "Estado", "pt-BR": "Situação"}[lang] in labels
    assert {"es": "con fuente", "pt-BR": "com fonte"}[lang] in labels
    assert all(ws.oddFooter.right.text == "Página &P de &N" for ws in wb.worksheets)
    tables = {t.name: [c.name for c in t.tableColumns] for ws in wb.worksheets for t in ws.tables.values()}
    assert set(tables) == {"Companies", "Initiatives", "Value_chain", "Vendors", "Developments"}  # identifiers, not labels
    assert tables["Companies"] == {"es": ["Empresa", "Función", "País", "Nota"],
                                   "pt-BR": ["Empresa", "Papel", "País", "Observação"]}[lang]
    links = [c.hyperlink.location for c in wb[first_sheets[0]]["A"] if c.hyperlink is not None]
    assert len(links) == len(names) - 1
    assert all(loc.rsplit("!", 1)[0].strip("'") in names for loc in links)


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_fixed_label_is_left_in_the_workbook(workbooks, lang):
    _data, wb, _values = workbooks[lang]
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    language = Language(lang)
    messages = writer_messages("xlsx")
    whole = {m for m in messages if language.gettext(m) != m}
    assert sorted(whole & set(cells)) == []
    text = "\n".join(cells + wb.sheetnames)
    assert sorted(f for f in english_fragments(messages, lang) if f in text) == []
    assert "Live model" not in wb.properties.description


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_values_stay_numeric(workbooks, reports, latam_analysis, lang):
    _data, wb, values = workbooks[lang]
    report = reports[lang]
    formulas = 0
    for ws in wb.worksheets:
        cached = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas += 1
                    result = cached[cell.coordinate].value
                    assert isinstance(result, int | float) or result == "#DIV/0!", (ws.title, cell.coordinate, result)
                elif isinstance(cell.value, str) and not re.fullmatch(r"\d{4}", cell.value):  # a year span may be text
                    # no number written as text, in either locale's style ('3,72', '1.234', '31,6 %')
                    assert not re.fullmatch(r"-?\d[\d.,\s\xa0]*%?", cell.value), (ws.title, cell.coordinate, cell.value)
    assert formulas > 1000
    inputs = [c for row in wb[wb.sheetnames[1]].iter_rows(min_row=6) for c in row  # below the colour legend
              if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith(report.brand.colours.input_fill.lstrip("#")) and c.value is not None]
    assert inputs and all(c.data_type == "n" or c.data_type == "f" for c in inputs)
    unit = report.fmt.unit_short  # 'mil millones', 'bi': a quoted literal in the number format, never in the value
    money_formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row if unit in c.number_format}
    assert money_formats == {f'#,##0.00 "{unit}"'}
    prices = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row if "#,##0" in c.number_format
              and report.fmt.currency in c.number_format}
    assert prices == {f'"{report.fmt.currency}\xa0"#,##0'}
    market = wb[wb.sheetnames[2]]
    revenue = next(r for r in market.iter_rows() if r[0].value == report.gettext("Revenue"))
    shown = [values[market.title][c.coordinate].value for c in revenue[3:]]
    assert all(isinstance(v, float) and math.isfinite(v) for v in shown)
    data = latam_analysis.computed
    assert shown[3] == pytest.approx(data.total[data.base_year], rel=1e-12)


@pytest.mark.parametrize("lang", LANGS)
def test_defined_names_are_language_independent(workbooks, latam_report, lang):
    _data, wb, _values = workbooks[lang]
    english = openpyxl.load_workbook(io.BytesIO(xlsx.render(latam_report)))
    assert set(wb.defined_names) == set(english.defined_names)
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) for name in wb.defined_names)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the recalculation check needs it")
def test_translated_workbooks_recalculate_to_the_same_numbers(workbooks, tmp_path):
    """Formulas across sheets with accented, spaced names still work: LibreOffice recomputes every one."""
    paths = []
    for lang, (data, _wb, _values) in workbooks.items():
        paths.append(tmp_path / f"latam-{lang}.xlsx")
        paths[-1].write_bytes(zero_cached_results(data))
    for lang, out in zip(workbooks, recalculate(paths, tmp_path), strict=True):
        _data, wb, values = workbooks[lang]
        recalculated = openpyxl.load_workbook(out, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f" and isinstance(expected := values[ws.title][cell.coordinate].value, float):
                        got = recalculated[ws.title][cell.coordinate].value
                        # check rows hold rounding residue (1e-12) where LibreOffice finds exactly 0
                        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), (lang, ws.title, cell.coordinate)
