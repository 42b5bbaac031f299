"""Text measured in the Office face, so the deck's boxes and the workbook's columns fit on any machine.

The deck and the workbook are set in Calibri (``style.OFFICE_FONT_FAMILY``), which PowerPoint
and Excel have everywhere and LibreOffice shows with Carlito, a metric-compatible twin shipped
with the package. Widths are Carlito's advance widths read from the font file (fontTools), with
no kerning and no ligatures: PowerPoint kerns only larger sizes and LibreOffice kerns all, so an
unkerned width is never short on either.

Calibri has Latin (Vietnamese included), Greek and Cyrillic. Other scripts (Chinese, Japanese,
Korean, Arabic, Hebrew, Thai, Devanagari...) are drawn by another face, which differs between
machines, so their width and line height are estimated on the generous side of the faces
Office uses for them (``style.OFFICE_SCRIPT_FONTS``): such text gets more room, never less.

Inline code is set in Courier New, which every Office install has and LibreOffice shows with
Liberation Mono, its metric-compatible twin: every character advances 0.6 em in either, bold
or not, so code is measured exactly without a font file.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

from fontTools.ttLib import TTFont

from reportgen.model.elements import LINE_BREAK
from reportgen.style import OFFICE_METRIC_FILES

WIDE_EM = 1.0  # a Chinese, Japanese or Korean character, or any full-width form
OTHER_EM = 0.72  # a letter of another script: Arabic, Hebrew, Thai and Devanagari faces average nearer 0.5
TALL_LINE_EM = 1.55  # a line holding such a character: Yu Gothic, the tallest of those faces, sets about 1.5
_ZERO_WIDTH = ("Mn", "Me", "Cf")  # combining marks (Thai vowels, Arabic harakat) and format characters
MONO_FACE = "Courier New"  # inline code's face in the deck and the workbook
MONO_EM = 0.6  # its advance, and Liberation Mono's, for every character it has

Run = tuple[str, bool] | tuple[str, bool, bool]  # text, bold and, for inline code, monospaced


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Carlito's advance width of every character it has, in ems, and its line height in ems."""
    font = TTFont(OFFICE_METRIC_FILES["bold" if bold else "regular"], lazy=True)
    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)  # Carlito's creation date reads as before 1970: a harmless warning
    try:
        em = font["head"].unitsPerEm
    finally:
        head_log.setLevel(level)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / em for code, glyph in font.getBestCmap().items()}
    os2, hhea = font["OS/2"], font["hhea"]
    line = max(os2.usWinAscent + os2.usWinDescent, hhea.ascent - hhea.descent + hhea.lineGap) / em
    return widths, line


def covered(char: str) -> bool:
    """Whether the Office face itself draws the character (whitespace counts as drawn)."""
    return char.isspace() or ord(char) in _advances(False)[0]


def _estimate(char: str) -> float:
    """Width in ems of a character the Office face lacks."""
    if unicodedata.category(char) in _ZERO_WIDTH:
        return 0.0
    return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F") else OTHER_EM


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of one unwrapped line at ``size`` points, in points (cached: layouts measure the same words often)."""
    if mono:
        return size * sum(MONO_EM if c.isascii() else max(MONO_EM, _estimate(c)) for c in text)
    widths = _advances(bold)[0]
    return size * sum(widths[ord(c)] if ord(c) in widths else _estimate(c) for c in text)


def line_height(size: float, text: str = "") -> float:
    """Height of one line at 100% spacing, in points; taller when ``text`` needs another face."""
    em = _advances(False)[1]
    if not _all_covered(text):
        em = max(em, TALL_LINE_EM)
    return size * em


@lru_cache(maxsize=65536)
def _all_covered(text: str) -> bool:
    """Whether the Office face draws every character of ``text`` (cached: layouts ask about the
    same texts thousands of times, and checking character by character was the deck's largest cost)."""
    return all(covered(c) for c in text)


def line_count(runs: Sequence[Run], size: float, width: float, allowance: float = 1.0) -> int:
    """Lines the runs take when wrapped at spaces into ``width`` points, each width times ``allowance``.

    A word wider than the line breaks between characters, as PowerPoint and Excel break it, and
    a hard line break (``LINE_BREAK``) starts a new line.
    """
    width = max(width, 0.01)
    space = text_width(" ", size) * allowance
    lines, x = 1, 0.0
    for text, bold, *code in runs:
        mono = bool(code and code[0])
        for n, line in enumerate(text.split(LINE_BREAK)):
            if n:
                lines, x = lines + 1, 0.0
            lines, x = _wrap(line, size, bold, mono, width, space, allowance, lines, x)
    return lines


def _wrap(text: str, size: float, bold: bool, mono: bool, width: float, space: float, allowance: float,
          lines: int, x: float) -> tuple[int, float]:
    """``line_count`` for the words of one run without a hard break, from ``x`` on line ``lines``."""
    for word in text.split():
        w = text_width(word, size, bold, mono) * allowance
        if x and x + space + w <= width:
            x += space + w
            continue
        if x:
            lines += 1
        x = 0.0
        if w > width:
            for char in word:
                c = text_width(char, size, bold, mono) * allowance
                if x and x + c > width:
                    lines, x = lines + 1, 0.0
                x += c
        else:
            x = w
    return lines, x
