"""The house style shared by every writer: palette, tints and font.

One definition so that the PDF's charts, the deck's native charts and the workbook's charts
use the same colours, and a client variant changes them in one place.
"""

from __future__ import annotations

from reportgen.resources import FONTS_DIR

FONT_FAMILY = "Open Sans"
FONT_FILES = {
    "regular": FONTS_DIR / "OpenSans-Regular.ttf",
    "bold": FONTS_DIR / "OpenSans-Bold.ttf",
    "italic": FONTS_DIR / "OpenSans-Italic.ttf",
    "semibold": FONTS_DIR / "OpenSans-Semibold.ttf",
}
# (face, CSS font-weight, CSS font-style) of every file, for the PDF's @font-face rules.
FONT_FACES = (("regular", 400, "normal"), ("semibold", 600, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"))

# Colour-blind-safe order (Okabe-Ito derived), darkest first so the leader stands out.
PALETTE = (
    "#1F4E79",  # deep blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#56B4E9",  # sky blue
    "#CC79A7",  # purple
    "#D55E00",  # vermilion
    "#8C8C8C",  # grey
    "#F0E442",  # yellow
)
ACCENT = "#1F4E79"
TEXT = "#1A1A1A"
MUTED = "#6B6B6B"
HISTORY = "#9DB3C9"  # history bars: a pale version of the accent, forecast bars use the accent
