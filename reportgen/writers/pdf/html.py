"""The report model as one HTML document, the input WeasyPrint typesets into the PDF.

Templates lay out blocks by type and sections by kind; this module decides what templates are
bad at: how each table sits on the page (its cells and shape are the web edition's too,
``shared.table_view``; the page adds column widths, a landscape page for wide tables and
whether it is kept on one page), which charts share a row and how big each chart is printed
(the chart drawer reads the same sizes), and the table of contents. Jinja2
escapes every string it prints, so report text reaches the PDF as text, never as markup; prose
comes as HTML elements made from the model's spans, escaped alike (``writers.html_prose``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from reportgen.model.brand import Brand, FontFace, FontFamily, Image
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
from reportgen.typefaces import families_for, stack
from reportgen.writers.html_prose import cell_html, inline_html, lone_paragraph, prose_html
from reportgen.writers.pdf.urls import image_url
from reportgen.writers.shared import (
    LANDSCAPE_KINDS,
    Cell,
    TableRow,
    TableView,
    anchor,
    brand_variables,
    css_rule,
    logo_text,
    table_view,
    toc,
)

# Sections that open a page: the report's chapters. Shorter parts (outlook, initiatives, value
# chain, vendors, developments, FAQ, ...) follow on the page where the one before them ends.
CHAPTER_KINDS = (SectionKind.TAKEAWAYS, SectionKind.SUMMARY, SectionKind.OVERVIEW, SectionKind.DIMENSION,
                 SectionKind.COMPARISON, SectionKind.METHODOLOGY, SectionKind.APPENDIX)
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
RUNNING_LOGO = 4.5  # mm: the height of the brand's logo in the running head
RUNNING_LOGO_GAP = 2.5  # mm between it and the running title
MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class PrintedTable:
    """What the printed page adds to a table's view (``shared.TableView``)."""

    keep: bool  # short enough to keep on one page rather than split
    widths: tuple[float, ...]  # percent of the table width, per column


@dataclass(frozen=True)
class Notes:
    """What a section's 'Sources and notes' box prints: the notes not printed before it, and
    whether it points to the methodology for those that were (said once, referred to after)."""

    texts: tuple[str, ...]
    refer: bool


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
    """The printed size of every chart: full text width alone, a share of it in a row. The
    height is the least it is drawn at: a chart whose legend needs more is drawn taller
    (``charts``, which measures the legend with the PDF's fonts) and the page makes room."""
    sizes = {}
    for top in report.sections:
        for section in top.walk():
            for item in block_rows(section.blocks):
                if isinstance(item, tuple):
                    sizes.update(_row_sizes(item))
                elif isinstance(item, Chart):
                    height = DOUGHNUT_HEIGHT if item.kind == "doughnut" else FULL_HEIGHT
                    sizes[item.id] = Size(TEXT_WIDTH, height)
    return sizes


def _row_sizes(row: tuple[Chart, Chart]) -> dict[str, Size]:
    room = TEXT_WIDTH - ROW_GAP
    kinds = [c.kind == "doughnut" for c in row]
    share = 0.5 if kinds[0] == kinds[1] else (DOUGHNUT_SHARE if kinds[0] else 1 - DOUGHNUT_SHARE)
    return {row[0].id: Size(room * share, ROW_HEIGHT), row[1].id: Size(room * (1 - share), ROW_HEIGHT)}


def images(brand: Brand) -> dict[str, Image]:
    """The brand's images the PDF shows, by role: its logo on the cover and in the running head,
    the client's logo on the cover."""
    found = {"client-logo": brand.client.logo}
    if brand.logo is not None:
        found |= {"logo-large": brand.logo.large, "logo-small": brand.logo.small}
    return {role: image for role, image in found.items() if image is not None}


def image_urls(brand: Brand) -> dict[str, Image]:
    """The brand's images by the URL the HTML loads each from (served by ``fetch.SafeFetcher``)."""
    return {image_url(role): image for role, image in images(brand).items()}


