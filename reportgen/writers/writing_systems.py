"""Which writing system a text is in, so the Office writers name the face, language and direction for it.

Calibri draws Latin (Vietnamese included), Greek and Cyrillic, so text in those needs nothing.
A name in another script (a Japanese investor, a Thai hospital, an Israeli start-up) is drawn by
whatever face PowerPoint or Excel falls back to unless the file says which: the deck names the
Office-standard face of the script on the run (``OFFICE_SCRIPT_FONTS``) and, for Chinese,
Japanese and Korean, the run's East Asian language (which decides the glyph forms of shared
Han characters); the workbook sets the cell's face. Text that is mainly Arabic or Hebrew is laid
out right to left. The edition language stays the run's language: that is what it is proofed in.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from babel.core import Locale, get_global

from reportgen.i18n import babel_locale

# Office-standard faces for the writing systems an Office face such as Calibri lacks, by ISO 15924
# script code (the keys a theme's supplemental font list uses): on every Windows since 8 and with
# Office for Mac. A theme's East Asian and complex-script defaults are the first two.
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
}

# Code point ranges by ISO 15924 script code, sorted; "Hani" (Han) and "Kana" (kana) decide
# between Chinese and Japanese, Hangul makes a text Korean.
_RANGES = sorted([
    (0x0590, 0x05FF, "Hebr"), (0xFB1D, 0xFB4F, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"), (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"), (0xA8E0, 0xA8FF, "Deva"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "Hang"), (0x3130, 0x318F, "Hang"), (0xA960, 0xA97F, "Hang"), (0xAC00, 0xD7FF, "Hang"),
    (0x3040, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"),
    (0x2E80, 0x2FDF, "Hani"), (0x3000, 0x303F, "Hani"), (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"),
    (0xF900, 0xFAFF, "Hani"), (0xFF00, 0xFF65, "Hani"), (0x20000, 0x3134F, "Hani"),
])
_STARTS = [start for start, _, _ in _RANGES]
EAST_ASIAN_LANGUAGES = {"Jpan": "ja-JP", "Hang": "ko-KR", "Hans": "zh-CN"}
COMPLEX = ("Arab", "Hebr", "Thai", "Deva")
RIGHT_TO_LEFT = ("Arab", "Hebr")


def script_of(char: str) -> str | None:
    """The script code of a character outside Calibri's reach, or None (Latin, Greek, Cyrillic, digits...)."""
    code = ord(char)
    i = bisect.bisect_right(_STARTS, code) - 1
    return _RANGES[i][2] if i >= 0 and code <= _RANGES[i][1] else None


@dataclass(frozen=True)
class Scripts:
    """What a text needs beyond Calibri: an East Asian script (Jpan, Hang, Hans), a complex one, a direction."""

    east_asian: str | None = None
    complex: str | None = None
    rtl: bool = False

    @property
    def east_asian_font(self) -> str | None:
        return OFFICE_SCRIPT_FONTS[self.east_asian] if self.east_asian else None

    @property
    def complex_font(self) -> str | None:
        return OFFICE_SCRIPT_FONTS[self.complex] if self.complex else None

    @property
    def east_asian_language(self) -> str | None:
        return EAST_ASIAN_LANGUAGES.get(self.east_asian or "")

    @property
    def font(self) -> str | None:
        """The one face for a text that a format can only give one (an Excel cell): the script's, if any."""
        return self.east_asian_font or self.complex_font


PLAIN = Scripts()


@lru_cache(maxsize=16384)
def scripts_of(text: str) -> Scripts:
    """The scripts a text needs faces for; right to left when most of its letters are Arabic or Hebrew."""
    if text.isascii():
        return PLAIN
    found = Counter(script_of(c) for c in text if unicodedata.category(c)[0] in "LM" or script_of(c))
    letters = sum(found.values())
    found.pop(None, None)
    if not found:
        return PLAIN
    east_asian = "Hang" if found["Hang"] else "Jpan" if found["Kana"] else "Hans" if found["Hani"] else None
    complex_ = max((s for s in COMPLEX if found[s]), key=lambda s: found[s], default=None)
    rtl = sum(found[s] for s in RIGHT_TO_LEFT) * 2 > letters
    return Scripts(east_asian, complex_, rtl)


def language_tag(lang: str) -> str:
    """The Office language tag of an edition language, with its likely region ('es' -> 'es-ES'):
    Office's proofing languages are regional."""
    locale = Locale.parse(babel_locale(lang))
    territory = locale.territory or Locale.parse(get_global("likely_subtags")[locale.language]).territory
    return f"{locale.language}-{territory}"
