"""Chart legends and labels laid out by hand, measured with the PDF's own fonts, never clipped.

Every label is measured with the font stack the PDF prints it in: each run of characters one
family draws (the first of the stack that has them all, as Pango falls back through them) is
shaped with HarfBuzz in that family's file, as Pango shapes it for the page, so Arabic letters
join, Devanagari conjuncts form and marks take no room, exactly as printed; text the body face
does not wholly draw gets some slack besides. A label is wrapped when a line would be too long,
and the figure is made as tall as its legend needs.

A doughnut's legend is a small table: colour key, name, and the share right-aligned in a column
of its own, so that a right-to-left name never pulls the figure into its own run (an Arabic
name followed by "8.0%" would otherwise print as "8.0 <name>%").
"""

from __future__ import annotations

import math
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache

import uharfbuzz as hb

from reportgen.model.brand import FontFace, FontFamily
from reportgen.typefaces import coverage, draws_nothing, family_for
from reportgen.writers.pdf.drawing import MM, Canvas

SHAPING_SLACK = 1.12  # allowed for text the body face does not wholly draw (another face, fallback's metrics)
MISSING_EM = 1.0  # a character no family of the stack draws (Pango finds it some face): measured wide
ROW = 1.45  # line height, in font sizes
KEY = 0.33  # side of a colour key, in font sizes (mm per pt)
X_MIDDLE = 0.3  # half the height of lower-case letters, in font sizes
KEY_GAP = 1.5  # mm between key and label
COLUMN_GAP = 4.0  # mm between legend columns
VALUE_GAP = 3.0  # mm between a name and its share
# The font stack the charts are drawn in (the brand's families, then the fallbacks their text
# needs), and its body face: text the body face draws wholly is measured as it is, other text may
# be shaped wider. Set while charts are drawn.
STACK: ContextVar[tuple[FontFamily, ...]] = ContextVar("chart_font_stack", default=())
BODY: ContextVar[FontFamily | None] = ContextVar("chart_body_family", default=None)


def text_width(text: str, size: float) -> float:
    """Millimetres ``text`` takes at ``size`` pt in the charts' font stack."""
    shown = "".join(c for c in text if not draws_nothing(c))
    if not shown:
        return 0.0
    body = BODY.get()
    covered = coverage(body) if body is not None else frozenset()
    slack = 1.0 if all(ord(c) in covered for c in shown) else SHAPING_SLACK
    return _width_em(shown, STACK.get()) * size * MM * slack


@lru_cache(maxsize=8192)
def _width_em(text: str, families: tuple[FontFamily, ...]) -> float:
    """``text``'s advance in ems: each run of characters one family draws, shaped in it."""
    total = 0.0
    for family, run in _runs(text, families):
        if family is None:  # no face of the stack draws it (Pango finds one on the machine): measured wide
            total += sum(0.0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else MISSING_EM for c in run)
        else:
            total += _shaped(run, _regular(family))
    return total


def _runs(text: str, families: tuple[FontFamily, ...]) -> list[tuple[FontFamily | None, str]]:
    """``text`` cut where the family that draws it changes; a space stays in the run it is in."""
    runs: list[tuple[FontFamily | None, str]] = []
    for char in text:
        family = runs[-1][0] if runs and char == " " else family_for(char, families) if families else None
        if runs and runs[-1][0] == family:
            runs[-1] = (family, runs[-1][1] + char)
        else:
            runs.append((family, char))
    return runs


def _shaped(text: str, face: FontFace) -> float:
    """The advance of ``text`` shaped in ``face``, in ems."""
    font = _font(face)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()  # script and direction from the text, as Pango itemizes it
    hb.shape(font, buffer)
    return sum(position.x_advance for position in buffer.glyph_positions) / font.face.upem


@cache
def _font(face: FontFace) -> hb.Font:
    blob = hb.Blob(face.data) if face.data else hb.Blob.from_file_path(str(face.path))
    return hb.Font(hb.Face(blob, face.index))


def _regular(family: FontFamily) -> FontFace:
    return min(family.faces, key=lambda face: (face.style != "normal", abs(face.weight - 400)))


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``width`` mm: broken at spaces, and inside a word only
    where it is longer than a line (between characters, never before a combining mark)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for piece in _clusters(word):
            if line and text_width(line + piece, size) > width:
                lines.append(line)
                line = ""
            line += piece
    return [*lines, line] if line or not lines else lines


