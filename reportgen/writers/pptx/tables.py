"""Native PowerPoint tables from the model's typed tables, sized by measuring their text.

A slide is far narrower than a workbook: a yearly table with fourteen year columns would need
type too small to read. So a table shows at most a given number of year columns (the first,
the last, the years its CAGR columns refer to, and evenly spaced years between), and says so
in its caption; every year stays in the chart data and the workbook. Column widths follow the
measured text, and row heights are measured too, so the planner can split a long table across
continuation slides at row boundaries without a row growing past the slide. A cell of prose
keeps its spans (bold, links, line breaks), measured and drawn as text boxes draw them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.oxml.ns import nsdecls
from pptx.shapes.graphfrm import GraphicFrame
from pptx.spec import GRAPHIC_DATA_URI_TABLE

from reportgen.format import Formatter
from reportgen.model.elements import LINE_BREAK, Column, Inline, Row, Table
from reportgen.writers.pptx import drawingml as dml
from reportgen.writers.pptx.style import Style, emu
from reportgen.writers.pptx.text import Run, line_count, line_height, runs_text, span_runs, span_xml, text_width

CELL_INSET_X = 0.07
CELL_INSET_Y = 0.035
LEVEL_INDENT = 0.18
MIN_TEXT_WIDTH = 0.9
MAX_NUMBER_WIDTH = 1.6
ROW_ALLOWANCE = 0.012  # renderers draw rows a little taller than their lines
FIT_SLACK = 0.03  # a column as wide as its text, plus this, keeps the text on one line when measured again
_BOLD_ROWS = ("total", "parent")


@dataclass(frozen=True)
class TableLayout:
    """Which columns a table shows, how wide they are and how tall each row is, at one type size."""

    table: Table
    shown: tuple[int, ...]  # indices into table.columns
    widths: tuple[float, ...]
    size: float
    header_height: float
    row_heights: tuple[float, ...]  # one per table row
    cells: tuple[tuple[Cell, ...], ...]  # formatted text or prose of the shown cells, one tuple per row

    @property
    def columns(self) -> list[Column]:
        return [self.table.columns[i] for i in self.shown]

    @property
    def width(self) -> float:
        return sum(self.widths)

    @property
    def years_hidden(self) -> bool:
        return len(self.shown) < len(self.table.columns)

    def height(self, start: int, stop: int) -> float:
        return self.header_height + sum(self.row_heights[start:stop])


def shown_columns(table: Table, max_years: int) -> tuple[int, ...]:
    """Every column, but at most ``max_years`` year columns.

    The years kept are the first and the last, the years other columns refer to by key (a
    'cagr-2024-2034' column names its two end years), then evenly spaced years between.
    """
    years = [i for i, c in enumerate(table.columns) if c.is_year]
    if len(years) <= max_years:
        return tuple(range(len(table.columns)))
    keys = [table.columns[i].key for i in years]
    referred = [k for c in table.columns if not c.is_year for k in c.key.split("-") if k in keys]
    chosen: list[int] = []
    for pos in [0, len(keys) - 1, *(keys.index(k) for k in referred)]:
        if pos not in chosen and len(chosen) < max_years:
            chosen.append(pos)
    while len(chosen) < max_years:
        spare = [p for p in range(len(keys)) if p not in chosen]
        chosen.append(max(spare, key=lambda p: (min(abs(p - c) for c in chosen), -p)))
    kept = {years[p] for p in chosen}
    return tuple(i for i, c in enumerate(table.columns) if not c.is_year or i in kept)


Cell = str | Inline  # a formatted value, or prose


def cell_text(value: object, column: Column, fmt: Formatter) -> Cell:
    if isinstance(value, Inline):
        return value
    return str(value) if column.type == "text" else fmt.value(value, column.type, column.decimals)


def _runs(cell: Cell, bold: bool) -> tuple[Run, ...]:
    return span_runs(cell.spans, bold) if isinstance(cell, Inline) else ((cell, bold),)


def _indent(row: Row, position: int) -> float:
    return LEVEL_INDENT * row.level if position == 0 else 0.0


def _width(cell: Cell, size: float, bold: bool) -> float:
    """The widest line of a cell, unwrapped."""
    if isinstance(cell, str):
        return text_width(cell, size, bold)
    lines = [0.0]
    for text, span_bold, code in _runs(cell, bold):
        for n, part in enumerate(text.split(LINE_BREAK)):
            if n:
                lines.append(0.0)
            lines[-1] += text_width(part, size, span_bold, code)
    return max(lines)


def _longest_word(cell: Cell, size: float, bold: bool) -> float:
    return max((text_width(w, size, run[1], *run[2:]) for run in _runs(cell, bold) for w in run[0].split()), default=0.0)


def layout_table(table: Table, fmt: Formatter, width: float, size: float, max_years: int) -> TableLayout:
    """Measure a table for a slide ``width`` inches wide: numbers never wrap, text columns share the rest."""
    shown = shown_columns(table, max_years)
    columns = [table.columns[i] for i in shown]
    cells = tuple(tuple(cell_text(row.cells[i], table.columns[i], fmt) for i in shown) for row in table.rows)
    layouts = []
    for widths in _widths(table, columns, cells, size, width):
        header = max(_text_height(c.label, w, size, True) for c, w in zip(columns, widths, strict=True))
        heights = tuple(
            max(_text_height(text, w - _indent(row, pos), size, row.kind in _BOLD_ROWS)
                for pos, (text, w) in enumerate(zip(r, widths, strict=True)))
            + 2 * CELL_INSET_Y + ROW_ALLOWANCE
            for row, r in zip(table.rows, cells, strict=True)
        )
        header_height = header + 2 * CELL_INSET_Y + ROW_ALLOWANCE
        layouts.append(TableLayout(table, shown, tuple(widths), size, header_height, heights, cells))
    return min(layouts, key=lambda lay: lay.height(0, len(table.rows)))  # the first of equals


def _text_height(cell: Cell, width: float, size: float, bold: bool) -> float:
    """Height of a cell's text in a column ``width`` wide, insets excluded."""
    runs = _runs(cell, bold)
    return line_count(runs, size, width - 2 * CELL_INSET_X) * line_height(size, runs_text(runs))


