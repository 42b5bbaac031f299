"""Chart legends and labels laid out by hand, measured with the PDF's own fonts, never clipped.

matplotlib's legend sizes itself from matplotlib's text metrics and is then placed where the
figure leaves room; a label it measures too narrow (a script it has no font for), or one longer
than the figure, runs off the edge of the chart and is cut. Here every label is measured with
the font stack the PDF prints it in (matplotlib, given the same font files, falls back through
them the way Pango does), with some slack for scripts whose shaping matplotlib does not do,
wrapped when a line would be too long, and the figure is made as tall as its legend needs.

A doughnut's legend is a small table: colour key, name, and the share right-aligned in a column
of its own, so that a right-to-left name never pulls the figure into its own run (an Arabic
name followed by "8.0%" would otherwise print as "8.0 <name>%").
"""

from __future__ import annotations

import math
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from reportgen.model.brand import FontFamily
from reportgen.typefaces import coverage, draws_nothing

PT = 25.4 / 72  # mm per point
SHAPING_SLACK = 1.12  # text in a script matplotlib does not shape may print this much wider
ROW = 1.45  # line height, in font sizes
KEY = 0.33  # side of a colour key, in font sizes (mm per pt)
X_MIDDLE = 0.3  # half the height of lower-case letters, in font sizes
KEY_GAP = 1.5  # mm between key and label
COLUMN_GAP = 4.0  # mm between legend columns
VALUE_GAP = 3.0  # mm between a name and its share
# The first family of the stack the charts are drawn in (the brand's body face): text it draws
# wholly is measured as it is; other text may be shaped wider. Set while charts are drawn.
BODY: ContextVar[FontFamily | None] = ContextVar("chart_body_family", default=None)


def text_width(text: str, size: float) -> float:
    """Millimetres ``text`` takes at ``size`` pt in the PDF's font stack (the rc's font family)."""
    shown = "".join(c for c in text if not draws_nothing(c))
    if not shown:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(shown, FontProperties(size=size), ismath=False)
    body = BODY.get()
    covered = coverage(body) if body is not None else frozenset()
    slack = 1.0 if all(ord(c) in covered for c in shown) else SHAPING_SLACK
    return width * PT * slack


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
        return self.size * ROW * PT

    def column_width(self) -> float:
        value = VALUE_GAP + self.value_width if self.value_width else 0.0
        return self.size * KEY + KEY_GAP + self.label_width + value

    def width(self) -> float:
        return self.columns * self.column_width() + (self.columns - 1) * COLUMN_GAP

    def height(self) -> float:
        per_row = [max(len(self.lines[i]) for i in range(r, len(self.entries), self.rows)) for r in range(self.rows)]
        return (sum(per_row) + (1 if self.title else 0)) * self.row_height

    def draw(self, fig: Figure, left: float, top: float, fig_width: float, fig_height: float) -> None:
        """Draw at ``left``/``top`` (mm from the figure's left and top edges)."""
        def at(x: float, y: float) -> tuple[float, float]:
            return x / fig_width, 1 - y / fig_height

        row = self.row_height
        baseline = 0.72 * row  # of the first line, below the row's top
        y = top
        if self.title:
            fig.text(*at(left, y + baseline), self.title, ha="left", va="baseline", fontsize=self.size + 0.5)
            y += row
        heights = [max(len(self.lines[i]) for i in range(r, len(self.entries), self.rows)) for r in range(self.rows)]
        tops = [y + sum(heights[:r]) * row for r in range(self.rows)]
        key = self.size * KEY
        for i, entry in enumerate(self.entries):
            column, r = divmod(i, self.rows)
            x = left + column * (self.column_width() + COLUMN_GAP)
            first = tops[r] + baseline
            _key(fig, entry, at, x, first, self.size)
            for n, text in enumerate(self.lines[i]):
                fig.text(*at(x + key + KEY_GAP, first + n * row), text, ha="left", va="baseline", fontsize=self.size)
            if entry.value:
                fig.text(*at(x + self.column_width(), first), entry.value, ha="right", va="baseline", fontsize=self.size)


def _key(fig: Figure, entry: Entry, at, x: float, baseline: float, size: float) -> None:
    """The colour key of one entry, centred on the middle of its first line's lower-case letters."""
    side, middle = size * KEY, baseline - X_MIDDLE * size * PT
    if entry.line:
        (x0, y0), (x1, _) = at(x, middle), at(x + side, middle)
        fig.add_artist(Line2D([x0, x1], [y0, y0], color=entry.colour, linewidth=1.5, transform=fig.transFigure))
        return
    x0, y0 = at(x, middle + side / 2)
    x1, y1 = at(x + side, middle - side / 2)
    fig.add_artist(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=entry.colour, linewidth=0, transform=fig.transFigure))


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
