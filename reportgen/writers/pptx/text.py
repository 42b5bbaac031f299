"""Measuring and writing text in the deck's face, so no text box is asked to hold more than fits.

PowerPoint does not report how tall a text will be, and LibreOffice and PowerPoint each wrap
on their own. So the deck measures every text with the metrics of its face (Calibri, measured
as Carlito: ``writers.font_metrics``) before it places it: the planner shrinks a text one size step
or moves it to a continuation slide, instead of letting it run out of its box. The measure errs
on the long side (a width allowance, no kerning, no hyphen breaks), so a box is never too small.

Prose arrives as the model's spans: each becomes a run of its own (bold, italic, inline code in
Courier New, a link as a run whose ``hlinkClick`` opens it), a hard line break an ``a:br``, and
list entries paragraphs with PowerPoint's own bullets (``a:buChar``) or numbering
(``a:buAutoNum``), a list within a list indented a step further. Bold runs are measured bold,
code monospaced and every paragraph at its indent, so what fits when measured fits when drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from reportgen.model.elements import LINE_BREAK, Flow, Inline, Paragraph, Span
from reportgen.writers import font_metrics
from reportgen.writers.pptx import drawingml as dml
from reportgen.writers.pptx.style import Box, Style, emu

WIDTH_ALLOWANCE = 1.04  # renderers differ slightly in kerning, hinting and word spacing
INSET_X = 0.06
INSET_Y = 0.04
BULLET_INDENT = 0.22
NUMBER_INDENT = 0.36  # room for a list number up to '99.' at the largest body size
ENTRY_INDENT = 0.6  # where an entry's text starts after its lead (a number, say)
HANGS = {"bullet": BULLET_INDENT, "number": NUMBER_INDENT, "entry": ENTRY_INDENT}  # a marker's room left of the text
SPACE_AFTER = 0.5  # paragraph spacing, in ems of the body size
SPACE_BEFORE_HEADING = 0.6  # extra space above a heading that follows other text

Run = font_metrics.Run  # text, bold (and monospaced, for inline code)
ItemKind = Literal["para", "bullet", "number", "heading", "entry"]
_WORD_END = re.compile(r"(?<=\s)(?=\S)")  # where one word's trailing space ends and the next word starts


def text_width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of one unwrapped line, in inches, with the allowance (``mono``: inline code)."""
    return font_metrics.text_width(text, size, bold, mono) * WIDTH_ALLOWANCE / 72


def line_height(size: float, text: str = "") -> float:
    """One line, in inches; taller for text another face draws (``font_metrics.line_height``)."""
    return font_metrics.line_height(size, text) / 72


def runs_text(runs: Sequence[Run]) -> str:
    return "".join(run[0] for run in runs)


def span_runs(spans: Iterable[Span], bold: bool = False) -> tuple[Run, ...]:
    """Spans as runs to measure: bold where the span or its setting is, code monospaced."""
    return tuple((s.text, bold or s.bold, s.code) for s in spans)


def line_count(runs: Sequence[Run], size: float, width: float) -> int:
    """Lines the runs take when wrapped at word boundaries into ``width`` inches."""
    return font_metrics.line_count(runs, size, width * 72, WIDTH_ALLOWANCE)


def text_height(runs: Sequence[Run], size: float, width: float) -> float:
    """Height of a single-paragraph text box holding the runs, insets included."""
    return line_count(runs, size, width - 2 * INSET_X) * line_height(size, runs_text(runs)) + 2 * INSET_Y


def fit_size(runs: Sequence[Run], sizes: Iterable[float], width: float, height: float) -> float:
    """The largest of ``sizes`` at which the runs fit the box; the smallest if none does."""
    sizes = list(sizes)
    return next((s for s in sizes if text_height(runs, s, width) <= height), sizes[-1])


