"""The deck's look in one place: colours (house style or client branding), type sizes, geometry.

Planning and drawing both read these values, so the size a text was measured at is the size
it is drawn at, and a client variant changes colours here without touching any layout code.
All lengths are inches (floats) until a shape is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.util import Emu

from reportgen import style as house
from reportgen.model.elements import Branding

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
    """Colours for one deck; the face is the Office face for every variant."""

    palette: tuple[RGBColor, ...]
    accent: RGBColor
    text: RGBColor
    muted: RGBColor
    light: RGBColor  # table zebra rows and key-figure tiles
    rule: RGBColor  # hairlines
    white: RGBColor
    font: str = house.OFFICE_FONT_FAMILY

    def series(self, index: int) -> RGBColor:
        return self.palette[index % len(self.palette)]


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def style_for(branding: Branding) -> Style:
    """The branding's colours (the house style's unless a client brings its own) as RGB."""
    return Style(
        palette=tuple(rgb(c) for c in branding.palette),
        accent=rgb(branding.accent),
        text=rgb(house.TEXT),
        muted=rgb(house.MUTED),
        light=rgb("#F2F4F7"),
        rule=rgb("#C9CED6"),
        white=rgb(house.WHITE),
    )


def emu(inches: float) -> Emu:
    return Emu(round(inches * 914400))


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def split_x(self, left_w: float, gap: float = GAP) -> tuple[Box, Box]:
        """Two side-by-side boxes: the left one ``left_w`` wide, the right one taking the rest."""
        return Box(self.x, self.y, left_w, self.h), Box(self.x + left_w + gap, self.y, self.w - left_w - gap, self.h)


CONTENT = Box(MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_BOTTOM - CONTENT_TOP)
