"""The deck's look in one place: the brand's colours and Office face as the deck draws them, type sizes, geometry.

Planning and drawing both read these values, so the size a text was measured at is the size
it is drawn at, and a brand or a client variant changes colours here without touching any
layout code. All lengths are inches (floats) until a shape is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.util import Emu

from reportgen.model.brand import Brand
from reportgen.pptx_template import Area

# 16:9 at PowerPoint's default widescreen size.
SLIDE_W = 13.333
SLIDE_H = 7.5
MARGIN = 0.55
CONTENT_W = SLIDE_W - 2 * MARGIN

KICKER_Y = 0.32
KICKER_H = 0.32
TITLE_Y = 0.64
TITLE_H = 1.02
CONTENT_TOP = 1.72
CONTENT_BOTTOM = 6.72
FOOTER_RULE_Y = 6.86
FOOTER_Y = 6.94
FOOTER_H = 0.34
GAP = 0.16  # between stacked bands and side-by-side panels

# Type sizes in points.
TITLE_SIZES = (24, 22, 20, 18, 16)
KICKER_SIZE = 12
BODY_SIZES = (16, 14, 13, 12)  # largest first; text shrinks one step at a time before it splits
BODY_SIZE = 14  # the size a text that cannot fit on one slide is split at
TABLE_SIZE = 11
DENSE_TABLE_SIZE = 10  # long reference tables: more rows per continuation slide
DENSE_TABLE_ROWS = 20
SMALL_SIZE = 9  # source lines, footers, chart keys
CHART_SIZE = 10
CHART_TITLE_SIZE = 12


@dataclass(frozen=True)
class Style:
    """The brand's colours for one deck as RGB, and its Office face."""

    palette: tuple[RGBColor, ...]
    history: tuple[RGBColor, ...]  # each series colour's history tint (``Colours.history``: the PDF's rule)
    accent: RGBColor
    accent_history: RGBColor
    text: RGBColor
    muted: RGBColor
    light: RGBColor  # table zebra rows and key-figure tiles
    rule: RGBColor  # hairlines
    white: RGBColor  # the background: slides, gaps between slices
    on_accent: RGBColor  # text on accent fills (the title band, table headers, chevrons)
    total: RGBColor  # a table's total row
    font: str

    def series(self, index: int) -> RGBColor:
        return self.palette[index % len(self.palette)]

    def series_history(self, index: int) -> RGBColor:
        return self.history[index % len(self.history)]


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def style_for(brand: Brand) -> Style:
    """The brand's colours as RGB and its Office face."""
    c = brand.colours
    return Style(
        palette=tuple(rgb(s) for s in c.series),
        history=tuple(rgb(c.history(s)) for s in c.series),
        accent=rgb(c.accent),
        accent_history=rgb(c.history(c.accent)),
        text=rgb(c.text),
        muted=rgb(c.muted),
        light=rgb(c.fill),
        rule=rgb(c.rule),
        white=rgb(c.background),
        on_accent=rgb(c.on_accent),
        total=rgb(c.total_fill),
        font=brand.office.family,
    )


def emu(inches: float) -> Emu:
    return Emu(round(inches * 914400))


@dataclass(frozen=True)
class Box(Area):
    """A rectangle on the slide, in inches, as the deck lays it out."""

    @classmethod
    def of(cls, area: Area) -> Box:
        return cls(area.x, area.y, area.w, area.h)

    def split_x(self, left_w: float, gap: float = GAP) -> tuple[Box, Box]:
        """Two side-by-side boxes: the left one ``left_w`` wide, the right one taking the rest."""
        return Box(self.x, self.y, left_w, self.h), Box(self.x + left_w + gap, self.y, self.w - left_w - gap, self.h)


CONTENT = Box(MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_BOTTOM - CONTENT_TOP)
