"""Stacking measured content down slides: frames, bands, packing and continuation.

A slide's content is a list of placed frames (a text box, a label, a chart, part of a table,
key figures, process steps), each with its box. Prose, key figures, tables and process steps
are "bands" stacked down content slides: a band places what fits in the room left, shrinking
a type size step first; what still does not fit continues on the next slide at an item or row
boundary, titled "(continued)". Every height is measured with the deck's font before a shape
exists, so what is planned fits when drawn. Bands are stacked in a content area (``area``, the
deck geometry's: the house slide's, or a template layout's body), at its width. Nothing here
knows which section it lays out: that is the deck policy's (``plan``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from reportgen.errors import BuildError
from reportgen.model.elements import Chart, ChartKind, KeyFigure
from reportgen.writers.pptx.style import BODY_SIZE, BODY_SIZES, GAP, SMALL_SIZE, Box
from reportgen.writers.pptx.tables import TableLayout
from reportgen.writers.pptx.text import (
    INSET_X,
    INSET_Y,
    TextItem,
    balanced_height,
    column_height,
    fill_columns,
    line_height,
    split_columns,
    split_item,
    text_height,
)

CAPTION_SIZE = 12
STEP_TITLE_SIZE = 13
STEP_SIZE = 12
STEP_SHAPE_H = 0.62
STEP_INSET_X = 0.3  # keeps a step's name clear of the chevron's points
FIGURE_TILE_H = 1.2  # key figures side by side
SIDE_TILE_H = 0.95  # key figures one above the other, beside a chart
SOURCE_GAP = 0.05  # between a table and its source line
SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", "؟")  # what ends a sentence (Latin, CJK, Arabic)

Gettext = Callable[[str], str]  # a fixed string in the deck's language (``Report.gettext``)


def continued(title: str, _: Gettext) -> str:
    """A title or caption repeated on a continuation slide."""
    return _("{title} (continued)").format(title=title)


# --- what a slide holds --------------------------------------------------------------------


@dataclass(frozen=True)
class TextFrame:
    items: tuple[TextItem, ...]
    size: float


@dataclass(frozen=True)
class LabelFrame:
    """One short styled line: a table caption or a source line."""

    text: str
    role: Literal["caption", "source"]


@dataclass(frozen=True)
class ChartFrame:
    chart: Chart
    kind: ChartKind  # as drawn, which the plan decides (a share chart with many slices is drawn as bars)


@dataclass(frozen=True)
class TableFrame:
    layout: TableLayout
    rows: tuple[int, ...]


@dataclass(frozen=True)
class FiguresFrame:
    figures: tuple[KeyFigure, ...]
    stacked: bool  # one above the other (side panel) rather than side by side


@dataclass(frozen=True)
class StepsFrame:
    """A left-to-right process: one chevron per step, its description underneath."""

    steps: tuple[tuple[str, str], ...]


Frame = TextFrame | LabelFrame | ChartFrame | TableFrame | FiguresFrame | StepsFrame
Placed = tuple[Box, Frame]


# --- bands: content stacked down a slide ---------------------------------------------------


@dataclass(frozen=True)
class Taken:
    frames: list[Placed]
    height: float
    rest: Band | None  # what did not fit and continues on the next slide


class Band(Protocol):
    continued: bool

    def take(self, y: float, room: float, fresh: bool, reserve: float = 0.0) -> Taken | None:
        """Place as much as fits in ``room`` inches from ``y``; None if too little would fit
        (the band then starts on a new slide; on a ``fresh`` slide something is always placed).
        ``reserve`` is what the bands after this one need, for a band that can give up space."""

    def natural_height(self) -> float:
        """Height of the whole band at its usual size."""


def text_columns(items: Sequence[TextItem]) -> int:
    """One column for a short text, three for a long list of short entries, two otherwise."""
    chars = [len(i.lead) + len(i.text.plain) for i in items]
    if sum(chars) <= 260:
        return 1
    return 3 if len(items) > 8 and sum(chars) / len(items) < 60 else 2


@dataclass(frozen=True)
class TextBand:
    items: tuple[TextItem, ...]
    columns: int
    area: Box
    continued: bool = False

    @property
    def width(self) -> float:
        return column_width(self.area, self.columns)

    def natural_height(self) -> float:
        return balanced_height(self.items, BODY_SIZE, self.width, self.area.h * 4, self.columns)

    def take(self, y: float, room: float, fresh: bool, reserve: float = 0.0) -> Taken | None:
        """The largest size at which the whole text fits, leaving room for what follows if it
        can; else as many items as fit, the rest continuing on the next slide."""
        width = self.width
        for space in dict.fromkeys((room - reserve, room)):
            for size in BODY_SIZES:
                if space > 0 and fill_columns(self.items, size, width, space, self.columns) == len(self.items):
                    height = balanced_height(self.items, size, width, space, self.columns)
                    return Taken(self._frames(self.items, size, width, height, y), height, None)
        n = fill_columns(self.items, BODY_SIZE, width, room, self.columns)
        if n == 0 and not fresh:
            return None
        size = BODY_SIZE if n else BODY_SIZES[-1]
        n = max(n, 1)
        rest = TextBand(self.items[n:], self.columns, self.area, True) if n < len(self.items) else None
        return Taken(self._frames(self.items[:n], size, width, room, y), room, rest)

    def _frames(self, items, size: float, width: float, height: float, y: float) -> list[Placed]:
        columns = split_columns(items, size, width, height, self.columns)
        return [(Box(self.area.x + i * (width + GAP), y, width, column_height(col, size, width)), TextFrame(tuple(col), size))
                for i, col in enumerate(columns)]


def column_width(area: Box, columns: int) -> float:
    return (area.w - GAP * (columns - 1)) / columns


def text_band(items: Sequence[TextItem], area: Box, columns: int | None = None) -> TextBand:
    """A text band whose every item fits one column of an empty slide (longer ones are cut)."""
    columns = columns or text_columns(items)
    width = column_width(area, columns)
    return TextBand(tuple(p for i in items for p in split_item(i, BODY_SIZE, width, area.h)), columns, area)


@dataclass(frozen=True)
class TableBand:
    """A table, measured at one or more type sizes (largest first), from row ``start`` on."""

    layouts: tuple[TableLayout, ...]
    caption: str
    gettext: Gettext
    area: Box
    start: int = 0

    @property
    def continued(self) -> bool:
        return self.start > 0

    def natural_height(self) -> float:
        layout = self.layouts[-1]
        return self._space(layout) + layout.height(self.start, len(layout.table.rows))

    def take(self, y: float, room: float, fresh: bool, reserve: float = 0.0) -> Taken | None:
        rows = len(self.layouts[0].table.rows) - self.start
        layout = next((lay for lay in self.layouts if self._space(lay) + lay.height(self.start, self.start + rows) <= room),
                      self.layouts[-1])
        n = self._rows_fitting(layout, room - self._space(layout))
        if n < rows and rows - n < 2 <= n - 1:
            n = rows - 2  # never leave a single row to a continuation slide
        if n < min(3, rows) and not fresh:
            return None
        n = max(n, 1)
        rest = TableBand((layout,), self.caption, self.gettext, self.area, self.start + n) if n < rows else None
        return self._place(layout, y, n, rest)

    def _space(self, layout: TableLayout) -> float:
        """Height of everything but the rows: caption, header and source line."""
        source = table_source(layout, self.gettext)
        src_h = SOURCE_GAP + text_height(((source, False),), SMALL_SIZE, self.area.w) if source else 0.0
        return (caption_height() if self.caption else 0.0) + layout.header_height + src_h

    def _rows_fitting(self, layout: TableLayout, room: float) -> int:
        n, used = 0, 0.0
        for h in layout.row_heights[self.start:]:
            if used + h > room:
                break
            n, used = n + 1, used + h
        return n

    def _place(self, layout: TableLayout, y: float, n: int, rest: TableBand | None) -> Taken:
        frames: list[Placed] = []
        top, x, w = y, self.area.x, self.area.w
        if self.caption:
            caption = continued(self.caption, self.gettext) if self.start else self.caption
            frames.append((Box(x, y, w, caption_height()), LabelFrame(caption, "caption")))
            y += caption_height()
        rows = tuple(range(self.start, self.start + n))
        table_h = layout.header_height + sum(layout.row_heights[r] for r in rows)
        frames.append((Box(x, y, layout.width, table_h), TableFrame(layout, rows)))
        y += table_h
        source = table_source(layout, self.gettext)
        if source:
            src_h = text_height(((source, False),), SMALL_SIZE, w)
            frames.append((Box(x, y + SOURCE_GAP, w, src_h), LabelFrame(source, "source")))
            y += SOURCE_GAP + src_h
        return Taken(frames, y - top, rest)


@dataclass(frozen=True)
class FiguresBand:
    figures: tuple[KeyFigure, ...]
    area: Box
    continued: bool = False

    def natural_height(self) -> float:
        return FIGURE_TILE_H

    def take(self, y: float, room: float, fresh: bool, reserve: float = 0.0) -> Taken | None:
        if room < FIGURE_TILE_H and not fresh:
            return None
        return Taken([(Box(self.area.x, y, self.area.w, FIGURE_TILE_H), FiguresFrame(self.figures, False))], FIGURE_TILE_H, None)


@dataclass(frozen=True)
class StepsBand:
    steps: tuple[tuple[str, str], ...]
    area: Box
    continued: bool = False

    def height(self) -> float:
        width = step_width(len(self.steps), self.area.w)
        text = max(text_height(((d, False),), STEP_SIZE, width) for _, d in self.steps)
        return step_shape_height(self.steps, self.area.w) + GAP / 2 + text

    def natural_height(self) -> float:
        return self.height()

    def take(self, y: float, room: float, fresh: bool, reserve: float = 0.0) -> Taken | None:
        h = self.height()
        if h > room and not fresh:
            return None
        return Taken([(Box(self.area.x, y, self.area.w, h), StepsFrame(self.steps))], h, None)


def step_width(count: int, width: float) -> float:
    """One step's width when ``count`` of them share ``width`` inches."""
    return (width - GAP * (count - 1)) / count