def _widths(table: Table, columns: list[Column], cells, size: float, width: float) -> list[list[float]]:
    """Candidate column widths (the caller keeps the shortest table): numbers never wrap, text
    columns share what is left.

    Number columns get room for their whole header on one line in some candidates, for its
    longest word in others. Text columns are filled like water: a column whose text fits on
    one line in its share keeps that natural width, the others split the rest, none narrower
    than its longest word. The shares are equal in one candidate and follow how much text each
    column holds in the other (a long "reason" column next to short labels). A table without
    text columns keeps its natural width (spread a little, up to MAX_NUMBER_WIDTH a column)
    rather than stretching across the slide.
    """
    pad = 2 * CELL_INSET_X + FIT_SLACK
    bold = [row.kind in _BOLD_ROWS for row in table.rows]

    def body(pos: int, measure) -> list[float]:
        return [measure(r[pos], n) + _indent(table.rows[n], pos) for n, r in enumerate(cells)]

    full, tight, natural, minimum, volume = {}, {}, {}, {}, {}
    for pos, col in enumerate(columns):
        if col.type != "text":  # numbers and years never wrap
            longest = max(body(pos, lambda t, n: _width(t, size, bold[n])), default=0.0)
            full[pos] = max(longest, text_width(col.label, size, True)) + pad
            tight[pos] = max(longest, _longest_word(col.label, size, True)) + pad
        else:
            natural[pos] = max([text_width(col.label, size, True), *body(pos, lambda t, n: _width(t, size, bold[n]))]) + pad
            minimum[pos] = max([MIN_TEXT_WIDTH, _longest_word(col.label, size, True),
                                *body(pos, lambda t, n: _longest_word(t, size, bold[n]))]) + pad
            volume[pos] = sum(body(pos, lambda t, n: _width(t, size, bold[n]))) + pad
    if not natural:
        widths = full if sum(full.values()) <= width else tight
        spare = max(0.0, width - sum(widths.values())) / len(widths)
        return [[w + min(spare, max(0.0, MAX_NUMBER_WIDTH - w)) for w in widths.values()]]
    out = []
    for fixed in (full, tight):
        room = width - sum(fixed.values())
        if room < sum(minimum.values()) and fixed is full:
            continue
        for weight in (dict.fromkeys(natural, 1.0), volume):
            text = _water_fill(natural, minimum, weight, room)
            out.append([fixed[pos] if pos in fixed else text[pos] for pos in range(len(columns))])
    return out


