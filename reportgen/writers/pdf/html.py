"""The report model as one HTML document, the input WeasyPrint typesets into the PDF.

Templates lay out blocks by type and sections by kind; this module decides what templates are
bad at: each table's cells formatted by the report's one formatter, the table's shape on the
page (as is, transposed, or on a landscape page), which charts share a row and how big each
chart is printed (the chart drawer reads the same sizes), and the table of contents. Jinja2
escapes every string it prints, so report text reaches the PDF as text, never as markup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from reportgen.model.elements import (
    Block,
    Chart,
    Faq,
    ItemList,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    SectionKind,
    Table,
)
from reportgen.resources import PDF_TEMPLATES_DIR
from reportgen.style import FONT_FACES, FONT_FAMILY, FONT_FILES, MUTED, TEXT
from reportgen.writers.shared import LANDSCAPE_KINDS, Cell, TableRow, anchor, palette_of, table_cells, table_layout, toc

# column_widths: text up to SHORT_TEXT characters stays on one line; a wrapping column's share
# counts at most LONG_TEXT characters; CHAR_MM is an average 8 pt character, PADDING_MM a cell's.
SHORT_TEXT, LONG_TEXT, CHAR_MM, PADDING_MM = 16, 70, 1.65, 3.0
BOLD_FACTOR = 1.1  # bold figures (totals) are wider
HYPHENATE_FROM = 10  # the stylesheet's hyphenate-limit-chars for table headers
LANDSCAPE_WIDTH = 267.0  # mm, the text width of a landscape page
KEEP_ROWS = 24  # tables up to this many rows are kept on one page
BLOCK_KINDS = {Paragraph: "paragraph", ItemList: "list", KeyFigures: "figures", Table: "table", Chart: "chart", Faq: "faq"}

# Charts are drawn at the size they are printed (mm): the text width of a portrait page alone,
# or a share of it when two charts stand side by side.
TEXT_WIDTH = 170.0
ROW_GAP = 6.0  # between two charts in a row
FULL_HEIGHT = 64.0  # a chart on its own
DOUGHNUT_HEIGHT = 46.0  # a doughnut on its own: the legend sits to its right
ROW_HEIGHT = 60.0  # two charts side by side
DOUGHNUT_SHARE = 0.4  # of a row's width, when a doughnut shares the row
ROW_LEGEND = 5  # charts with longer legends get the full width
# Legends: a line of 7 pt labels, an average character, a colour key with its gap (mm), and the
# least height left to the plot; a chart with a long legend is printed taller rather than squeezed.
LEGEND_ROW, LEGEND_CHAR, LEGEND_KEY, LEGEND_COLUMNS = 3.6, 1.45, 7.0, 4
MIN_PLOT = 40.0
AXES_LEFT, BAR_LEFT = 14.0, 42.0  # mm left of the plot for value labels (category labels on bars)
SHARE_LABEL = 8  # characters a doughnut legend adds after each name ("  42.0%")


@dataclass(frozen=True)
class TableView:
    """A table as it is printed: header, rows of formatted cells and its layout."""

    anchor: str
    title: str
    head: tuple[Cell, ...]
    rows: tuple[TableRow, ...]
    layout: str  # "plain", "transposed" or "wide" (own landscape page)
    keep: bool  # short enough to keep on one page rather than split
    widths: tuple[float, ...]  # percent of the table width, per column
    source: str
    note: str


@dataclass(frozen=True)
class Size:
    width: float  # mm
    height: float  # mm


def block_rows(blocks: Sequence[Block]) -> list[Block | tuple[Chart, Chart]]:
    """A section's blocks with consecutive charts paired into rows of two, when both have a
    short legend (a long one would leave a half-width chart no room to plot)."""
    out: list[Block | tuple[Chart, Chart]] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, Chart) and isinstance(previous, Chart) and max(map(legend_entries, (previous, block))) <= ROW_LEGEND:
            out[-1] = (previous, block)
        else:
            out.append(block)
    return out


def legend_entries(chart: Chart) -> int:
    """Lines in a chart's legend: one per slice of a doughnut, one per series when several."""
    if chart.kind == "doughnut":
        return len(chart.categories)
    return len(chart.series) if len(chart.series) > 1 else 0


