"""Text measured in the Office face, so the deck's boxes and the workbook's columns fit on any machine.

The deck and the workbook are set in the brand's Office face (``Brand.office``: Calibri in the
house brand, which PowerPoint and Excel have everywhere and LibreOffice shows with Carlito, its
metric-compatible twin). Its text is measured with the font files the brand says it is measured
with (its own files, or the twin's): advance widths read with fontTools, with no kerning and no
ligatures: PowerPoint kerns only larger sizes and LibreOffice kerns all, so an unkerned width is
never short on either. A writer measures inside ``measuring(brand.office)``; outside one (a test,
a tool), text is measured as Calibri, with Carlito.

A face such as Calibri has Latin (Vietnamese included), Greek and Cyrillic. Other scripts
(Chinese, Japanese, Korean, Arabic, Hebrew, Thai, Devanagari...) are drawn by another face,
which differs between machines, so their width and line height are estimated on the generous
side of the faces Office uses for them (``writing_systems.OFFICE_SCRIPT_FONTS``): such text gets more
room, never less.

Inline code is set in Courier New, which every Office install has and LibreOffice shows with
Liberation Mono, its metric-compatible twin: every character advances 0.6 em in either, bold
or not, so code is measured exactly without a font file.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import cache, lru_cache

from reportgen.model.brand import FontFace, OfficeFace
from reportgen.model.elements import LINE_BREAK
from reportgen.typefaces import OFFICE_TWINS, open_face

WIDE_EM = 1.0  # a Chinese, Japanese or Korean character, or any full-width form
OTHER_EM = 0.72  # a letter of another script: Arabic, Hebrew, Thai and Devanagari faces average nearer 0.5
TALL_LINE_EM = 1.55  # a line holding such a character: Yu Gothic, the tallest of those faces, sets about 1.5
_ZERO_WIDTH = ("Mn", "Me", "Cf")  # combining marks (Thai vowels, Arabic harakat) and format characters
MONO_FACE = "Courier New"  # inline code's face in the deck and the workbook
MONO_EM = 0.6  # its advance, and Liberation Mono's, for every character it has

Run = tuple[str, bool] | tuple[str, bool, bool]  # text, bold and, for inline code, monospaced


class _Measure:
    """The metrics of one Office face: advance widths and line height from its files, each
    measurement cached (layouts measure the same words, and ask about the same texts, thousands of times)."""

    def __init__(self, regular: FontFace, bold: FontFace):
        self.widths = (_advances(regular)[0], _advances(bold)[0])
        self.line_em = _advances(regular)[1]
        self.width = lru_cache(maxsize=65536)(self._width)
        self.all_covered = lru_cache(maxsize=65536)(self._all_covered)

    def covered(self, char: str) -> bool:
        return char.isspace() or ord(char) in self.widths[0]

    def _width(self, text: str, size: float, bold: bool, mono: bool) -> float:
        if mono:
            return size * sum(MONO_EM if c.isascii() else max(MONO_EM, _estimate(c)) for c in text)
        widths = self.widths[bold]
        return size * sum(widths[ord(c)] if ord(c) in widths else _estimate(c) for c in text)

    def _all_covered(self, text: str) -> bool:
        return all(self.covered(c) for c in text)


@cache
def _measure(regular: FontFace, bold: FontFace) -> _Measure:
    return _Measure(regular, bold)


_CURRENT: ContextVar[_Measure | None] = ContextVar("office_metrics", default=None)


@contextlib.contextmanager
def measuring(face: OfficeFace) -> Iterator[None]:
    """Measure text with ``face``'s metric files while the block runs (a writer's whole render)."""
    token = _CURRENT.set(_measure(face.regular, face.bold))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _current() -> _Measure:
    return _CURRENT.get() or _calibri()


@cache
def _calibri() -> _Measure:
    """Calibri measured with its twin, Carlito (shipped with the package): outside a writer's render."""
    twin = OFFICE_TWINS["calibri"]
    return _measure(FontFace(twin.regular[0]), FontFace(twin.bold[0], 700))


@cache
def _advances(face: FontFace) -> tuple[dict[int, float], float]:
    """The face's advance width of every character it has, in ems, and its line height in ems."""
    font = open_face(face)
    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)  # a creation date before 1970 (Carlito's) is a harmless warning
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
    return _current().covered(char)


def _estimate(char: str) -> float:
    """Width in ems of a character the Office face lacks."""
    if unicodedata.category(char) in _ZERO_WIDTH:
        return 0.0
    return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F") else OTHER_EM


def text_width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of one unwrapped line at ``size`` points, in points (``mono``: inline code)."""
    return _current().width(text, size, bold, mono)


def line_height(size: float, text: str = "") -> float:
    """Height of one line at 100% spacing, in points; taller when ``text`` needs another face."""
    measure = _current()
    em = measure.line_em if measure.all_covered(text) else max(measure.line_em, TALL_LINE_EM)
    return size * em


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
