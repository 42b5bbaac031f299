"""Deck tables written as one piece of XML: native tables that read back as python-pptx's own API would make them."""

from __future__ import annotations

import dataclasses
import io

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from reportgen.model.elements import Column, Report, Row, Table
from reportgen.writers import pptx
from reportgen.writers.pptx.master import house_deck
from reportgen.writers.pptx.style import CONTENT_W, TABLE_SIZE, emu, style_for
from reportgen.writers.pptx.tables import CELL_INSET_X, CELL_INSET_Y, TOTAL_TINT, draw_table, layout_table

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# Names as untrusted data brings them: markup, entities, control characters, quotes, right-to-left script.
NAMES = (
    "Retail & e-commerce <b>bold</b>",
    "Bell\x07, NUL\x00 and form feed\x0c",
    "مستشفى الملك فيصل التخصصي",
    "Tab\there, &amp; not an entity",
    'A "quoted" name > 3',
    "המרכז הרפואי שיבא",
)
# What python-pptx shows for a control character it cannot store in XML: its plain-text escape.
READ_BACK = {"Bell\x07, NUL\x00 and form feed\x0c": "Bell_x0007_, NUL_x0000_ and form feed_x000C_"}


def untrusted_table() -> Table:
    """Parent, data and total rows, an indented sub-row, an empty cell and a header with markup in it."""
    columns = (Column("name", 'Segment <i>"A"</i> & co', "text"), Column("2024", "2024", "money", "USD bn"),
               Column("share", "Share", "percent"))
    kinds = ("parent", "data", "data", "data", "data", "total")
    rows = tuple(Row((name, None if n == 3 else 1.25 * (n + 1), 0.1 * n), kind, level=1 if n in (1, 2) else 0)
                 for n, (name, kind) in enumerate(zip(NAMES, kinds, strict=True)))
    return Table('t<&"x', "Untrusted names", columns, rows)


@pytest.fixture(scope="module")
def untrusted_deck(nordic_report: Report):
    table = untrusted_table()
    sections = tuple(dataclasses.replace(s, blocks=(table, *s.blocks)) if s.id == "outlook" else s
                     for s in nordic_report.sections)
    return Presentation(io.BytesIO(pptx.render(dataclasses.replace(nordic_report, sections=sections))))


def test_table_is_a_native_table_whose_cells_read_back_as_the_models(untrusted_deck, nordic_report):
    table, fmt = untrusted_table(), nordic_report.fmt
    (frame,) = [sh for s in untrusted_deck.slides for sh in s.shapes if sh.name == f"Table {table.id}"]
    assert frame.has_table
    tbl = frame._element.find(f".//{A}tbl")
    assert tbl is not None and frame._element.getparent().tag.endswith("spTree")
    assert len(frame.table.rows) == len(table.rows) + 1
    assert len(frame.table.columns) == len(table.columns)
    header = [c.text for c in frame.table.rows[0].cells]
    assert header == [c.label for c in table.columns]
    for drawn, row in zip(list(frame.table.rows)[1:], table.rows, strict=True):
        numbers = zip(row.cells[1:], table.columns[1:], strict=True)
        expected = [READ_BACK.get(row.cells[0], row.cells[0]), *(fmt.value(v, c.type) for v, c in numbers)]
        assert [c.text for c in drawn.cells] == expected
    assert frame.width == sum(c.width for c in frame.table.columns)
    assert frame.height == sum(r.height for r in frame.table.rows)


def test_markup_in_data_stays_text_and_right_to_left_names_read_right_to_left(untrusted_deck):
    (frame,) = [sh for s in untrusted_deck.slides for sh in s.shapes if sh.name.startswith("Table t<")]
    assert not [e for e in frame._element.iter() if etree.QName(e).localname in ("b", "i")]
    direction = {c.text: c.text_frame.paragraphs[0]._p.pPr.get("rtl") for c in (r.cells[0] for r in frame.table.rows)}
    assert direction[NAMES[2]] == direction[NAMES[5]] == "1"
    assert direction[NAMES[0]] is None


def _drawn_through_the_object_api(slide, x, y, layout, rows, style, name):
    """The table as python-pptx's cell API draws it: the reference the XML writer must equal."""
    columns = layout.columns
    height = layout.header_height + sum(layout.row_heights[r] for r in rows)
    frame = slide.shapes.add_table(len(rows) + 1, len(columns), emu(x), emu(y), emu(layout.width), emu(height))
    frame.name = name
    table = frame.table
    table.first_row, table.horz_banding = True, False
    for pos, w in enumerate(layout.widths):
        table.columns[pos].width = emu(w)
    table.rows[0].height = emu(layout.header_height)

    def fill(cell, text, column, colour, background, bold, inset):
        cell.fill.solid()
        cell.fill.fore_color.rgb = background
        cell.margin_left, cell.margin_right = emu(inset), emu(CELL_INSET_X)
        cell.margin_top = cell.margin_bottom = emu(CELL_INSET_Y)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        p = cell.text_frame.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT if column.is_numeric else PP_ALIGN.LEFT
        if text:
            run = p.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.color.rgb = Pt(layout.size), bold, colour
        else:
            p._p.get_or_add_endParaRPr().set("sz", str(round(layout.size * 100)))

    for pos, col in enumerate(columns):
        fill(table.cell(0, pos), col.label, col, style.white, style.accent, True, CELL_INSET_X)
    for n, r in enumerate(rows, start=1):
        row = layout.table.rows[r]
        table.rows[n].height = emu(layout.row_heights[r])
        for pos, col in enumerate(columns):
            cell = table.cell(n, pos)
            indent = 0.18 * row.level if pos == 0 else 0.0
            fill(cell, layout.cells[r][pos], col, style.text, style.light if n % 2 == 0 else style.white,
                 row.kind in ("total", "parent"), CELL_INSET_X + indent)
            if row.kind == "total":
                cell.fill.fore_color.rgb = style.accent
                cell.fill.fore_color.brightness = TOTAL_TINT


@pytest.mark.parametrize("rows", [range(6), range(1, 4), (5,)], ids=["whole", "continued part", "total alone"])
def test_xml_writer_writes_what_the_object_api_writes(nordic_report, rows):
    style = style_for(nordic_report.branding)
    deck = house_deck(style, nordic_report.gettext)
    layout = layout_table(untrusted_table(), nordic_report.fmt, CONTENT_W, TABLE_SIZE, 7)
    fast, reference = (deck.prs.slides.add_slide(deck.layouts["content"]) for _ in range(2))
    draw_table(fast, 0.5, 1.7, layout, list(rows), style, 'Table t<&"x')
    _drawn_through_the_object_api(reference, 0.5, 1.7, layout, list(rows), style, 'Table t<&"x')
    ours, theirs = (etree.tostring(s.shapes[-1]._element) for s in (fast, reference))
    assert ours == theirs