def step_shape_height(steps: Sequence[tuple[str, str]], width: float) -> float:
    """Chevron height: room for the longest step name inside the arrow's insets."""
    inner = step_width(len(steps), width) - 2 * STEP_INSET_X + 2 * INSET_X  # text_height takes off the text-box insets
    return max([STEP_SHAPE_H, *(text_height(((t, True),), STEP_TITLE_SIZE, inner) for t, _ in steps)])


def source_parts(layout: TableLayout, _: Gettext) -> list[str]:
    """The lines under a table: its source, its note, and a word when years are left out."""
    selected = _("Selected years shown; the workbook has every year.") if layout.years_hidden else ""
    return [p for p in (layout.table.source, layout.table.note, selected) if p]


def table_source(layout: TableLayout, _: Gettext) -> str:
    return source_line(source_parts(layout, _))


def source_line(parts: Iterable[str]) -> str:
    """Sources and notes on one line, each its own sentence, as the PDF prints each on its own line:
    a source is often written without a full stop ("National regulators, 2023"), and a note after
    it would otherwise run on ("National regulators, 2023 Prices exclude..."). Repeats are dropped."""
    return " ".join(p if p.endswith(SENTENCE_ENDS) else p + "." for p in dict.fromkeys(parts) if p)


def pack(bands: Sequence[Band], area: Box) -> list[tuple[list[Placed], bool]]:
    """Stack bands down content slides' ``area``; each page comes with whether it starts mid-band."""
    pages: list[tuple[list[Placed], bool]] = []
    frames: list[Placed] = []
    y, continued = area.y, False
    queue = list(bands)
    while queue:
        band = queue.pop(0)
        reserve = sum(b.natural_height() + GAP for b in queue)
        taken = band.take(y, area.bottom - y, fresh=not frames, reserve=reserve)
        if taken is None:
            if not frames:  # a band must place something on an empty slide, or this would never end
                raise BuildError(f"a {type(band).__name__} placed nothing on an empty slide")
            pages.append((frames, continued))
            frames, y, continued = [], area.y, band.continued
            queue.insert(0, band)
            continue
        frames += taken.frames
        y += taken.height + GAP
        if taken.rest is not None:
            pages.append((frames, continued))
            frames, y, continued = [], area.y, True
            queue.insert(0, taken.rest)
    if frames:
        pages.append((frames, continued))
    return pages



def caption_height() -> float:
    """A table caption: one line at the caption size."""
    return line_height(CAPTION_SIZE) + 2 * INSET_Y


def source_height() -> float:
    """The source lines under charts and tables: room for two lines."""
    return 2 * line_height(SMALL_SIZE) + 2 * INSET_Y


def fit_companion(
    before: list[TextItem], after: list[TextItem], width: float, height: float,
) -> tuple[float, list[TextItem], list[TextItem], list[TextItem]]:
    """The largest run of text around a chart that fits ``width`` x ``height``, and what is left over.

    Text is dropped from the start of what came before the chart, then from the end of what
    came after it, so the commentary kept is the text nearest the chart, in reading order.
    Returns the size, the kept items, and the items dropped before and after.
    """
    b, a = list(before), list(after)
    while b or a:
        items = b + a
        for size in BODY_SIZES:
            if column_height(items, size, width) <= height:
                return size, items, before[: len(before) - len(b)], after[len(a):]
        if b:
            b.pop(0)
        else:
            a.pop()
    return BODY_SIZE, [], before, after