def _clusters(word: str) -> list[str]:
    """Characters with their combining marks attached: the points where a word may be cut."""
    out: list[str] = []
    for char in word:
        if out and (unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Mc", "Me") or draws_nothing(char)):
            out[-1] += char
        else:
            out.append(char)
    return out


@dataclass(frozen=True)
class Entry:
    colour: str
    label: str
    value: str = ""  # printed right-aligned in a column of its own (a doughnut's shares)
    line: bool = False  # a line key (line charts) rather than a filled square


@dataclass(frozen=True)
class Legend:
    """Entries arranged in columns (filled top to bottom), each label wrapped to its column."""

    entries: tuple[Entry, ...]
    size: float  # pt
    columns: int
    label_width: float  # mm given to a label in each column
    value_width: float  # mm of the value column (0 without values)
    lines: tuple[tuple[str, ...], ...]  # each entry's label, wrapped
    title: str = ""

    @property
    def rows(self) -> int:
        return math.ceil(len(self.entries) / self.columns)

    @property
    def row_height(self) -> float:
        return self.size * ROW * MM

    def column_width(self) -> float:
        value = VALUE_GAP + self.value_width if self.value_width else 0.0
        return self.size * KEY + KEY_GAP + self.label_width + value

    def width(self) -> float:
        return self.columns * self.column_width() + (self.columns - 1) * COLUMN_GAP

    def height(self) -> float:
        return (sum(self._lines_per_row()) + (1 if self.title else 0)) * self.row_height

    def _lines_per_row(self) -> list[int]:
        """Each row's height in lines: its entry wrapped over the most lines."""
        return [max(len(self.lines[i]) for i in range(r, len(self.entries), self.rows)) for r in range(self.rows)]

    def draw(self, canvas: Canvas, left: float, top: float, colour: str) -> None:
        """Draw at ``left``/``top`` (mm from the figure's left and top edges), its text in ``colour``."""
        row = self.row_height
        baseline = 0.72 * row  # of the first line, below the row's top
        y = top
        if self.title:
            canvas.text(left, y + baseline, self.title, self.size + 0.5, colour)
            y += row
        heights = self._lines_per_row()
        tops = [y + sum(heights[:r]) * row for r in range(self.rows)]
        key = self.size * KEY
        for i, entry in enumerate(self.entries):
            column, r = divmod(i, self.rows)
            x = left + column * (self.column_width() + COLUMN_GAP)
            first = tops[r] + baseline
            _key(canvas, entry, x, first, self.size)
            for n, text in enumerate(self.lines[i]):
                canvas.text(x + key + KEY_GAP, first + n * row, text, self.size, colour)
            if entry.value:
                canvas.text(x + self.column_width(), first, entry.value, self.size, colour, anchor="end")


def _key(canvas: Canvas, entry: Entry, x: float, baseline: float, size: float) -> None:
    """The colour key of one entry, centred on the middle of its first line's lower-case letters."""
    side, middle = size * KEY, baseline - X_MIDDLE * size * MM
    if entry.line:
        canvas.line([(x, middle), (x + side, middle)], entry.colour, 1.5)
    else:
        canvas.rect(x, middle - side / 2, side, side, entry.colour)


def arrange(entries: tuple[Entry, ...], width: float, size: float, max_columns: int = 4, title: str = "",
            height: float | None = None) -> Legend:
    """The legend's columns at ``width`` mm, every label on one line: as many (up to
    ``max_columns``) as fit, or, given a ``height``, the fewest that keep the legend within it
    (more when it would be taller, as many as fit). One column with wrapped labels when even
    one column with unwrapped labels does not fit."""
    values = max((text_width(e.value, size) for e in entries), default=0.0)
    labels = [text_width(e.label, size) for e in entries]
    single = tuple((e.label,) for e in entries)
    candidates = (Legend(entries, size, n, max(labels), values, single, title) for n in range(1, min(max_columns, len(entries)) + 1))
    fitting = [legend for legend in candidates if legend.width() <= width]
    if fitting:
        low = next((legend for legend in fitting if legend.height() <= height), None) if height is not None else None
        return low or fitting[-1]
    room = width - (Legend(entries, size, 1, 0.0, values, (), title).column_width())
    lines = tuple(tuple(wrap(e.label, room, size)) if w > room else (e.label,) for e, w in zip(entries, labels, strict=True))
    return Legend(entries, size, 1, room, values, lines, title)