@dataclass(frozen=True)
class TextItem:
    """One paragraph of flowing text: body text, a bulleted or numbered list entry (with an
    optional bold lead-in), a heading, or an entry (a lead such as a slide number, then the text
    aligned at a tab). ``depth`` moves it in from the box's edge (inches): a list within a list,
    an entry's second paragraph; ``number`` is a numbered entry's. Given a str, ``text`` is
    that text as it is."""

    text: Inline
    lead: str = ""
    kind: ItemKind = "para"
    depth: float = 0.0
    number: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.text, str):
            object.__setattr__(self, "text", Inline.of(self.text))

    @property
    def spans(self) -> tuple[Span, ...]:
        """What the paragraph draws, lead included."""
        spans = self.text.spans
        if self.kind == "heading":
            return tuple(replace(s, bold=True) for s in spans)
        if self.kind == "entry":
            return (Span(self.lead + "\t", bold=True), *spans)
        return (Span(f"{self.lead}: ", bold=True), *spans) if self.lead else spans

    @property
    def runs(self) -> tuple[Run, ...]:
        return span_runs(self.spans)

    @property
    def indent(self) -> float:
        """Where its wrapped lines start, from the box's inner edge."""
        return self.depth + HANGS.get(self.kind, 0.0)

    def height(self, size: float, width: float) -> float:
        """Height inside a text box ``width`` wide, including the space around the paragraph
        (a heading is measured with its space above, whether or not it opens the box)."""
        inner = width - 2 * INSET_X - self.indent
        runs = self.runs[1:] if self.kind == "entry" else self.runs
        before = size * SPACE_BEFORE_HEADING / 72 if self.kind == "heading" else 0.0
        return before + line_count(runs, size, inner) * line_height(size, runs_text(runs)) + size * SPACE_AFTER / 72


def shorten(text: str, size: float, width: float, height: float, bold: bool = True) -> str:
    """The text, cut at a word and ended with an ellipsis if it cannot fit the box at ``size``.

    Only for one-box texts that cannot continue elsewhere (slide titles); callers keep the
    full text where the reader can find it.
    """
    if text_height(((text, bold),), size, width) <= height:
        return text
    words = text.split()
    while len(words) > 1 and text_height(((" ".join(words) + " …", bold),), size, width) > height:
        words.pop()
    return " ".join(words) + " …"


def split_item(item: TextItem, size: float, width: float, height: float) -> list[TextItem]:
    """An item taller than a whole column, cut at words into pieces that each fit one.

    The first piece keeps the lead-in and bullet or number; the rest continue as plain
    paragraphs at the item's depth. Styles and links stay with their words.
    """
    if item.height(size, width) + 2 * INSET_Y <= height:
        return [item]
    pieces: list[TextItem] = []
    words = _words(item.text)

    def piece(n: int) -> TextItem:
        spans = [s for word in words[:n] for s in word]
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
        text = Inline(tuple(s for s in spans if s.text))
        if not pieces:
            return replace(item, text=text)
        return TextItem(text, kind="para", depth=item.depth)

    while words:
        low, high = 1, len(words)  # the most words that fit, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if piece(mid).height(size, width) + 2 * INSET_Y <= height else (low, mid - 1)
        pieces.append(piece(low))
        words = words[low:]
    return pieces


def _words(text: Inline) -> list[tuple[Span, ...]]:
    """The text's words, each with its trailing space, as the pieces of spans they are made of."""
    words: list[tuple[Span, ...]] = []
    current: list[Span] = []
    for span in text.spans:
        for part in _WORD_END.split(span.text):
            if not part:
                continue
            current.append(replace(span, text=part))
            if part[-1].isspace():
                words.append(tuple(current))
                current = []
    if current:
        words.append(tuple(current))
    return words


def flow_items(blocks: Flow, depth: float = 0.0) -> list[TextItem]:
    """Prose blocks as paragraphs: a list's entries bulleted or numbered, what an entry holds
    after its first paragraph (more paragraphs, a list) indented to its text."""
    items: list[TextItem] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            items.append(TextItem(block.text, depth=depth))
            continue
        kind = "number" if block.numbered else "bullet"
        for n, entry in enumerate(block.items):
            items.append(TextItem(entry.text, entry.title or "", kind, depth, block.start + n if block.numbered else 0))
            items += flow_items(entry.blocks, depth + HANGS[kind])
    return items