def running_logo(brand: Brand) -> str:
    """The running head's logo: a background of the top-left margin box, the title after it."""
    if brand.logo is None:
        return ""
    logo = brand.logo.small
    width = RUNNING_LOGO * logo.width / logo.height
    return css_rule("@top-left", {"background": f'url("{image_url("logo-small")}") no-repeat left bottom 3mm / auto {RUNNING_LOGO}mm',
                                  "padding-left": f"{width + RUNNING_LOGO_GAP:.2f}mm"})


def render_html(report: Report, chart_src: Callable[[str], str]) -> str:
    """The whole report as an HTML string; ``chart_src`` maps a chart id to its image URL.

    The document's fonts depend on what it says: the page is rendered first, then the
    @font-face rules and the font stacks of every family its text (and its charts') needs go
    into the slot the template left for them (report text is escaped, so it cannot spell the
    slot, which holds a '<'). Colours come from the brand, as the stylesheet's variables.
    """
    fmt, brand = report.fmt, report.brand
    shown = images(brand)
    page = _environment().get_template("report.html.j2").render(
        report=report,
        meta=report.meta,
        client=brand.client,
        variables=Markup(css_rule(":root", brand_variables(brand))),
        running_logo=Markup(running_logo(brand)),
        edition=fmt.date(report.meta.edition),
        logo_src={role: image_url(role) for role in shown},
        logo_alt=logo_text(report),  # the client's
        brand_logo_alt=(brand.logo.large.alt or report.meta.publisher) if brand.logo else "",
        toc=toc(report),
        _=report.gettext,
        page_of=report.gettext("Page {page} of {pages}"),
        chart_src=chart_src,
        block_rows=block_rows,
        block_kind=lambda item: "chart-row" if isinstance(item, tuple) else BLOCK_KINDS[type(item)],
        table_view=lambda table, section: table_view(table, report, section),
        printed_table=printed_table,
        figure_text=lambda figure: fmt.figure(figure.value, figure.type),
        anchor=anchor,
        SectionKind=SectionKind,
        opens_page=opens_page(report),
        notes=notes_shown(report),
        methodology=next((s for s in report.sections if s.kind == SectionKind.METHODOLOGY), None),
        font_slot=Markup(FONT_SLOT),
    )
    return page.replace(FONT_SLOT, font_css(brand, families_for(page + chart_text(report), brand.families)), 1)


FONT_SLOT = "/*<reportgen-fonts>*/"
FONT_SCHEME = "reportgen-font"


def font_url(family: FontFamily, face: FontFace) -> str:
    """The private URL the document loads a face from (served by ``fetch.SafeFetcher``)."""
    return f"{FONT_SCHEME}:{quote(f'{family.name}/{face.weight}/{face.style}', safe='')}"


def font_urls(text: str, families: Sequence[FontFamily]) -> dict[str, tuple[FontFace, str]]:
    """Every face a document of ``text`` may load, by its URL: the brand's ``families`` and the
    fallbacks on this machine, each with the characters to cut a large face down to
    (``typefaces.face_bytes``)."""
    characters = "".join(sorted(set(text)))
    return {font_url(family, face): (face, characters) for family in stack(families) for face in family.faces}


def font_stack(first: FontFamily, families: Sequence[FontFamily]) -> str:
    """A CSS font-family value: ``first``, then the other families in fallback order."""
    return ", ".join(css_string(family.name) for family in (first, *(f for f in families if f != first)))


def font_css(brand: Brand, families: Sequence[FontFamily]) -> str:
    """@font-face rules for every face of ``families`` and the stacks of the brand's body,
    headings and monospace text, as the variables report.css sets text in."""
    rules = [f"@font-face {{ font-family: {css_string(family.name)}; font-weight: {face.weight}; font-style: {face.style}; "
             f"src: url({css_string(font_url(family, face))}); }}" for family in families for face in family.faces]
    body = font_stack(brand.print_family(brand.body), families)
    stacks = {"--font-body": body, "--font-headings": font_stack(brand.print_family(brand.headings), families),
              "--font-mono": font_stack(brand.print_family(brand.monospace), families) if brand.monospace else body}
    return "\n".join([*rules, css_rule(":root", stacks)])


