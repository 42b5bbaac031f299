"""Measuring and writing text in the deck's face, so no text box is asked to hold more than fits.

PowerPoint does not report how tall a text will be, and LibreOffice and PowerPoint each wrap
on their own. So the deck measures every text with the metrics of its face (Calibri, measured
as Carlito: ``writers.metrics``) before it places it: the planner shrinks a text one size step
or moves it to a continuation slide, instead of letting it run out of its box. The measure errs
on the long side (a width allowance, no kerning, no hyphen breaks), so a box is never too small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from reportgen.writers import metrics
from reportgen.writers.pptx import drawingml as dml
from reportgen.writers.pptx.style import Box, Style, emu

WIDTH_ALLOWANCE = 1.04  # renderers differ slightly in kerning, hinting and word spacing
INSET_X = 0.06
INSET_Y = 0.04
BULLET_INDENT = 0.22
ENTRY_INDENT = 0.6  # where an entry's text starts after its lead (a number, say)
SPACE_AFTER = 0.5  # paragraph spacing, in ems of the body size
SPACE_BEFORE_HEADING = 0.6  # extra space above a heading that follows other text

Run = metrics.Run  # text, bold
ItemKind = Literal["para", "bullet", "heading", "entry"]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one unwrapped line, in inches, with the allowance."""
    return metrics.text_width(text, size, bold) * WIDTH_ALLOWANCE / 72


def line_height(size: float, text: str = "") -> float:
    """One line, in inches; taller for text another face draws (``metrics.line_height``)."""
    return metrics.line_height(size, text) / 72


def runs_text(runs: Sequence[Run]) -> str:
    return "".join(text for text, _ in runs)


def line_count(runs: Sequence[Run], size: float, width: float) -> int:
    """Lines the runs take when wrapped at word boundaries into ``width`` inches."""
    return metrics.line_count(runs, size, width * 72, WIDTH_ALLOWANCE)


def text_height(runs: Sequence[Run], size: float, width: float) -> float:
    """Height of a single-paragraph text box holding the runs, insets included."""
    return line_count(runs, size, width - 2 * INSET_X) * line_height(size, runs_text(runs)) + 2 * INSET_Y


def fit_size(runs: Sequence[Run], sizes: Iterable[float], width: float, height: float) -> float:
    """The largest of ``sizes`` at which the runs fit the box; the smallest if none does."""
    sizes = list(sizes)
    return next((s for s in sizes if text_height(runs, s, width) <= height), sizes[-1])


@dataclass(frozen=True)
class TextItem:
    """One paragraph of flowing text: body text, a bullet (with an optional bold lead-in), a
    heading, or an entry (a lead such as a slide number, then the text aligned at a tab)."""

    text: str
    lead: str = ""
    kind: ItemKind = "para"

    @property
    def runs(self) -> tuple[Run, ...]:
        if self.kind == "heading":
            return ((self.text, True),)
        if self.kind == "entry":
            return ((self.lead + "\t", True), (self.text, False))
        return ((f"{self.lead}: ", True), (self.text, False)) if self.lead else ((self.text, False),)

    @property
    def indent(self) -> float:
        return {"bullet": BULLET_INDENT, "entry": ENTRY_INDENT}.get(self.kind, 0.0)

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

    The first piece keeps the lead-in and bullet; the rest continue as plain paragraphs.
    """
    if item.height(size, width) + 2 * INSET_Y <= height:
        return [item]
    pieces: list[TextItem] = []
    words = item.text.split()

    def piece(n: int) -> TextItem:
        first = not pieces
        return TextItem(" ".join(words[:n]), item.lead if first else "", item.kind if first else "para")

    while words:
        low, high = 1, len(words)  # the most words that fit, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if piece(mid).height(size, width) + 2 * INSET_Y <= height else (low, mid - 1)
        pieces.append(piece(low))
        words = words[low:]
    return pieces


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


def add_run(paragraph, text: str, size: float, colour, bold: bool | None = False) -> None:
    """A plain text run at the end of the paragraph, written as DrawingML text (``drawingml.run``):
    the text is escaped, so data strings never become markup."""
    p = paragraph._p
    run = dml.parse(dml.run(text, size, colour, bold, declare=True))
    if not text:  # python-pptx stores an empty text, which lxml writes as <a:t></a:t>, not <a:t/>
        run[-1].text = ""
    end = p.find(qn("a:endParaRPr"))  # a paragraph's end properties stay last
    if end is None:
        p.append(run)
    else:
        end.addprevious(run)


def write_items(tf, items: Sequence[TextItem], size: float, style: Style) -> None:
    """Write flowing text items into a text frame, one paragraph each."""
    for i, item in enumerate(items):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if item.kind == "heading" and i:
            p.space_before = Pt(size * SPACE_BEFORE_HEADING)
        p.space_after = Pt(size * SPACE_AFTER)
        if item.indent:
            _hang(p, item.indent)
        if item.kind == "bullet":
            _bullet(p, style)
        for n, (text, bold) in enumerate(item.runs):
            lead = item.kind == "entry" and n == 0
            add_run(p, text, size, style.accent if item.kind == "heading" or lead else style.text, bold)


def _hang(paragraph, indent: float) -> None:
    """A hanging indent: wrapped lines (and the text after a leading tab) start ``indent`` in."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(emu(indent)))
    ppr.set("indent", str(-emu(indent)))


def _bullet(paragraph, style: Style) -> None:
    """A bullet in the accent colour (python-pptx has no API for bullets)."""
    ppr = paragraph._p.get_or_add_pPr()
    colour = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(colour, qn("a:srgbClr")).set("val", str(style.accent))
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", style.font)
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