def column_height(items: Sequence[TextItem], size: float, width: float) -> float:
    return sum(i.height(size, width) for i in items) + 2 * INSET_Y


def fill_columns(items: Sequence[TextItem], size: float, width: float, height: float, columns: int) -> int:
    """How many of ``items`` (from the front) fit in ``columns`` columns of the given size.

    A heading is never left alone at the foot of a column: it moves with the item it introduces.
    """
    placed, col, used = 0, 0, 2 * INSET_Y
    while placed < len(items) and col < columns:
        h = items[placed].height(size, width)
        if items[placed].kind == "heading" and placed + 1 < len(items):
            h += items[placed + 1].height(size, width)
        if used + h <= height:
            used += items[placed].height(size, width)
            placed += 1
        elif used == 2 * INSET_Y:
            break  # a single item taller than a whole column: the caller shrinks the text instead
        else:
            col, used = col + 1, 2 * INSET_Y
    return placed


def balanced_height(items: Sequence[TextItem], size: float, width: float, height: float, columns: int) -> float:
    """The shortest column height (at most ``height``) at which the items still fit the columns,
    so that two columns of text end level instead of one full and one half empty."""
    low, high = max(i.height(size, width) for i in items) + 2 * INSET_Y, height
    if columns == 1:
        return min(column_height(items, size, width), height)
    for _ in range(16):
        mid = (low + high) / 2
        low, high = (low, mid) if fill_columns(items, size, width, mid, columns) == len(items) else (mid, high)
    return high


def split_columns(items: Sequence[TextItem], size: float, width: float, height: float, columns: int) -> list[list[TextItem]]:
    """Distribute items that are known to fit over the columns, filling each column in turn."""
    out: list[list[TextItem]] = []
    rest = list(items)
    for _ in range(columns):
        n = fill_columns(rest, size, width, height, 1)
        out.append(rest[:n])
        rest = rest[n:]
    out[-1] += rest
    return [c for c in out if c]


# --- drawing -------------------------------------------------------------------------------


def new_text_box(slide, box: Box, name: str = ""):
    """An empty text box that wraps, never resizes itself and uses the deck's insets."""
    shape = slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    if name:
        shape.name = name
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = emu(INSET_X)
    tf.margin_top = tf.margin_bottom = emu(INSET_Y)
    return shape


def filled_shape(slide, kind, box: Box, colour, name: str):
    """A shape of ``kind`` (``MSO_SHAPE``) filled with ``colour``, without an outline and without
    the theme's shape style python-pptx gives a new shape: on a template, that style draws the
    theme's effects (a drop shadow, a bevel) on every tile, chevron and key square reportgen
    draws, in a look that is the brand's, not the template's (the house theme has no effects)."""
    shape = slide.shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = colour
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def add_run(paragraph, text: str, size: float, colour, bold: bool | None = False) -> None:
    """A plain text run at the end of the paragraph, written as DrawingML text (``drawingml.run``):
    the text is escaped, so data strings never become markup."""
    _append(paragraph, dml.run(text, size, colour, bold, declare=True), empty=not text)


def add_span(paragraph, span: Span, size: float, colour, link_colour) -> None:
    """A span of prose at the end of the paragraph (``span_xml``)."""
    for xml in span_xml(span, size, colour, link_colour, paragraph.part, declare=True):
        _append(paragraph, xml)


def span_xml(span: Span, size: float, colour, link_colour, part, bold: bool = False, declare: bool = False) -> list[str]:
    """A span of prose as DrawingML: a run in its weight (or ``bold``) and slant, inline code in
    the monospaced face, a link in ``link_colour`` opening its address (a relationship of the
    slide ``part``), each hard break an ``a:br``."""
    link = part.relate_to(span.link, RT.HYPERLINK, is_external=True) if span.link else ""
    face, weight = font_metrics.MONO_FACE if span.code else "", bold or span.bold
    out = []
    for n, text in enumerate(span.text.split(LINE_BREAK)):
        if n:
            out.append(dml.line_break(size, weight, declare=declare))
        if text:
            out.append(dml.run(text, size, link_colour if link else colour, weight, italic=span.italic, face=face, link=link,
                               declare=declare))
    return out


