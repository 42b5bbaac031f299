"""Where things go on the deck's slides: one ``Geometry`` that planning, packing and drawing all read.

The house deck has a fixed geometry (``HOUSE``, 13.33 x 7.5 in), from which ``master`` lays out
its own master and layouts. A deck built on a corporate template takes its geometry from the
template's layouts instead (``template.geometry``): the slide's size, the box of the title
placeholder of the layout content slides use, the content area of its body placeholder. Every
measurement (how wide a table may be, how many rows fit, where a chart goes) is made against
this object, so content planned for a 10 in slide fits a 10 in slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.writers.pptx.style import (
    CONTENT,
    CONTENT_W,
    GAP,
    KICKER_H,
    KICKER_Y,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    TITLE_H,
    TITLE_Y,
    Box,
)

TITLE_BAND_H = 4.55  # the house title slide's accent band, behind the title
LOGO_W, LOGO_H = 2.8, 1.5  # the largest box a client's logo is scaled into


@dataclass(frozen=True)
class Cover:
    """The title slide: where the deck's title and the lines about the edition go."""

    title: Box  # the title placeholder's text area
    subtitle: Box | None  # the subtitle placeholder's text area (None: the layout has none)
    facts: Box | None  # a text box for place, edition and client; None: they follow the subtitle in its placeholder
    logo: Box | None  # where a client's logo is scaled into (None: no room for one)


@dataclass(frozen=True)
class Geometry:
    """The slide size and the boxes of a content slide and of the title slide, in inches.

    ``title`` is the box a slide title must fit. The house deck sets the kicker (the section's
    name) in a box of its own above the title; a template's title placeholder has its own
    colours and faces, on a band or a picture reportgen knows nothing of, so there the kicker is
    the placeholder's first line (``kicker`` None), in the title's colours, and ``title`` is the
    placeholder less that line.
    """

    width: float
    height: float
    kicker: Box | None
    title: Box
    content: Box
    cover: Cover

    @property
    def panel_w(self) -> float:
        """Commentary beside a single chart: the house share of the content width."""
        return self.content.w * PANEL_SHARE


PANEL_SHARE = 4.1 / CONTENT_W  # 4.1 in of the house's 12.23 in content width

HOUSE = Geometry(
    width=SLIDE_W,
    height=SLIDE_H,
    kicker=Box(MARGIN, KICKER_Y, CONTENT_W, KICKER_H),
    title=Box(MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
    content=CONTENT,
    cover=Cover(
        title=Box(MARGIN, 1.25, CONTENT_W, 2.1),
        subtitle=Box(MARGIN, 3.4, CONTENT_W, 0.9),
        facts=Box(MARGIN, TITLE_BAND_H + 0.4, CONTENT_W - LOGO_W - GAP, 2.2),
        logo=Box(SLIDE_W - MARGIN - LOGO_W, TITLE_BAND_H + 0.45, LOGO_W, LOGO_H),
    ),
)