def _water_fill(natural: dict[int, float], minimum: dict[int, float], weight: dict[int, float], room: float) -> dict[int, float]:
    """Share ``room`` among columns in proportion to ``weight``, each between its minimum and natural width."""
    widths: dict[int, float] = {}
    pending = sorted(natural, key=lambda i: natural[i] / weight[i])
    while pending:
        total = sum(weight[i] for i in pending)
        share = {i: room * weight[i] / total for i in pending}
        settled = [i for i in pending if natural[i] <= share[i] or minimum[i] >= share[i]]
        if not settled:
            widths |= share
            return widths
        for i in settled:
            widths[i] = natural[i] if natural[i] <= share[i] else minimum[i]
            room -= widths[i]
            pending.remove(i)
    spare = max(0.0, room)  # everything fits on one line: widen text columns in proportion
    total = sum(widths.values())
    return {i: w + spare * w / total for i, w in widths.items()}


# --- drawing -------------------------------------------------------------------------------


TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # Office's default ("Medium Style 2 - Accent 1"), as python-pptx sets it
TOTAL_TINT = 0.85  # a total row's background: the accent, lightened this much towards white


def draw_table(slide, x: float, y: float, layout: TableLayout, rows: Sequence[int], style: Style, name: str) -> GraphicFrame:
    """A native, editable table (a:tbl in a graphicFrame) holding the header and the given rows of ``layout``.

    The whole table is written as one XML string and parsed once (``drawingml``): the same
    elements python-pptx's ``add_table`` and cell API write, without their per-property
    overhead, which was most of the deck's time. As there, the frame is exactly as large as
    its columns and rows once each is rounded to whole EMUs.
    """
    columns = layout.columns
    widths = [emu(w) for w in layout.widths]
    heights = [emu(layout.header_height), *(emu(layout.row_heights[r]) for r in rows)]
    shapes = slide.shapes
    size = layout.size

    def cell(value: Cell, column: Column, colour, fill: str, bold: bool, inset_left: float) -> str:
        return _cell(_content(value, size, colour, bold, style.accent, slide.part), column, size, fill, inset_left)

    header = "".join(cell(col.label, col, style.white, dml.solid_fill(style.accent), True, CELL_INSET_X) for col in columns)
    body = []
    for n, r in enumerate(rows, start=1):
        row = layout.table.rows[r]
        bold = row.kind in _BOLD_ROWS
        if row.kind == "total":
            fill = dml.solid_fill(style.accent, TOTAL_TINT)
        else:
            fill = dml.solid_fill(style.light if n % 2 == 0 else style.white)
        cells = "".join(cell(value, col, style.text, fill, bold, CELL_INSET_X + _indent(row, pos))
                        for pos, (value, col) in enumerate(zip(layout.cells[r], columns, strict=True)))
        body.append(f'<a:tr h="{heights[n]}">{cells}</a:tr>')
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    linked = any(isinstance(v, Inline) and any(s.link for s in v.spans) for r in rows for v in layout.cells[r])
    links = f" {nsdecls('r')}" if linked else ""  # the relationship ids of hyperlinks in prose cells
    xml = (
        f'<p:graphicFrame {dml.NAMESPACES}{links}><p:nvGraphicFramePr>'
        f'<p:cNvPr id="{shapes._next_shape_id}" name="{dml.attribute(name)}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{sum(widths)}" cy="{sum(heights)}"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{GRAPHIC_DATA_URI_TABLE}"><a:tbl>'
        f'<a:tblPr firstRow="1"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr>'
        f'<a:tblGrid>{grid}</a:tblGrid><a:tr h="{heights[0]}">{header}</a:tr>{"".join(body)}'
        "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )
    frame = dml.parse(xml)
    shapes._spTree.insert_element_before(frame, "p:extLst")
    return GraphicFrame(frame, shapes)


_MARGINS = f'marR="{emu(CELL_INSET_X)}" marT="{emu(CELL_INSET_Y)}" marB="{emu(CELL_INSET_Y)}" anchor="ctr"'


def _content(value: Cell, size: float, colour, bold: bool, link_colour, part) -> str:
    """A cell's runs: its text in one run, or its prose a run per span (links, as relationships of the slide ``part``)."""
    if isinstance(value, Inline):
        return "".join(xml for span in value.spans for xml in span_xml(span, size, colour, link_colour, part, bold))
    return dml.run(value, size, colour, bold) if value else ""


def _cell(content: str, column: Column, size: float, fill: str, inset_left: float) -> str:
    """One cell: its runs (an empty cell keeps the table's size, not the default 18 pt line
    height), vertically centred, numbers right-aligned, with the deck's cell insets."""
    align = "r" if column.is_numeric else "l"
    content = content or f'<a:endParaRPr sz="{dml.font_size(size)}"/>'
    return (f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{align}"/>{content}</a:p></a:txBody>'
            f'<a:tcPr marL="{emu(inset_left)}" {_MARGINS}>{fill}</a:tcPr></a:tc>')
