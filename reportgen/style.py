"""The house style shared by every writer: palette, accent, history tints, number formats and fonts.

One definition so that the PDF's charts, the deck's native charts and the workbook's charts
use the same colours, and a client variant (``Branding``) changes them in one place. A
rebrand is an edit here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.format import CAGR_DECIMALS, MONEY_DECIMALS, SHARE_DECIMALS, is_percent
from reportgen.resources import FONTS_DIR

# The PDF's face: embedded in every PDF, so it looks the same on any machine.
FONT_FAMILY = "Open Sans"
FONT_FILES = {
    "regular": FONTS_DIR / "OpenSans-Regular.ttf",
    "bold": FONTS_DIR / "OpenSans-Bold.ttf",
    "italic": FONTS_DIR / "OpenSans-Italic.ttf",
    "semibold": FONTS_DIR / "OpenSans-Semibold.ttf",
}
# (face, CSS font-weight, CSS font-style) of every file, for @font-face rules.
FONT_FACES = (("regular", 400, "normal"), ("semibold", 600, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"))


@dataclass(frozen=True)
class FontFace:
    """One font file of the PDF's font stack (``index``: the face within a .ttc collection)."""

    path: Path
    weight: int = 400
    style: str = "normal"
    index: int = 0


@dataclass(frozen=True)
class FontFamily:
    """A family of the PDF's font stack, under the name the PDF's CSS and charts call it."""

    name: str
    faces: tuple[FontFace, ...]


# The PDF's fonts, in the order text falls back through them: the house face for Latin,
# Greek, Cyrillic and Vietnamese, then Noto for everything else (Debian's fonts-noto-core and
# fonts-noto-cjk, installed by scripts/system-deps.sh). The PDF never uses another font: its
# families carry private names ("RG ..."), so no font installed on the machine can stand in
# for them, and `check` refuses a character none of them draws (reportgen.typefaces). A
# family whose files are missing here is left out (and so are the characters only it draws). Han characters are drawn in the
# Simplified Chinese face of the CJK collection (kana and hangul are the same in every face).
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
CJK_SIMPLIFIED_CHINESE = 2  # face index in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK, then the Mono faces


def _noto(script: str) -> FontFamily:
    stem = f"NotoSans{script.replace(' ', '')}"
    return FontFamily(f"RG Noto Sans {script}".rstrip(),
                      (FontFace(NOTO / f"{stem}-Regular.ttf"), FontFace(NOTO / f"{stem}-Bold.ttf", 700)))


PDF_FONTS: tuple[FontFamily, ...] = (
    FontFamily(f"RG {FONT_FAMILY}", tuple(FontFace(FONT_FILES[face], weight, style) for face, weight, style in FONT_FACES)),
    _noto(""),  # Latin, Greek and Cyrillic letters Open Sans lacks
    *map(_noto, ("Thai", "Lao", "Khmer", "Myanmar", "Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi",
                 "Gujarati", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Georgian", "Armenian", "Ethiopic")),
    FontFamily("RG Noto Sans CJK", (FontFace(NOTO_CJK / "NotoSansCJK-Regular.ttc", index=CJK_SIMPLIFIED_CHINESE),
                                    FontFace(NOTO_CJK / "NotoSansCJK-Bold.ttc", 700, index=CJK_SIMPLIFIED_CHINESE))),
)
# The deck's and the workbook's face. An Office file cannot carry its font to every reader
# (PowerPoint embeds only for itself, LibreOffice 7.4 reads no font embedded in a .pptx), so
# they are set in Calibri, which every Office install has and every LibreOffice shows with
# Carlito, its metric-compatible open twin: text measured with Carlito's metrics (shipped in
# fonts/, OFL) fits the same boxes and columns on either.
OFFICE_FONT_FAMILY = "Calibri"
OFFICE_FONT_SIZE = 11  # Excel's default cell text
OFFICE_METRIC_FILES = {"regular": FONTS_DIR / "Carlito-Regular.ttf", "bold": FONTS_DIR / "Carlito-Bold.ttf"}
# Office-standard faces for the writing systems Calibri lacks, by ISO 15924 script code (the
# keys a theme's supplemental font list uses): on every Windows since 8 and with Office for Mac.
# A theme's East Asian and complex-script defaults are the first two.
OFFICE_EAST_ASIAN_FONT = "Microsoft YaHei"
OFFICE_COMPLEX_FONT = "Arial"
OFFICE_SCRIPT_FONTS = {
    "Hans": "Microsoft YaHei",
    "Hant": "Microsoft JhengHei",
    "Jpan": "Yu Gothic",
    "Hang": "Malgun Gothic",
    "Arab": "Arial",
    "Hebr": "Arial",
    "Thai": "Tahoma",
    "Deva": "Nirmala UI",
    "Viet": OFFICE_FONT_FAMILY,  # Calibri covers Vietnamese, Greek and Cyrillic itself
}

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
WHITE = "#FFFFFF"  # text on the accent, and the gaps between slices and stacked segments

# History is shown paler than forecast, in every format. The house accent has a hand-picked
# pale shade; any other colour (a client's) is mixed with white by HISTORY_TINT, which the deck
# applies as PowerPoint's brightness. The PDF's charts, which shade the forecast years as well,
# mix a little less.
HISTORY = "#9DB3C9"
HISTORY_TINT = 0.55
PRINT_HISTORY_TINT = 0.5


def tint(colour: str, amount: float = HISTORY_TINT) -> str:
    """``#RRGGBB`` mixed with white: ``amount`` 0 keeps the colour, 1 is white."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def history_colour(accent: str) -> str:
    """The fill of history columns drawn beside forecast columns in ``accent``."""
    return HISTORY if accent == ACCENT else tint(accent)


# Decimal places per value type: the formatter's, so a figure rounds the same in the workbook's
# cells and the deck's chart labels as in the PDF's text. "index" is the workbook's price index.
_DECIMALS = {"money": MONEY_DECIMALS, "percent": SHARE_DECIMALS, "cagr": CAGR_DECIMALS, "index": 2}


def number_format(value_type: str, decimals: int | None = None, *, grouped: bool = True) -> str:
    """An Excel number format (workbook cells, native chart labels) showing a value type.

    ``decimals`` overrides the type's places (axis ticks need fewer); ``grouped`` adds the
    thousands separator.
    """
    places = _DECIMALS.get(value_type, 0) if decimals is None else decimals
    code = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    return code + "%" if is_percent(value_type) else code