def chart_text(report: Report) -> str:
    """Every word and figure the charts print: what their font stack must draw."""
    fmt = report.fmt
    parts = [report.gettext("Forecast years"), fmt.percent(0.125), fmt.number(-1234.5)]
    for chart in report.charts():
        parts += [chart.axis_label, *chart.categories, *(s.name for s in chart.series)]
    return " ".join(parts)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PDF_TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css_content"] = css_content
    env.filters["css_text"] = lambda text: Markup(css_string(text))  # data: never a page counter
    env.globals.update(prose=lambda blocks: prose_html(blocks, counters=True), inline=inline_html, cell=cell_html,
                       lone_paragraph=lone_paragraph)
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


def opens_page(report: Report) -> frozenset[str]:
    """Ids of the sections that start on a new page: the chapters, the first section, and in a
    chapter of full yearly tables (the appendix) each part after the first (a dimension's tables
    on a landscape page of their own, so the PDF may be laid out in parts there too)."""
    chapters = {s.id for i, s in enumerate(report.sections) if i == 0 or s.kind in CHAPTER_KINDS}
    tables = {sub.id for s in report.sections if s.kind in LANDSCAPE_KINDS for sub in s.subsections[1:]}
    return frozenset(chapters | tables)


def notes_shown(report: Report) -> dict[str, Notes]:
    """Each section's notes as the PDF prints them, in reading order: a note already printed is
    not repeated; the section points to the methodology (which lists every source and
    estimate) instead. Without a methodology section every note is printed where it belongs."""
    referable = any(s.kind == SectionKind.METHODOLOGY for s in report.sections)
    printed: set[str] = set()
    shown = {}
    for top in report.sections:
        for section in top.walk():
            new = tuple(n for n in section.notes if n not in printed) if referable else section.notes
            printed.update(section.notes)
            shown[section.id] = Notes(new, len(new) < len(section.notes))
    return shown


def printed_table(view: TableView, section: Section) -> PrintedTable:
    """How a table sits on the page: a "wide" table, or any in the appendix, gets a landscape
    page of its own (``shared.table_layout``); a short one is kept on one page."""
    width = LANDSCAPE_WIDTH if view.layout == "wide" or section.kind in LANDSCAPE_KINDS else TEXT_WIDTH
    return PrintedTable(len(view.rows) <= KEEP_ROWS, column_widths(view.head, view.rows, width))


def column_widths(head: tuple[Cell, ...], rows: tuple[TableRow, ...], width: float) -> tuple[float, ...]:
    """Column widths in percent of a table ``width`` mm wide, from what each column holds.

    Tables use the fixed layout algorithm, which sizes columns from these widths instead of
    measuring every cell twice (min- and max-content): the single largest cost of typesetting
    a report full of tables. Numbers and short labels must not wrap, so their columns get what
    their longest entry needs first; columns of longer text share the rest in proportion to
    their average length (never below their longest word). When that does not fit, short
    labels may wrap too and long header words are left to hyphenation. Widths are estimated
    from character counts (``columns``); when even that does not fit, everything shrinks alike.
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
        word_length = max((columns(w) for w in head_cell.text.split()), default=1)
        header_word = min(word_length, HYPHENATE_FROM if tight else word_length) * CHAR_MM
        bold = BOLD_FACTOR if head_cell.strong or any(r.cells[j].strong for r in rows) else 1.0
        longest = max((columns(t) for t in texts), default=0)
        if head_cell.numeric or (longest <= SHORT_TEXT and not tight):
            fixed[j] = max(header_word, longest * CHAR_MM * bold) + PADDING_MM
        else:
            word = max((columns(w) for t in texts for w in t.split()), default=1) * CHAR_MM
            average = sum(map(columns, texts)) / len(texts)
            wrapping[j] = (max(header_word, word) + PADDING_MM, min(average, LONG_TEXT))
    return fixed, wrapping


def columns(text: str) -> int:
    """Character cells ``text`` takes: wide (CJK) characters count two, combining marks and
    invisible format characters none, so widths estimated from text hold for every script."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