def chart_sizes(report: Report) -> dict[str, Size]:
    """The printed size of every chart: full text width alone, a share of it in a row."""
    sizes = {}
    for top in report.sections:
        for section in top.walk():
            for item in block_rows(section.blocks):
                if isinstance(item, tuple):
                    sizes.update(_row_sizes(item))
                elif isinstance(item, Chart):
                    sizes[item.id] = Size(TEXT_WIDTH, _height(item, TEXT_WIDTH))
    return sizes


@dataclass(frozen=True)
class Legend:
    """How a chart's legend is laid out: the chart drawer and the page layout read the same."""

    columns: int
    rows: int

    @property
    def height(self) -> float:
        return self.rows * LEGEND_ROW + 2 if self.rows else 0.0


def ring_size(width: float, height: float) -> float:
    """The diameter of a doughnut with its legend beside it (a long legend makes the chart taller,
    not the ring larger)."""
    return min(min(height, DOUGHNUT_HEIGHT) - 4, width * 0.4)


def legend(chart: Chart, width: float, height: float | None = None) -> Legend:
    """Columns and rows of a chart's legend at ``width`` mm: as many columns (at most four) as
    the longest label allows; a doughnut's sits beside its ring, with its title as a first row."""
    if chart.kind == "doughnut":
        n = len(chart.categories)
        if Legend(1, n + 1).height <= DOUGHNUT_HEIGHT - 4:  # one column beside the ring fits
            return Legend(1, n + 1)
        entry = max(len(c) for c in chart.categories) + SHARE_LABEL
        room = width - ring_size(width, height or DOUGHNUT_HEIGHT) - 10
        columns = max(1, min(LEGEND_COLUMNS, n, int(room // (entry * LEGEND_CHAR + LEGEND_KEY))))
        return Legend(columns, math.ceil(n / columns) + 1)
    if len(chart.series) < 2:
        return Legend(1, 0)
    left = BAR_LEFT if chart.kind == "bar" else AXES_LEFT
    entry = max(len(s.name) for s in chart.series) * LEGEND_CHAR + LEGEND_KEY
    columns = max(1, min(len(chart.series), LEGEND_COLUMNS, int((width - left) // entry)))
    return Legend(columns, math.ceil(len(chart.series) / columns))


def _height(chart: Chart, width: float) -> float:
    """A chart alone on the text width: its usual height, or taller when its legend needs it."""
    if chart.kind == "doughnut":
        return max(DOUGHNUT_HEIGHT, legend(chart, width).height + 4)
    return max(FULL_HEIGHT, MIN_PLOT + legend(chart, width).height + 10)


def _row_sizes(row: tuple[Chart, Chart]) -> dict[str, Size]:
    room = TEXT_WIDTH - ROW_GAP
    kinds = [c.kind == "doughnut" for c in row]
    share = 0.5 if kinds[0] == kinds[1] else (DOUGHNUT_SHARE if kinds[0] else 1 - DOUGHNUT_SHARE)
    return {row[0].id: Size(room * share, ROW_HEIGHT), row[1].id: Size(room * (1 - share), ROW_HEIGHT)}


def render_html(report: Report, chart_src: Callable[[str], str], logo_src: str | None = None) -> str:
    """The whole report as an HTML string; ``chart_src`` maps a chart id to its image URL."""
    _palette, accent = palette_of(report)  # validated here too: the accent goes into CSS
    fmt = report.fmt
    return _environment().get_template("report.html.j2").render(
        report=report,
        meta=report.meta,
        branding=report.branding,
        accent=accent,
        text_colour=TEXT,  # the house text colours, into the stylesheet as variables like the accent
        muted_colour=MUTED,
        edition=fmt.date(report.meta.edition),
        logo_src=logo_src,
        toc=toc(report),
        _=report.gettext,
        page_of=report.gettext("Page {page} of {pages}"),
        chart_src=chart_src,
        block_rows=block_rows,
        block_kind=lambda item: "chart-row" if isinstance(item, tuple) else BLOCK_KINDS[type(item)],
        table_view=lambda table, section: table_view(table, report, section),
        figure_text=lambda figure: fmt.figure(figure.value, figure.type),
        anchor=anchor,
        SectionKind=SectionKind,
        font_faces=FONTS,
    )


# The shipped font's faces for the document's @font-face rules (file URLs the fetcher allows).
FONTS = tuple({"family": FONT_FAMILY, "weight": weight, "style": style, "url": FONT_FILES[face].as_uri()}
              for face, weight, style in FONT_FACES)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PDF_TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css_content"] = css_content
    env.filters["css_text"] = lambda text: Markup(css_string(text))  # data: never a page counter
    return env


def css_string(text: str) -> str:
    """Text as a quoted CSS string: everything but letters, digits and plain punctuation is
    escaped, so no report string can end the string, the rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;-" else f"\\{ord(c):X} " for c in text) + '"'


def css_content(template: str) -> Markup:
    """Text for a page margin box as a CSS ``content`` value; '{page}' and '{pages}' in it
    (the footer's 'Page {page} of {pages}') become page counters."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts))


def table_view(table: Table, report: Report, section: Section) -> TableView:
    """Format every cell and choose how the table sits on the page (``shared.table_layout``):
    a "wide" table, or any in the appendix, gets a landscape page of its own."""
    layout = table_layout(table, section)
    head, rows = table_cells(table, layout, report.fmt, report.gettext("Year"))
    width = LANDSCAPE_WIDTH if layout == "wide" or section.kind in LANDSCAPE_KINDS else TEXT_WIDTH
    return TableView(anchor("t", table.id), table.title, head, rows, layout, len(rows) <= KEEP_ROWS, column_widths(head, rows, width),
                     table.source, table.note)


def column_widths(head: tuple[Cell, ...], rows: tuple[TableRow, ...], width: float) -> tuple[float, ...]:
    """Column widths in percent of a table ``width`` mm wide, from what each column holds.

    Tables use the fixed layout algorithm, which sizes columns from these widths instead of
    measuring every cell twice (min- and max-content): the single largest cost of typesetting
    a report full of tables. Numbers and short labels must not wrap, so their columns get what
    their longest entry needs first; columns of longer text share the rest in proportion to
    their average length (never below their longest word). When that does not fit, short
    labels may wrap too and long header words are left to hyphenation. Widths are estimated
    from character counts; when even that does not fit, everything shrinks alike.
    """
    for tight in (False, True):
        fixed, wrapping = _column_needs(head, rows, tight)
        needed = sum(fixed.values()) + sum(minimum for minimum, _ in wrapping.values())
        if needed < width:
            break
    if needed >= width:
        widths = {**fixed, **{j: minimum for j, (minimum, _) in wrapping.items()}}
    else:
        spare = width - sum(fixed.values())
        total_weight = sum(weight for _, weight in wrapping.values())
        widths = {**fixed, **{j: max(minimum, spare * weight / total_weight) for j, (minimum, weight) in wrapping.items()}}
    total = sum(widths.values())
    return tuple(round(100 * widths[j] / total, 2) for j in range(len(head)))


def _column_needs(
    head: tuple[Cell, ...], rows: tuple[TableRow, ...], tight: bool,
) -> tuple[dict[int, float], dict[int, tuple[float, float]]]:
    """Millimetres each unwrapped column needs; (minimum, weight) of each wrapping column."""
    fixed: dict[int, float] = {}
    wrapping: dict[int, tuple[float, float]] = {}
    for j, head_cell in enumerate(head):
        texts = [r.cells[j].text for r in rows]
        word_length = max((len(w) for w in head_cell.text.split()), default=1)
        header_word = min(word_length, HYPHENATE_FROM if tight else word_length) * CHAR_MM
        bold = BOLD_FACTOR if head_cell.strong or any(r.cells[j].strong for r in rows) else 1.0
        longest = max((len(t) for t in texts), default=0)
        if head_cell.numeric or (longest <= SHORT_TEXT and not tight):
            fixed[j] = max(header_word, longest * CHAR_MM * bold) + PADDING_MM
        else:
            word = max((len(w) for t in texts for w in t.split()), default=1) * CHAR_MM
            average = sum(map(len, texts)) / len(texts)
            wrapping[j] = (max(header_word, word) + PADDING_MM, min(average, LONG_TEXT))
    return fixed, wrapping