def _append(paragraph, xml: str, empty: bool = False) -> None:
    p = paragraph._p
    element = dml.parse(xml)
    if empty:  # python-pptx stores an empty text, which lxml writes as <a:t></a:t>, not <a:t/>
        element[-1].text = ""
    end = p.find(qn("a:endParaRPr"))  # a paragraph's end properties stay last
    if end is None:
        p.append(element)
    else:
        end.addprevious(element)


def write_items(tf, items: Sequence[TextItem], size: float, style: Style) -> None:
    """Write flowing text items into a text frame, one paragraph each."""
    numbering = _Numbering()
    for i, item in enumerate(items):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if item.kind == "heading" and i:
            p.space_before = Pt(size * SPACE_BEFORE_HEADING)
        p.space_after = Pt(size * SPACE_AFTER)
        if item.indent:
            _hang(p, item.indent, HANGS.get(item.kind, 0.0))
        if item.kind in ("bullet", "number"):
            _bullet(p, style, numbering.start(item))
        for n, span in enumerate(item.spans):
            lead = item.kind == "entry" and n == 0
            add_span(p, span, size, style.accent if item.kind == "heading" or lead else style.text, style.accent)


class _Numbering:
    """Where the numbered lists of one text box start counting (``a:buAutoNum``'s ``startAt``).

    PowerPoint numbers consecutive numbered paragraphs of a level as one sequence (deeper
    paragraphs between them do not break it); a list cut over two boxes or slides starts its
    second box at the number it got to, so each sequence gives where it starts.
    """

    def __init__(self) -> None:
        self.runs: dict[float, tuple[int, int]] = {}  # depth -> (first number of the sequence, last number)

    def start(self, item: TextItem) -> int:
        """The number the sequence ``item`` is in starts at (0 for a bullet), ending sequences it closes."""
        self.runs = {depth: run for depth, run in self.runs.items() if depth < item.depth or
                     (depth == item.depth and item.kind == "number")}
        if item.kind != "number":
            return 0
        first, last = self.runs.get(item.depth, (item.number, item.number - 1))
        if item.number != last + 1:
            first = item.number
        self.runs[item.depth] = (first, item.number)
        return first


def _hang(paragraph, indent: float, hang: float) -> None:
    """Wrapped lines (and the text after a leading tab) start ``indent`` in, the first line's
    marker (a bullet, a number, a lead) ``hang`` left of it."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(emu(indent)))
    ppr.set("indent", str(-emu(hang)))


def _bullet(paragraph, style: Style, number: int) -> None:
    """A bullet, or from ``number`` on PowerPoint's own numbering, in the accent colour (python-pptx
    has no API for bullets)."""
    ppr = paragraph._p.get_or_add_pPr()
    colour = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(colour, qn("a:srgbClr")).set("val", str(style.accent))
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", style.font)
    if number:
        auto = etree.SubElement(ppr, qn("a:buAutoNum"))
        auto.set("type", "arabicPeriod")
        if number != 1:
            auto.set("startAt", str(number))
    else:
        etree.SubElement(ppr, qn("a:buChar")).set("char", "•")


def add_items_box(slide, box: Box, items: Sequence[TextItem], size: float, style: Style, name: str = ""):
    shape = new_text_box(slide, box, name)
    write_items(shape.text_frame, items, size, style)
    return shape


def add_label(
    slide, box: Box, text: str, size: float, colour, *, bold: bool = False, align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, name: str = "",
):
    """A single-paragraph text box: kickers, source lines, figure labels."""
    shape = new_text_box(slide, box, name)
    tf = shape.text_frame
    tf.vertical_anchor = anchor
    p = tf.paragraphs[0]
    p.alignment = align
    add_run(p, text, size, colour, bold)
    return shape
